import KontorModel
import KontorLocale
import KontorUI

/// The customer list; the related pane beside it is the App's.
extension CustomersScreen {
    /// From this width the list shows the country too.
    static let wideListWidth = 100

    /// The columns in the person's language, made as the list is drawn.
    static var narrowTable: TableView {
        TableView(columns: [
            .init(tr("Name"), .flexible(min: 16, weight: 4), id: "name"),
            .init(tr("Contact"), .flexible(min: 10, weight: 2), id: "contact"),
            .init(tr("City"), .flexible(min: 8, weight: 2), id: "city"),
            .init(tr("Phone"), .fixed(16), id: "phone"),
            .init(tr("Tickets"), .fixed(7), alignRight: true, id: "tickets"),
            .init(tr("Open €"), .fixed(11), alignRight: true, id: "open"),
        ])
    }

    static var wideTable: TableView {
        TableView(columns: [
            .init(tr("Name"), .flexible(min: 20, weight: 4), id: "name"),
            .init(tr("Contact"), .flexible(min: 12, weight: 2), id: "contact"),
            .init(tr("City"), .flexible(min: 10, weight: 2), id: "city"),
            .init(tr("Phone"), .fixed(17), id: "phone"),
            .init(tr("Ctry"), .fixed(4), id: "country"),
            .init(tr("Tickets"), .fixed(7), alignRight: true, id: "tickets"),
            .init(tr("Open €"), .fixed(12), alignRight: true, id: "open"),
        ])
    }

    /// Reads open tickets and balances for the visible rows not yet known:
    /// two queries per new window, none for a move within it. Part of the
    /// update step; drawing only looks the figures up.
    func loadFigures(for rows: ArraySlice<CustomerSummary>) throws {
        let missing = rows.map(\.id).filter { figures[$0] == nil }
        guard !missing.isEmpty else { return }
        if figures.count > 5000 { figures = [:] }
        let tickets = try session.database.tickets.openCounts(forCustomers: missing)
        let balances = try session.database.invoices.balances(ofCustomers: missing)
        for id in missing { figures[id] = RowFigures(openTickets: tickets[id] ?? 0, balance: balances[id]) }
    }

    func line(_ row: CustomerSummary, wide: Bool) -> TableView.Line {
        let known = figures[row.id]
        let balance = known?.balance
        let overdue = (balance?.overdueCount ?? 0) > 0
        // A credit (the business owes the customer) is marked, never shown as a debt.
        let open = balance.map { $0.openCents < 0 ? tr("cr {0}", Money.format(cents: -$0.openCents)) : Money.format(cents: $0.openCents) } ?? ""
        let tickets = (known?.openTickets ?? 0) > 0 ? "\(known!.openTickets)" : ""
        var cells = [row.name, row.contactName, row.city, row.phone]
        if wide { cells.append(row.country) }
        // Overdue money is marked with "!" as well as by colour.
        cells += [tickets, overdue ? "! " + open : open]
        return TableView.Line(cells: cells, role: row.archived ? .dim : (overdue ? .alert : nil), mark: overdue ? "!" : nil)
    }

    /// The list's table for an area this wide: the country only on wide terminals.
    func listTable(width: Int) -> TableView { Self.isWide(width) ? Self.wideTable : Self.narrowTable }
    static func isWide(_ width: Int) -> Bool { width >= wideListWidth }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let wide = Self.isWide(rect.width)
        return panel.draw(in: rect, grid: &grid, theme: theme, line: { line($0, wide: wide) })
    }
}
