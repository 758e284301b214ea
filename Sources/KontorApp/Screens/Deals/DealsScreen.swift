import KontorModel
import KontorLocale
import KontorUI

/// Where the Deals screen stands, as the history keeps it: the board
/// with its focused column, or one stage as a list in an order. The
/// dashboard's pipeline links to the board focused on a stage.
enum DealsPlace: Equatable {
    case board(DealStage?)
    case list(DealStage?, DealListOrder?)
}

/// Deals: the pipeline as a kanban board (or a sortable list of one stage),
/// a deal's detail with its lines and history, the deal and line forms, and
/// the way from a won deal to its draft invoice.
///
/// The board is its own list (columns side by side do not fit the shared
/// one), but like every screen it runs on actions and the stack: details,
/// forms, questions and pickers are layers, and the update step reads
/// what the frame shows.
final class DealsScreen: LayeredScreen {
    enum View { case board, list }

    /// The deal an action applies to, at the version it was read.
    struct Target {
        var id: Int64
        var version: Int
        var title: String
        var stage: DealStage
        var invoiceID: Int64?
    }

    let id = ScreenID.deals
    /// The list view has keys of its own (sort, the stage shown).
    var referencePlaces: [ReferencePlace] {
        [ReferencePlace(title: tr("Deals: the list view (`v`)"), keys: [.char("v")], back: [.char("v")])]
    }
    let session: Session
    var repository: DealRepository { session.database.deals }
    let stack = ModalStack()
    var view: View = .board
    private(set) lazy var board = DealBoard(repository: { [session] in session.database.deals })
    private(set) lazy var listView = DealListView(repository: { [session] in session.database.deals })
    private var loaded = false
    /// Notices changes made while another screen was shown, so that coming
    /// back costs nothing when nothing changed.
    private let watcher: ChangeWatcher?

    init(session: Session) {
        self.session = session
        watcher = try? ChangeWatcher(database: session.database)
    }

    var detail: DealDetailLayer? { stack.last(DealDetailLayer.self) }

    // MARK: Screen

    var capturesText: Bool { stack.capturesText }
    var hasUnsavedChanges: Bool { stack.hasUnsavedChanges }

    private func loadIfNeeded() throws {
        guard !loaded else { return }
        loaded = true
        _ = watcher?.hasChanged()
        try board.loadAll()
    }

    func activate(_ host: ScreenHost) {
        guard loaded else { return attempt(host) { try loadIfNeeded() } }
        if watcher?.hasChanged(touching: shownAreas) ?? true { readAgain(host, following: true) }
    }

    /// The board and the list show deals with their customers and owners.
    var listAreas: Set<DataArea> { [.deals, .customers, .staff] }

    /// A change made here (an undo, a mail sent): the cursor is put where
    /// the change's own code says.
    func dataChanged(_ host: ScreenHost) { readAgain(host, following: false) }

    /// A colleague's save.
    func dataChanged(_ host: ScreenHost, changes: DataChanges) { readAgain(host, following: true) }

    /// Reads the board (and list) again; `following` a colleague's change
    /// (or Ctrl-R after one), the cursor goes with its deal (`follow`).
    func readAgain(_ host: ScreenHost, following: Bool) {
        _ = watcher?.hasChanged()
        guard loaded else { return }
        attempt(host) {
            let before = view == .board ? board.selected : listView.list.selected
            try board.reloadAll()
            if view == .list { try listView.reload() }
            if following { try follow(before, host: host) }
            try stack.dataChanged(host)
        }
    }

    /// After a colleague's save: when the deal under the cursor left its
    /// place (moved to another stage, won, lost, deleted), the cursor goes
    /// with it where it is still shown, and the person is told either way.
    /// A cursor that quietly landed on the next deal would have the next
    /// key (`>`, `x`, `e`) act on a deal nobody chose.
    private func follow(_ before: DealSummary?, host: ScreenHost) throws {
        guard let before, (view == .board ? board.selected : listView.list.selected)?.id != before.id else { return }
        let now = try repository.summary(id: before.id)
        if let now, view == .list || board.shownStages.contains(now.stage) {
            try board.show(now)
            if view == .list { try listView.show(now) }
            host.show(tr("“{0}” was moved to {1} meanwhile; the cursor went with it", now.title, now.stage.displayName), isError: false)
        } else if let now {
            host.show(tr("“{0}” was moved to {1} meanwhile; the cursor is on the next deal", now.title, now.stage.displayName), isError: false)
        } else {
            host.show(tr("“{0}” is gone meanwhile; the cursor is on the next deal", before.title), isError: false)
        }
    }

    func layout(_ rect: Rect, host: ScreenHost) {
        attempt(host) {
            try loadIfNeeded()
            try stack.layout(rect)
            guard stack.isEmpty || stack.layers.allSatisfy(\.floats) else { return }
            let body = rect.splitTop(1).1
            if view == .board { try board.layout(in: body) } else { try listView.layout(in: body) }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .deal(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show(tr("Finish or cancel the deal form first"), isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            let detail = try DealDetail.load(id, session: session)
            try loadIfNeeded()
            try board.show(detail.summary)
            if view == .list { try listView.show(detail.summary) }
            stack.removeAll()
            stack.push(DealDetailLayer(detail, screen: self))
            shown = true
        }
        return shown
    }

    // MARK: Navigation

    var highlighted: RecordLink? {
        guard stack.listShows, let deal = currentSummary else { return nil }
        return .deal(deal.id)
    }

    var listShowsPane: Bool { stack.listShows }

    /// The board needs the width for its columns: the related pane folds
    /// under it on Tab rather than standing beside it.
    var paneFolds: Bool { view == .board }

    var place: DealsPlace { view == .board ? .board(board.focus) : .list(listView.stage, listView.order) }

    var location: ScreenLocation {
        let row = currentSummary.map { RecordLink.deal($0.id) }
        if let detail {
            return ScreenLocation(record: .deal(detail.deal.id), highlighted: row, view: .deals(place), title: .plain(detail.deal.title))
        }
        return ScreenLocation(highlighted: row, view: .deals(place), title: TrailTitle { tr("Deals") })
    }

    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            try loadIfNeeded()
            stack.removeAll()
            var place: DealsPlace?
            if case let .deals(p) = location.view { place = p }
            switch place {
            case let .list(stage, order)?:
                view = .list
                try listView.show(stage: stage ?? board.focus)
                if let order { try listView.set(order: order) }
            case let .board(stage)?:
                view = .board
                if let stage {
                    if !board.shownStages.contains(stage) { board.toggleFold() }
                    if let to = board.shownStages.firstIndex(of: stage), let from = board.shownStages.firstIndex(of: board.focus) {
                        board.moveFocus(by: to - from)
                    }
                }
            case nil:
                break
            }
            if case let .deal(id)? = location.highlighted, let deal = try repository.summary(id: id) {
                if view == .board { try board.show(deal) } else { try listView.show(deal) }
            }
            if case let .deal(id)? = location.record {
                stack.push(try DealDetailLayer(id, screen: self))
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        stack.top?.handleUnbound(key, host: host) ?? false
    }

    /// A click on a card of the board or a row of the list.
    func select(at point: Point, host: ScreenHost) -> Bool {
        if let top = stack.top { return top.select(at: point) }
        return view == .board ? board.select(at: point) : listView.select(at: point)
    }

    /// The wheel scrolls the list; on the board it moves as ↑/↓ do.
    func scroll(by lines: Int, host: ScreenHost) -> Bool {
        guard stack.isEmpty, view == .list else { return false }
        attempt(host) { try listView.list.scroll(by: lines) }
        return true
    }

    // MARK: Shared by the actions

    var currentList: WindowedList<DealSummary> { view == .board ? board.focusedList : listView.list }

    /// The highlighted deal of the board or list.
    var currentSummary: DealSummary? { currentList.selected }

    /// The deal an action applies to: the one open, or the highlighted one.
    var currentTarget: Target? {
        if let deal = detail?.deal {
            return Target(id: deal.id, version: deal.version, title: deal.title, stage: deal.stage, invoiceID: deal.invoiceID)
        }
        return currentSummary.map { Target(id: $0.id, version: $0.version, title: $0.title, stage: $0.stage, invoiceID: $0.invoiceID) }
    }

    /// After a change to a deal: the column heads, the columns and the list
    /// read again, the cursor following the deal to its new stage.
    func settle(after dealID: Int64) throws {
        try board.reloadAll()
        guard let summary = try repository.summary(id: dealID) else { return }
        try board.show(summary)
        if view == .list { try listView.show(summary) }
        try detail?.reload()
    }

    /// An action whose refusal because someone changed the deal first says
    /// who and that Ctrl-R reads it again.
    func sayingConflicts(_ action: Action) -> Action {
        Action(binding: action.binding, run: sayingConflicts(action.run))
    }

    /// The same for an answer to a question (remove a line, create the invoice).
    func sayingConflicts(_ run: @escaping (ScreenHost) throws -> Void) -> (ScreenHost) throws -> Void {
        { host in
            do {
                try run(host)
            } catch let KontorError.conflict(entity, id, changedBy, changedAt) {
                host.show(tr("{0} changed {1} {2} at {3} after it was loaded; Ctrl-R reloads", host.nameOfSaver(changedBy), entity, id, Format.shortTime(changedAt)), isError: true)
            }
        }
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        stack.draw(in: rect, grid: &grid, theme: theme) { grid in
            drawBrowse(in: rect, grid: &grid, theme: theme)
            return nil
        }
    }
}
