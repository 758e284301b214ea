import KontorModel
import KontorUI

/// Drawing the product list, and the ledger beside it on wide terminals.
extension InventoryScreen {
    static let table = TableView(columns: [
        .init("SKU", .flexible(min: 9, weight: 1)),
        .init("Name", .flexible(min: 14, weight: 6)),
        .init("On hand", .fixed(7), alignRight: true),
        .init("Reserv.", .fixed(7), alignRight: true),
        .init("Avail.", .fixed(7), alignRight: true),
        .init("Reorder", .fixed(7), alignRight: true),
        .init("Price", .fixed(10), alignRight: true),
    ])

    /// Below the reorder point is marked `!` (and says "low" on wide
    /// screens), inactive products `×`: nothing depends on colour alone.
    static func line(_ row: ProductListRow) -> TableView.Line {
        let p = row.product
        let mark: Character? = !p.fields.active ? "×" : (p.isBelowReorderPoint ? "!" : nil)
        return TableView.Line(
            // A service has no stock: the columns say so rather than show a shortage.
            cells: p.fields.stocked
                ? [p.fields.sku, p.fields.name, "\(p.onHand)", row.reserved == 0 ? "" : "\(row.reserved)", "\(row.available)",
                   p.fields.reorderPoint, Money.format(cents: p.priceCents)]
                : [p.fields.sku, p.fields.name, "service", "", "", "", Money.format(cents: p.priceCents)],
            role: !p.fields.active ? .dim : (p.isBelowReorderPoint ? .warning : nil), mark: mark)
    }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (titleRow, rest) = rect.splitTop(1)
        grid.fill(titleRow, style: theme[.normal])
        var cursor: Point?
        var x = titleRow.x + 1
        x += grid.write("Inventory", x: x, y: titleRow.y, style: theme[.title])
        // The quick views, the current one in brackets.
        for view in [ProductView.active, .lowStock, .inactive, .all] where x < titleRow.maxX - 12 {
            let name = Self.viewName(view)
            x += grid.write(view == query.view ? " [\(name)]" : "  \(name) ", x: x, y: titleRow.y, maxWidth: titleRow.maxX - x,
                            style: view == query.view ? theme[.label].adding(.bold) : theme[.dim])
        }
        if let count = countText(), filter == nil, query.text.isEmpty || titleRow.width >= 100 {
            x += grid.write("  \(count)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.dim])
        }
        if let filter {
            x += grid.write("  / ", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.label].adding(.bold))
            let column = filter.draw(x: x, y: titleRow.y, width: max(10, min(30, titleRow.maxX - x - 1)), grid: &grid, style: theme[.inputFocused])
            cursor = Point(x: column, y: titleRow.y)
        } else if !query.text.isEmpty {
            grid.write("  search: \(query.text)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1), style: theme[.marked])
        }

        var listArea = rest
        var legend: Rect?
        if rest.height > 6 {
            (listArea, legend) = rest.splitBottom(1)
        }
        var previewArea: Rect?
        if listArea.width >= 140 {
            let split = listArea.splitLeft(listArea.width * 3 / 5)
            listArea = split.0
            previewArea = split.1
        }
        list.visibleCount = max(1, listArea.height - 1)
        try? list.fillWindow()
        Self.table.draw(list.visibleRows.map(Self.line), cursor: list.cursor - list.top, in: listArea, grid: &grid, theme: theme,
                        focused: filter == nil, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            let message: String
            if !query.text.isEmpty {
                message = "No product matches “\(query.text)” in this view. Esc clears the search, v changes the view."
            } else {
                switch query.view {
                case .lowStock: message = "Nothing is below its reorder point."
                case .inactive: message = "No inactive products."
                default: message = mayWrite ? "No products yet. Press n to add one." : "No products yet."
                }
            }
            grid.write(message, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.dim])
        }
        if let legend {
            grid.fill(legend, style: theme[.normal])
            grid.write("! below reorder point   × inactive   Avail. = on hand − reserved (draft invoices, won deals)",
                       x: legend.x + 1, y: legend.y, maxWidth: legend.width - 2, style: theme[.dim])
        }
        if let previewArea { drawPreview(in: previewArea, grid: &grid, theme: theme) }
        return cursor
    }

    /// The highlighted product's card and its latest ledger lines.
    private func drawPreview(in rect: Rect, grid: inout Grid, theme: Theme) {
        grid.fill(rect, style: theme[.normal])
        for y in rect.y..<rect.maxY { grid.write("│", x: rect.x, y: y, style: theme[.border]) }
        guard let row = list.selected else { return }
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        if preview?.id != row.id {
            // The row knows what is reserved; only the ledger is read.
            let entries = (try? repository.ledgerEntries(of: row.id, olderThan: nil, limit: max(1, rect.height - 7))) ?? []
            preview = (row.id, entries)
        }
        guard let preview else { return }
        var y = ProductDetail.drawCard(row.product, reserved: row.reserved, x: inner.x, y: inner.y, width: inner.width, maxY: inner.maxY, grid: &grid, theme: theme)
        y += 1
        guard y + 2 < inner.maxY else { return }
        grid.write("Latest stock moves", x: inner.x, y: y, maxWidth: inner.width, style: theme[.label].adding(.bold))
        y += 1
        let table = TableView(columns: [
            .init("Date", .fixed(16)), .init("Kind", .fixed(10)), .init("Qty", .fixed(6), alignRight: true),
            .init("Balance", .fixed(8), alignRight: true), .init("Who", .flexible(min: 6, weight: 1)),
        ])
        let lines = preview.entries.map { e in
            TableView.Line(cells: [RecordPanes.localTime(e.move.createdAt), ProductDetail.kindName(e.move.kind), RecordPanes.signed(e.move.quantity),
                                   "\(e.move.balance)", e.move.createdBy])
        }
        table.draw(lines, cursor: nil, in: Rect(x: rect.x + 1, y: y, width: rect.width - 1, height: inner.maxY - y), grid: &grid, theme: theme)
        if lines.isEmpty {
            grid.write("No stock moves yet.", x: inner.x, y: y + 1, maxWidth: inner.width, style: theme[.dim])
        }
    }
}
