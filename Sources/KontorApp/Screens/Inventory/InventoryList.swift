import KontorLocale
import KontorModel
import KontorUI

/// Drawing the product list, and the ledger beside it on wide terminals.
/// Drawing reads nothing: the preview's ledger is read in the update step.
extension InventoryScreen {
    /// Made where it is drawn, in the person's language.
    static var table: TableView {
        TableView(columns: [
            .init(tr("SKU"), .flexible(min: max(9, TextWidth.of(tr("SKU"))), weight: 1), id: "sku"),
            .init(tr("Name"), .flexible(min: 14, weight: 6), id: "name"),
            .init(tr("On hand"), .fixed(7), alignRight: true, id: "on_hand"),
            .init(tr("Reserv."), .fixed(7), alignRight: true, id: "reserved"),
            .init(tr("Avail."), .fixed(7), alignRight: true, id: "available"),
            .init(tr("Reorder"), .fixed(7), alignRight: true, id: "reorder"),
            .init(tr("Price"), .fixed(10), alignRight: true, id: "price"),
        ])
    }

    /// Below the reorder point is marked `!` (and says "low" on wide
    /// screens), inactive products `×`: nothing depends on colour alone.
    static func line(_ row: ProductListRow) -> TableView.Line {
        let p = row.product
        let mark: Character? = !p.fields.active ? "×" : (p.isBelowReorderPoint ? "!" : nil)
        return TableView.Line(
            // A service has no stock: the columns say so rather than show a shortage.
            cells: p.fields.stocked
                ? [p.fields.sku, p.fields.name, Format.count(p.onHand), row.reserved == 0 ? "" : Format.count(row.reserved), Format.count(row.available),
                   p.fields.reorderPoint, Money.format(cents: p.priceCents)]
                : [p.fields.sku, p.fields.name, tr("service"), "", "", "", Money.format(cents: p.priceCents)],
            role: !p.fields.active ? .dim : (p.isBelowReorderPoint ? .warning : nil), mark: mark)
    }

    /// The marks and the one sum the columns do not explain; where the
    /// whole does not fit (80 columns, English), without what reserves.
    static func legend(width: Int) -> String {
        let whole = tr("! below reorder point   × inactive   Avail. = on hand − reserved (draft invoices, won deals)")
        return TextWidth.of(whole) <= width - 2 ? whole : tr("! below reorder point   × inactive   Avail. = on hand − reserved")
    }

    /// Where the list and, on wide terminals, the ledger preview go: the
    /// update step and drawing both ask, so they agree. No preview where
    /// the person hid what stands beside lists (`+`): the list takes the
    /// full width.
    static func split(_ rect: Rect, previewHidden: Bool) -> (list: Rect, preview: Rect?) {
        guard rect.width >= 140, !previewHidden else { return (rect, nil) }
        let (list, side) = rect.splitLeft(rect.width * 3 / 5)
        return (list, side.splitTop(1).1)
    }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (listArea, previewArea) = Self.split(rect, previewHidden: previewHidden)
        let cursor = panel.draw(in: listArea, grid: &grid, theme: theme, line: Self.line, legend: Self.legend(width: listArea.width))
        if let previewArea { drawPreview(in: previewArea, grid: &grid, theme: theme) }
        return cursor
    }

    /// The highlighted product's card and its latest ledger lines.
    private func drawPreview(in rect: Rect, grid: inout Grid, theme: Theme) {
        grid.fill(rect, style: theme[.normal])
        for y in rect.y..<rect.maxY { grid.write("│", x: rect.x, y: y, style: theme[.border]) }
        guard let row = panel.selected, let preview, preview.id == row.id else { return }
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        var y = ProductDetail.drawCard(row.product, reserved: row.reserved, x: inner.x, y: inner.y, width: inner.width, maxY: inner.maxY, grid: &grid, theme: theme)
        y += 1
        guard y + 2 < inner.maxY else { return }
        grid.write(tr("Latest stock moves"), x: inner.x, y: y, maxWidth: inner.width, style: theme[.label].adding(.bold))
        y += 1
        let table = TableView(columns: [
            .init(tr("Date"), .fixed(16)), .init(tr("Kind"), .fixed(10)), .init(tr("Qty"), .fixed(6), alignRight: true),
            .init(tr("Balance"), .fixed(8), alignRight: true), .init(tr("Who"), .flexible(min: 6, weight: 1)),
        ])
        let lines = preview.entries.map { e in
            TableView.Line(cells: [times(e.move.createdAt), e.move.kind.displayName, RecordPanes.signed(e.move.quantity),
                                   "\(e.move.balance)", e.move.createdBy])
        }
        table.draw(lines, cursor: nil, in: Rect(x: rect.x + 1, y: y, width: rect.width - 1, height: inner.maxY - y), grid: &grid, theme: theme)
        if lines.isEmpty {
            grid.write(tr("No stock moves yet."), x: inner.x, y: y + 1, maxWidth: inner.width, style: theme[.dim])
        }
    }
}
