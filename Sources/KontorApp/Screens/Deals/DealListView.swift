import KontorModel
import KontorLocale
import KontorUI

/// The list view: the focused stage as a table with every field, sorted by
/// value, close date or owner, keyset-paged by the model's list pages.
final class DealListView {
    private let repository: () -> DealRepository
    /// The stage listed; the board's focus while the list is shown.
    private(set) var stage: DealStage = .lead
    private(set) var order: DealListOrder = .value
    private(set) var loaded = false

    private(set) lazy var list = WindowedList<DealSummary>(
        fetchAfter: { [unowned self] row, inclusive, limit in
            try repository().page(stage: stage, order: order, after: row, inclusive: inclusive, limit: limit)
        },
        fetchBefore: { [unowned self] row, limit in
            try repository().page(stage: stage, order: order, before: row, limit: limit)
        })

    init(repository: @escaping () -> DealRepository) {
        self.repository = repository
    }

    /// Lists `stage` from its top (or keeps the place when it is already listed).
    func show(stage: DealStage) throws {
        guard stage != self.stage || !loaded else { return }
        self.stage = stage
        loaded = true
        try list.loadFirst()
    }

    /// Lists `deal`'s stage with the cursor on it.
    func show(_ deal: DealSummary) throws {
        stage = deal.stage
        loaded = true
        try list.show(deal)
    }

    /// Sorts by `order`, keeping the highlighted deal.
    func set(order: DealListOrder) throws {
        guard order != self.order else { return }
        self.order = order
        if let keep = list.selected { try list.show(keep) } else if loaded { try list.loadFirst() }
    }

    func cycleOrder() throws {
        order = order.next
        let keep = list.selected
        if let keep { try list.show(keep) } else { try list.loadFirst() }
    }

    func reload() throws {
        guard loaded else { return }
        try list.reload()
    }

    // MARK: Drawing

    /// The columns in the person's language, made as the list is drawn.
    static var narrow: TableView {
        TableView(columns: [
            .init(tr("Title"), .flexible(min: 14, weight: 3)),
            .init(tr("Customer"), .flexible(min: 12, weight: 2)),
            .init(tr("Value"), .fixed(13), alignRight: true),
            .init(tr("Owner"), .flexible(min: 8, weight: 1)),
            .init(tr("Close"), .fixed(8)),
        ])
    }

    static var wide: TableView {
        TableView(columns: [
            .init(tr("Title"), .flexible(min: 20, weight: 3)),
            .init(tr("Customer"), .flexible(min: 16, weight: 3)),
            .init(tr("Value"), .fixed(16), alignRight: true),
            .init(tr("Prob."), .fixed(5), alignRight: true),
            .init(tr("Weighted"), .fixed(16), alignRight: true),
            .init(tr("Owner"), .flexible(min: 12, weight: 2)),
            .init(tr("Close"), .fixed(10)),
            .init(tr("Next activity"), .fixed(13)),
        ])
    }

    /// The area the last layout was for: where a click lands.
    private var area: Rect?

    /// A click on a row (under the table's header); false when none is there.
    func select(at point: Point) -> Bool {
        guard let area, area.contains(point) else { return false }
        return list.select(visibleRow: point.y - (area.y + 1))
    }

    /// The update step: reads as many rows as fit in `rect`.
    func layout(in rect: Rect) throws {
        area = rect
        list.visibleCount = max(1, rect.height - 1)
        try list.fillWindow()
    }

    /// Draws the rows the last layout read.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme, focused: Bool) {
        let wide = rect.width >= 150
        let lines = list.visibleRows.map { deal -> TableView.Line in
            let cells: [String]
            if wide {
                cells = [deal.title, deal.customerName, Money.format(cents: deal.valueCents), "\(deal.probability) %",
                         Money.format(cents: deal.weightedValueCents), deal.ownerName ?? "—", Format.day(deal.expectedClose),
                         Format.day(deal.nextActivity)]
            } else {
                cells = [deal.title, deal.customerName, Money.format(cents: deal.valueCents), deal.ownerName ?? "—",
                         DealsFormat.shortDay(deal.expectedClose)]
            }
            return TableView.Line(cells: cells, role: deal.stage.isClosed ? .dim : nil, mark: deal.isStale ? "!" : nil)
        }
        (wide ? Self.wide : Self.narrow).draw(
            lines, cursor: list.cursor - list.top, in: rect, grid: &grid, theme: theme, focused: focused,
            scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            grid.write(tr("No deals at {0}. h/l change the stage, n adds a deal.", stage.displayName), x: rect.x + 2, y: rect.y + 2,
                       maxWidth: rect.width - 4, style: theme[.dim])
        }
    }
}
