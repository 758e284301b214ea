import KontorLocale
import KontorModel
import KontorUI

@MainActor
/// The pane beside a list that follows its cursor: the records the
/// highlighted one touches, from both sides of the business. Tab moves the
/// focus into it; Enter on a row opens that record on its own screen.
final class RelatedPane {
    private enum Line {
        case title(String)
        case summary(RelatedRow)
        case heading(String)
        case row(RelatedRow)
        case empty(String)
        case blank
    }

    /// Whose related records are shown.
    private(set) var subject: RecordLink?
    private var lines: [Line] = []
    private var failure: String?
    var focused = false
    /// Index in `lines` of the highlighted row while focused.
    private var cursor: Int?
    private var scroll = 0
    private var height = 10

    /// Reads the related records away from the keyboard: a key that moves
    /// the cursor draws the list at once, and the pane fills a few
    /// milliseconds later. One reading at a time; while one runs, only the
    /// newest subject asked for waits (holding `j` reads the record the
    /// cursor rests on, not every record it passed).
    let background = Background(label: "kontor.related", qos: .userInitiated)
    /// The subject whose lines are shown; differs from `subject` while its
    /// reading is under way.
    private(set) var shown: RecordLink?
    private var waiting: (link: RecordLink, session: Session)?

    /// Whether the lines shown are those of the highlighted record.
    var isCurrent: Bool { shown == subject && waiting == nil }
    /// The person whose activity the lines list, and their newest entry read.
    private var activity: ActivityMark?

    /// Whether the person whose activity is shown has done something since
    /// it was read (one index step; see `RelatedContent.activity`).
    func activityMoved(session: Session) -> Bool {
        guard let activity else { return false }
        return (try? session.database.lastActivityID(ofActor: activity.actor)) != activity.lastID
    }

    /// Follows the cursor to `link`, reading its related records when the
    /// subject changes or `force` asks (the data changed).
    func follow(_ link: RecordLink?, session: Session, force: Bool = false) {
        guard force || link != subject else { return }
        if link != subject { scroll = 0; cursor = nil }
        // Until this reading is in, the activity shown is not asked about
        // again: each save meanwhile would ask for one more reading.
        activity = nil
        subject = link
        guard let link else {
            lines = []
            shown = nil
            failure = nil
            return
        }
        read(link, session: session)
    }

    /// Reads `link`'s related records now, on this thread: for Tab, which
    /// moves into the pane and needs its rows.
    func followNow(_ link: RecordLink?, session: Session) {
        if link != subject { scroll = 0; cursor = nil }
        subject = link
        waiting = nil
        guard let link else { return }
        show(Result { try Related.content(for: link, session: session) }, for: link)
    }

    private func read(_ link: RecordLink, session: Session) {
        // The pane's own queue runs nothing else: a job running is a reading under way.
        guard background.running == 0 else {
            waiting = (link, session)
            return
        }
        background.start({ outbox in
            outbox.send(Result { try Related.content(for: link, session: session) })
        }, receive: { [weak self] (result: Result<RelatedContent?, any Error>) in
            self?.show(result, for: link)
        }, finished: { [weak self] in
            guard let self else { return }
            if let next = waiting {
                waiting = nil
                read(next.link, session: next.session)
            }
        })
    }

    /// Shows what was read for `link`, if the cursor is still there.
    private func show(_ result: Result<RelatedContent?, any Error>, for link: RecordLink) {
        guard link == subject else { return }
        shown = link
        switch result {
        case let .success(content):
            failure = nil
            lines = Self.layout(content)
            activity = content?.activity
        case let .failure(error):
            lines = []
            failure = ErrorText.describe(error)
            activity = nil
        }
        if let cursor, !(lines.indices.contains(cursor) && isLink(cursor)) { self.cursor = firstLink }
        if focused, cursor == nil { cursor = firstLink }
    }

    private static func layout(_ content: RelatedContent?) -> [Line] {
        guard let content else { return [.empty("This record no longer exists.")] }
        var lines: [Line] = [.title(content.title)]
        lines += content.summary.map { .summary($0) }
        for section in content.sections {
            lines.append(.blank)
            lines.append(.heading(section.heading))
            lines += section.rows.isEmpty ? [.empty(section.empty)] : section.rows.map { .row($0) }
        }
        return lines
    }

    private func isLink(_ index: Int) -> Bool {
        if case let .row(row) = lines[index] { return row.link != nil }
        return false
    }

    private var firstLink: Int? { lines.indices.first(where: isLink) }

    /// Whether there is anything to move to in the pane.
    var hasLinks: Bool { firstLink != nil }

    func focus() {
        focused = true
        if cursor == nil { cursor = firstLink }
    }

    // MARK: Keys

    static let bindings: [KeyBinding] = [
        KeyBinding("pane.open", [.enter], "open", help: "Open the highlighted record on its own screen", group: "Related pane"),
        KeyBinding("pane.leave", [.tab, .backTab, .escape], "back to list", help: "Move the focus back to the list", group: "Related pane"),
        KeyBinding("pane.down", [.char("j"), .down], "down", help: "Next linked record", group: "Related pane", inFooter: false),
        KeyBinding("pane.up", [.char("k"), .up], "up", help: "Previous linked record", group: "Related pane", inFooter: false),
        KeyBinding("pane.top", [.char("g"), .home], "first", help: "First linked record", group: "Related pane", inFooter: false),
        KeyBinding("pane.bottom", [.char("G"), .end], "last", help: "Last linked record", group: "Related pane", inFooter: false),
    ]

    /// The record Enter would open.
    var selectedLink: RecordLink? {
        guard let cursor, lines.indices.contains(cursor), case let .row(row) = lines[cursor] else { return nil }
        return row.link
    }

    func perform(_ id: String) {
        let links = lines.indices.filter(isLink)
        guard !links.isEmpty else { return }
        guard let at = links.firstIndex(where: { $0 == cursor }) else {
            // Above the first link: down comes back to it.
            if id == "pane.down" || id == "pane.top" { cursor = links.first } else if id == "pane.bottom" { cursor = links.last }
            return
        }
        switch id {
        case "pane.down": cursor = links[min(links.count - 1, at + 1)]
        case "pane.up" where at == 0:
            // Up from the first link shows what stands above it (the
            // customer's name, what it owes, its contacts), which a short
            // pane may have scrolled away; nothing is highlighted there.
            cursor = nil
            scroll = 0
        case "pane.up": cursor = links[at - 1]
        case "pane.top": cursor = links.first
        case "pane.bottom": cursor = links.last
        default: break
        }
    }

    /// Where the last layout put the lines: where a click lands.
    private var area: Rect?

    /// A click on a linked record: the focus comes into the pane, on it.
    /// Returns whether a link was there.
    func select(at point: Point) -> Bool {
        guard let area, area.contains(point) else { return false }
        let index = scroll + point.y - area.y
        guard lines.indices.contains(index), isLink(index) else { return false }
        focused = true
        cursor = index
        return true
    }

    // MARK: Drawing

    /// The text area inside the pane's border.
    private static func inner(_ rect: Rect, divider: Divider) -> Rect {
        switch divider {
        case .left: return Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        case .top: return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        }
    }

    /// The update step: how many lines show, and the scroll that keeps the
    /// highlighted one in sight.
    func layout(in rect: Rect, divider: Divider) {
        let inner = Self.inner(rect, divider: divider)
        area = inner
        guard inner.height > 0 else { return }
        height = inner.height
        if let cursor {
            if cursor < scroll { scroll = max(0, cursor - 1) }
            if cursor >= scroll + inner.height { scroll = cursor - inner.height + 1 }
        }
        scroll = max(0, min(scroll, lines.count - inner.height))
    }

    /// Draws what `layout` settled; changes nothing.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme, divider: Divider) {
        grid.fill(rect, style: theme[.normal])
        switch divider {
        case .left:
            for y in rect.y..<rect.maxY { grid.write("│", x: rect.x, y: y, style: theme[focused ? .label : .border]) }
        case .top:
            grid.write(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: theme[focused ? .label : .border])
        }
        let inner = Self.inner(rect, divider: divider)
        guard inner.height > 0, inner.width > 4 else { return }
        if let failure {
            grid.write("✗ " + failure, x: inner.x, y: inner.y, maxWidth: inner.width, style: theme[.error])
            return
        }
        if subject == nil {
            grid.write(tr("Nothing selected: no row matches"), x: inner.x, y: inner.y, maxWidth: inner.width, style: theme[.dim])
            return
        }
        for (offset, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            let index = scroll + offset
            switch line {
            case let .title(text):
                grid.write(text, x: inner.x, y: y, maxWidth: inner.width, style: theme[.title])
            case let .summary(row):
                grid.write(row.mark.isEmpty ? row.text : row.mark + " " + row.text, x: inner.x, y: y, maxWidth: inner.width, style: theme[row.role])
            case let .heading(text):
                grid.write(text, x: inner.x, y: y, maxWidth: inner.width, style: theme[.label].adding(.bold))
            case let .empty(text):
                grid.write(text, x: inner.x + 2, y: y, maxWidth: inner.width - 2, style: theme[.dim])
            case .blank:
                break
            case let .row(row):
                let isCursor = focused && index == cursor
                let style = isCursor ? theme[.selection] : theme[row.role]
                if isCursor { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                grid.write(isCursor ? "›" : row.mark, x: inner.x, y: y, style: isCursor ? style : theme[row.role == .normal ? .marked : row.role])
                grid.write(row.text, x: inner.x + 2, y: y, maxWidth: inner.width - 2, style: style)
            }
        }
        if shown != subject { grid.write("…", x: inner.maxX - 1, y: inner.y, style: theme[.dim]) }
        if scroll > 0 { grid.write("▲", x: inner.maxX - 1, y: inner.y, style: theme[.dim]) }
        if scroll + inner.height < lines.count { grid.write("▼", x: inner.maxX - 1, y: inner.maxY - 1, style: theme[.dim]) }
    }

    enum Divider { case left, top }
}

extension RecordLink {
    /// The areas the related pane reads for this record (`Related+Records`):
    /// after a colleague's save to none of them the pane stays as read.
    /// Audit lines about a record ("recent activity") are written with the
    /// record's own change, so they need no area here. A member of staff's
    /// are about any record, and every save writes activity: their pane
    /// asks instead whether the person's newest entry moved
    /// (`RelatedPane.activityMoved`).
    var relatedAreas: Set<DataArea> {
        switch self {
        case .customer: [.customers, .tickets, .deals, .invoices, .staff]
        case .ticket: [.tickets, .customers, .deals, .invoices]
        case .deal: [.deals, .customers, .inventory, .invoices]
        case .invoice: [.invoices, .customers, .deals, .inventory, .tickets]
        case .product: [.inventory, .deals, .invoices, .customers]
        case .staff: [.staff, .tickets, .deals]
        }
    }
}
