import Foundation
import GRDB

/// One row of a ticket list: what the queue shows, nothing more.
public struct TicketSummary: Equatable, Sendable, Identifiable {
    /// The ticket number.
    public var id: Int64
    public var subject: String
    public var customerID: Int64
    public var customerName: String
    public var queue: String
    public var priority: TicketPriority
    public var status: TicketStatus
    public var assigneeID: Int64?
    /// The assignee's full name; nil when unassigned.
    public var assigneeName: String?
    /// The next deadline; nil once resolved or closed.
    public var slaDue: String?
    public var createdAt: String

    /// Where an open ticket sits in the queue; nil for resolved and closed
    /// tickets, which the queue does not list.
    public var queueKey: TicketQueueKey? { slaDue.map { TicketQueueKey(slaDue: $0, id: id, value: sortValue) } }
    /// The value of the column the queue is sorted by, when the person chose one.
    var sortValue: SortValue?

    public func isBreached(at date: Date = Date()) -> Bool {
        slaDue.map { $0 < Timestamp.string(from: date) } ?? false
    }
}

extension TicketSummary: FetchableRecord {
    /// The select list and joins every list query shares (`t` is the ticket).
    static let select = selecting(from: "tickets t")

    /// The same over `tickets`, as `t`, read as `table` says (an index hint,
    /// see `SQLiteSpecific.table(_:indexedBy:)`).
    static func selecting(from table: String, adding extra: String = "") -> String {
        """
        SELECT t.id, t.subject, t.customer_id, c.name AS customer_name, t.queue, t.priority, t.status,
               t.assignee_id, s.full_name AS assignee_name, t.sla_due, t.created_at\(extra.isEmpty ? "" : ", " + extra)
        FROM \(table)
        JOIN customers c ON c.id = t.customer_id
        LEFT JOIN staff s ON s.id = t.assignee_id
        """
    }

    /// The queue's order: next deadline, then number.
    static let queueOrder = Keyset("t.sla_due", "t.id")

    /// Tickets that need work. `sla_due IS NOT NULL` is what makes SQLite
    /// use the partial indexes of open tickets; the status says the same
    /// again for the assignee index, so that "mine" reads only the
    /// assignee's open tickets, not their history.
    static let openCondition = "t.sla_due IS NOT NULL AND t.status IN (\(TicketStatus.openSQL))"

    public init(row: Row) {
        id = row["id"]
        subject = row["subject"]
        customerID = row["customer_id"]
        customerName = row["customer_name"]
        queue = row["queue"]
        priority = TicketPriority(rawValue: row["priority"]) ?? .normal
        status = TicketStatus(rawValue: row["status"]) ?? .open
        assigneeID = row["assignee_id"]
        assigneeName = row["assignee_name"]
        slaDue = row["sla_due"]
        createdAt = row["created_at"]
        sortValue = row.sortValue
    }
}

/// A position in the queue: open tickets are ordered by their next
/// deadline, then by number.
public struct TicketQueueKey: Equatable, Hashable, Sendable, Comparable {
    public var slaDue: String
    public var id: Int64
    /// In a queue sorted by a chosen column, the row's value of it; read
    /// from the row when a key comes without it.
    public var value: SortValue?

    public init(slaDue: String, id: Int64, value: SortValue? = nil) {
        self.slaDue = slaDue
        self.id = id
        self.value = value
    }

    /// The key's values in `TicketSummary.queueOrder`'s columns.
    var values: [(any DatabaseValueConvertible)?] { [slaDue, id] }

    public static func < (a: Self, b: Self) -> Bool {
        a.slaDue == b.slaDue ? a.id < b.id : a.slaDue < b.slaDue
    }
}

/// Which open tickets the queue shows. The filters combine: "mine and
/// breached in billing" is `TicketQueueQuery(assignee: .staff(me), breachedOnly: true, queue: "billing")`.
public struct TicketQueueQuery: Equatable, Sendable {
    public enum Assignee: Equatable, Sendable {
        case anyone
        case staff(Int64)
        case nobody
    }

    public var assignee: Assignee
    /// One of the open statuses (new, open, pending); nil for all three.
    public var status: TicketStatus?
    /// Only tickets whose next deadline has passed.
    public var breachedOnly: Bool
    /// Only this queue (support, billing, …); nil for every queue.
    public var queue: String?
    /// Only tickets of this priority (the dashboard's "Urgent 15"); nil for all.
    public var priority: TicketPriority?
    /// Only tickets this old (the dashboard's "1–3 days 14"); nil for all.
    public var age: TicketAge?

    public init(assignee: Assignee = .anyone, status: TicketStatus? = nil, breachedOnly: Bool = false, queue: String? = nil,
                priority: TicketPriority? = nil, age: TicketAge? = nil) {
        self.assignee = assignee
        self.status = status
        self.breachedOnly = breachedOnly
        self.queue = queue
        self.priority = priority
        self.age = age
    }

    /// Every ticket that needs work.
    public static let allOpen = TicketQueueQuery()
    /// Tickets nobody has taken.
    public static let unassigned = TicketQueueQuery(assignee: .nobody)
    /// Tickets waiting for the customer.
    public static let pending = TicketQueueQuery(status: .pending)
    /// Tickets past their deadline.
    public static let breached = TicketQueueQuery(breachedOnly: true)
    /// A member of staff's own tickets.
    public static func mine(_ staffID: Int64) -> TicketQueueQuery { TicketQueueQuery(assignee: .staff(staffID)) }
}

extension TicketQueueKey: ValuedListKey {}
