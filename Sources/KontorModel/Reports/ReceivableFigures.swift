import KontorLocale
import GRDB

/// How long an unpaid invoice has been past its due date.
public enum ReceivableAge: Int, CaseIterable, Sendable, Comparable {
    /// Not yet due: open, but not overdue.
    case notDue
    case upTo30Days, upTo60Days, upTo90Days, over90Days

    public var label: String {
        switch self {
        case .notDue: return tr("not yet due")
        case .upTo30Days: return tr("1–30 days")
        case .upTo60Days: return tr("31–60 days")
        case .upTo90Days: return tr("61–90 days")
        case .over90Days: return tr("> 90 days")
        }
    }

    /// The days overdue the bucket covers; nil for invoices not yet due.
    /// The last bucket has no end.
    public var days: (from: Int, to: Int?)? {
        switch self {
        case .notDue: return nil
        case .upTo30Days: return (1, 30)
        case .upTo60Days: return (31, 60)
        case .upTo90Days: return (61, 90)
        case .over90Days: return (91, nil)
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The money customers owe: unpaid issued invoices by how far past due they
/// are, and the drafts not yet issued.
public struct ReceivableFigures: Equatable, Sendable {
    public struct Bucket: Equatable, Sendable {
        public var count = 0
        /// Gross less what was paid.
        public var openCents = 0
        public init(count: Int = 0, openCents: Int = 0) {
            self.count = count
            self.openCents = openCents
        }
    }

    /// Every age is present.
    public var buckets: [ReceivableAge: Bucket] = Dictionary(uniqueKeysWithValues: ReceivableAge.allCases.map { ($0, Bucket()) })
    /// Invoices in draft: not yet owed.
    public var drafts = 0

    public init() {}

    public subscript(_ age: ReceivableAge) -> Bucket { buckets[age] ?? Bucket() }

    /// Everything unpaid, due or not.
    public var open: Bucket { total(ReceivableAge.allCases) }
    /// Everything past its due date.
    public var overdue: Bucket { total(ReceivableAge.allCases.filter { $0 != .notDue }) }

    private func total(_ ages: [ReceivableAge]) -> Bucket {
        ages.reduce(Bucket()) { Bucket(count: $0.count + self[$1].count, openCents: $0.openCents + self[$1].openCents) }
    }
}

extension ReportRepository {
    /// Unpaid issued invoices on `today` by days overdue (as the invoice
    /// list's "overdue" view decides: due before today, less paid than
    /// gross), and the number of drafts.
    ///
    /// Summed from `invoices_receivable`, which holds only the unpaid issued
    /// invoices, with due date and amounts: a small index, no row read.
    public func receivables(today: String = CalendarDate.today()) throws -> ReceivableFigures {
        let (sql, arguments) = Self.receivablesSQL(today: today)
        return try database.read { db in
            var figures = ReceivableFigures()
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                guard let age = ReceivableAge(rawValue: row["age"]) else { continue }
                figures.buckets[age] = .init(count: row["n"], openCents: row["open"])
            }
            figures.drafts = try Int.fetchOne(db, sql: Self.draftsSQL)!
            return figures
        }
    }

    static func receivablesSQL(today: String) -> (String, StatementArguments) {
        // An invoice due on day D is n days overdue on D + n: the bucket
        // "up to 30 days" holds the due dates from today − 30 to yesterday.
        func dueOn(daysAgo: Int) -> String { CalendarDate.adding(days: -daysAgo, to: today) ?? today }
        let sql = """
            SELECT CASE WHEN i.due_date >= ? THEN 0
                        WHEN i.due_date >= ? THEN 1
                        WHEN i.due_date >= ? THEN 2
                        WHEN i.due_date >= ? THEN 3
                        ELSE 4 END AS age,
                   count(*) AS n, coalesce(sum(i.gross_cents - i.paid_cents), 0) AS open
            FROM \(SQLiteSpecific.table("invoices i", indexedBy: "invoices_receivable"))
            WHERE i.status = 'issued' AND i.kind = 'invoice' AND i.paid_cents < i.gross_cents
            GROUP BY age
            """
        return (sql, [today, dueOn(daysAgo: 30), dueOn(daysAgo: 60), dueOn(daysAgo: 90)])
    }

    static let draftsSQL = "SELECT count(*) FROM invoices WHERE status = 'draft'"
}
