import Foundation
import KontorModel
import KontorLocale
import KontorUI

/// What the Tickets screen asks for on the stack: a colleague, a customer,
/// the ticket to merge into, a date to wait until, a reply or note, a new
/// ticket. Each answer carries the work it leads to.
extension TicketsScreen {
    // MARK: Pickers

    /// The colleagues who may work the tickets: for billing tickets the
    /// back office too.
    func pickAssignee(_ targets: TicketTargets) throws {
        let queues: [String]
        switch targets {
        case let .one(ticket): queues = [ticket.queue]
        case let .many(ids): queues = try ids.compactMap { try repository.find(id: $0)?.queue }
        }
        let billing = !queues.isEmpty && queues.allSatisfy { $0 == TicketText.billingQueue }
        let picker = Pickers.staff(session, title: tr("Assign {0} to", targets.title), mayDo: billing ? .workBillingTickets : .writeFrontOffice)
        stack.push(PickerLayer(picker) { [unowned self] item, host in
            let name = item.cells.first ?? "#\(item.id)"
            try apply(targets, host: host, done: tr("assigned to {0}", name)) { ticket in
                try repository.assign(id: ticket.id, to: item.id, expectedVersion: ticket.version, by: session)
            } bulk: { ids in
                try repository.assign(ids: ids, to: item.id, by: session)
            }
        })
    }

    func pickNewTicketCustomer() {
        stack.push(PickerLayer(Pickers.customer(session, title: tr("New ticket for which customer?"))) { [unowned self] item, _ in
            openNewTicket(NewTicketEditor(customerID: item.id, customerName: item.cells.first ?? ""))
        })
    }

    /// A new ticket begun from a customer's view: the form with the
    /// customer, and the contact highlighted there, filled in.
    func start(_ work: NewWork, host: ScreenHost) throws -> Bool {
        guard work.kind == .ticket else { return false }
        try session.require(.writeFrontOffice)
        stack.removeAll()
        openNewTicket(NewTicketEditor(customerID: work.customerID, customerName: work.customerName,
                                      contactID: work.contactID, contactName: work.contactName))
        return true
    }

    private func openNewTicket(_ editor: NewTicketEditor) {
        stack.push(NewTicketLayer(editor) { [unowned self] layer, host in
            try create(layer, host)
        })
    }

    /// The other open tickets of the same customer: where a duplicate can go.
    func pickMergeTarget(_ host: ScreenHost) throws {
        guard let ticket = try singleTarget() else { return }
        let repository = self.repository
        // Said at once, rather than an empty list to choose from.
        guard try repository.page(ofCustomer: ticket.customerID, openOnly: true, limit: 2).contains(where: { $0.id != ticket.id }) else {
            return host.show(tr("#{0}'s customer has no other open ticket to merge it into", ticket.id), isError: true)
        }
        let picker = Picker(
            title: tr("Merge #{0} into which ticket?", ticket.id),
            columns: [.init("#", .fixed(8)), .init(tr("Subject"), .flexible(min: 20, weight: 3)), .init(tr("Status"), .fixed(11))]
        ) { text, limit in
            let needle = TextFolding.fold(text.trimmingCharacters(in: .whitespaces))
            return try repository.page(ofCustomer: ticket.customerID, openOnly: true, limit: 200)
                .filter { $0.id != ticket.id }
                .filter { needle.isEmpty || "#\($0.id)".contains(needle) || TextFolding.fold($0.subject).contains(needle) }
                .prefix(limit)
                .map { Picker.Item(id: $0.id, cells: ["#\($0.id)", $0.subject, $0.status.displayName]) }
        }
        stack.push(PickerLayer(picker) { [unowned self] item, _ in
            let survivor = item.id
            stack.push(Ask(tr("Merge #{0}", ticket.id),
                           [tr("Merge #{0} into #{1} {2}?", ticket.id, survivor, item.cells.dropFirst().first ?? ""),
                            tr("Its messages move over; #{0} is closed and points there.", ticket.id)],
                           [Ask.Answer(.char("y"), tr("merge")) { [unowned self] host in
                               try apply(.one(ticket), host: host, done: tr("merged into #{0}", survivor)) { ticket in
                                   try repository.merge(ticket.id, into: survivor, expectedVersion: ticket.version, by: session)
                                   return ticket
                               } bulk: { _ in [] }
                               if detail?.conflict != true { try open(survivor) }
                           }, Ask.Answer(.char("n"), tr("keep both"))]))
        })
    }

    // MARK: Pending until

    func askPendingDate(_ targets: TicketTargets) {
        let layer = FormLayer(PendingEditor(targets: targets), noun: tr("this ticket")) { [unowned self] layer, host in
            let until: Date
            switch layer.editor.date() {
            case let .success(date): until = date
            case let .failure(problem): throw FormLayer<PendingEditor>.refuse([FieldIssue(field: "until", message: problem.message)])
            }
            try apply(targets, host: host, done: tr("pending until {0}", Format.localTime(ISO8601DateFormatter().string(from: until)))) { ticket in
                try repository.setStatus(id: ticket.id, .pending, pendingUntil: until, expectedVersion: ticket.version, by: session)
            } bulk: { ids in
                try repository.setStatus(ids: ids, .pending, pendingUntil: until, by: session)
            }
            layer.close()
        }
        layer.box = (width: 72, height: 9)
        stack.push(layer)
    }

    // MARK: Replies and notes

    func compose(_ kind: TicketMessageKind) throws {
        guard let ticket = try singleTarget() else { return }
        // Said before anything is typed, not after: the model refuses messages on closed tickets.
        if ticket.status == .closed {
            throw KontorError.rule(tr("ticket #{0} is closed; s reopens it, then {1} writes", ticket.id, kind == .note ? "i" : "r"))
        }
        if detail?.ticket.id != ticket.id { try open(ticket) }
        guard let shown = detail else { return }
        stack.push(ComposerLayer(MessageComposer(kind: kind, ticket: ticket), over: shown, screen: self))
    }

    /// Saves the message; the composer keeps the text when the model refuses.
    func save(_ composer: MessageComposer, host: ScreenHost) throws {
        let (ticket, message) = try repository.addMessage(to: composer.ticket.id, kind: composer.kind, body: composer.area.text,
                                                          expectedVersion: composer.ticket.version, by: session)
        try open(ticket)
        try reloadList()
        guard composer.kind == .reply else { return host.show(tr("Note saved on #{0}", ticket.id), isError: false) }
        // Saved either way; the mail's fate is said with it, sent in the background.
        if let report = try session.database.mail.log(ofTicket: ticket.id).byMessage[message.id] {
            host.show(tr("Reply saved on #{0} · {1}", ticket.id, MailWording.report(report)), isError: MailWording.isTrouble(report))
        } else {
            host.show(tr("Reply saved on #{0}", ticket.id), isError: false)
        }
    }

    // MARK: A new ticket

    private func create(_ layer: NewTicketLayer, _ host: ScreenHost) throws {
        let editor = layer.editor
        guard let priority = editor.priority else {
            // With the model's verdict on the other fields: every problem at once.
            let others = (editor.fields(priority: .normal).normalized().validate()?.issues ?? []).filter { $0.field != "priority" }
            throw FormLayer<PendingEditor>.refuse([FieldIssue(field: "priority", message: tr("must be low, normal, high or urgent"))] + others)
        }
        let fields = editor.fields(priority: priority).normalized()
        // The fields' own problems first, beside them; then the queue question.
        if let failure = fields.validate() { throw KontorError.invalid(failure) }
        if try !repository.queueExists(fields.queue) {
            return try askNewQueue(fields, form: layer)
        }
        try save(fields, form: layer, newQueue: false, host)
    }

    /// A queue typed that does not exist: a typo ("suport") must not start
    /// a queue nobody watches, so ask, naming the queues there are and the
    /// one most likely meant.
    private func askNewQueue(_ fields: TicketFields, form layer: NewTicketLayer) throws {
        let known = try repository.knownQueues()
        // Guessed among the stored names, then among the names the person
        // reads ("vertrib": Vertrieb, stored as sales).
        let read = Dictionary(known.map { (TicketWording.queueName($0).lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let meant = TicketRepository.likelyQueue(for: fields.queue, among: known)
            ?? TicketRepository.likelyQueue(for: fields.queue, among: Array(read.keys)).flatMap { read[$0] }
        let queues = known.map(TicketWording.queueName)
        let back = Ask.Answer(.char("n"), meant.map { tr("no, back ({0}?)", TicketWording.queueName($0)) } ?? tr("no, back to the form")) { _ in
            layer.showProblems(["queue": meant.map { tr("“{0}” is no queue; did you mean {1}?", fields.queue, TicketWording.queueName($0)) }
                                ?? tr("“{0}” is no queue", fields.queue)])
        }
        var answers = [Ask.Answer(.char("c"), tr("create queue “{0}”", fields.queue)) { [unowned self] host in
            try save(fields, form: layer, newQueue: true, host)
        }]
        if let meant {
            answers.insert(Ask.Answer(.char("u"), tr("use {0}", TicketWording.queueName(meant))) { [unowned self] host in
                var corrected = fields
                corrected.queue = meant
                try save(corrected, form: layer, newQueue: false, host)
            }, at: 0)
        }
        stack.push(Ask(tr("New queue?"),
                       [tr("There is no queue “{0}” yet.", fields.queue),
                        tr("Queues: {0}.", queues.joined(separator: ", "))] + (meant.map { [tr("Did you mean {0}?", TicketWording.queueName($0))] } ?? []),
                       answers + [back], cancel: back))
    }

    private func save(_ fields: TicketFields, form layer: NewTicketLayer, newQueue: Bool, _ host: ScreenHost) throws {
        let editor = layer.editor
        let ticket = try repository.create(fields, allowingNewQueue: newQueue, by: session)
        layer.close()
        try reloadList()
        try open(ticket.id)
        host.show(newQueue ? tr("Ticket #{0} opened for {1} in the new queue {2}", ticket.id, editor.customerName, fields.queue)
                           : tr("Ticket #{0} opened for {1}", ticket.id, editor.customerName), isError: false)
    }
}
