import KontorLocale
import Foundation
import KontorModel
import KontorUI

/// Noticing what arrives: after each commit the change check sees (and
/// once a minute, for SLAs about to break: only then), the session asks the model
/// what arrived for its person since it last looked. The count shows as a
/// badge in the header, the bell rings if the person wants it, and `!`
/// lists them. Nothing pops up: whoever is typing keeps typing.
extension App {
    /// Looks for new notices; returns whether any arrived (the frame shows the badge).
    func lookForNotices(dataChanged: Bool, now: Date = Date()) -> Bool {
        let minute = Int(now.timeIntervalSince1970 / 60)
        let minuteTurned = minute != noticeMinute
        guard let mark = noticeMark, dataChanged || minuteTurned else { return false }
        noticeMinute = minute
        do {
            let (found, next) = try database.tickets.notices(for: session, since: mark, deadlines: minuteTurned)
            noticeMark = next
            guard !found.isEmpty else { return false }
            // One line per ticket and kind, the newest on top.
            let ids = Set(found.map(\.id))
            notices = (found.reversed() + notices.filter { !ids.contains($0.id) }).prefix(50).map { $0 }
            if bellOn { backend?.bell() }
            return true
        } catch {
            show(tr("Could not look for new tickets: {0}", error), isError: true)
            return true
        }
    }

    /// The badge in the header: "!3" while something is unseen.
    var noticeBadge: String {
        notices.isEmpty ? "" : "!\(notices.count > 99 ? "99+" : String(notices.count))"
    }

    var noticeBinding: KeyBinding {
        KeyBinding("app.notices", [.char("!")], notices.isEmpty ? "notices" : tr("{0} new", Format.count(notices.count)),
                   help: "What arrived for you: new tickets in your queues, tickets given to you, raised priorities, SLAs about to break (the header's !N)",
                   group: "Global", inFooter: false)
    }

    func openNotices() {
        noticeList = NoticeList(notices: notices.filter(stillHolds), bellOn: bellOn)
        notices = []
    }

    /// Whether what a notice says is still so: a colleague may have taken
    /// back the assignment or the raised priority since (with `u`, say), or
    /// the ticket may have been answered. Read when the list is opened:
    /// one row a notice, at most fifty.
    private func stillHolds(_ notice: TicketNotice) -> Bool {
        guard let ticket = try? database.tickets.find(id: notice.ticketID) else { return true }
        switch notice.kind {
        case .new: return true
        case .assigned: return ticket.assigneeID == session.staff.id
        case .escalated: return ticket.priority >= .high
        case .slaSoon: return ticket.status.isOpen && ticket.assigneeID == session.staff.id
        }
    }

    /// The notice list's keys.
    func handleNoticeKey(_ key: Key) {
        guard var list = noticeList else { return }
        switch NoticeList.bindings.binding(for: key)?.id {
        case "notices.down": list.move(by: 1)
        case "notices.up": list.move(by: -1)
        case "notices.bell":
            bellOn.toggle()
            list.bellOn = bellOn
            do {
                try session.setPreference(.bell, on: bellOn)
            } catch {
                show(bellOn ? tr("Bell on for now; not remembered: {0}", error) : tr("Bell off for now; not remembered: {0}", error), isError: true)
            }
        case "notices.open":
            noticeList = nil
            if let notice = list.selected { open(.ticket(notice.ticketID)) }
            return
        case "notices.close":
            noticeList = nil
            return
        default:
            break
        }
        noticeList = list
    }
}
