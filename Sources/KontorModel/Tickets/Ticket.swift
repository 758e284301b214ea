import KontorLocale
import Foundation
import GRDB

/// A support ticket: one customer's question or problem, worked through a
/// thread of messages until it is resolved.
///
/// The SLA columns are derived (see `TicketSLA`) but stored, so that the
/// queue can be read in deadline order straight from an index.
public struct Ticket: Equatable, Sendable, Identifiable {
    /// The ticket number people quote ("#1042").
    public var id: Int64
    public var subject: String
    public var customerID: Int64
    /// The person at the customer who raised it, when known.
    public var contactID: Int64?
    /// The team that works it: support, billing, sales, …
    public var queue: String
    public var status: TicketStatus
    /// While pending: when to look at it again (ISO 8601 UTC). Nil otherwise.
    public var pendingUntil: String?
    public var priority: TicketPriority
    public var assigneeID: Int64?
    /// When the first reply is due, from creation and priority.
    public var firstResponseDue: String
    /// When the ticket should be resolved, from creation and priority.
    public var resolutionDue: String
    /// When the first reply was sent; nil until then.
    public var firstResponseAt: String?
    /// When it was last resolved; nil while it needs work.
    public var resolvedAt: String?
    /// The next deadline while the ticket needs work; nil once resolved or closed.
    public var slaDue: String?
    /// Set when this ticket was merged into another and closed.
    public var mergedIntoID: Int64?
    /// Space-separated tags.
    public var tags: String
    /// For a ticket opened by mail from an address no customer or contact
    /// has: that address, until the ticket is linked to a real customer.
    public var unknownSender: String?
    /// Bumped by every save; a save that names an older version is refused.
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    public var updatedBy: String

    /// Whether the next deadline has passed at `date`.
    public func isBreached(at date: Date = Date()) -> Bool {
        slaDue.map { $0 < Timestamp.string(from: date) } ?? false
    }
}

/// Where a ticket stands. New, open and pending tickets need work and sit in
/// the queue; resolved and closed ones do not.
public enum TicketStatus: String, CaseIterable, Sendable {
    /// Nobody has answered yet.
    case new
    /// Being worked on.
    case open
    /// Waiting for the customer or a third party, until a date.
    case pending
    /// Answered; the customer may still come back, which reopens it.
    case resolved
    /// Finished for good (also: merged into another ticket).
    case closed

    public var displayName: String {
        switch self {
        case .new: return tr("New")
        case .open: return tr("Open")
        case .pending: return tr("Pending")
        case .resolved: return tr("Resolved")
        case .closed: return tr("Closed")
        }
    }

    /// New, open or pending: the ticket still needs work, has an SLA
    /// deadline and is listed in the queue.
    public var isOpen: Bool { self == .new || self == .open || self == .pending }

    /// The statuses a person may move a ticket to from this one.
    ///
    /// Nothing goes back to `new` (it means "never touched"); resolved and
    /// closed tickets go back only to `open`, so a reopened ticket is worked
    /// like any other rather than parked again unseen.
    public var allowedNext: [TicketStatus] {
        switch self {
        case .new: return [.open, .pending, .resolved, .closed]
        case .open: return [.pending, .resolved, .closed]
        case .pending: return [.open, .resolved, .closed]
        case .resolved: return [.open, .closed]
        case .closed: return [.open]
        }
    }

    public func canChange(to status: TicketStatus) -> Bool { allowedNext.contains(status) }

    /// The open statuses as an SQL list, for queries.
    static let openSQL = "'new', 'open', 'pending'"
}

/// How urgent a ticket is; decides its SLA deadlines.
public enum TicketPriority: String, CaseIterable, Sendable, Comparable {
    case low, normal, high, urgent

    public var displayName: String {
        switch self {
        case .low: return tr("Low")
        case .normal: return tr("Normal")
        case .high: return tr("High")
        case .urgent: return tr("Urgent")
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Ticket: FetchableRecord {
    public init(row: Row) {
        id = row["id"]
        subject = row["subject"]
        customerID = row["customer_id"]
        contactID = row["contact_id"]
        queue = row["queue"]
        // The table's CHECK constraints admit only known values.
        status = TicketStatus(rawValue: row["status"]) ?? .open
        pendingUntil = row["pending_until"]
        priority = TicketPriority(rawValue: row["priority"]) ?? .normal
        assigneeID = row["assignee_id"]
        firstResponseDue = row["first_response_due"]
        resolutionDue = row["resolution_due"]
        firstResponseAt = row["first_response_at"]
        resolvedAt = row["resolved_at"]
        slaDue = row["sla_due"]
        mergedIntoID = row["merged_into_id"]
        tags = row["tags"]
        unknownSender = row["unknown_sender"]
        version = row["version"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }
}
