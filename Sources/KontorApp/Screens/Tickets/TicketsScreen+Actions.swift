import Foundation
import KontorModel
import KontorUI
import KontorLocale

/// The keys of the queue and the work they do. Every change goes through
/// the model, which checks permissions and versions; the actions only say
/// first who may use them. Errors come back as messages, conflicts as a
/// banner on the ticket that offers the saved version.
extension TicketsScreen {
    /// `:new ticket` from anywhere: the queue's `n`, for the customer chosen first.
    var createAction: Action? {
        Action("ticket.new", [.char("n")], "new", help: "New ticket: choose the customer, then subject and message", group: "Tickets") {
            [unowned self] _ in pickNewTicketCustomer()
        }.requires(.writeFrontOffice, of: session)
    }

    var actions: [Action] {
        if let top = stack.top { return top.actions }
        if panel.isFiltering { return filterActions }
        return listActions
    }

    /// The list's filter keys, Enter opening a ticket by its number: one
    /// resolved or closed is in no view of the queue, and "#1907" typed
    /// and Enter opens it all the same.
    private var filterActions: [Action] {
        panel.filterActions(enter: "keep / open #",
                            help: "Stop typing and keep the filter; a ticket's number (#1907) opens that ticket, closed ones too") { [unowned self] typed, _ in
            // "#1907" means that ticket: opened whether or not the view holds
            // it. Plain digits may be a phone number's: opened only when no
            // row of the view shows that ticket.
            let marked = typed.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            guard let id = Self.ticketNumber(typed), marked || list.rows.first(where: { $0.id == id }) == nil,
                  let ticket = try repository.find(id: id) else { return }
            try open(ticket)
        }
    }

    /// "#1907" or "1907": a ticket's number typed into the filter.
    static func ticketNumber(_ typed: String) -> Int64? {
        let digits = typed.trimmingCharacters(in: .whitespaces)
        return Int64(digits.hasPrefix("#") ? String(digits.dropFirst()) : digits).flatMap { $0 > 0 ? $0 : nil }
    }

    private var bulkSuffix: String { marked.isEmpty ? "" : " \(marked.count)" }

    private var listActions: [Action] {
        let hasRow = !list.isEmpty
        let hasTargets = hasRow || !marked.isEmpty
        var keys: [Action] = []
        if hasRow {
            keys.append(Action("ticket.open", [.enter], "open", help: "Open the highlighted ticket: its thread and customer", group: "Tickets") {
                [unowned self] _ in if let row = panel.selected { try open(row.id) }
            })
        }
        keys.append(Action("list.filter", [.char("/")], "filter", help: tr("Filter as you type: {0}", tr(panel.words.filterHelp)), group: "Tickets") {
            [unowned self] _ in panel.startFilter()
        })
        if !marked.isEmpty {
            keys.append(Action("marks.clear", [.escape], "unmark all", help: "Unmark every marked ticket", group: "Tickets") { [unowned self] _ in
                marked = []
            })
        } else if !panel.query.text.isEmpty {
            keys.append(Action("filter.clear", [.escape], "clear filter", help: "Clear the filter", group: "Tickets") { [unowned self] _ in
                try panel.clearFilter()
            })
        }
        let work = workActions(on: nil, group: "Tickets")
        if hasTargets { keys += work.filter { ["ticket.take", "ticket.assign", "ticket.status", "ticket.priority"].contains($0.id) } }
        if hasRow {
            keys.append(Action("ticket.mark", [.space], "mark", help: "Mark or unmark the row for a bulk change (PgDn pages)", group: "Tickets") {
                [unowned self] _ in
                guard let row = panel.selected else { return }
                if marked.remove(row.id) == nil { marked.insert(row.id) }
                try list.move(by: 1)
            })
        }
        keys += work.filter { $0.id == "ticket.new" }
        keys += viewActions
        if hasRow { keys += work.filter { ["ticket.reply", "ticket.note"].contains($0.id) } }
        if hasTargets { keys += work.filter { $0.id == "ticket.pending" } }
        if hasRow { keys += work.filter { $0.id == "ticket.merge" } }
        keys += QueueView.allCases.map { view in
            Action("view.\(view.key)", [.char(view.key)], view.name, help: tr("View: {0}", view.name), group: "Views",
                   inFooter: false) { [unowned self] _ in try setView(view) }
        }
        keys.append(.export(.tickets, session: session, group: "Tickets",
                            what: "the list as shown") { [unowned self] in
            .tickets(panel.query.view.query(me: session.staff.id, queue: panel.query.queue), text: panel.query.text)
        })
        // Space marks rows here; PgDn and Ctrl-F still page.
        return keys + panel.movementActions.map { action in
            var copy = action
            copy.binding.keys.removeAll { $0 == .space }
            return copy
        }
    }

    private var viewActions: [Action] {
        [
            Action("view.next", [.char("v")], "view", help: "Next view: all open, mine, unassigned, pending, breached", group: "Views") {
                // After the views, the person's saved views, if any.
                [unowned self] _ in try panel.go(to: panel.nextStop)
            },
            Action("view.queue", [.char("Q")], "queue", help: "Next queue: all, support, billing, sales, …", group: "Views") {
                [unowned self] _ in try nextQueue()
            },
        ]
    }

    /// The work on tickets, in the order the open ticket lists it: on
    /// `shown`, or else on the marked rows or the highlighted one.
    func workActions(on shown: TicketDetail?, group: String) -> [Action] {
        let one = shown != nil
        // A billing ticket may be worked by the back office too; merging and
        // opening tickets stay the front office's.
        let queue = shown?.ticket.queue ?? (marked.isEmpty ? panel.selected?.queue : nil)
        let work = queue.map(TicketRepository.permission(toWorkIn:)) ?? .writeFrontOffice
        let frontOfficeOnly: Set<String> = ["ticket.merge", "ticket.new"]
        let suffix = one ? "" : bulkSuffix
        /// The help of a change, naming the marked tickets when it is the queue's.
        func marks(_ help: String) -> String { one ? help : tr("{0} (the marked tickets, if any)", help) }
        return [
            Action("ticket.reply", [.char("r")], "reply", help: one ? tr("Reply to the customer") : tr("Reply to the customer on the highlighted ticket"),
                   group: group) { [unowned self] _ in try compose(.reply) },
            Action("ticket.note", [.char("i")], "note", help: "Add an internal note (never shown to the customer)", group: group) {
                [unowned self] _ in try compose(.note)
            },
            Action("ticket.take", [.char("t")], tr("take") + suffix, help: marks(tr("Assign to me")), group: group) { [unowned self] host in
                try take(host)
            },
            Action("ticket.assign", [.char("a")], tr("assign") + suffix, help: marks(tr("Assign to a colleague")), group: group) { [unowned self] _ in
                if let targets = try targets() { try pickAssignee(targets) }
            },
            Action("ticket.status", [.char("s")], tr("status") + suffix, help: marks(tr("Change the status")), group: group) { [unowned self] _ in
                if let targets = try targets() { askStatus(targets) }
            },
            Action("ticket.priority", [.char("p")], tr("priority") + suffix, help: marks(tr("Change the priority")), group: group) { [unowned self] _ in
                if let targets = try targets() { askPriority(targets) }
            },
            Action("ticket.pending", [.char("w")], "wait until", help: marks(tr("Set pending until a date")), group: group) { [unowned self] _ in
                if let targets = try targets() { askPendingDate(targets) }
            },
            Action("ticket.merge", [.char("m")], "merge",
                   help: one ? tr("Merge into another ticket of the same customer") : tr("Merge the highlighted ticket into another of the same customer"),
                   group: group) { [unowned self] host in try pickMergeTarget(host) },
            Action("ticket.new", [.char("n")], "new", help: one ? tr("New ticket") : tr("New ticket: choose the customer, then subject and message"),
                   group: group) { [unowned self] _ in pickNewTicketCustomer() },
        ].map { $0.requires(frontOfficeOnly.contains($0.id) ? .writeFrontOffice : work, of: session) }
    }

    // MARK: Views

    func setView(_ view: QueueView) throws {
        var query = panel.query
        query.view = view
        // The view's key shows the whole view: a dashboard's priority goes.
        query.priority = nil
        query.age = nil
        try panel.setQuery(query)
    }

    private func nextQueue() throws {
        let queues = try repository.openQueues()
        var query = panel.query
        if let queue = query.queue, let index = queues.firstIndex(of: queue) {
            query.queue = index + 1 < queues.count ? queues[index + 1] : nil
        } else {
            query.queue = queues.first
        }
        try panel.setQuery(query)
    }

    // MARK: Targets

    /// What an action applies to: the open ticket, else the marked rows,
    /// else the highlighted row (read afresh, for its version).
    func targets() throws -> TicketTargets? {
        if let shown = detail { return .one(shown.ticket) }
        if !marked.isEmpty {
            try pruneMarks()
            return marked.isEmpty ? nil : .many(marked.sorted())
        }
        guard let row = panel.selected else { return nil }
        return try repository.find(id: row.id).map { .one($0) }
    }

    /// Unmarks the marked tickets a colleague resolved, closed or merged
    /// since: a bulk "open" would otherwise reopen them unseen.
    func pruneMarks() throws {
        marked = Set(try marked.filter { try repository.find(id: $0).map { $0.status.isOpen && $0.mergedIntoID == nil } ?? false })
    }

    /// The one ticket an action needs (reply, note, merge).
    func singleTarget() throws -> Ticket? {
        if let shown = detail { return shown.ticket }
        guard let row = panel.selected else { return nil }
        return try repository.find(id: row.id)
    }

    // MARK: Single and bulk changes

    /// `t`: the tickets become mine. A ticket a colleague holds is not
    /// taken from them without a word: it asks first, naming them.
    private func take(_ host: ScreenHost) throws {
        guard let targets = try targets() else { return }
        let me = session.staff.id
        let held: [Ticket]
        switch targets {
        case let .one(ticket): held = [ticket]
        case let .many(ids): held = try ids.compactMap { try repository.find(id: $0) }
        }
        // Already mine, all of them: said, and nothing written (no audit line, no undo).
        if !held.isEmpty, held.allSatisfy({ $0.assigneeID == me }) {
            return host.show(targets.count == 1 ? tr("#{0} is yours already", held[0].id) : tr("{0} are yours already", targets.title), isError: false)
        }
        let colleagues = held.filter { $0.assigneeID != nil && $0.assigneeID != me }
        guard let first = colleagues.first, let holder = first.assigneeID else { return try takeOver(targets, host) }
        let name = try staffName(holder)
        let message = colleagues.count == 1 && targets.count == 1
            ? [tr("#{0} is {1}'s.", first.id, name), tr("Take it over from {0}?", name)]
            : [tr("{0} of {1} are held by colleagues (#{2} by {3}).", colleagues.count, targets.title, first.id, name), tr("Take them all over?")]
        stack.push(Ask(tr("Take over"), message, [
            Ask.Answer(.char("y"), tr("take over")) { [unowned self] host in try takeOver(targets, host) },
            Ask.Answer(.char("n"), tr("leave it")),
        ]))
    }

    private func takeOver(_ targets: TicketTargets, _ host: ScreenHost) throws {
        try apply(targets, host: host, done: tr("taken")) { ticket in
            try repository.take(id: ticket.id, expectedVersion: ticket.version, by: session)
        } bulk: { ids in
            try repository.assign(ids: ids, to: session.staff.id, by: session)
        }
    }

    /// Runs a change on one ticket (with its version) or on many (as they
    /// are), then shows the result; a conflict becomes the ticket's banner.
    func apply(_ targets: TicketTargets, host: ScreenHost, done: String,
               one: (Ticket) throws -> Ticket, bulk: ([Int64]) throws -> [Ticket]) throws {
        switch targets {
        case let .one(ticket):
            do {
                let saved = try one(ticket)
                host.offerUndo(.ticketChange(from: [ticket], to: [saved]))
                if let shown = detail, shown.ticket.id == saved.id { try shown.show(makeRecord(saved)) }
                try reloadList()
                host.show(tr("#{0} {1}", saved.id, done), isError: false)
            } catch let KontorError.conflict(_, _, changedBy, changedAt) {
                if let shown = detail, shown.ticket.id == ticket.id {
                    shown.conflicted(tr("{0} saved this ticket at {1}; Ctrl-R loads their version", host.nameOfSaver(changedBy), Format.shortTime(changedAt)))
                } else {
                    host.show(tr("{0} saved this ticket at {1}; nothing was changed", host.nameOfSaver(changedBy), Format.shortTime(changedAt)), isError: true)
                }
            }
        case let .many(ids):
            let before = try ids.compactMap { try repository.find(id: $0) }
            let saved = try bulk(ids)
            host.offerUndo(.ticketChange(from: before, to: saved))
            marked = []
            try reloadList()
            host.show(Wording.count(saved.count, one: "{0} ticket {1}", other: "{0} tickets {1}", [done]), isError: false)
        }
    }

    private func askStatus(_ targets: TicketTargets) {
        let choices: [TicketStatus]
        var message = [tr("Change the status of all of them to:")]
        if case let .one(ticket) = targets {
            choices = ticket.status.allowedNext
            message = [tr("Now {0}. Change it to:", ticket.status.displayName.lowercased())]
        } else {
            choices = [.open, .pending, .resolved, .closed]
        }
        let keys: [TicketStatus: Character] = [.open: "o", .pending: "w", .resolved: "r", .closed: "c", .new: "n"]
        let answers = choices.map { status in
            Ask.Answer(.char(keys[status]!), status == .pending ? tr("pending until…") : status.displayName.lowercased()) { [unowned self] host in
                if status == .pending { return askPendingDate(targets) }
                try apply(targets, host: host, done: status.displayName.lowercased()) { ticket in
                    try repository.setStatus(id: ticket.id, status, expectedVersion: ticket.version, by: session)
                } bulk: { ids in
                    try repository.setStatus(ids: ids, status, by: session)
                }
            }
        }
        stack.push(Ask(tr("Status of {0}", targets.title), message, answers, cancel: Ask.Answer(.escape, tr("cancel"))))
    }

    private func askPriority(_ targets: TicketTargets) {
        let keys: [TicketPriority: Character] = [.low: "l", .normal: "n", .high: "h", .urgent: "u"]
        var message = [tr("The SLA deadlines follow the priority.")]
        if case let .one(ticket) = targets { message.insert(tr("Now {0}.", ticket.priority.displayName.lowercased()), at: 0) }
        let answers = TicketPriority.allCases.reversed().map { priority in
            Ask.Answer(.char(keys[priority]!), priority.displayName.lowercased()) { [unowned self] host in
                try apply(targets, host: host, done: tr("now {0}", priority.displayName.lowercased())) { ticket in
                    try repository.setPriority(id: ticket.id, priority, expectedVersion: ticket.version, by: session)
                } bulk: { ids in
                    try repository.setPriority(ids: ids, priority, by: session)
                }
            }
        }
        stack.push(Ask(tr("Priority of {0}", targets.title), message, answers, cancel: Ask.Answer(.escape, tr("cancel"))))
    }
}
