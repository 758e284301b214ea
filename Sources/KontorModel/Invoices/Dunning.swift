import GRDB

/// How far a customer's dunning has gone, from the age of the oldest
/// overdue invoice: what the front desk must know before promising anything.
public enum DunningLevel: Int, Comparable, Sendable, CaseIterable {
    case none, reminder, first, second, final

    /// The level for an invoice this many days past its due date.
    public static func forDaysOverdue(_ days: Int) -> DunningLevel {
        switch days {
        case ..<1: return .none
        case 1...14: return .reminder
        case 15...30: return .first
        case 31...60: return .second
        default: return .final
        }
    }

    public var displayName: String {
        switch self {
        case .none: return "nothing overdue"
        case .reminder: return "payment reminder"
        case .first: return "1st dunning notice"
        case .second: return "2nd dunning notice"
        case .final: return "final notice"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A customer's open money and how late it is.
public struct CustomerDunning: Equatable, Sendable {
    public var balance: CustomerBalance
    /// Days the oldest overdue invoice is past its due date; 0 when none is.
    public var oldestDaysOverdue: Int
    public var level: DunningLevel { .forDaysOverdue(oldestDaysOverdue) }
}

extension InvoiceRepository {
    /// What the customer owes and its dunning level, from the
    /// `invoices_by_customer` index.
    public func dunning(of customerID: Int64, today: String = CalendarDate.today()) throws -> CustomerDunning {
        let balance = try balance(of: customerID, today: today)
        let oldest = try database.read { db in
            try String.fetchOne(db, sql: """
                SELECT min(due_date) FROM invoices
                WHERE customer_id = ? AND status = 'issued' AND kind = 'invoice' AND due_date < ? AND paid_cents < gross_cents
                """, arguments: [customerID, today])
        }
        let days = oldest.flatMap { CalendarDate.days(from: $0, to: today) } ?? 0
        return CustomerDunning(balance: balance, oldestDaysOverdue: days)
    }
}
