import KontorModel
import KontorLocale
import KontorUI

/// A ticket as it was read: the record, its thread, its customer and what
/// the customer owes — the agent must see that before promising anything.
struct TicketRecord {
    var ticket: Ticket
    var messages: [TicketMessage]
    var customer: Customer?
    var dunning: CustomerDunning?
    var assigneeName: String?
    /// The files that came with its messages by mail.
    var attachments: [TicketAttachment] = []
    /// What mail did with its replies and its acknowledgement.
    var mail = TicketMailLog()
}

/// An open ticket on the stack: its header, the customer beside (or above)
/// the thread, and the work on it. A conflict stays on it as a banner and
/// the ticket stays as the user saw it, until Ctrl-R loads the saved one.
final class TicketDetail: Layer {
    private(set) var record: TicketRecord
    var ticket: Ticket { record.ticket }
    /// Thread lines scrolled up from the end; 0 shows the latest message.
    var scrollFromEnd = 0
    /// Whether the quoted history in mails is shown, or folded to one line.
    var showQuoted = false
    /// A conflict or refusal about this ticket, shown under its header.
    private(set) var banner: String?
    private(set) var conflict = false
    /// The thread's line count and height at the last update, for scrolling by keys.
    private var threadLineCount = 0
    private var threadHeight = 10
    unowned let screen: TicketsScreen

    init(_ record: TicketRecord, screen: TicketsScreen) {
        self.record = record
        self.screen = screen
    }

    /// The ticket after a change made here: the banner goes, the scroll stays.
    func show(_ fresh: TicketRecord) {
        record = fresh
        banner = nil
        conflict = false
    }

    /// Someone saved the ticket first: say so, and offer their version.
    func conflicted(_ text: String) {
        banner = text
        conflict = true
    }

    override func dataChanged(_ host: ScreenHost) throws {
        guard !conflict else { return }
        guard let fresh = try screen.repository.find(id: ticket.id) else { return close() }
        record = try screen.makeRecord(fresh)
    }

    override var actions: [Action] {
        var keys = [Action("detail.back", [.escape, .backspace], "back", help: "Back to the queue", group: "Ticket") { [unowned self] _ in close() }]
        if conflict {
            keys.append(Action("detail.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version of the ticket", group: "Ticket") {
                [unowned self] host in
                conflict = false
                banner = nil
                try dataChanged(host)
            })
        }
        let work = screen.workActions(on: self, group: "Ticket")
        keys += work.filter { $0.id != "ticket.new" }
        keys.append(Action("ticket.customer", [.enter, .char("c")], "customer", help: "Go to the customer of this ticket", group: "Ticket") {
            [unowned self] host in host.open(.customer(ticket.customerID))
        })
        keys += work.filter { $0.id == "ticket.new" }
        keys.append(disputeAction)
        keys += screen.mailActions(on: self)
        let page = max(1, threadHeight - 2)
        return keys + [
            Action("thread.down", [.char("j"), .down], "scroll", help: "Scroll the thread down", group: "Moving", inFooter: false) {
                [unowned self] _ in scroll(by: -1)
            },
            Action("thread.up", [.char("k"), .up], "scroll up", help: "Scroll the thread up", group: "Moving", inFooter: false) {
                [unowned self] _ in scroll(by: 1)
            },
            Action("thread.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "Next page of the thread", group: "Moving", inFooter: false) {
                [unowned self] _ in scroll(by: -page)
            },
            Action("thread.pageUp", [.pageUp, .ctrl("b")], "page up", help: "Previous page of the thread", group: "Moving", inFooter: false) {
                [unowned self] _ in scroll(by: page)
            },
            Action("thread.top", [.char("g"), .home], "first message", help: "First message", group: "Moving", inFooter: false) {
                [unowned self] _ in scroll(by: threadLineCount)
            },
            Action("thread.bottom", [.char("G"), .end], "latest message", help: "Latest message", group: "Moving", inFooter: false) {
                [unowned self] _ in scrollFromEnd = 0
            },
            Action("detail.next", [.char("J")], "next ticket", help: "Next ticket in the queue", group: "Moving", inFooter: false) {
                [unowned self] _ in try step(by: 1)
            },
            Action("detail.previous", [.char("K")], "previous ticket", help: "Previous ticket in the queue", group: "Moving", inFooter: false) {
                [unowned self] _ in try step(by: -1)
            },
        ]
    }

    private func scroll(by delta: Int) {
        scrollFromEnd = max(0, min(max(0, threadLineCount - threadHeight), scrollFromEnd + delta))
    }

    /// The next or previous ticket of the queue, in place of this one.
    private func step(by delta: Int) throws {
        try screen.list.move(by: delta)
        if let row = screen.list.selected { try screen.open(row.id) }
    }

    /// The thread is laid out for the area it gets, so the scrolling keys
    /// know how far they can go.
    override func layout(_ rect: Rect) throws {
        let area = TicketDrawing.threadArea(of: self, in: rect)
        threadLineCount = TicketThread.lines(record, showQuoted: showQuoted, width: area.width - 3).count
        threadHeight = area.height
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        TicketDrawing.drawDetail(self, in: rect, grid: &grid, theme: theme)
        return nil
    }
}
