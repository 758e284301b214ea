import KontorModel
import KontorUI

/// The customer list; the related pane beside it is the App's.
extension CustomersScreen {
    /// From this width the list shows the country too.
    static let wideListWidth = 100

    static let narrowTable = TableView(columns: [
        .init("Name", .flexible(min: 16, weight: 4)),
        .init("Contact", .flexible(min: 10, weight: 2)),
        .init("City", .flexible(min: 8, weight: 2)),
        .init("Phone", .fixed(16)),
        .init("Tickets", .fixed(7), alignRight: true),
        .init("Open €", .fixed(11), alignRight: true),
    ])

    static let wideTable = TableView(columns: [
        .init("Name", .flexible(min: 20, weight: 4)),
        .init("Contact", .flexible(min: 12, weight: 2)),
        .init("City", .flexible(min: 10, weight: 2)),
        .init("Phone", .fixed(17)),
        .init("Ctry", .fixed(4)),
        .init("Tickets", .fixed(7), alignRight: true),
        .init("Open €", .fixed(12), alignRight: true),
    ])

    /// Reads open tickets and balances for the visible rows not yet known:
    /// two queries per new window, none for a move within it.
    func loadFigures(for rows: ArraySlice<CustomerSummary>) {
        let missing = rows.map(\.id).filter { figures[$0] == nil }
        guard !missing.isEmpty else { return }
        if figures.count > 5000 { figures = [:] }
        let tickets = (try? session.database.tickets.openCounts(forCustomers: missing)) ?? [:]
        let balances = (try? session.database.invoices.balances(ofCustomers: missing)) ?? [:]
        for id in missing { figures[id] = RowFigures(openTickets: tickets[id] ?? 0, balance: balances[id]) }
    }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (titleRow, rest) = rect.splitTop(1)
        var cursor: Point?
        var x = titleRow.x + 1
        x += grid.write(query.archived ? "Archived customers" : "Customers", x: x, y: titleRow.y, style: theme[.title])
        if let prepared, prepared.query == query {
            let count = prepared.isCountCapped ? "more than " + Format.count(prepared.count) : Format.count(prepared.count)
            x += grid.write("  \(count) \(query.text.isEmpty ? (query.archived ? "archived" : "active") : "matching")", x: x, y: titleRow.y, style: theme[.dim])
        }
        if let filter {
            x += grid.write("   / ", x: x, y: titleRow.y, style: theme[.label].adding(.bold))
            let column = filter.draw(x: x, y: titleRow.y, width: max(10, min(40, titleRow.maxX - x - 1)), grid: &grid, style: theme[.inputFocused])
            cursor = Point(x: column, y: titleRow.y)
        } else if !query.text.isEmpty {
            grid.write("   filter: \(query.text)  (/ to change, Esc to clear)", x: x, y: titleRow.y, maxWidth: titleRow.maxX - x - 1, style: theme[.marked])
        }
        let listArea = rest
        list.visibleCount = max(1, listArea.height - 1)
        try? list.fillWindow()
        loadFigures(for: list.visibleRows)
        let wide = listArea.width >= Self.wideListWidth
        let lines = list.visibleRows.map { row in
            let known = figures[row.id]
            let balance = known?.balance
            let overdue = (balance?.overdueCount ?? 0) > 0
            let open = balance.map { Money.format(cents: $0.openCents) } ?? ""
            let tickets = (known?.openTickets ?? 0) > 0 ? "\(known!.openTickets)" : ""
            var cells = [row.name, row.contactName, row.city, row.phone]
            if wide { cells.append(row.country) }
            // Overdue money is marked with "!" as well as by colour.
            cells += [tickets, overdue ? "! " + open : open]
            return TableView.Line(cells: cells, role: row.archived ? .dim : (overdue ? .alert : nil), mark: overdue ? "!" : nil)
        }
        (wide ? Self.wideTable : Self.narrowTable).draw(
            lines, cursor: list.cursor - list.top, in: listArea, grid: &grid, theme: theme,
            focused: filter == nil, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            let message = query.text.isEmpty
                ? (query.archived ? "No archived customers." : "No customers yet. Press n to add one.")
                : "No customer matches “\(query.text)”. Esc clears the filter."
            grid.write(message, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.dim])
        }
        return cursor
    }
}
