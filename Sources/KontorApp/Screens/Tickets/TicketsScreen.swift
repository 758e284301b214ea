import Foundation
import KontorModel
import KontorLocale
import KontorUI

/// What the queue shows: a quick view, maybe one queue, and the filter.
struct TicketListQuery: ListQuery {
    /// Another view leaves the priority or age the dashboard opened the queue at.
    var view: QueueView = .allOpen { didSet { if view != oldValue { priority = nil; age = nil } } }
    /// Only this queue (support, billing, …); nil for all.
    var queue: String?
    /// Only this priority: a dashboard figure's tickets ("Urgent 15").
    var priority: TicketPriority?
    /// Only this old: a dashboard figure's tickets ("1–3 days 14").
    var age: TicketAge?
    var text = ""
    /// The column the person sorts by; nil for SLA order.
    var sort: ListSort?

    /// The one queue, as a saved view keeps it.
    var scope: String {
        get { queue ?? "" }
        set { queue = newValue.isEmpty ? nil : newValue }
    }
}

/// Tickets: the support queue in SLA order, a ticket's thread beside its
/// customer, and the actions that work it — alone or on marked rows.
/// The queue is the shared list; the ticket, the composer, the forms, the
/// pickers and the questions are layers on the stack.
final class TicketsScreen: PanelScreen {
    let id = ScreenID.tickets
    let session: Session
    var repository: TicketRepository { session.database.tickets }
    let stack = ModalStack()
    /// Tickets marked for a bulk change, by number.
    var marked: Set<Int64> = []
    /// The view and filter ready for paging, with the title's count, and
    /// the ones prepared on the way to it (a letter erased goes back to
    /// one); forgotten when the data changes.
    private var trail = PreparedTrail<TicketListQuery, PreparedTicketSearch>()
    /// The staff's names by id, for the ticket header; a short list.
    private var staffNames: [Int64: String] = [:]

    static let countCap = 1000

    private(set) lazy var panel: ListPanel<TicketSummary, TicketListQuery> = ListPanel(
        TicketListQuery(),
        source: .init(
            page: { [unowned self] query, row, inclusive, limit in
                try repository.page(prepared(query), after: row?.queueKey, inclusive: inclusive, limit: limit)
            },
            pageBefore: { [unowned self] query, row, limit in try repository.page(prepared(query), before: row?.queueKey, limit: limit) },
            count: { [unowned self] query in try countLabel(prepared(query)) },
            sorting: { [unowned self] query in
                let prepared = try prepared(query)
                return .init(everyColumn: prepared.sortsEveryColumn, refused: prepared.refusedSort)
            }),
        words: .init(
            title: { query in
                let title = query.queue.map { tr("Tickets · {0} · queue {1}", query.view.label, TicketWording.queueName($0)) } ?? tr("Tickets · {0}", query.view.label)
                let priority = query.priority.map { " · " + tr("priority {0}", $0.displayName) } ?? ""
                return title + priority + (query.age.map { " · " + tr("age {0}", $0.label) } ?? "")
            },
            views: QueueView.allCases,
            viewName: { $0.name },
            filterHelp: "subject, customer or #number",
            emptyFiltered: { [unowned self] typed in
                guard let number = Self.ticketNumber(typed) else {
                    // Where it looked, when that is less than every open ticket:
                    // a queue or a view left on from before hides the rest.
                    let query = panel.query
                    let scope = [query.view == .allOpen ? nil : query.view.label, query.queue.map { tr("queue {0}", TicketWording.queueName($0)) },
                                 query.priority.map { tr("priority {0}", $0.displayName) }, query.age.map { tr("age {0}", $0.label) }].compactMap { $0 }
                    guard !scope.isEmpty else { return tr("No ticket matches “{0}”. Esc clears the filter.", typed) }
                    return tr("No ticket in {0} matches “{1}”. Esc clears the filter.",
                              scope.joined(separator: " · "), typed)
                }
                return tr("No open ticket matches “{0}”. Enter opens ticket #{1} if there is one (resolved and closed ones are in no view); Esc clears the filter.",
                          typed, number)
            },
            empty: { _ in tr("No tickets in this view. v shows the next view, n opens a new ticket.") },
            // The status's name, lower-cased: "open" is the verb elsewhere ("öffnen"), here "offen".
            countNoun: { _ in tr("Open").lowercased() },
            listsViews: false,
            countsWhileTyping: true,
            note: { [unowned self] in marked.isEmpty ? nil : tr("* {0} marked", marked.count) },
            sortable: TicketRepository.sortableColumns, sortableWhenFew: TicketRepository.sortableWhenFew, ownOrder: ListSort("due"),
            scopeName: { tr("queue {0}", TicketWording.queueName($0)) }),
        memory: ListMemory(session: session, list: "tickets", stack: stack))

    init(session: Session) {
        self.session = session
    }

    var list: WindowedList<TicketSummary> { panel.list }
    var detail: TicketDetail? { stack.last(TicketDetail.self) }

    // MARK: Screen

    var paneFolds: Bool { false }

    func rereadList() throws {
        trail.forget()
        // A marked ticket a colleague resolved, closed or merged meanwhile is
        // marked no more: a bulk "open" would otherwise reopen it unseen.
        if !marked.isEmpty { try pruneMarks() }
        try panel.reload()
    }

    func layout(_ rect: Rect, host: ScreenHost) {
        prepare(rect, host: host)
        panel.layout(in: rect, legend: false, table: listTable(width: rect.width))
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .ticket(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show(tr("Finish or cancel the message being written first"), isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            try panel.loadIfNeeded()
            stack.removeAll()
            try open(id)
            shown = true
        }
        return shown
    }

    /// Shows ticket `id` with its thread and customer, in place of any
    /// ticket open now; `.notFound` if there is none.
    func open(_ id: Int64) throws {
        guard let ticket = try repository.find(id: id) else { throw KontorError.notFound(entity: "ticket", id: id) }
        try open(ticket)
    }

    func open(_ ticket: Ticket) throws {
        let shown = try TicketDetail(makeRecord(ticket), screen: self)
        if let old = detail { stack.replace(old, with: shown) } else { stack.push(shown) }
        _ = list.select(id: ticket.id)
    }

    /// A ticket with its thread, its customer and what the customer owes.
    func makeRecord(_ ticket: Ticket) throws -> TicketRecord {
        TicketRecord(ticket: ticket, messages: try repository.messages(of: ticket.id),
                     customer: try session.database.customers.find(id: ticket.customerID),
                     dunning: try session.database.invoices.dunning(of: ticket.customerID),
                     assigneeName: try ticket.assigneeID.map(staffName), attachments: try repository.attachments(of: ticket.id),
                     mail: try session.database.mail.log(ofTicket: ticket.id))
    }

    func staffName(_ id: Int64) throws -> String {
        if let name = staffNames[id] { return name }
        let name = try session.staffDirectory.find(id: id)?.fullName ?? "#\(id)"
        staffNames[id] = name
        return name
    }

    /// The list reads again after a change made here.
    func reloadList() throws {
        trail.forget()
        try panel.reload()
    }

    /// The search in force, prepared when first needed after a change
    /// (from the one before it, when a letter was typed further).
    private func prepared(_ query: TicketListQuery) throws -> PreparedTicketSearch {
        try trail.prepared(query) { before in
            var queue = query.view.query(me: session.staff.id, queue: query.queue)
            queue.priority = query.priority
            queue.age = query.age
            return try repository.prepareSearch(queue, matching: query.text,
                                         sort: query.sort, countCap: Self.countCap, previous: before)
        }
    }

    /// The title's count: "1 000+" past the cap, "many" for a broad filter
    /// that would cost a walk of the whole queue to count.
    private func countLabel(_ search: PreparedTicketSearch) -> String {
        guard let count = search.count else { return tr("many") }
        return search.isCountCapped ? "\(Format.count(count))+" : Format.count(count)
    }

    // MARK: Where the screen stands

    func link(_ row: TicketSummary) -> RecordLink { .ticket(row.id) }
    /// Rows name the customer and the assignee; queues come from settings.
    var listAreas: Set<DataArea> { [.tickets, .customers, .staff, .settings] }

    var trailTitle: TrailTitle { TrailTitle { tr("Tickets") } }
    var place: ListPlace {
        .tickets(TicketPlace(view: panel.query.view, queue: panel.query.queue, priority: panel.query.priority, age: panel.query.age))
    }
    var openRecord: (link: RecordLink, title: TrailTitle)? { detail.map { detail in
        let id = detail.ticket.id
        return (.ticket(id), TrailTitle { tr("Ticket #{0}", id) })
    } }

    /// The queue is walked by its own keys: the row is found among those held.
    func row(for link: RecordLink) throws -> TicketSummary? { nil }

    func view(in place: ListPlace) -> QueueView? {
        guard case let .tickets(place) = place else { return nil }
        return place.view
    }

    func reopen(_ record: RecordLink, at place: ListPlace) throws {
        if case let .ticket(id) = record { try open(id) }
    }

    /// Its own, because a place names a queue as well as a view.
    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            var place = TicketPlace(view: panel.query.view, queue: panel.query.queue, priority: panel.query.priority, age: panel.query.age)
            if case let .tickets(p) = location.view { place = p }
            var query = panel.query
            query.view = place.view
            query.queue = place.queue
            query.priority = place.priority
            query.age = place.age
            query.text = location.filter
            try panel.setQuery(query)
            try panel.restore(view: place.view, filter: location.filter, highlighted: nil)
            if case let .ticket(id)? = location.highlighted { _ = list.select(id: id) }
            stack.removeAll()
            if let record = location.record { try reopen(record, at: location.view) }
        }
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        stack.draw(in: rect, grid: &grid, theme: theme) { grid in drawList(in: rect, grid: &grid, theme: theme) }
    }
}

/// Where the queue stands for the history and the dashboard's links: its
/// view, and one queue when only one is shown.
struct TicketPlace: Equatable {
    var view: QueueView
    var queue: String?
    /// Only this priority (a dashboard figure's tickets).
    var priority: TicketPriority? = nil
    /// Only this old (a dashboard figure's tickets).
    var age: TicketAge? = nil
}
