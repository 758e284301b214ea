import KontorLocale
import Foundation
import KontorModel
import KontorUI

/// What arrived for the person (`!`): the notices behind the header's
/// badge, newest first. Opening it marks them seen; Enter opens the
/// ticket, `b` turns the bell on or off. It opens only when asked: a
/// notice never takes the keyboard from someone typing.
struct NoticeList {
    var notices: [TicketNotice]
    var cursor = 0
    var bellOn: Bool

    static let bindings: [KeyBinding] = [
        KeyBinding("notices.open", [.enter], "open", help: "Open the highlighted ticket", group: "Notices"),
        KeyBinding("notices.down", [.char("j"), .down], "down", help: "Next notice", group: "Notices", inFooter: false),
        KeyBinding("notices.up", [.char("k"), .up], "up", help: "Previous notice", group: "Notices", inFooter: false),
        KeyBinding("notices.bell", [.char("b")], "bell", help: "Ring the terminal bell when something arrives, or stop it (remembered)", group: "Notices"),
        KeyBinding("notices.close", [.escape, .char("!")], "close", help: "Close the notices", group: "Notices"),
    ]

    var selected: TicketNotice? { notices.indices.contains(cursor) ? notices[cursor] : nil }

    mutating func move(by delta: Int) {
        cursor = max(0, min(notices.count - 1, cursor + delta))
    }

    /// "#1234 Drucker brennt · Müller GmbH" and what happened to it.
    static func line(_ notice: TicketNotice, now: Date = Date()) -> (what: String, ticket: String) {
        let what: String
        switch notice.kind {
        case .new: what = tr("new ({0})", notice.by)
        case .assigned: what = tr("yours, from {0}", notice.by)
        case .escalated: what = tr("{0} now ({1})", notice.priority.displayName.lowercased(), notice.by)
        case .slaSoon:
            let minutes = notice.date.map { max(0, Int($0.timeIntervalSince(now) / 60)) }
            what = minutes.map { tr("SLA breaks in {0} min", $0) } ?? tr("SLA breaks soon")
        }
        return (what, "#\(notice.ticketID) \(notice.subject) · \(notice.customerName)")
    }

    /// Where the list sits over `area`: its box, the rows' area, the first row shown.
    private func geometry(in area: Rect) -> (box: Rect, inner: Rect, top: Int) {
        let width = min(area.width - 2, 100)
        let height = min(area.height - 2, max(6, notices.count + 4))
        let box = area.centered(width: width, height: height)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 3)
        let top = max(0, min(cursor - inner.height + 1, notices.count - inner.height))
        return (box, inner, top)
    }

    /// The notice drawn at `point` over `area`, if any: what a click picks.
    func notice(at point: Point, in area: Rect) -> Int? {
        let (_, inner, top) = geometry(in: area)
        guard inner.contains(point) else { return nil }
        let index = top + point.y - inner.y
        return notices.indices.contains(index) ? index : nil
    }

    func draw(in area: Rect, grid: inout Grid, theme: Theme) {
        let (box, inner, top) = geometry(in: area)
        Chrome.drawBox(box, title: tr("What arrived"), suffix: bellOn ? tr(" · bell on") : tr(" · bell off"), grid: &grid,
                       style: theme[.dialog], titleStyle: theme[.dialogTitle])
        if notices.isEmpty {
            grid.write(tr("Nothing new since you last looked."), x: inner.x, y: inner.y, maxWidth: inner.width, style: theme[.dialog].adding(.dim))
        }
        let whatWidth = min(26, inner.width / 3)
        for (row, index) in (top..<min(notices.count, top + inner.height)).enumerated() {
            let (what, ticket) = Self.line(notices[index])
            let y = inner.y + row
            let style = index == cursor ? theme[.selection] : theme[.dialog]
            if index == cursor { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            grid.write(index == cursor ? "›" : " ", x: inner.x, y: y, style: style)
            grid.write(what, x: inner.x + 2, y: y, maxWidth: whatWidth, style: notices[index].kind == .new ? style : style.adding(.bold))
            grid.write(ticket, x: inner.x + 3 + whatWidth, y: y, maxWidth: inner.width - whatWidth - 3, style: style)
        }
        grid.write(tr("Enter opens · b bell · Esc closes"), x: inner.x, y: box.maxY - 2, maxWidth: inner.width, style: theme[.dialog].adding(.dim))
    }
}
