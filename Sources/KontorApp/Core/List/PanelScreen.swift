import KontorModel
import KontorUI

/// A screen whose list is a `ListPanel` and whose records, forms and
/// questions sit on a stack: the parts of `Screen` every such screen
/// answers the same way, so that each keeps only what is its own.
protocol PanelScreen: LayeredScreen {
    associatedtype Row: Identifiable
    associatedtype Query: ListQuery
    var panel: ListPanel<Row, Query> { get }
    /// Tells, on coming back to the screen, whether anything was committed
    /// since it last read; nil reads again every time.
    var changes: ChangeWatcher? { get }
    /// The record a row of the list stands for, for the related pane.
    func link(_ row: Row) -> RecordLink
    /// Reads again what the list shows; by default the panel's rows.
    func rereadList() throws

    // Where the screen stands, for the history.
    /// The screen's own part of it: its view, queue, column or order.
    var place: ListPlace { get }
    /// The list's words for the trail; by default its title.
    var trailTitle: TrailTitle { get }
    /// The record open over the list, and a few words for the trail.
    var openRecord: (link: RecordLink, title: TrailTitle)? { get }
    /// The list's row of a linked record, when the record is this screen's.
    func row(for link: RecordLink) throws -> Row?
    /// The view a place names, when it is this screen's.
    func view(in place: ListPlace) -> Query.View?
    /// Opens a record over the list again, coming back to `place`.
    func reopen(_ record: RecordLink, at place: ListPlace) throws
}

extension PanelScreen {
    var changes: ChangeWatcher? { nil }
    func rereadList() throws { try panel.reload() }

    var capturesText: Bool { stack.isEmpty ? panel.isFiltering : stack.capturesText }
    var hasUnsavedChanges: Bool { stack.hasUnsavedChanges }

    var highlighted: RecordLink? {
        guard stack.listShows, let row = panel.selected else { return nil }
        return link(row)
    }

    var listShowsPane: Bool { stack.listShows }

    /// Coming back reads again only if something was committed meanwhile;
    /// otherwise what is shown is still true and the switch costs a frame.
    func activate(_ host: ScreenHost) {
        guard panel.loaded else {
            _ = changes?.hasChanged()
            return attempt(host) { try panel.loadIfNeeded() }
        }
        if changes?.hasChanged(touching: shownAreas) ?? true { dataChanged(host) }
    }

    func dataChanged(_ host: ScreenHost) {
        _ = changes?.hasChanged()
        attempt(host) {
            try rereadList()
            try stack.dataChanged(host)
        }
    }

    /// The update step's shared part: the first page, then what the open
    /// layers show. The screen then lays out its list for its own area.
    func prepare(_ rect: Rect, host: ScreenHost) {
        attempt(host) {
            try panel.loadIfNeeded()
            try stack.layout(rect)
        }
    }

    var trailTitle: TrailTitle { TrailTitle { [title = panel.words.title, query = panel.query] in title(query) } }

    var location: ScreenLocation {
        let open = openRecord
        return ScreenLocation(record: open?.link, highlighted: panel.selected.map(link), filter: panel.query.text, view: place,
                              title: open?.title ?? trailTitle)
    }

    /// Back where the history says: the view, the filter, the row, and the
    /// record that was open. Nothing happens over a form with changes.
    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            let highlighted = try location.highlighted.flatMap(row(for:))
            try panel.restore(view: view(in: location.view), filter: location.filter, highlighted: highlighted)
            stack.removeAll()
            if let record = location.record { try reopen(record, at: location.view) }
        }
    }

    /// A click on the list's rows, or on what the top layer offers (a
    /// lookup's rows); nothing over a record or a form.
    func select(at point: Point, host: ScreenHost) -> Bool {
        if let top = stack.top { return top.select(at: point) }
        return panel.select(at: point)
    }

    func scroll(by lines: Int, host: ScreenHost) -> Bool {
        guard stack.isEmpty else { return false }
        attempt(host) { try panel.scroll(by: lines) }
        return true
    }

    /// After an undo: the cursor on the record that came back, if this
    /// list shows it.
    func follow(_ subject: Undoable.Subject, host: ScreenHost) {
        let link: RecordLink
        switch subject {
        case let .tickets(ids): guard let first = ids.first else { return }; link = .ticket(first)
        case let .customer(id): link = .customer(id)
        case let .product(id): link = .product(id)
        case let .deal(id): link = .deal(id)
        }
        attempt(host) {
            if let row = try row(for: link) { try panel.show(row, keepingFilter: true, fits: { _ in true }) }
        }
    }

    func forgetSavedViews() { panel.savedCache = nil }

    /// A saved view of this list, from the palette: whatever is open
    /// over the list closes first (the caller checked nothing unsaved is lost).
    func open(saved view: SavedListView, host: ScreenHost) -> Bool {
        guard panel.memory?.list == view.list else { return false }
        stack.removeAll()
        attempt(host) { try panel.open(view) }
        return true
    }

    /// Keys no action claimed: to the top layer, else into the filter.
    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if let top = stack.top { return top.handleUnbound(key, host: host) }
        var used = false
        attempt(host) { used = try panel.handleUnbound(key) }
        return used
    }
}
