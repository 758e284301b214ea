import KontorLocale
import GRDB

/// How far dunning has gone or should go: nothing, the payment reminder,
/// the 1st and 2nd dunning notice, the final notice. Which level an
/// invoice has reached by its age comes from the company's
/// `DunningTerms`; which letter it was last sent, from `dunning_notices`.
public enum DunningLevel: Int, Comparable, Sendable, CaseIterable {
    case none, reminder, first, second, final

    /// The four levels a letter can have, in order.
    public static let letters: [DunningLevel] = [.reminder, .first, .second, .final]

    /// The level for an invoice this many days past its due date, under the
    /// standard terms; `DunningTerms.level(daysOverdue:)` under the company's.
    public static func forDaysOverdue(_ days: Int, terms: DunningTerms = .standard) -> DunningLevel {
        terms.level(daysOverdue: days)
    }

    /// The level after this one; nil after the final notice.
    public var next: DunningLevel? { DunningLevel(rawValue: rawValue + 1) }

    /// As stored in `dunning_notices.level` and `dunning_letters.level`.
    public var code: String {
        switch self {
        case .none: return "none"
        case .reminder: return "reminder"
        case .first: return "first"
        case .second: return "second"
        case .final: return "final"
        }
    }

    public init?(code: String) {
        guard let level = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = level
    }

    public var displayName: String {
        switch self {
        case .none: return tr("nothing overdue")
        case .reminder: return tr("payment reminder")
        case .first: return tr("1st dunning notice")
        case .second: return tr("2nd dunning notice")
        case .final: return tr("final notice")
        }
    }

    /// The letter's German title.
    public var germanTitle: String {
        switch self {
        case .none: return ""
        case .reminder: return "Zahlungserinnerung"
        case .first: return "1. Mahnung"
        case .second: return "2. Mahnung"
        case .final: return "Letzte Mahnung"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A customer's open money and how late it is.
public struct CustomerDunning: Equatable, Sendable {
    public var balance: CustomerBalance
    /// Days the oldest overdue invoice is past its due date; 0 when none is.
    public var oldestDaysOverdue: Int
    /// The level the oldest overdue invoice has reached by its age.
    public var level: DunningLevel
    /// The last dunning letter sent to the customer, if any.
    public var lastLetter: SentLetter?
    /// Open invoices a ticket marked disputed: dunning skips them.
    public var disputedCount: Int
    /// The last day of the customer's payment plan, while it runs: dunning skips the customer.
    public var paymentPlanUntil: String?

    /// A letter as the dunning line names it.
    public struct SentLetter: Equatable, Sendable {
        public var level: DunningLevel
        public var date: String
    }

    public init(balance: CustomerBalance, oldestDaysOverdue: Int, level: DunningLevel? = nil, lastLetter: SentLetter? = nil,
                disputedCount: Int = 0, paymentPlanUntil: String? = nil) {
        self.balance = balance
        self.oldestDaysOverdue = oldestDaysOverdue
        self.level = level ?? .forDaysOverdue(oldestDaysOverdue)
        self.lastLetter = lastLetter
        self.disputedCount = disputedCount
        self.paymentPlanUntil = paymentPlanUntil
    }
}

extension InvoiceRepository {
    /// What the customer owes and its dunning state: the level by age under
    /// the company's terms, the last letter sent, disputes and a payment
    /// plan. Each from an index on the customer.
    public func dunning(of customerID: Int64, today: String = CalendarDate.today()) throws -> CustomerDunning {
        let balance = try balance(of: customerID, today: today)
        return try database.read { db in
            // By the customer's index: for min(due_date) SQLite would otherwise walk every
            // issued invoice in due-date order until one is the customer's (130 ms at 1M).
            let oldest = try String.fetchOne(db, sql: """
                SELECT min(due_date) FROM \(SQLiteSpecific.table("invoices", indexedBy: "invoices_by_customer"))
                WHERE customer_id = ? AND status = 'issued' AND kind = 'invoice' AND due_date < ? AND paid_cents < gross_cents
                """, arguments: [customerID, today])
            let days = oldest.flatMap { CalendarDate.days(from: $0, to: today) } ?? 0
            let terms = try CompanySettings.read(db).dunning
            let last = try Row.fetchOne(db, sql: """
                SELECT level, letter_date FROM dunning_letters WHERE customer_id = ? ORDER BY id DESC LIMIT 1
                """, arguments: [customerID]).flatMap { row in
                DunningLevel(code: row["level"]).map { CustomerDunning.SentLetter(level: $0, date: row["letter_date"]) }
            }
            let disputed = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM invoice_disputes d JOIN invoices i ON i.id = d.invoice_id
                WHERE i.customer_id = ? AND i.status = 'issued'
                """, arguments: [customerID]) ?? 0
            let plan = try PaymentPlans.until(db, customerID: customerID, on: today)
            return CustomerDunning(balance: balance, oldestDaysOverdue: days, level: terms.level(daysOverdue: days),
                                   lastLetter: last, disputedCount: disputed, paymentPlanUntil: plan)
        }
    }
}
