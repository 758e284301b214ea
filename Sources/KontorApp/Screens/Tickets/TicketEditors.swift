import Foundation
import KontorModel
import KontorLocale
import KontorUI

/// The quick views of the queue: which open tickets the list shows.
enum QueueView: CaseIterable, Equatable {
    case allOpen, mine, unassigned, pending, breached

    /// The view's name in the person's language, for the title: "All open".
    var label: String {
        switch self {
        case .allOpen: return tr("All open")
        case .mine: return tr("Mine")
        case .unassigned: return tr("Unassigned")
        case .pending: return tr("Pending")
        case .breached: return tr("Breached")
        }
    }

    /// The name lower-cased, for the footer and the help ("all open").
    var name: String { label.lowercased() }

    /// The key that jumps to the view.
    var key: Character {
        switch self {
        case .allOpen: return "O"
        case .mine: return "M"
        case .unassigned: return "U"
        case .pending: return "P"
        case .breached: return "B"
        }
    }

    func query(me: Int64, queue: String?) -> TicketQueueQuery {
        var query: TicketQueueQuery
        switch self {
        case .allOpen: query = .allOpen
        case .mine: query = .mine(me)
        case .unassigned: query = .unassigned
        case .pending: query = .pending
        case .breached: query = .breached
        }
        query.queue = queue
        return query
    }

    var next: QueueView {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The tickets an action applies to: the one open or highlighted, or the
/// rows marked for a bulk change.
enum TicketTargets {
    case one(Ticket)
    case many([Int64])

    var count: Int {
        switch self {
        case .one: return 1
        case let .many(ids): return ids.count
        }
    }

    var title: String {
        switch self {
        case let .one(ticket): return "#\(ticket.id)"
        case let .many(ids): return Wording.count(ids.count, one: "{0} marked ticket", other: "{0} marked tickets")
        }
    }
}

/// A reply to the customer or an internal note being written.
struct MessageComposer {
    var kind: TicketMessageKind
    /// The ticket as it was when writing began: the save names its version.
    var ticket: Ticket
    var area = TextArea(maxLength: TicketText.bodyMaxLength)
    /// A message about the whole draft: a conflict, a refusal.
    var banner: String?
    /// A word about the draft that is no fault (typing put back after a
    /// session ended), until the person types.
    var notice: String?
    /// Set after a save was refused because someone saved the ticket first.
    var conflict = false

    var title: String {
        switch kind {
        case .reply: return tr("Reply to the customer · #{0}", ticket.id)
        case .note: return tr("Internal note · never shown to the customer · #{0}", ticket.id)
        case .customer: return tr("Message from the customer · #{0}", ticket.id)
        }
    }
}

/// The new-ticket form: subject, queue and priority as fields, the
/// customer's first message as a text area below them.
struct NewTicketEditor {
    var customerID: Int64
    var customerName: String
    /// The person at the customer who raised it, when the ticket was begun from them.
    var contactID: Int64?
    var form: Form
    var message = TextArea(maxLength: TicketText.bodyMaxLength)
    /// Whether the message area has the focus rather than the form.
    var inMessage = false
    var messageError: String?

    init(customerID: Int64, customerName: String, contactID: Int64? = nil, contactName: String? = nil) {
        self.customerID = customerID
        self.customerName = customerName
        self.contactID = contactID
        let raisedBy = contactName.map { " · \($0)" } ?? ""
        form = Form(title: tr("New ticket · {0}", customerName + raisedBy), fields: [
            Form.Field(id: "subject", label: "Subject", value: "", maxLength: TicketText.subjectMaxLength, hint: "required"),
            // A text field still: a new queue may be typed (and is asked about).
            Form.Field(id: "queue", label: "Queue", value: TicketWording.queueName("support"), maxLength: TicketText.queueMaxLength,
                       hint: TicketText.standardQueues.map(TicketWording.queueName).joined(separator: ", ")),
            Form.Field(id: "priority", label: "Priority", choosing: "normal", from: [
                Form.Choice("low", "low"), Form.Choice("normal", "normal"), Form.Choice("high", "high"), Form.Choice("urgent", "urgent"),
            ]),
        ])
    }

    var isDirty: Bool { form.isDirty || message.hasContent }

    /// The priority typed, by name or first letter; nil if it is none.
    var priority: TicketPriority? {
        let typed = form.value("priority").trimmingCharacters(in: .whitespaces).lowercased()
        return TicketPriority.allCases.first { $0.rawValue == typed || (typed.count == 1 && $0.rawValue.hasPrefix(typed)) }
    }

    func fields(priority: TicketPriority) -> TicketFields {
        TicketFields(subject: form.value("subject"), customerID: customerID, contactID: contactID, queue: TicketWording.queue(typed: form.value("queue")), priority: priority,
                     firstMessage: message.text)
    }

    /// Shows problems beside their fields; the message's under the area.
    mutating func show(_ errors: [String: String]) {
        var formErrors = errors
        messageError = formErrors.removeValue(forKey: "message")
        for key in formErrors.keys where !["subject", "queue", "priority"].contains(key) {
            // A problem with no field of its own (the customer, say) goes on top.
            form.banner = "\(key) \(formErrors[key]!)"
        }
        form.show(errors: formErrors)
        if formErrors.isEmpty, messageError != nil { inMessage = true }
        if !formErrors.isEmpty { inMessage = false }
        let count = errors.count
        if form.banner == nil { form.banner = Wording.count(count, one: "{0} field needs attention", other: "{0} fields need attention") }
    }

    enum Event { case none, submit, cancel }

    mutating func handle(_ key: Key) -> Event {
        if key == .ctrl("s") { return .submit }
        if key == .escape { return .cancel }
        if inMessage {
            switch key {
            case .tab:
                inMessage = false
                form.focus = 0
            case .backTab:
                inMessage = false
                form.focus = form.fields.count - 1
            default:
                if message.handle(key) { messageError = nil }
                if message.refused > 0, let limit = message.maxLength {
                    messageError = TextLimit.message(refused: message.refused, limit: limit)
                }
            }
            return .none
        }
        let last = form.fields.count - 1
        if (key == .tab || key == .down || key == .enter) && form.focus == last {
            inMessage = true
            return .none
        }
        if (key == .backTab || key == .up) && form.focus == 0 {
            inMessage = true
            return .none
        }
        _ = form.handle(key)
        return .none
    }
}

/// The pending-until form: the date to look at the ticket again.
struct PendingEditor: FormEditor {
    var targets: TicketTargets
    var form: Form
    init(targets: TicketTargets) {
        self.targets = targets
        form = Form(title: tr("Pending until · {0}", targets.title), fields: [
            // "+3" is filled in: beside it the day it stands for.
            Form.Field(id: "until", label: "Until", value: "+3", maxLength: 20, hint: "2026-12-24, +3 (days) or tomorrow")
                .explained(by: Format.typedDay(future: true)),
        ])
    }

    /// Whatever the model says about the date (it names its own field) goes beside the one field.
    mutating func show(_ issues: [FieldIssue]) {
        form.show(issues.prefix(1).map { FieldIssue(field: "until", message: $0.message) })
    }

    /// The typed date at 08:00 local time, or why it is not a date.
    func date(today: Date = Date()) -> Result<Date, PendingDateError> {
        PendingEditor.parse(form.value("until"), today: today)
    }

    struct PendingDateError: Error { var message: String }

    static func parse(_ typed: String, today: Date) -> Result<Date, PendingDateError> {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(PendingDateError(message: tr("is required: the date to look at the ticket again"))) }
        // Every form a date is typed in elsewhere: 24.12., 24.12.26, heute, +3 (`CalendarDate.typed`).
        let day = CalendarDate.typed(text, today: CalendarDate.string(from: today), future: true)
        guard let day else {
            return .failure(PendingDateError(message: tr("is not a date: type 24.12., 2026-12-24, +3 (days), tomorrow or Monday")))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
              let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 8)) else {
            return .failure(PendingDateError(message: tr("is not a date")))
        }
        return .success(date)
    }
}
