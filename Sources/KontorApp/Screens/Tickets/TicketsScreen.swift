import Foundation
import KontorModel
import KontorUI

/// Tickets: the support queue in SLA order, a ticket's thread beside its
/// customer, and the actions that work it — alone or on marked rows.
final class TicketsScreen: LegacyScreen {
    /// An open ticket: the record, its thread and its customer.
    struct Detail {
        var ticket: Ticket
        var messages: [TicketMessage]
        var customer: Customer?
        /// What the customer owes and how late: the agent must see it before promising anything.
        var dunning: CustomerDunning?
        var assigneeName: String?
        /// Thread lines scrolled up from the end; 0 shows the latest message.
        var scrollFromEnd = 0
        /// A conflict or refusal about this ticket, shown under its header.
        var banner: String?
        var conflict = false
    }

    let id = ScreenID.tickets
    let session: Session
    var repository: TicketRepository { session.database.tickets }
    private(set) var view: QueueView = .allOpen
    /// Only this queue (support, billing, …); nil for all.
    private(set) var queue: String?
    /// The filter text in force.
    private(set) var text = ""
    /// The filter being typed, while it is being typed.
    var filter: TextInput?
    /// Tickets marked for a bulk change, by number.
    var marked: Set<Int64> = []
    var detail: Detail?
    var overlay: TicketOverlay?
    /// The view and filter ready for paging, with the title's count;
    /// prepared again when either or the data changes.
    var search: PreparedTicketSearch?
    var loaded = false
    /// The staff's names by id, for the ticket header; a short list.
    private var staffNames: [Int64: String] = [:]
    /// The thread's line count at the last frame, for scrolling by keys.
    var threadLineCount = 0
    var threadHeight = 10

    static let countCap = 1000

    private(set) lazy var list = WindowedList<TicketSummary>(
        fetchAfter: { [unowned self] row, inclusive, limit in
            try repository.page(preparedSearch(), after: row?.queueKey, inclusive: inclusive, limit: limit)
        },
        fetchBefore: { [unowned self] row, limit in
            try repository.page(preparedSearch(), before: row?.queueKey, limit: limit)
        })

    var query: TicketQueueQuery { view.query(me: session.staff.id, queue: queue) }

    init(session: Session) {
        self.session = session
    }

    // MARK: Screen

    var capturesText: Bool {
        if overlay != nil { return true }
        return detail == nil && filter != nil
    }

    var hasUnsavedChanges: Bool {
        switch overlay {
        case let .compose(composer): return composer.area.hasContent
        case let .newTicket(editor): return editor.isDirty
        case let .confirm(_, .discardMessage(composer)): return composer.area.hasContent
        case let .confirm(_, .discardNewTicket(editor)): return editor.isDirty
        default: return false
        }
    }

    func activate(_ host: ScreenHost) {
        guard !loaded else { return dataChanged(host) }
        loaded = true
        attempt(host) { try list.loadFirst() }
    }

    func dataChanged(_ host: ScreenHost) {
        attempt(host) {
            search = nil
            try list.reload()
            // Marks of tickets that left every open view (resolved elsewhere) stay
            // harmless: bulk changes read each ticket as it is.
            if detail != nil { try reloadDetail() }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .ticket(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show("Finish or cancel the message being written first", isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            if !loaded { loaded = true; try list.loadFirst() }
            filter = nil
            overlay = nil
            try open(id)
            shown = true
        }
        return shown
    }

    /// Shows ticket `id` with its thread and customer; `.notFound` if there is none.
    func open(_ id: Int64) throws {
        guard let ticket = try repository.find(id: id) else { throw KontorError.notFound(entity: "ticket", id: id) }
        detail = try makeDetail(ticket)
        list.select(id: id)
    }

    func makeDetail(_ ticket: Ticket, scrollFromEnd: Int = 0) throws -> Detail {
        Detail(ticket: ticket, messages: try repository.messages(of: ticket.id),
               customer: try session.database.customers.find(id: ticket.customerID),
               dunning: try session.database.invoices.dunning(of: ticket.customerID),
               assigneeName: try ticket.assigneeID.map(staffName), scrollFromEnd: scrollFromEnd)
    }

    /// Reads the open ticket again after someone changed it. While a
    /// conflict is shown the ticket stays as the user saw it, until Ctrl-R.
    func reloadDetail() throws {
        guard let shown = detail, !shown.conflict else { return }
        guard let fresh = try repository.find(id: shown.ticket.id) else {
            detail = nil
            return
        }
        var next = try makeDetail(fresh, scrollFromEnd: shown.scrollFromEnd)
        next.banner = shown.banner
        detail = next
    }

    func staffName(_ id: Int64) throws -> String {
        if let name = staffNames[id] { return name }
        let name = try session.staffDirectory.find(id: id)?.fullName ?? "#\(id)"
        staffNames[id] = name
        return name
    }

    /// Changes the view or queue and reads the list again from the top.
    func setView(_ newView: QueueView, queue newQueue: String?) throws {
        view = newView
        queue = newQueue
        search = nil
        try list.loadFirst()
    }

    func setText(_ newText: String) throws {
        guard newText != text else { return }
        text = newText
        search = nil
        try list.loadFirst()
    }

    /// The search in force, prepared when first needed after a change.
    func preparedSearch() throws -> PreparedTicketSearch {
        if let search, search.query == query, search.text == text { return search }
        let fresh = try repository.prepareSearch(query, matching: text, countCap: Self.countCap)
        search = fresh
        return fresh
    }

    /// The title's count: "1 000+" past the cap, "many" for a broad filter
    /// that would cost a walk of the whole queue to count.
    func countLabel() -> String? {
        guard let search = try? preparedSearch() else { return nil }
        guard let count = search.count else { return "many" }
        return search.isCountCapped ? "\(Format.count(count))+" : Format.count(count)
    }

}
