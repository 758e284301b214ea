import Foundation
import GRDB

/// Something that arrived for one person, worth a glance: a new ticket in
/// a queue they work, a ticket a colleague gave them, a ticket whose
/// priority someone raised to high or urgent, a ticket of theirs whose SLA
/// breaks within the half hour. Never their own doing.
public struct TicketNotice: Equatable, Sendable, Identifiable {
    public enum Kind: String, Sendable {
        case new, assigned, escalated, slaSoon
    }

    public var kind: Kind
    public var ticketID: Int64
    public var subject: String
    public var customerName: String
    public var priority: TicketPriority
    /// Who did it ("mail" for a ticket that came in by mail); empty for an SLA.
    public var by: String
    /// When it happened, or when the SLA breaks.
    public var at: String

    public var id: String { "\(kind.rawValue)-\(ticketID)" }
    /// `at` as an instant.
    public var date: Date? { Timestamp.date(from: at) }
}

/// Where a session stands in what arrived: the last line of the audit log
/// it has looked at, and the tickets it has already warned about.
public struct NoticeMark: Sendable {
    public var auditID: Int64
    var warnedSLA: Set<Int64> = []
}

extension TicketRepository {
    /// How long before its SLA breaks a ticket is worth a notice.
    public static let slaWarning: TimeInterval = 30 * 60

    /// The queues whose new tickets a person hears of: the billing queue
    /// for the back office, the others for the front office, all of them
    /// for managers and admins.
    public static func noticeQueues(for role: Role) -> [String] {
        switch role {
        case .back: return [TicketText.billingQueue]
        case .front: return TicketText.standardQueues.filter { $0 != TicketText.billingQueue }
        case .manager, .admin: return TicketText.standardQueues
        }
    }

    /// Where the audit log stands now: notices start after it.
    public func noticeMark() throws -> NoticeMark {
        try database.read { db in NoticeMark(auditID: try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_log") ?? 0) }
    }

    /// What arrived for the session's person since `mark`, oldest first,
    /// and the mark to look from next time. Reads the audit log's new lines
    /// by their key (a few a second in a busy office) and, with
    /// `deadlines`, the person's own tickets due within `slaWarning` by the
    /// assignee's index: a deadline comes nearer with the clock, not with
    /// a commit, so once a minute is enough for it.
    public func notices(for session: Session, since mark: NoticeMark, deadlines: Bool = true,
                        limit: Int = 200) throws -> (notices: [TicketNotice], mark: NoticeMark) {
        let me = session.staff.id
        let queues = Self.noticeQueues(for: session.role)
        let nowDate = now()
        return try database.read { db in
            var next = mark
            var found: [TicketNotice] = []
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.actor, a.at, a.action, a.field, a.old_value, a.new_value,
                       t.id AS ticket_id, t.subject, t.queue, t.priority, t.assignee_id, t.status, c.name
                FROM audit_log a
                JOIN tickets t ON t.id = a.entity_id
                JOIN customers c ON c.id = t.customer_id
                WHERE a.id > ? AND a.entity = 'ticket' AND a.actor != ?
                  AND ((a.action = 'create' AND a.field = 'queue') OR a.field IN ('assignee_id', 'priority'))
                ORDER BY a.id
                LIMIT ?
                """, arguments: [mark.auditID, session.username, limit])
            for row in rows {
                next.auditID = max(next.auditID, row["id"])
                let field: String = row["field"]
                let newValue: String? = row["new_value"]
                let queue: String = row["queue"]
                let assignee: Int64? = row["assignee_id"]
                let kind: TicketNotice.Kind
                if field == "queue", queues.contains(queue) {
                    kind = .new
                } else if field == "assignee_id", newValue == String(me), assignee == me {
                    kind = .assigned
                } else if field == "priority", row["action"] as String != "create",
                          let raised = newValue.flatMap(TicketPriority.init(rawValue:)), raised >= .high,
                          raised > ((row["old_value"] as String?).flatMap(TicketPriority.init(rawValue:)) ?? .low),
                          assignee == me || (assignee == nil && queues.contains(queue)) {
                    kind = .escalated
                } else {
                    continue
                }
                found.append(TicketNotice(kind: kind, ticketID: row["ticket_id"], subject: row["subject"], customerName: row["name"],
                                          priority: TicketPriority(rawValue: row["priority"]) ?? .normal, by: row["actor"], at: row["at"]))
            }
            // Fewer than asked: every row up to the log's end in this read
            // was looked at, so the mark moves past the rows that were no
            // notice too (a DATEV run's 400 000 audit lines were read again
            // every minute by every session, 41 MB each time, at 1M).
            if rows.count < limit, let top = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_log") {
                next.auditID = max(next.auditID, top)
            }
            guard deadlines else { return (found, next) }
            let soon = try Row.fetchAll(db, sql: """
                SELECT t.id, t.subject, t.priority, t.sla_due, c.name
                FROM tickets t JOIN customers c ON c.id = t.customer_id
                WHERE t.assignee_id = ? AND t.assignee_id > 0 AND t.sla_due > ? AND t.sla_due <= ? AND t.status IN (\(TicketStatus.openSQL))
                ORDER BY t.sla_due
                LIMIT ?
                """, arguments: [me, Timestamp.string(from: nowDate), Timestamp.string(from: nowDate.addingTimeInterval(Self.slaWarning)), limit])
            for row in soon where !next.warnedSLA.contains(row["id"]) {
                next.warnedSLA.insert(row["id"])
                found.append(TicketNotice(kind: .slaSoon, ticketID: row["id"], subject: row["subject"], customerName: row["name"],
                                          priority: TicketPriority(rawValue: row["priority"]) ?? .normal, by: "", at: row["sla_due"]))
            }
            return (found, next)
        }
    }
}
