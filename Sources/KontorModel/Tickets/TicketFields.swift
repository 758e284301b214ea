import KontorLocale
import KontorText
import Foundation

/// What a person fills in to open a ticket.
public struct TicketFields: Equatable, Sendable {
    public var subject: String
    public var customerID: Int64
    public var contactID: Int64?
    public var queue: String
    public var priority: TicketPriority
    /// The customer's first message; empty when there is none yet.
    public var firstMessage: String

    public init(subject: String, customerID: Int64, contactID: Int64? = nil, queue: String = "support",
                priority: TicketPriority = .normal, firstMessage: String = "") {
        self.subject = subject
        self.customerID = customerID
        self.contactID = contactID
        self.queue = queue
        self.priority = priority
        self.firstMessage = firstMessage
    }

    /// The fields as they will be stored: subject trimmed, queue trimmed
    /// and lower-cased, the message's line ends made `\n`.
    public func normalized() -> TicketFields {
        var copy = self
        copy.subject = TextFolding.trimmed(subject)
        copy.queue = TextFolding.trimmed(queue).lowercased()
        copy.firstMessage = TicketText.normalizedBody(firstMessage)
        return copy
    }

    /// Every problem with the (normalised) fields that can be seen without
    /// the database, or nil. (Whether the customer and contact exist is
    /// checked when saving.)
    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        if let message = TicketText.subjectProblem(subject) { issues.append(FieldIssue(field: "subject", message: message)) }
        if let message = TicketText.queueProblem(queue) { issues.append(FieldIssue(field: "queue", message: message)) }
        if !firstMessage.isEmpty, let message = TicketText.bodyProblem(firstMessage) {
            issues.append(FieldIssue(field: "message", message: message))
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }
}

/// The rules for ticket text, shared by new tickets and new messages.
public enum TicketText {
    public static let subjectMaxLength = 200
    public static let bodyMaxLength = 20_000
    public static let queueMaxLength = 30
    /// The queues every installation has; others may be typed freely.
    public static let standardQueues = ["support", billingQueue, "sales"]
    /// The queue of questions about invoices and payments, which the back
    /// office may work too (`TicketRepository.permission(toWorkIn:)`).
    public static let billingQueue = "billing"

    /// A message body as stored: Windows and old Mac line ends made `\n`,
    /// blank lines around it dropped.
    public static func normalizedBody(_ body: String) -> String {
        let unified = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return unified.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Why a (trimmed) subject cannot be saved, or nil. One line: it is shown
    /// in list rows, where a control character would break the screen.
    public static func subjectProblem(_ subject: String) -> String? {
        if subject.isEmpty { return tr("is required") }
        if subject.count > subjectMaxLength {
            return tr("is too long: {0} characters, at most {1}", subject.count, subjectMaxLength)
        }
        if let reason = VisibleText.forbiddenReason(in: subject) { return reason }
        return nil
    }

    /// Why a (normalised) message body cannot be saved, or nil. Line breaks
    /// and tabs are text; other control characters are not.
    public static func bodyProblem(_ body: String) -> String? {
        if body.isEmpty { return tr("is required") }
        if body.count > bodyMaxLength {
            return tr("is too long: {0} characters, at most {1}", body.count, bodyMaxLength)
        }
        if let reason = VisibleText.forbiddenReason(in: body, multiline: true) { return reason }
        return nil
    }

    /// Why a queue name cannot be used, or nil: one lower-case word (letters,
    /// digits, `-` or `_`, starting with a letter), so that it reads well in
    /// a narrow column and can be typed as a filter.
    public static func queueProblem(_ queue: String) -> String? {
        if queue.isEmpty { return tr("is required") }
        if queue.count > queueMaxLength { return tr("is too long: {0} characters, at most {1}", queue.count, queueMaxLength) }
        let letters = Set("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
        let allowed = letters.union("0123456789-_".unicodeScalars)
        guard let first = queue.unicodeScalars.first, letters.contains(first),
              queue.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            return tr("must be one lower-case word, like support, billing or sales")
        }
        return nil
    }

    private static func code(_ scalar: Unicode.Scalar) -> String {
        "U+" + String(scalar.value, radix: 16, uppercase: true)
    }
}
