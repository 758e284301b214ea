import KontorLocale
import KontorModel
import KontorUI

/// The list: quick views along the top, the table, and the view's totals
/// (summed by the database) with the filter along the bottom. On a wide
/// terminal the highlighted invoice is previewed beside it. Drawing is
/// pure: the rows, the totals and the preview were read in the update step.
extension InvoicesScreen {
    static func viewName(_ view: InvoiceView) -> String {
        switch view {
        case .all: return tr("All")
        case .drafts: return tr("Drafts")
        case .open: return tr("Open")
        case .overdue: return tr("Overdue")
        case .paid: return tr("Paid")
        case .cancelled: return tr("Cancelled")
        case .creditNotes: return tr("Credit notes")
        }
    }

    /// "issue" as the verb of invoices, in the person's words: the same
    /// English word names a stock move (Abgang) in the catalog, so the
    /// verb's German has a key of its own.
    static var issueWord: String { tr("issue", meaning: "an invoice") }

    /// The list's column of the day an invoice was issued: "Issued", in
    /// German the invoice's date ("Datum"), as short as the dates under it;
    /// "Issued" itself is the status's name (Ausgestellt) in the catalog.
    static var issuedColumn: String { tr("Issued", meaning: "the column of the day") }

    /// Whether the list's area has room for the wide table.
    static func isWide(_ area: Rect) -> Bool { area.width >= 110 }

    /// Dates as ISO when there is room, "29.11.26" on a narrow terminal. The
    /// status column holds "late 365d" (narrow) or "owed 10.000,00" (wide) in
    /// the person's words, and a longer header widens its column.
    static func table(wide: Bool, number: Int = 13) -> TableView {
        TableView(columns: [
            .init(tr("Number"), .fixed(max(13, number)), id: "number"),
            .init(tr("Customer"), .flexible(min: 10, weight: 1), id: "customer"),
            .init(issuedColumn, .fixed(max(wide ? 10 : 8, TextWidth.of(issuedColumn))), id: "issued"),
            .init(tr("Due"), .fixed(wide ? 10 : 8), id: "due"),
            .init(tr("Gross"), .fixed(wide ? 13 : 10), alignRight: true, id: "gross"),
            .init(tr("Paid"), .fixed(wide ? 13 : 10), alignRight: true, id: "paid"),
            .init(tr("Status"), .fixed(wide ? max(16, TextWidth.of(tr("owed {0}", "10.000,00"))) : max(10, TextWidth.of(tr("late {0}d", 365)))), id: "status"),
        ])
    }

    /// The number, or the draft's id while it has none.
    nonisolated static func numberLabel(_ row: InvoiceSummary) -> String { row.number ?? tr("draft #{0}", row.id) }

    static func date(_ iso: String?, wide: Bool) -> String {
        guard let iso else { return "" }
        guard !wide, iso.count == 10 else { return Format.day(iso) }
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2]).\(parts[1]).\(parts[0].suffix(2))" : iso
    }

    /// The list's status word for a row ("Overdue 12 days", "Overpaid
    /// 77,26", "Part paid"), capitalised; the palette says it the same way.
    nonisolated static func statusText(_ row: InvoiceSummary, today: String, wide: Bool) -> String {
        var status: String
        if row.isOverdue(today: today) {
            let days = row.daysOverdue(today: today)
            status = wide ? Wording.count(days, one: "overdue {0} day", other: "overdue {0} days") : tr("late {0}d", days)
        } else if row.kind == .creditNote {
            // Owed back until refunded; the amount where there is room.
            let owed = max(0, row.paidCents - row.grossCents)
            status = owed > 0 ? (wide ? tr("owed {0}", Money.format(cents: owed)) : tr("refund due")) : (wide ? tr("credit note") : tr("credit"))
        } else if row.paidCents > row.grossCents, row.status != .draft {
            status = wide ? tr("overpaid {0}", Money.format(cents: row.paidCents - row.grossCents)) : tr("overpaid")
        } else {
            // The status by the model's name ("Part paid" with a part paid), as every other screen says it.
            status = row.status.displayName(paidCents: row.paidCents)
        }
        // One case for every state in the column: "Part paid" beside "Paid".
        return status.prefix(1).uppercased() + status.dropFirst()
    }

    /// The state in words; overdue says by how many days ("late 12d" where
    /// the room is short), and carries a mark.
    static func line(_ row: InvoiceSummary, today: String, wide: Bool) -> TableView.Line {
        let overdue = row.isOverdue(today: today)
        let status = statusText(row, today: today, wide: wide)
        let role: Theme.Role? = overdue ? .alert : (row.status == .cancelled ? .dim : nil)
        return TableView.Line(
            cells: [numberLabel(row), row.customerName, date(row.issueDate, wide: wide), date(row.dueDate, wide: wide),
                    Money.format(cents: row.grossCents), row.status == .draft ? "" : Money.format(cents: row.paidCents), status],
            role: role, mark: overdue ? "!" : nil)
    }

    /// Where the list's parts go in `rect`: the update step reads for
    /// them, drawing fills them. No preview where the person hid what
    /// stands beside lists (`+`): the list takes the full width.
    func listAreas(in rect: Rect) -> (title: Rect, list: Rect, preview: Rect?, bottom: Rect) {
        let (titleRow, rest) = rect.splitTop(1)
        let (body, bottomRow) = rest.splitBottom(1)
        guard body.width >= 160, !previewHidden else { return (titleRow, body, nil, bottomRow) }
        let split = body.splitLeft(body.width * 3 / 5)
        return (titleRow, split.0, split.1, bottomRow)
    }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        let (titleRow, listArea, previewArea, bottomRow) = listAreas(in: rect)

        // Quick views: the active one bracketed, not only highlighted.
        var x = titleRow.x + 1
        // The screen's name where the views leave room for it (the tab says it too).
        let views = InvoiceView.allCases.reduce(0) { $0 + TextWidth.of(Self.viewName($1)) + 2 }
        if TextWidth.of(tr("Invoices")) + 2 + views <= titleRow.width - 1 {
            x += grid.write(tr("Invoices"), x: x, y: titleRow.y, style: theme[.title])
            x += grid.write("  ", x: x, y: titleRow.y, style: theme[.normal])
        }
        for view in InvoiceView.allCases {
            let active = view == query.view
            let name = active && view == .overdue && query.overdueDays > 0 ? tr("Overdue > {0} days", query.overdueDays) : Self.viewName(view)
            x += grid.write(active ? "[\(name)]" : " \(name) ", x: x, y: titleRow.y, maxWidth: titleRow.maxX - x,
                            style: active ? theme[.tabActive] : theme[.dim])
        }
        if let savedName {
            x += grid.write("  · \(savedName)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1), style: theme[.title])
        }
        if prepared?.query == query, let note = refusedSortNote {
            x += grid.write("  " + note, x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1),
                            style: theme[.dim])
        }
        if titleRow.maxX - x > 12 {
            grid.write("  " + tr("v view"), x: x, y: titleRow.y, maxWidth: titleRow.maxX - x - 1, style: theme[.dim])
        }

        let wide = Self.isWide(listArea)
        let today = query.today
        let lines = list.visibleRows.map { Self.line($0, today: today, wide: wide) }
        let (shown, kept) = shownTable(chosenTable)
        shown.draw(lines.map { $0.keeping(kept) }, cursor: list.cursor - list.top, in: listArea, grid: &grid, theme: theme,
                                    focused: filter == nil, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            grid.write(emptyMessage, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.dim])
        }
        if let previewArea { drawPreview(in: previewArea, grid: &grid, theme: theme) }
        return drawBottom(in: bottomRow, grid: &grid, theme: theme)
    }

    private var emptyMessage: String {
        if !query.text.isEmpty {
            let name = Self.viewName(query.view)
            return tr("No invoice in {0} matches “{1}”. Esc clears the filter.", Language.current == .english ? name.lowercased() : name, query.text)
        }
        switch query.view {
        case .all: return mayWrite ? tr("No invoices yet. Press n for a new draft.") : tr("No invoices yet.")
        case .drafts: return mayWrite ? tr("No drafts. Press n for a new one.") : tr("No drafts.")
        case .open: return tr("Nothing open: every issued invoice is paid or cancelled.")
        case .overdue where query.overdueDays > 0:
            return tr("Nothing more than {0} days overdue. A shows every overdue invoice.", query.overdueDays)
        case .overdue: return tr("Nothing overdue.")
        case .paid: return tr("No paid invoices yet.")
        case .cancelled: return tr("No cancelled invoices.")
        case .creditNotes: return tr("No credit notes.")
        }
    }

    /// The filter on the left, the view's totals on the right.
    private func drawBottom(in row: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(row, style: theme[.status])
        var x = row.x + 1
        var cursor: Point?
        if let filter {
            x += grid.write("/ ", x: x, y: row.y, style: theme[.label].adding(.bold))
            let width = max(10, min(30, row.width / 3))
            let column = filter.draw(x: x, y: row.y, width: width, grid: &grid, style: theme[.inputFocused])
            cursor = Point(x: column, y: row.y)
            x += width + 2
        } else if !query.text.isEmpty {
            x += grid.write(tr("filter: {0}", query.text) + "  ", x: x, y: row.y, maxWidth: min(40, row.width / 3), style: theme[.marked])
        }
        // As much of the totals as fits: what is open matters most.
        var summary = ""
        if let prepared, prepared.query == query {
            if let totals = prepared.totals {
                let number = Format.count(totals.count)
                var count = query.view == .creditNotes
                    ? (totals.count == 1 ? tr("{0} credit note", number) : tr("{0} credit notes", number))
                    : (totals.count == 1 ? tr("{0} invoice", number) : tr("{0} invoices", number))
                // The gross beside it leaves drafts out: said, so the figures agree.
                if totals.drafts > 0 { count += " " + tr("({0} of them drafts)", Format.count(totals.drafts)) }
                let gross = tr("gross {0}", Money.format(cents: totals.grossCents))
                let paid = tr("paid {0}", Money.format(cents: totals.paidCents))
                let open = tr("open {0} EUR", Money.format(cents: totals.openCents))
                let room = row.maxX - x - 1
                // Cancelled invoices and credit notes owe nothing: their sums are what was billed.
                let settled = query.view == .cancelled || query.view == .creditNotes
                let choices = settled ? [[count, gross + " EUR"], [count]] : [[count, gross, paid, open], [count, gross, open], [count, open]]
                summary = choices.map { $0.joined(separator: " · ") }.first { TextWidth.of($0) <= room } ?? (settled ? count : open)
            } else {
                summary = tr("many match: type more for totals")
            }
        }
        let width = TextWidth.of(summary)
        let start = max(x, row.maxX - width - 1)
        grid.write(summary, x: start, y: row.y, maxWidth: row.maxX - start - 1, style: theme[.status])
        return cursor
    }

    private func drawPreview(in rect: Rect, grid: inout Grid, theme: Theme) {
        for y in rect.y..<rect.maxY { grid.write("│", x: rect.x, y: y, style: theme[.border]) }
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        guard let row = list.selected, let preview, preview.invoice.id == row.id else { return }
        preview.draw(in: inner, grid: &grid, theme: theme, focused: false, compact: true)
    }
}
