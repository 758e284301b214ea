import KontorLocale
import Foundation
import GRDB

/// How long an open ticket has been waiting since it was created.
public enum TicketAge: Int, CaseIterable, Sendable, Comparable {
    case underOneDay, oneToThreeDays, threeToSevenDays, sevenToThirtyDays, overThirtyDays

    public var label: String {
        switch self {
        case .underOneDay: return tr("< 1 day")
        case .oneToThreeDays: return tr("1–3 days")
        case .threeToSevenDays: return tr("3–7 days")
        case .sevenToThirtyDays: return tr("7–30 days")
        case .overThirtyDays: return tr("> 30 days")
        }
    }

    /// The age in days at which the bucket starts.
    public var fromDays: Int { [0, 1, 3, 7, 30][rawValue] }

    /// The moment the bucket begins, counted back from `now` (now − its
    /// days): what the dashboard counts and the queue it opens filters by.
    func boundary(before now: Date) -> String {
        Timestamp.string(epochSeconds: Int(now.timeIntervalSince1970.rounded(.down)) - fromDays * 86_400)
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The open tickets (new, open or pending: the queue) counted every way the
/// dashboard shows them.
public struct OpenTicketFigures: Equatable, Sendable {
    public var open = 0
    /// Assigned to the person asking.
    public var mine = 0
    public var unassigned = 0
    /// Waiting for the customer.
    public var pending = 0
    /// Past their next deadline (first response or resolution).
    public var breached = 0
    /// Open tickets by priority and age; every priority and age is present.
    public var counts: [TicketPriority: [TicketAge: Int]] = Dictionary(
        uniqueKeysWithValues: TicketPriority.allCases.map { ($0, Dictionary(uniqueKeysWithValues: TicketAge.allCases.map { ($0, 0) })) })

    public init() {}

    public func count(_ priority: TicketPriority) -> Int { counts[priority]?.values.reduce(0, +) ?? 0 }
    public func count(_ age: TicketAge) -> Int { counts.values.reduce(0) { $0 + ($1[age] ?? 0) } }
    public func count(_ priority: TicketPriority, _ age: TicketAge) -> Int { counts[priority]?[age] ?? 0 }
}

extension ReportRepository {
    /// The open tickets at `now`; `mine` counts those assigned to `staffID`.
    ///
    /// One pass over `tickets_open_by_priority` in priority order: each
    /// priority's counts are summed as its entries stream past, so nothing is
    /// sorted and no ticket row is read.
    public func openTickets(now: Date = Date(), staffID: Int64?) throws -> OpenTicketFigures {
        let (sql, arguments) = Self.openTicketsSQL(now: now, staffID: staffID)
        return try database.read { db in
            var figures = OpenTicketFigures()
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                guard let priority = TicketPriority(rawValue: row["priority"]) else { continue }
                figures.open += row["n"] as Int
                figures.mine += row["mine"] as Int
                figures.unassigned += row["unassigned"] as Int
                figures.pending += row["pending"] as Int
                figures.breached += row["breached"] as Int
                for age in TicketAge.allCases {
                    figures.counts[priority]![age] = row["a\(age.rawValue)"] as Int
                }
            }
            return figures
        }
    }

    static func openTicketsSQL(now: Date, staffID: Int64?) -> (String, StatementArguments) {
        // b[k]: the moment the bucket k begins (now − 1, 3, 7, 30 days); a
        // ticket created after b[1] is under a day old, and so on.
        let b = TicketAge.allCases.map { $0.boundary(before: now) }
        let sql = """
            SELECT t.priority, count(*) AS n,
                   coalesce(sum(t.created_at > ?), 0) AS a0,
                   coalesce(sum(t.created_at <= ? AND t.created_at > ?), 0) AS a1,
                   coalesce(sum(t.created_at <= ? AND t.created_at > ?), 0) AS a2,
                   coalesce(sum(t.created_at <= ? AND t.created_at > ?), 0) AS a3,
                   coalesce(sum(t.created_at <= ?), 0) AS a4,
                   coalesce(sum(t.sla_due < ?), 0) AS breached,
                   coalesce(sum(t.assignee_id IS NULL), 0) AS unassigned,
                   coalesce(sum(t.status = 'pending'), 0) AS pending,
                   coalesce(sum(t.assignee_id = ?), 0) AS mine
            FROM tickets t
            WHERE \(TicketSummary.openCondition)
            GROUP BY t.priority
            """
        let arguments: StatementArguments = [
            b[1], b[1], b[2], b[2], b[3], b[3], b[4], b[4],
            b[0], staffID,  // b[0]: now itself
        ]
        return (sql, arguments)
    }
}
