import Foundation
import KontorModel
import KontorUI

/// What the keys of the Tickets screen do. Every change goes through the
/// model, which checks permissions and versions; errors come back as
/// messages, conflicts as a banner that offers the saved version.
extension TicketsScreen {
    func perform(_ id: String, host: ScreenHost) {
        attempt(host) {
            if id.hasPrefix("picker.") { return try pickerEvent(pickerPerform(id), host: host) }
            if id.hasPrefix("dialog.") { return try answer(String(id.dropFirst(7)), host: host) }
            switch id {
            case let move where move.hasPrefix("list.") && move != "list.filter":
                _ = try ListKeys.perform(move, on: list)
            case "list.filter": filter = TextInput(text)
            case "filter.done": filter = nil
            case "filter.clear":
                filter = nil
                let keep = list.selected
                try setText("")
                if let keep { try list.show(keep) }
            case "marks.clear": marked = []
            case "view.next": try setView(view.next, queue: queue)
            case "view.queue": try nextQueue(host)
            case let v where v.hasPrefix("view."):
                if let target = QueueView.allCases.first(where: { "view.\($0.key)" == v }) { try setView(target, queue: queue) }
            case "ticket.open":
                if let row = list.selected { try open(row.id) }
            case "ticket.mark":
                if let row = list.selected {
                    if marked.remove(row.id) == nil { marked.insert(row.id) }
                    try list.move(by: 1)
                }
            case "ticket.take": try take(host)
            case "ticket.assign": try targets().map { overlay = .picker(Pickers.staff(session, title: "Assign \($0.title) to", mayDo: .writeFrontOffice), .assign($0)) }
            case "ticket.status": try targets().map(openStatusMenu)
            case "ticket.priority": try targets().map(openPriorityMenu)
            case "ticket.pending": try targets().map { overlay = .pending(PendingEditor(targets: $0)) }
            case "ticket.reply": try compose(.reply)
            case "ticket.note": try compose(.note)
            case "ticket.merge": try openMergePicker()
            case "ticket.new": overlay = .picker(Pickers.customer(session, title: "New ticket for which customer?"), .newTicket)
            case "ticket.customer":
                if let customer = detail?.ticket.customerID { host.open(.customer(customer)) }
            case "detail.back": detail = nil
            case "detail.reload":
                detail?.conflict = false
                detail?.banner = nil
                try reloadDetail()
            case "detail.next", "detail.previous":
                try list.move(by: id == "detail.next" ? 1 : -1)
                if let row = list.selected { try open(row.id) }
            case "thread.down": scrollThread(by: -1)
            case "thread.up": scrollThread(by: 1)
            case "thread.pageDown": scrollThread(by: -max(1, threadHeight - 2))
            case "thread.pageUp": scrollThread(by: max(1, threadHeight - 2))
            case "thread.top": scrollThread(by: threadLineCount)
            case "thread.bottom": detail?.scrollFromEnd = 0
            case "compose.save": try saveMessage(host)
            case "compose.cancel": cancelCompose()
            case "compose.reload": try reloadComposer()
            case "form.save": try saveForm(host)
            case "form.cancel": cancelForm()
            default: break
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch overlay {
        case let .picker(picker, _):
            attempt(host) { try pickerEvent(picker.handle(key), host: host) }
            return true
        case var .compose(composer):
            if composer.area.handle(key) { composer.banner = composer.conflict ? composer.banner : nil }
            overlay = .compose(composer)
            return true
        case var .pending(editor):
            switch editor.form.handle(key) {
            case .submit:
                overlay = .pending(editor)
                attempt(host) { try saveForm(host) }
            case .cancel: overlay = nil
            case .none: overlay = .pending(editor)
            }
            return true
        case var .newTicket(editor):
            switch editor.handle(key) {
            case .submit:
                overlay = .newTicket(editor)
                attempt(host) { try saveForm(host) }
            case .cancel:
                overlay = .newTicket(editor)
                cancelForm()
            case .none: overlay = .newTicket(editor)
            }
            return true
        case .menu, .confirm:
            return true
        case nil:
            guard detail == nil, var input = filter, input.handle(key) else { return false }
            filter = input
            attempt(host) { try setText(input.text) }
            return true
        }
    }

    // MARK: Targets

    /// What an action applies to: the open ticket, else the marked rows,
    /// else the highlighted row (read afresh, for its version).
    func targets() throws -> TicketTargets? {
        if let shown = detail { return .one(shown.ticket) }
        if !marked.isEmpty { return .many(marked.sorted()) }
        guard let row = list.selected else { return nil }
        return try repository.find(id: row.id).map { .one($0) }
    }

    /// The one ticket an action needs (reply, note, merge).
    func singleTarget() throws -> Ticket? {
        if let shown = detail { return shown.ticket }
        guard let row = list.selected else { return nil }
        return try repository.find(id: row.id)
    }

    // MARK: Single and bulk changes

    func take(_ host: ScreenHost) throws {
        guard let targets = try targets() else { return }
        try apply(targets, host: host, done: "taken") { ticket in
            try repository.take(id: ticket.id, expectedVersion: ticket.version, by: session)
        } bulk: { ids in
            try repository.assign(ids: ids, to: session.staff.id, by: session)
        }
    }

    /// Runs a change on one ticket (with its version) or on many (as they
    /// are), then shows the result; a conflict becomes the detail's banner.
    func apply(_ targets: TicketTargets, host: ScreenHost, done: String,
               one: (Ticket) throws -> Ticket, bulk: ([Int64]) throws -> [Ticket]) throws {
        switch targets {
        case let .one(ticket):
            do {
                let saved = try one(ticket)
                if detail?.ticket.id == saved.id {
                    detail = try makeDetail(saved, scrollFromEnd: detail?.scrollFromEnd ?? 0)
                }
                search = nil
                try list.reload()
                host.show("#\(saved.id) \(done)", isError: false)
            } catch let KontorError.conflict(_, _, changedBy, changedAt) {
                let banner = "\(changedBy) saved this ticket at \(Format.shortTime(changedAt)); Ctrl-R loads their version"
                if detail?.ticket.id == ticket.id {
                    detail?.banner = banner
                    detail?.conflict = true
                } else {
                    host.show(banner.replacingOccurrences(of: "Ctrl-R loads their version", with: "nothing was changed"), isError: true)
                }
            }
        case let .many(ids):
            let saved = try bulk(ids)
            marked = []
            search = nil
            try list.reload()
            host.show("\(saved.count) tickets \(done)", isError: false)
        }
    }

    func openStatusMenu(_ targets: TicketTargets) {
        let choices: [TicketStatus]
        if case let .one(ticket) = targets { choices = ticket.status.allowedNext } else { choices = [.open, .pending, .resolved, .closed] }
        let keys: [TicketStatus: Character] = [.open: "o", .pending: "w", .resolved: "r", .closed: "c", .new: "n"]
        let dialog = Dialog(
            title: "Status of \(targets.title)",
            message: statusMessage(targets),
            choices: choices.map { Dialog.Choice(.char(keys[$0]!), $0 == .pending ? "pending until…" : $0.displayName.lowercased(), id: $0.rawValue) },
            cancelID: "cancel")
        overlay = .menu(dialog, .status(targets))
    }

    private func statusMessage(_ targets: TicketTargets) -> [String] {
        if case let .one(ticket) = targets { return ["Now \(ticket.status.displayName.lowercased()). Change it to:"] }
        return ["Change the status of all of them to:"]
    }

    func openPriorityMenu(_ targets: TicketTargets) {
        let keys: [TicketPriority: Character] = [.low: "l", .normal: "n", .high: "h", .urgent: "u"]
        var message = ["The SLA deadlines follow the priority."]
        if case let .one(ticket) = targets { message.insert("Now \(ticket.priority.displayName.lowercased()).", at: 0) }
        let dialog = Dialog(
            title: "Priority of \(targets.title)", message: message,
            choices: TicketPriority.allCases.reversed().map { Dialog.Choice(.char(keys[$0]!), $0.displayName.lowercased(), id: $0.rawValue) },
            cancelID: "cancel")
        overlay = .menu(dialog, .priority(targets))
    }

    func answer(_ choice: String, host: ScreenHost) throws {
        guard let current = overlay else { return }
        switch current {
        case let .menu(_, .status(targets)):
            overlay = nil
            guard let status = TicketStatus(rawValue: choice) else { return }
            if status == .pending {
                overlay = .pending(PendingEditor(targets: targets))
                return
            }
            try apply(targets, host: host, done: status.displayName.lowercased()) { ticket in
                try repository.setStatus(id: ticket.id, status, expectedVersion: ticket.version, by: session)
            } bulk: { ids in
                try repository.setStatus(ids: ids, status, by: session)
            }
        case let .menu(_, .priority(targets)):
            overlay = nil
            guard let priority = TicketPriority(rawValue: choice) else { return }
            try apply(targets, host: host, done: "now \(priority.displayName.lowercased())") { ticket in
                try repository.setPriority(id: ticket.id, priority, expectedVersion: ticket.version, by: session)
            } bulk: { ids in
                try repository.setPriority(ids: ids, priority, by: session)
            }
        case let .confirm(_, .merge(ticket, survivor)):
            overlay = nil
            guard choice == "yes" else { return }
            try apply(.one(ticket), host: host, done: "merged into #\(survivor)") { ticket in
                try repository.merge(ticket.id, into: survivor, expectedVersion: ticket.version, by: session)
                return ticket
            } bulk: { _ in [] }
            if detail?.conflict != true { try open(survivor) }
        case let .confirm(_, .discardMessage(composer)):
            overlay = choice == "yes" ? nil : .compose(composer)
        case let .confirm(_, .discardNewTicket(editor)):
            overlay = choice == "yes" ? nil : .newTicket(editor)
        default:
            break
        }
    }

    // MARK: Pickers

    private func pickerPerform(_ id: String) -> Picker.Event {
        guard case let .picker(picker, _) = overlay else { return .none }
        return picker.perform(id)
    }

    func pickerEvent(_ event: Picker.Event, host: ScreenHost) throws {
        guard case let .picker(_, purpose) = overlay else { return }
        switch event {
        case .none: return
        case .cancelled: overlay = nil
        case let .picked(item):
            overlay = nil
            switch purpose {
            case let .assign(targets):
                let name = item.cells.first ?? "#\(item.id)"
                try apply(targets, host: host, done: "assigned to \(name)") { ticket in
                    try repository.assign(id: ticket.id, to: item.id, expectedVersion: ticket.version, by: session)
                } bulk: { ids in
                    try repository.assign(ids: ids, to: item.id, by: session)
                }
            case .newTicket:
                overlay = .newTicket(NewTicketEditor(customerID: item.id, customerName: item.cells.first ?? ""))
            case let .merge(ticket):
                let dialog = Dialog(
                    title: "Merge #\(ticket.id)",
                    message: ["Merge #\(ticket.id) into #\(item.id) \(item.cells.dropFirst().first ?? "")?",
                              "Its messages move over; #\(ticket.id) is closed and points there."],
                    choices: [.init(.char("y"), "merge", id: "yes"), .init(.char("n"), "keep both", id: "no")],
                    cancelID: "no")
                overlay = .confirm(dialog, .merge(ticket, into: item.id))
            }
        }
    }

    /// The other open tickets of the same customer: where a duplicate can go.
    func openMergePicker() throws {
        guard let ticket = try singleTarget() else { return }
        let repository = self.repository
        let picker = Picker(
            title: "Merge #\(ticket.id) into which ticket?",
            columns: [.init("#", .fixed(7)), .init("Subject", .flexible(min: 20, weight: 3)), .init("Status", .fixed(8))]
        ) { text, limit in
            let needle = TextFolding.fold(text.trimmingCharacters(in: .whitespaces))
            return try repository.page(ofCustomer: ticket.customerID, openOnly: true, limit: 200)
                .filter { $0.id != ticket.id }
                .filter { needle.isEmpty || "#\($0.id)".contains(needle) || TextFolding.fold($0.subject).contains(needle) }
                .prefix(limit)
                .map { Picker.Item(id: $0.id, cells: ["#\($0.id)", $0.subject, $0.status.displayName]) }
        }
        overlay = .picker(picker, .merge(ticket))
    }

    // MARK: Views

    func nextQueue(_ host: ScreenHost) throws {
        let queues = try repository.openQueues()
        let next: String?
        if let queue, let index = queues.firstIndex(of: queue) {
            next = index + 1 < queues.count ? queues[index + 1] : nil
        } else {
            next = queues.first
        }
        try setView(view, queue: next)
    }

    // MARK: Replies and notes

    func compose(_ kind: TicketMessageKind) throws {
        guard let ticket = try singleTarget() else { return }
        // Said before anything is typed, not after: the model refuses messages on closed tickets.
        if ticket.status == .closed {
            throw KontorError.rule("ticket #\(ticket.id) is closed; s reopens it, then \(kind == .note ? "i" : "r") writes")
        }
        if detail?.ticket.id != ticket.id { detail = try makeDetail(ticket) }
        overlay = .compose(MessageComposer(kind: kind, ticket: ticket))
    }

    func saveMessage(_ host: ScreenHost) throws {
        guard case var .compose(composer) = overlay else { return }
        do {
            let (ticket, _) = try repository.addMessage(to: composer.ticket.id, kind: composer.kind, body: composer.area.text,
                                                        expectedVersion: composer.ticket.version, by: session)
            overlay = nil
            detail = try makeDetail(ticket)
            search = nil
            try list.reload()
            host.show(composer.kind == .note ? "Note saved on #\(ticket.id)" : "Reply saved on #\(ticket.id)", isError: false)
        } catch let KontorError.invalid(failure) {
            composer.banner = "Message " + (failure.issues.first?.message ?? failure.description)
            overlay = .compose(composer)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            composer.conflict = true
            composer.banner = "\(changedBy) saved this ticket at \(Format.shortTime(changedAt)); Ctrl-R loads it (your text stays)"
            overlay = .compose(composer)
        } catch let error as KontorError {
            composer.banner = error.description
            overlay = .compose(composer)
        }
    }

    func reloadComposer() throws {
        guard case var .compose(composer) = overlay else { return }
        guard let fresh = try repository.find(id: composer.ticket.id) else { throw KontorError.notFound(entity: "ticket", id: composer.ticket.id) }
        composer.ticket = fresh
        composer.conflict = false
        composer.banner = nil
        overlay = .compose(composer)
        detail = try makeDetail(fresh)
    }

    func cancelCompose() {
        guard case let .compose(composer) = overlay else { return }
        if composer.area.hasContent {
            let dialog = Dialog(
                title: "Discard \(composer.kind == .note ? "note" : "reply")",
                message: ["The text is not saved.", "Close it and lose it?"],
                choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep writing", id: "no")],
                cancelID: "no")
            overlay = .confirm(dialog, .discardMessage(composer))
        } else {
            overlay = nil
        }
    }

    // MARK: Forms

    func saveForm(_ host: ScreenHost) throws {
        switch overlay {
        case var .pending(editor):
            let until: Date
            switch editor.date() {
            case let .success(date): until = date
            case let .failure(problem):
                editor.form.show(errors: ["until": problem.message])
                overlay = .pending(editor)
                return
            }
            do {
                overlay = nil
                try apply(editor.targets, host: host, done: "pending until \(Format.localTime(isoString(until)))") { ticket in
                    try repository.setStatus(id: ticket.id, .pending, pendingUntil: until, expectedVersion: ticket.version, by: session)
                } bulk: { ids in
                    try repository.setStatus(ids: ids, .pending, pendingUntil: until, by: session)
                }
            } catch let KontorError.invalid(failure) {
                editor.form.show(errors: ["until": failure.issues.first?.message ?? failure.description])
                overlay = .pending(editor)
            } catch let KontorError.rule(message) {
                editor.form.banner = message
                overlay = .pending(editor)
            }
        case var .newTicket(editor):
            guard let priority = editor.priority else {
                editor.show(["priority": "must be low, normal, high or urgent"])
                overlay = .newTicket(editor)
                return
            }
            do {
                let ticket = try repository.create(editor.fields(priority: priority), by: session)
                overlay = nil
                search = nil
                try list.reload()
                try open(ticket.id)
                host.show("Ticket #\(ticket.id) opened for \(editor.customerName)", isError: false)
            } catch let KontorError.invalid(failure) {
                var errors: [String: String] = [:]
                for issue in failure.issues { errors[issue.field] = issue.message }
                editor.show(errors)
                overlay = .newTicket(editor)
            }
        default:
            break
        }
    }

    func cancelForm() {
        switch overlay {
        case .pending: overlay = nil
        case let .newTicket(editor):
            if editor.isDirty {
                let dialog = Dialog(
                    title: "Discard new ticket",
                    message: ["This ticket is not saved.", "Close it and lose what was typed?"],
                    choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep editing", id: "no")],
                    cancelID: "no")
                overlay = .confirm(dialog, .discardNewTicket(editor))
            } else {
                overlay = nil
            }
        default: break
        }
    }

    private func isoString(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    func scrollThread(by delta: Int) {
        guard var shown = detail else { return }
        shown.scrollFromEnd = max(0, min(max(0, threadLineCount - threadHeight), shown.scrollFromEnd + delta))
        detail = shown
    }
}
