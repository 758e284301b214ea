import KontorLocale
import GRDB

/// One message in a ticket's thread. Messages are never edited or deleted
/// (the database refuses it); a merge only moves them to another ticket.
public struct TicketMessage: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var ticketID: Int64
    public var kind: TicketMessageKind
    /// The member of staff who wrote it; nil for the customer's own messages.
    public var authorStaffID: Int64?
    /// The name shown with the message, kept as it was when written.
    public var authorName: String
    public var body: String
    public var createdAt: String
    /// The ticket it was first written on, when a merge brought it here.
    public var movedFromID: Int64?
    /// For a message that came by mail: its Message-ID, the sender and the
    /// recipients as the mail named them.
    public var mailMessageID: String?
    public var mailFrom: String?
    public var mailTo: String?
    public var mailCc: String?

    public init(row: Row) {
        id = row["id"]
        ticketID = row["ticket_id"]
        kind = TicketMessageKind(rawValue: row["kind"]) ?? .note
        authorStaffID = row["author_staff_id"]
        authorName = row["author_name"]
        body = row["body"]
        createdAt = row["created_at"]
        movedFromID = row["moved_from_id"]
        mailMessageID = row["mail_message_id"]
        mailFrom = row["mail_from"]
        mailTo = row["mail_to"]
        mailCc = row["mail_cc"]
    }
}

/// Who a message is from and who sees it.
public enum TicketMessageKind: String, CaseIterable, Sendable {
    /// Written by the customer (typed in by staff from a call or an e-mail).
    case customer
    /// Our answer to the customer; the first one meets the first-response SLA.
    case reply
    /// Internal, never shown to the customer; never changes the status.
    case note

    public var displayName: String {
        switch self {
        case .customer: return tr("Customer")
        case .reply: return tr("Reply")
        case .note: return tr("Internal note")
        }
    }
}
