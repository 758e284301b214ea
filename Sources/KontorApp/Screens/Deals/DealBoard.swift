import KontorModel
import KontorLocale
import KontorUI

/// The kanban board: one keyset window per stage, the focused column, and
/// which columns fit on screen.
///
/// Each column is a `WindowedList` over the model's board pages of its
/// stage, so a column of 20 000 won deals holds only the cards near the
/// screen. The column heads come from one aggregate, read on load and
/// after changes, never per key.
final class DealBoard {
    private let repository: () -> DealRepository
    private(set) var columns: [DealStage: WindowedList<DealSummary>] = [:]
    private(set) var totals: [DealStage: DealStageTotal] = [:]
    /// The column the keys act on.
    var focus: DealStage = .lead
    /// Won and Lost folded away into a summary, leaving the open pipeline.
    private(set) var folded = false
    /// The first shown column when not all fit.
    private var firstVisible = 0
    /// How many columns the last frame had room for.
    private var fitting = DealStage.allCases.count

    init(repository: @escaping () -> DealRepository) {
        self.repository = repository
        for stage in DealStage.allCases {
            columns[stage] = WindowedList<DealSummary>(
                fetchAfter: { [repository] row, inclusive, limit in
                    try repository().page(stage: stage, after: row?.boardKey, inclusive: inclusive, limit: limit)
                },
                fetchBefore: { [repository] row, limit in
                    try repository().page(stage: stage, before: row?.boardKey, limit: limit)
                })
        }
    }

    /// The stages that have a column now.
    var shownStages: [DealStage] { folded ? DealStage.open : DealStage.allCases }

    var focusedList: WindowedList<DealSummary> { columns[focus]! }
    var selected: DealSummary? { focusedList.selected }

    func loadAll() throws {
        for list in columns.values { try list.loadFirst() }
        try loadTotals()
    }

    func reloadAll() throws {
        for list in columns.values { try list.reload() }
        try loadTotals()
    }

    func loadTotals() throws {
        totals = Dictionary(uniqueKeysWithValues: try repository().stageTotals().map { ($0.stage, $0) })
    }

    func total(_ stage: DealStage) -> DealStageTotal {
        totals[stage] ?? DealStageTotal(stage: stage, count: 0, valueCents: 0, weightedValueCents: 0)
    }

    /// Moves the focus by `delta` columns; false at either end.
    @discardableResult
    func moveFocus(by delta: Int) -> Bool {
        let stages = shownStages
        guard let index = stages.firstIndex(of: focus) else {
            focus = stages[0]
            return true
        }
        let target = index + delta
        guard stages.indices.contains(target) else { return false }
        focus = stages[target]
        keepFocusVisible()
        return true
    }

    func toggleFold() {
        folded.toggle()
        if !shownStages.contains(focus) { focus = .negotiation }
        keepFocusVisible()
    }

    /// Puts the cursor of `deal`'s column on it and focuses that column, if shown.
    func show(_ deal: DealSummary) throws {
        try columns[deal.stage]!.show(deal)
        if shownStages.contains(deal.stage) {
            focus = deal.stage
            keepFocusVisible()
        }
    }

    private func keepFocusVisible() {
        guard let index = shownStages.firstIndex(of: focus) else { return }
        if index < firstVisible { firstVisible = index }
        if index >= firstVisible + fitting { firstVisible = index - fitting + 1 }
        firstVisible = max(0, min(firstVisible, shownStages.count - fitting))
    }

    // MARK: Drawing

    /// Columns narrower than this do not show a card readably.
    static let minimumColumnWidth = 24
    /// Rows of a card, and the blank row between cards.
    static let cardHeight = 3
    static let cardPitch = 4
    /// Rows of a column head: name and count, totals, rule.
    static let headHeight = 3

    /// The area the last layout was for: where a click lands.
    private var area: Rect?

    /// A click: the column under `point` takes the focus and, on a card,
    /// the cursor goes to it. Returns whether a card was there.
    func select(at point: Point) -> Bool {
        let visible = visibleStages
        guard let rect = area, rect.contains(point), !visible.isEmpty else { return false }
        let width = (rect.width - (visible.count - 1)) / visible.count
        focus = visible[min(visible.count - 1, (point.x - rect.x) / (width + 1))]
        let row = point.y - rect.y - Self.headHeight
        guard row >= 0, row % Self.cardPitch < Self.cardHeight else { return false }
        return focusedList.select(visibleRow: row / Self.cardPitch)
    }

    /// The hidden columns to the left and right, for the hints.
    var hiddenBefore: Int { firstVisible }
    var hiddenAfter: Int { max(0, shownStages.count - firstVisible - fitting) }

    /// The columns shown, as the last layout left them.
    private var visibleStages: [DealStage] {
        let stages = shownStages
        return Array(stages[min(firstVisible, stages.count)..<min(stages.count, firstVisible + fitting)])
    }

    /// The update step: works out which columns fit in `rect` and reads
    /// the cards they will show, so that drawing reads nothing.
    func layout(in rect: Rect) throws {
        area = rect
        let stages = shownStages
        fitting = max(1, min(stages.count, (rect.width + 1) / (Self.minimumColumnWidth + 1)))
        keepFocusVisible()
        let cards = max(1, (rect.height - Self.headHeight + 1) / Self.cardPitch)
        for list in columns.values {
            list.visibleCount = cards
        }
        for stage in visibleStages { try columns[stage]!.fillWindow() }
    }

    /// Draws the columns the last layout chose.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme, focused: Bool) {
        let visible = visibleStages
        guard !visible.isEmpty else { return }
        let width = (rect.width - (visible.count - 1)) / visible.count
        // One way of writing the sums for every column, the first that fits
        // them all: a Lost column in cents beside rounded ones reads as if
        // it were worth more than it is.
        let narrowest = width - 2
        let level = (0..<Self.sumLevels).first { level in
            visible.allSatisfy { TextWidth.of(Self.sums(total($0), level: level)) <= narrowest }
        } ?? Self.sumLevels - 1
        // One way of writing owners for every card, the fullest that fits
        // them all: "L. Hoffmann" on one card and "LH" on the next read as
        // two people. (A card with no room even for initials, its value
        // long, shows none and decides nothing.)
        let owners = visible.flatMap { columns[$0]!.visibleRows }.compactMap { deal in
            deal.ownerName.map { (forms: Self.ownerForms($0), room: Self.ownerRoom(deal, cardWidth: width - 3)) }
        }.filter { $0.room >= 2 && TextWidth.of($0.forms[Self.ownerLevels - 1]) <= $0.room }
        let ownerLevel = (0..<Self.ownerLevels).first { level in
            owners.allSatisfy { TextWidth.of($0.forms[level]) <= $0.room }
        } ?? Self.ownerLevels - 1
        var x = rect.x
        for (i, stage) in visible.enumerated() {
            let w = i == visible.count - 1 ? rect.maxX - x : width
            let area = Rect(x: x, y: rect.y, width: w, height: rect.height)
            drawColumn(stage, in: area, grid: &grid, theme: theme, focused: focused && stage == focus, sumLevel: level, ownerLevel: ownerLevel)
            x += w
            if i < visible.count - 1 {
                for y in rect.y..<rect.maxY { grid.write("│", x: x, y: y, style: theme[.border]) }
                x += 1
            }
        }
    }

    /// How many ways `sums` has of writing a column's sums, fullest first.
    static let sumLevels = 5

    /// A column's sums at `level`: in cents, in whole euros, shorter words, then thousands and millions.
    static func sums(_ total: DealStageTotal, level: Int) -> String {
        switch level {
        case 0: return tr("Σ {0}  weighted {1}", Money.format(cents: total.valueCents), Money.format(cents: total.weightedValueCents))
        case 1: return tr("Σ {0}  weighted {1}", DealsFormat.euros(total.valueCents), DealsFormat.euros(total.weightedValueCents))
        case 2: return tr("Σ {0}  w {1}", DealsFormat.euros(total.valueCents), DealsFormat.euros(total.weightedValueCents))
        case 3: return tr("Σ {0}  weighted {1}", DealsFormat.compact(total.valueCents), DealsFormat.compact(total.weightedValueCents))
        default: return tr("Σ {0}  w {1}", DealsFormat.compact(total.valueCents), DealsFormat.compact(total.weightedValueCents))
        }
    }

    /// How many ways `ownerForms` has of writing an owner, fullest first.
    static let ownerLevels = 3

    /// "Lena Hoffmann", "L. Hoffmann", "LH".
    static func ownerForms(_ owner: String) -> [String] { [owner, DealsFormat.shortName(owner), DealsFormat.initials(owner)] }

    /// The room a card of `width` leaves for its owner between its value and its close date.
    static func ownerRoom(_ deal: DealSummary, cardWidth width: Int) -> Int {
        let used = min(width, TextWidth.of(Money.format(cents: deal.valueCents)))
        let dateWidth = TextWidth.of(DealsFormat.shortDay(deal.expectedClose))
        return width - used - 2 - (dateWidth == 0 ? 0 : dateWidth + 1)
    }

    private func drawColumn(_ stage: DealStage, in rect: Rect, grid: inout Grid, theme: Theme, focused: Bool, sumLevel: Int, ownerLevel: Int) {
        let list = columns[stage]!
        let total = total(stage)
        let inner = rect.width - 2
        let headStyle = focused ? theme[.selection] : theme[.columnHeader]
        grid.write(" " + stage.displayName, x: rect.x, y: rect.y, width: rect.width, style: headStyle)
        let count = Format.count(total.count)
        grid.write(count + " ", x: rect.maxX - TextWidth.of(count) - 1, y: rect.y, style: headStyle)
        // The level all columns share, or a shorter one should this column be narrower.
        let sums = DealsFormat.fitting((sumLevel..<Self.sumLevels).map { Self.sums(total, level: $0) }, inner)
        grid.write(sums, x: rect.x + 1, y: rect.y + 1, maxWidth: inner, style: theme[.dim])
        grid.write(String(repeating: "─", count: max(0, rect.width)), x: rect.x, y: rect.y + 2, style: theme[.border])
        var y = rect.y + Self.headHeight
        if list.isEmpty {
            grid.write(tr("no deals"), x: rect.x + 2, y: y, maxWidth: inner, style: theme[.dim])
            return
        }
        if !(list.atStart && list.top == 0) {
            grid.write("▲", x: rect.maxX - 1, y: rect.y + 2, style: theme[.dim])
        }
        for (offset, deal) in list.visibleRows.enumerated() {
            guard y + Self.cardHeight <= rect.maxY else { break }
            let isCursor = list.top + offset == list.cursor
            drawCard(deal, in: Rect(x: rect.x, y: y, width: rect.width, height: Self.cardHeight), grid: &grid, theme: theme,
                     cursor: isCursor ? (focused ? .focused : .unfocused) : nil, ownerLevel: ownerLevel)
            y += Self.cardPitch
        }
        let shownToEnd = list.atEnd && list.top + list.visibleCount >= list.rows.count
        if !shownToEnd { grid.write("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: theme[.dim]) }
    }

    enum CursorLook { case focused, unfocused }

    private func drawCard(_ deal: DealSummary, in rect: Rect, grid: inout Grid, theme: Theme, cursor: CursorLook?, ownerLevel: Int) {
        var style = theme[.normal]
        if cursor == .focused { style = theme[.selection] }
        grid.fill(rect, style: style)
        let x = rect.x + 2
        let width = rect.width - 3
        if cursor != nil { grid.write("›", x: rect.x, y: rect.y, style: style) }
        if deal.isStale { grid.write("!", x: rect.x + 1, y: rect.y, style: cursor == .focused ? style : theme[.warning]) }
        var titleStyle = style.adding(.bold)
        if cursor == .unfocused { titleStyle = titleStyle.adding(.underline) }
        grid.write(deal.title, x: x, y: rect.y, maxWidth: width, style: titleStyle)
        grid.write(deal.customerName, x: x, y: rect.y + 1, maxWidth: width, style: style)
        // Value on the left, close date on the right, the owner between them.
        let value = Money.format(cents: deal.valueCents)
        let date = DealsFormat.shortDay(deal.expectedClose)
        let used = grid.write(value, x: x, y: rect.y + 2, maxWidth: width, style: style)
        let dateWidth = TextWidth.of(date)
        if !date.isEmpty, used + 1 + dateWidth <= width {
            grid.write(date, x: x + width - dateWidth, y: rect.y + 2, style: style)
        }
        let ownerRoom = Self.ownerRoom(deal, cardWidth: width)
        if let owner = deal.ownerName, ownerRoom >= 2 {
            // The board's way of writing owners, or a shorter one should this card have less room.
            let forms = Self.ownerForms(owner)
            let name = forms[ownerLevel...].first { TextWidth.of($0) <= ownerRoom } ?? DealsFormat.initials(owner)
            grid.write(name, x: x + used + 2, y: rect.y + 2, maxWidth: ownerRoom, style: cursor == .focused ? style : theme[.dim])
        }
    }
}
