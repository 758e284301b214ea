import KontorLocale
import KontorModel
import KontorUI

/// A product's record: its card and stock, and below it four panes that
/// follow the product through the business: the stock ledger with its
/// running balance, the open reservations, the deals that quote it and the
/// invoices that bill it. Each pane is windowed, so a product on ten
/// thousand invoices opens as fast as one on none.
final class ProductDetail: Layer {
    enum Pane: Int, CaseIterable {
        case ledger, reservations, deals, invoices

        var title: String {
            switch self {
            case .ledger: return tr("Stock ledger")
            case .reservations: return tr("Reservations")
            case .deals: return tr("Deals")
            case .invoices: return tr("Invoices")
            }
        }
    }

    private(set) var product: Product
    private(set) var level: StockLevel
    private(set) var pane: Pane = .ledger
    let ledger: WindowedList<StockLedgerEntry>
    let reservations: WindowedList<StockReservation>
    let deals: WindowedList<ProductDealUse>
    let invoices: WindowedList<ProductInvoiceUse>
    private let repository: ProductRepository
    private unowned let screen: InventoryScreen
    private let times = LocalTimes()

    init(product: Product, screen: InventoryScreen) throws {
        self.product = product
        self.screen = screen
        let repository = screen.repository
        self.repository = repository
        level = try repository.stockLevel(of: product.id)
        let id = product.id
        ledger = RecordPanes.newestFirst(
            older: { try repository.ledgerEntries(of: id, olderThan: $0, limit: $1) },
            newer: { try repository.ledgerEntries(of: id, newerThan: $0, limit: $1) })
        reservations = WindowedList(
            fetchAfter: { row, inclusive, limit in try repository.reservations(of: id, after: row?.id, inclusive: inclusive, limit: limit) },
            fetchBefore: { row, limit in try repository.reservations(of: id, before: row?.id, limit: limit) })
        deals = RecordPanes.newestFirst(
            older: { try repository.dealUses(of: id, olderThan: $0, limit: $1) },
            newer: { try repository.dealUses(of: id, newerThan: $0, limit: $1) })
        invoices = RecordPanes.newestFirst(
            older: { try repository.invoiceUses(of: id, olderThan: $0, limit: $1) },
            newer: { try repository.invoiceUses(of: id, newerThan: $0, limit: $1) })
        try ledger.loadFirst()
        loadedPanes = [.ledger]
    }

    // MARK: Keys

    override var actions: [Action] {
        [
            Action("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Product") { [unowned self] _ in close() },
            Action("detail.open", [.enter], "open", help: "Open the deal or invoice of the highlighted row", group: "Product") { [unowned self] host in
                if let link = selectedLink {
                    host.open(link)
                } else if pane == .ledger {
                    host.show(tr("This ledger line belongs to no invoice"), isError: false)
                }
            },
            Action("detail.pane", [.tab], "next pane", help: "Next pane: ledger, reservations, deals, invoices", group: "Product") { [unowned self] _ in
                try turn(by: 1)
            },
            Action("detail.panePrevious", [.backTab], "previous pane", help: "Previous pane", group: "Product", inFooter: false) { [unowned self] _ in
                try turn(by: Pane.allCases.count - 1)
            },
        ] + screen.changeActions(onRecord: true) + ListKeys.actions { [unowned self] in try move($0) }
    }

    private func turn(by step: Int) throws {
        pane = Pane(rawValue: (pane.rawValue + step) % Pane.allCases.count)!
        try loadPane()
    }

    override func dataChanged(_ host: ScreenHost) throws { try reload() }

    /// Panes read so far: the others are read when first shown, so that
    /// opening a record costs one pane, not four.
    private var loadedPanes: Set<Pane> = []

    /// Reads the focused pane if it was never read.
    func loadPane() throws {
        guard !loadedPanes.contains(pane) else { return }
        switch pane {
        case .ledger: try ledger.loadFirst()
        case .reservations: try reservations.loadFirst()
        case .deals: try deals.loadFirst()
        case .invoices: try invoices.loadFirst()
        }
        loadedPanes.insert(pane)
    }

    /// Reads the product and every pane again, each pane's cursor staying on its row.
    func reload() throws {
        guard let fresh = try repository.find(id: product.id) else { throw KontorError.notFound(entity: "product", id: product.id) }
        product = fresh
        level = try repository.stockLevel(of: product.id)
        for loaded in loadedPanes {
            switch loaded {
            case .ledger: try ledger.reload()
            case .reservations: try reservations.reload()
            case .deals: try deals.reload()
            case .invoices: try invoices.reload()
            }
        }
    }

    /// After a receipt or adjustment: the new ledger line at the top.
    func reloadShowingNewest() throws {
        try reload()
        try ledger.loadFirst()
        pane = .ledger
        loadedPanes.insert(.ledger)
    }

    func move(_ step: ListMove) throws {
        switch pane {
        case .ledger: try step.apply(to: ledger)
        case .reservations: try step.apply(to: reservations)
        case .deals: try step.apply(to: deals)
        case .invoices: try step.apply(to: invoices)
        }
    }

    /// The record the highlighted row of the focused pane links to.
    var selectedLink: RecordLink? {
        switch pane {
        case .ledger: return ledger.selected?.move.invoiceID.map { .invoice($0) }
        case .reservations:
            guard let row = reservations.selected else { return nil }
            return row.source == .invoice ? .invoice(row.documentID) : .deal(row.documentID)
        case .deals: return deals.selected.map { .deal($0.dealID) }
        case .invoices: return invoices.selected.map { .invoice($0.invoiceID) }
        }
    }

    // MARK: Layout

    /// The card's lines above the panes: name, codes, price, stock.
    private static let cardLines = 4

    /// The update step: the focused pane reads the rows that fit under the card.
    override func layout(_ rect: Rect) throws {
        guard let (_, area) = RecordPanes.paneArea(in: rect, headerLines: Self.cardLines) else { return }
        switch pane {
        case .ledger:
            try RecordPanes.layout(ledger, in: area)
            times.learn(ledger.visibleRows.map(\.move.createdAt))
        case .reservations:
            try RecordPanes.layout(reservations, in: area)
            times.learn(reservations.visibleRows.map(\.since))
        case .deals: try RecordPanes.layout(deals, in: area)
        case .invoices:
            try RecordPanes.layout(invoices, in: area)
            times.learn(invoices.visibleRows.map(\.issueDate))
        }
    }

    // MARK: Drawing

    // The panes' tables, made where they are drawn, in the person's language.
    static var ledgerTable: TableView {
        TableView(columns: [
            .init(tr("Date"), .fixed(16)), .init(tr("Kind"), .fixed(10)), .init(tr("Qty"), .fixed(7), alignRight: true),
            .init(tr("Balance"), .fixed(8), alignRight: true), .init(tr("Document / reason"), .flexible(min: 12, weight: 3)),
            .init(tr("Who"), .flexible(min: 8, weight: 1)),
        ])
    }
    static var reservationTable: TableView {
        TableView(columns: [
            .init(tr("On"), .fixed(13)), .init(tr("Document"), .flexible(min: 12, weight: 2)), .init(tr("Customer"), .flexible(min: 12, weight: 2)),
            .init(tr("Qty"), .fixed(6), alignRight: true), .init(tr("Since"), .fixed(10)),
        ])
    }
    static var dealTable: TableView {
        TableView(columns: [
            .init(tr("Deal"), .flexible(min: 14, weight: 3)), .init(tr("Customer"), .flexible(min: 12, weight: 2)), .init(tr("Stage"), .fixed(max(11, DashboardPanels.stageWidth))),
            .init(tr("Qty"), .fixed(6), alignRight: true), .init(tr("Unit price"), .fixed(11), alignRight: true),
        ])
    }
    static var invoiceTable: TableView {
        TableView(columns: [
            .init(tr("Invoice"), .fixed(12)), .init(tr("Customer"), .flexible(min: 12, weight: 3)), .init(tr("Status"), .fixed(11)),
            .init(tr("Date"), .fixed(10)), .init(tr("Qty"), .fixed(6), alignRight: true), .init(tr("Unit price"), .fixed(11), alignRight: true),
        ])
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        drawRecord(in: rect, grid: &grid, theme: theme)
        return nil
    }

    private func drawRecord(in rect: Rect, grid: inout Grid, theme: Theme) {
        grid.fill(rect, style: theme[.normal])
        let x = rect.x + 2
        let width = rect.maxX - x - 1
        Self.drawCard(product, reserved: level.reserved, x: x, y: rect.y, width: width, maxY: rect.maxY, grid: &grid, theme: theme)
        guard let (tabRow, area) = RecordPanes.paneArea(in: rect, headerLines: Self.cardLines) else { return }
        let titles = Pane.allCases.map { pane -> String in
            switch pane {
            case .reservations: return "\(pane.title) \(level.reserved)"
            default: return pane.title
            }
        }
        RecordPanes.drawTabs(titles, focused: pane.rawValue, at: tabRow, x: x, maxX: rect.maxX - 1, grid: &grid, theme: theme)
        let unit = product.fields.unit
        switch pane {
        case .ledger:
            RecordPanes.draw(ledger, table: Self.ledgerTable, lines: { entry in
                let m = entry.move
                let invoice = entry.invoiceNumber.map { tr("Invoice {0}", $0) } ?? (m.invoiceID.map { tr("Invoice {0}", "#\($0)") } ?? "")
                let reference = m.reference == entry.invoiceNumber ? "" : m.reference
                let document = [invoice, reference, m.reason].filter { !$0.isEmpty }.joined(separator: " · ")
                return TableView.Line(cells: [times(m.createdAt), m.kind.displayName, RecordPanes.signed(m.quantity),
                                              "\(m.balance)", document, m.createdBy])
            }, empty: product.fields.stocked ? tr("No stock moves yet. r receives goods.") : tr("A service has no stock moves."), in: area, grid: &grid, theme: theme)
        case .reservations:
            RecordPanes.draw(reservations, table: Self.reservationTable, lines: { r in
                TableView.Line(cells: [r.source == .invoice ? tr("draft invoice") : tr("won deal"), r.source == .invoice ? tr("Draft #{0}", r.documentID) : r.title,
                                       r.customerName, "\(r.quantity)", times.date(r.since)])
            }, empty: tr("Nothing reserved: no draft invoice or uninvoiced won deal holds {0} of this product.", unit), in: area, grid: &grid, theme: theme)
        case .deals:
            RecordPanes.draw(deals, table: Self.dealTable, lines: { d in
                let reserved = d.stage == .won && d.invoiceID == nil
                return TableView.Line(cells: [d.title, d.customerName, d.stage.displayName + (d.invoiceID != nil ? " " + tr("✓inv") : ""), "\(d.quantity)",
                                              Money.format(cents: d.unitPriceCents)],
                                      role: d.stage == .lost ? .dim : nil, mark: reserved ? "◆" : nil)
            }, empty: tr("No deal quotes this product."), in: area, grid: &grid, theme: theme)
        case .invoices:
            RecordPanes.draw(invoices, table: Self.invoiceTable, lines: { i in
                let status = i.kind == .creditNote ? tr("credit note") : i.status.displayName
                return TableView.Line(cells: [i.number ?? tr("draft #{0}", i.invoiceID), i.customerName, status, times.date(i.issueDate),
                                              "\(i.quantity)", Money.format(cents: i.unitPriceCents)],
                                      role: i.status == .cancelled ? .dim : nil, mark: i.status == .draft ? "◆" : nil)
            }, empty: tr("No invoice bills this product."), in: area, grid: &grid, theme: theme)
        }
    }

    /// The product's card: what it is, what it costs, what is in stock.
    /// Returns the first free row below it.
    @discardableResult
    static func drawCard(_ p: Product, reserved: Int, x: Int, y start: Int, width: Int, maxY: Int, grid: inout Grid, theme: Theme) -> Int {
        var y = start
        func line(_ parts: [(String, String)]) {
            guard y < maxY else { return }
            var cx = x
            for (label, value) in parts where !value.isEmpty && cx < x + width {
                cx += grid.write(label + " ", x: cx, y: y, maxWidth: x + width - cx, style: theme[.label])
                cx += grid.write(value, x: cx, y: y, maxWidth: x + width - cx, style: theme[.normal])
                cx += grid.write("   ", x: cx, y: y, maxWidth: max(0, x + width - cx), style: theme[.normal])
            }
            y += 1
        }
        var cx = x + grid.write(p.fields.name, x: x, y: y, maxWidth: width, style: theme[.title])
        if !p.fields.active {
            cx += grid.write("  × " + tr("inactive: not offered for sale"), x: cx, y: y, maxWidth: max(0, x + width - cx), style: theme[.marked])
        } else if p.isBelowReorderPoint {
            cx += grid.write("  ! " + tr("below reorder point"), x: cx, y: y, maxWidth: max(0, x + width - cx), style: theme[.warning].adding(.bold))
        }
        y += 1
        line([(tr("SKU"), p.fields.sku), ("EAN", p.fields.ean), (tr("Unit"), p.fields.unit)])
        line([(tr("Price"), Format.money(p.priceCents)), (tr("VAT"), p.fields.vatRate.label), (tr("Cost"), Format.money(Money.parse(p.fields.cost) ?? 0)),
              (tr("Reorder point"), p.fields.reorderPoint)])
        if p.fields.stocked {
            line([(tr("On hand"), "\(Format.count(p.onHand)) \(p.fields.unit)"), (tr("Reserved"), Format.count(reserved)),
                  (tr("Available"), Format.count(p.onHand - reserved))])
        } else {
            line([(tr("Kind"), tr("service: sold without stock, nothing to receive or count"))])
        }
        return y
    }
}
