import Foundation
import KontorLocale
import KontorModel
import KontorUI

/// The dashboard: the business at a glance, in panels of figures and bars,
/// every figure a way into the list behind it.
///
/// The figures are read away from the keyboard (see `DashboardLoader`) when
/// the screen is shown and when the data changes, and arrive in the update
/// step; a key only moves the cursor between figures or follows one, so
/// keys cost the same at a million customers as at ten.
final class DashboardScreen: Screen {
    let id = ScreenID.dashboard
    let session: Session
    let loader: DashboardLoader
    /// The figure under the cursor, by its row id; nil for the first one.
    private(set) var cursorID: String?
    /// The first line of the panel grid shown at the top of the screen; set in the update step.
    private(set) var scroll = 0
    /// Where the panels go, for moving sideways and by pages; set in the update step.
    private(set) var lastBody = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The panels and their stops, built once for each set of figures: the
    /// footer, the help and every frame ask for them, and formatting every
    /// amount each time would cost more than the key itself.
    private(set) var panels: [Panel] = []
    private var stops: [Stop] = []
    /// "as of …" over the panels, worked out in the update step.
    private var status = ""
    /// The language the panels' words were made in: the update step makes
    /// them again in the person's when it differs.
    private var builtIn: Language?
    /// Made once, for this screen only: formatters cost more to make than a frame costs to draw.
    private let iso = ISO8601DateFormatter()

    /// `now` is the clock the figures are read at (tests stop it);
    /// `background` runs the readings (the App's, whose messages it delivers);
    /// `sharers` says how many sessions show a dashboard now, who share
    /// the readings' budget (see `DashboardLoader`).
    init(session: Session, background: Background = Background(), now: @escaping @Sendable () -> Date = { Date() },
         sharers: @escaping () -> Int = { 1 }) {
        self.session = session
        loader = DashboardLoader(reports: session.database.reports, staffID: session.staff.id, now: now, background: background)
        loader.sharers = sharers
        loader.changed = { [unowned self] in rebuild() }
        rebuild()
    }

    // MARK: Screen

    var capturesText: Bool { false }
    var hasUnsavedChanges: Bool { false }

    func activate(_ host: ScreenHost) { loader.refresh() }

    /// Figures nobody looks at are not worth a sum over a million rows:
    /// a reading under way stops after the family it is at.
    func deactivate() { loader.stop() }

    func dataChanged(_ host: ScreenHost) { loader.refresh() }

    /// The figures are read from every part of the business.
    var shownAreas: Set<DataArea> { DataArea.business }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool { false }

    /// The update step: where the panels go and how far they are scrolled
    /// to show the cursor's panel.
    func layout(_ rect: Rect, host: ScreenHost) {
        if builtIn != Language.current { rebuild() }
        let body = rect.splitTop(1).1
        lastBody = body
        let layout = DashboardLayout(panels: panels, width: body.width)
        scroll = Self.scroll(keeping: cursor, layout: layout, from: scroll, height: body.height)
        status = statusText()
    }

    /// The panels and stops for the figures known now, and the title's words.
    private func rebuild() {
        builtIn = Language.current
        panels = DashboardPanels.build(figures)
        stops = Self.stops(panels)
        status = statusText()
    }

    private func statusText() -> String {
        guard let readAt = figures.readAt else { return tr("reading the figures…") }
        return tr("as of {0}", Format.localTime(iso.string(from: readAt))) + (loader.isReading ? " · " + tr("updating…") : "")
    }

    // MARK: Keys

    var actions: [Action] {
        var keys: [Action] = []
        if let selected {
            keys.append(Action("dash.open", [.enter], "open", help: "Open the list (or record) behind the highlighted figure", group: "Dashboard") {
                [unowned self] host in
                if let link = selected.link { follow(link, host: host) }
            })
        }
        keys += [
            Action("dash.nextPanel", [.tab], "next panel", help: "First figure of the next panel", group: "Dashboard") { [unowned self] _ in
                if let here, let next = stops.firstIndex(where: { $0.panel > stops[here].panel }) { go(next) }
            },
            Action("dash.refresh", [.char("r")], "refresh", help: "Read the figures again now", group: "Dashboard") { [unowned self] host in
                loader.refresh(immediately: true)
                if !stops.isEmpty { host.show(tr("Reading the figures again"), isError: false) }
            },
            Action("dash.previousPanel", [.backTab], "previous panel", help: "First figure of the previous panel", group: "Dashboard",
                   inFooter: false) { [unowned self] _ in
                guard let here else { return }
                let panel = stops[here].panel
                if let previous = stops.last(where: { $0.panel < panel })?.panel, let first = stops.firstIndex(where: { $0.panel == previous }) {
                    go(first)
                }
            },
            move("dash.down", [.char("j"), .down], "down", "Next figure") { $0 + 1 },
            move("dash.up", [.char("k"), .up], "up", "Previous figure") { $0 - 1 },
            Action("dash.left", [.char("h"), .left], "left", help: "The panel to the left", group: "Moving", inFooter: false) { [unowned self] _ in
                sideways(-1)
            },
            Action("dash.right", [.char("l"), .right], "right", help: "The panel to the right", group: "Moving", inFooter: false) { [unowned self] _ in
                sideways(1)
            },
            Action("dash.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "A screenful further down", group: "Moving",
                   inFooter: false) { [unowned self] _ in page(1) },
            Action("dash.pageUp", [.pageUp, .ctrl("b")], "page up", help: "A screenful further up", group: "Moving", inFooter: false) {
                [unowned self] _ in page(-1)
            },
            move("dash.top", [.char("g"), .home], "top", "First figure") { _ in 0 },
            move("dash.bottom", [.char("G"), .end], "bottom", "Last figure") { [unowned self] _ in stops.count - 1 },
        ]
        return keys
    }

    /// A key that moves the cursor to the figure `target` picks from where it is.
    private func move(_ id: String, _ keys: [Key], _ label: String, _ help: String, to target: @escaping (Int) -> Int) -> Action {
        Action(id, keys, label, help: help, group: "Moving", inFooter: false) { [unowned self] _ in
            if let here { go(target(here)) }
        }
    }

    /// The index of the highlighted figure's stop; nil while no figure is known.
    private var here: Int? {
        stops.isEmpty ? nil : stops.firstIndex { $0.row.id == cursorID } ?? 0
    }

    private func go(_ index: Int) {
        guard !stops.isEmpty else { return }
        cursorID = stops[max(0, min(stops.count - 1, index))].row.id
    }

    /// A click on a figure: the cursor goes to it (a double click then
    /// follows it, as Enter does). Returns whether a figure was there.
    func select(at point: Point, host: ScreenHost) -> Bool {
        guard lastBody.contains(point) else { return false }
        let layout = DashboardLayout(panels: panels, width: lastBody.width)
        let x = point.x - lastBody.x, y = point.y - lastBody.y + scroll
        guard let place = layout.placements.first(where: { x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height }),
              let stop = stops.firstIndex(where: { $0.panel == place.panel && $0.index == y - place.y - 1 }) else { return false }
        go(stop)
        return true
    }

    /// To the first figure of the panel beside, skipping panels without
    /// figures (still being read).
    private func sideways(_ step: Int) {
        guard let here else { return }
        let layout = DashboardLayout(panels: panels, width: max(lastBody.width, 1))
        var panel = stops[here].panel
        while let beside = layout.beside(panel, step: step) {
            if let first = stops.firstIndex(where: { $0.panel == beside }) { return go(first) }
            panel = beside
        }
    }

    /// To the first figure a screenful further on.
    private func page(_ direction: Int) {
        guard let here else { return }
        let layout = DashboardLayout(panels: panels, width: max(lastBody.width, 1))
        let target = Self.line(of: stops[here], in: layout) + max(1, lastBody.height - 1) * direction
        if direction > 0 {
            go(stops.firstIndex { Self.line(of: $0, in: layout) >= target } ?? stops.count - 1)
        } else {
            go(stops.lastIndex { Self.line(of: $0, in: layout) <= target } ?? 0)
        }
    }

    /// Where a figure leads: a list, filtered, on its screen, or a record.
    private func follow(_ link: DashboardLink, host: ScreenHost) {
        switch link {
        case let .list(place):
            guard let screen = place.screen else { return }
            host.open(screen: screen, at: ScreenLocation(view: place, title: TrailTitle { screen.title }))
        case let .record(record):
            host.open(record)
        }
    }

    // MARK: Figures and stops

    var figures: DashboardFigures { loader.figures }

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

    /// The highlighted figure's stop, if any figure is known yet.
    private var cursor: Stop? { here.map { stops[$0] } }

    /// The highlighted figure, if any figure is known yet.
    var selected: PanelRow? { cursor?.row }

    /// The grid line a figure is drawn on.
    static func line(of stop: Stop, in layout: DashboardLayout) -> Int {
        guard let place = layout.placements.first(where: { $0.panel == stop.panel }) else { return 0 }
        return place.y + 1 + stop.index
    }

    // MARK: Drawing

    /// Draws what the update step left: reads nothing.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (titleRow, body) = rect.splitTop(1)
        drawTitle(in: titleRow, grid: &grid, theme: theme)
        let layout = DashboardLayout(panels: panels, width: body.width)
        let cursor = self.cursor
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

    private func drawTitle(in row: Rect, grid: inout Grid, theme: Theme) {
        var x = row.x + 1
        x += grid.write(tr("Dashboard"), x: x, y: row.y, style: theme[.title])
        x += grid.write("  " + status, x: x, y: row.y, maxWidth: row.maxX - x, style: theme[.dim])
        if let failure = figures.failure {
            grid.write("  ✗ " + failure, x: x, y: row.y, maxWidth: row.maxX - x - 1, style: theme[.error])
        }
    }

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
