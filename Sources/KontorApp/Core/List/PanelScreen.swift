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
}

extension PanelScreen {
    var changes: ChangeWatcher? { nil }
    func rereadList() throws { try panel.reload() }

    var capturesText: Bool { stack.isEmpty ? panel.isFiltering : stack.capturesText }
    var hasUnsavedChanges: Bool { stack.hasUnsavedChanges }

    var highlighted: RecordLink? {
        guard stack.isEmpty, let row = panel.selected else { return nil }
        return link(row)
    }

    /// Coming back reads again only if something was committed meanwhile;
    /// otherwise what is shown is still true and the switch costs a frame.
    func activate(_ host: ScreenHost) {
        guard panel.loaded else {
            _ = changes?.hasChanged()
            return attempt(host) { try panel.loadIfNeeded() }
        }
        if changes?.hasChanged() != false { dataChanged(host) }
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

    /// Keys no action claimed: to the top layer, else into the filter.
    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if let top = stack.top { return top.handleUnbound(key, host: host) }
        var used = false
        attempt(host) { used = try panel.handleUnbound(key) }
        return used
    }
}
