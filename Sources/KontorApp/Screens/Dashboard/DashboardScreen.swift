import Foundation
import KontorModel
import KontorUI

/// The dashboard: the business at a glance, in panels of figures and bars,
/// every figure a way into the list behind it.
///
/// The figures are read away from the keyboard (see `DashboardLoader`) when
/// the screen is shown and when the data changes; a key only moves the
/// cursor between figures or follows one, so keys cost the same at a
/// million customers as at ten.
final class DashboardScreen: LegacyScreen {
    let id = ScreenID.dashboard
    let session: Session
    let loader: DashboardLoader
    /// The figure under the cursor, by its row id; nil for the first one.
    private(set) var cursorID: String?
    /// The first line of the panel grid shown at the top of the screen.
    private(set) var scroll = 0
    /// Where the panels were last drawn, for moving sideways and by pages.
    private(set) var lastBody = Rect(x: 0, y: 0, width: 0, height: 0)

    /// `now` is the clock the figures are read at (tests stop it).
    init(session: Session, now: @escaping @Sendable () -> Date = { Date() }) {
        self.session = session
        loader = DashboardLoader(reports: session.database.reports, staffID: session.staff.id, now: now)
    }

    // MARK: Screen

    var capturesText: Bool { false }
    var hasUnsavedChanges: Bool { false }

    func activate(_ host: ScreenHost) { loader.refresh() }

    func dataChanged(_ host: ScreenHost) { loader.refresh() }

    var bindings: [KeyBinding] {
        var keys = [
            KeyBinding("dash.open", [.enter], "open", help: "Open the list (or record) behind the highlighted figure", group: "Dashboard"),
            KeyBinding("dash.nextPanel", [.tab], "next panel", help: "First figure of the next panel", group: "Dashboard"),
            KeyBinding("dash.refresh", [.char("r")], "refresh", help: "Read the figures again now", group: "Dashboard"),
            KeyBinding("dash.previousPanel", [.backTab], "previous panel", help: "First figure of the previous panel", group: "Dashboard", inFooter: false),
            KeyBinding("dash.down", [.char("j"), .down], "down", help: "Next figure", group: "Moving", inFooter: false),
            KeyBinding("dash.up", [.char("k"), .up], "up", help: "Previous figure", group: "Moving", inFooter: false),
            KeyBinding("dash.left", [.char("h"), .left], "left", help: "The panel to the left", group: "Moving", inFooter: false),
            KeyBinding("dash.right", [.char("l"), .right], "right", help: "The panel to the right", group: "Moving", inFooter: false),
            KeyBinding("dash.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "A screenful further down", group: "Moving", inFooter: false),
            KeyBinding("dash.pageUp", [.pageUp, .ctrl("b")], "page up", help: "A screenful further up", group: "Moving", inFooter: false),
            KeyBinding("dash.top", [.char("g"), .home], "top", help: "First figure", group: "Moving", inFooter: false),
            KeyBinding("dash.bottom", [.char("G"), .end], "bottom", help: "Last figure", group: "Moving", inFooter: false),
        ]
        if selected == nil { keys.removeFirst() }
        return keys
    }

    func perform(_ id: String, host: ScreenHost) {
        let (panels, stops) = current()
        guard !stops.isEmpty else {
            if id == "dash.refresh" { loader.refresh(immediately: true) }
            return
        }
        let here = stops.firstIndex { $0.row.id == cursorID } ?? 0
        func go(_ index: Int) { cursorID = stops[max(0, min(stops.count - 1, index))].row.id }
        switch id {
        case "dash.open":
            if let link = stops[here].row.link { follow(link, host: host) }
        case "dash.refresh":
            loader.refresh(immediately: true)
            host.show("Reading the figures again", isError: false)
        case "dash.down": go(here + 1)
        case "dash.up": go(here - 1)
        case "dash.top": go(0)
        case "dash.bottom": go(stops.count - 1)
        case "dash.nextPanel":
            if let next = stops.firstIndex(where: { $0.panel > stops[here].panel }) { go(next) }
        case "dash.previousPanel":
            let panel = stops[here].panel
            if let previous = stops.last(where: { $0.panel < panel })?.panel, let first = stops.firstIndex(where: { $0.panel == previous }) { go(first) }
        case "dash.left", "dash.right":
            let layout = DashboardLayout(panels: panels, width: max(lastBody.width, 1))
            var panel = stops[here].panel
            // Skip panels beside without figures (still being read).
            while let beside = layout.beside(panel, step: id == "dash.left" ? -1 : 1) {
                if let first = stops.firstIndex(where: { $0.panel == beside }) { return go(first) }
                panel = beside
            }
        case "dash.pageDown", "dash.pageUp":
            // The first figure a screenful further on.
            let layout = DashboardLayout(panels: panels, width: max(lastBody.width, 1))
            let step = max(1, lastBody.height - 1) * (id == "dash.pageDown" ? 1 : -1)
            let target = Self.line(of: stops[here], in: layout) + step
            if id == "dash.pageDown" {
                go(stops.firstIndex { Self.line(of: $0, in: layout) >= target } ?? stops.count - 1)
            } else {
                go(stops.lastIndex { Self.line(of: $0, in: layout) <= target } ?? 0)
            }
        default:
            break
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool { false }

    /// Where a figure leads: a list, filtered, on its screen, or a record.
    private func follow(_ link: DashboardLink, host: ScreenHost) {
        switch link {
        case let .list(screen, view):
            host.open(screen: screen, at: ScreenLocation(view: view, title: screen.title))
        case let .record(record):
            host.open(record)
        }
    }

    // MARK: Figures and stops

    var figures: DashboardFigures { loader.figures }

    /// The panels and their stops, built once for each set of figures: the
    /// footer, the help and every frame ask for them, and formatting every
    /// amount each time would cost more than the key itself.
    private var built: (version: Int, panels: [Panel], stops: [Stop])?

    private func current() -> (panels: [Panel], stops: [Stop]) {
        let figures = self.figures
        if let built, built.version == figures.version { return (built.panels, built.stops) }
        let panels = DashboardPanels.build(figures)
        let stops = Self.stops(panels)
        built = (figures.version, panels, stops)
        return (panels, stops)
    }

    var panels: [Panel] { current().panels }

    /// A figure the cursor can rest on: a row with a link.
    struct Stop {
        var panel: Int
        var index: Int
        var row: PanelRow
    }

    static func stops(_ panels: [Panel]) -> [Stop] {
        panels.enumerated().flatMap { p, panel in
            panel.rows.enumerated().compactMap { i, row in row.link == nil ? nil : Stop(panel: p, index: i, row: row) }
        }
    }

    /// The highlighted figure, if any figure is known yet.
    var selected: PanelRow? {
        let stops = current().stops
        return (stops.first { $0.row.id == cursorID } ?? stops.first)?.row
    }

    /// The grid line a figure is drawn on.
    static func line(of stop: Stop, in layout: DashboardLayout) -> Int {
        guard let place = layout.placements.first(where: { $0.panel == stop.panel }) else { return 0 }
        return place.y + 1 + stop.index
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (titleRow, body) = rect.splitTop(1)
        drawTitle(figures, in: titleRow, grid: &grid, theme: theme)
        let (panels, stops) = current()
        let layout = DashboardLayout(panels: panels, width: body.width)
        lastBody = body
        let cursor = stops.first { $0.row.id == cursorID } ?? stops.first
        scroll = Self.scroll(keeping: cursor, layout: layout, from: scroll, height: body.height)
        for place in layout.placements {
            let box = Rect(x: body.x + place.x, y: body.y + place.y - scroll, width: place.width, height: place.height)
            guard box.maxY > body.y, box.y < body.maxY else { continue }
            PanelDrawing.draw(panels[place.panel], in: box, clip: body, cursor: cursor?.row.id, focused: true, grid: &grid, theme: theme)
        }
        // Say that there is more above or below, as lists do.
        if scroll > 0 { grid.write("▲", x: body.maxX - 1, y: body.y, style: theme[.dim]) }
        if scroll + body.height < layout.height { grid.write("▼", x: body.maxX - 1, y: body.maxY - 1, style: theme[.dim]) }
        return nil
    }

    private func drawTitle(_ figures: DashboardFigures, in row: Rect, grid: inout Grid, theme: Theme) {
        var x = row.x + 1
        x += grid.write("Dashboard", x: x, y: row.y, style: theme[.title])
        var status: String
        if let readAt = figures.readAt {
            status = "as of " + Format.localTime(Self.iso.string(from: readAt))
            if loader.isReading { status += " · updating…" }
        } else {
            status = "reading the figures…"
        }
        x += grid.write("  " + status, x: x, y: row.y, maxWidth: row.maxX - x, style: theme[.dim])
        if let failure = figures.failure {
            grid.write("  ✗ " + failure, x: x, y: row.y, maxWidth: row.maxX - x - 1, style: theme[.error])
        }
    }

    /// Made once: formatters cost more to make than a frame costs to draw.
    nonisolated(unsafe) private static let iso = ISO8601DateFormatter()

    /// The scroll position that shows the cursor's whole panel if it fits
    /// (else the cursor's line), moving as little as possible from `from`.
    static func scroll(keeping cursor: Stop?, layout: DashboardLayout, from: Int, height: Int) -> Int {
        var top = max(0, min(from, layout.height - height))
        guard height > 0, let cursor, let place = layout.placements.first(where: { $0.panel == cursor.panel }) else { return top }
        let line = place.y + 1 + cursor.index
        let (first, last) = place.height <= height ? (place.y, place.y + place.height - 1) : (line, line)
        if last >= top + height { top = last - height + 1 }
        if first < top { top = first }
        return max(0, top)
    }
}
