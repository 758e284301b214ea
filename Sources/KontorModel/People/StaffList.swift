import GRDB

/// Which members of staff the directory shows.
public enum StaffView: String, CaseIterable, Sendable {
    case active, inactive, all
}

/// The directory's view and typed search.
public struct StaffListQuery: Equatable, Sendable {
    public var view: StaffView
    /// Matches any part of the name, username, title or department.
    public var text: String

    public init(view: StaffView = .active, text: String = "") {
        self.view = view
        self.text = text
    }
}

/// Where a member of staff sits in the directory: by name (case ignored), then id.
public struct StaffListKey: Equatable, Hashable, Sendable {
    public var name: String
    public var id: Int64

    public init(name: String, id: Int64) {
        self.name = name
        self.id = id
    }
}

/// One row of the staff directory: the person (private fields blank for
/// readers who may not see them) and their workload.
public struct StaffListRow: Equatable, Sendable, Identifiable {
    public var member: StaffMember
    /// Their manager's name; nil without one.
    public var managerName: String?
    /// Tickets assigned to them that still need work (new, open, pending).
    public var openTickets: Int
    /// Deals they own that are still open (lead to negotiation).
    public var openDeals: Int

    public var id: Int64 { member.id }
    public var listKey: StaffListKey { StaffListKey(name: member.fullName, id: member.id) }
}

extension StaffRepository {
    /// Up to `limit` members after `key` in name order (from the start when
    /// nil; including `key` when `inclusive`), each with their workload
    /// counted in SQL over the assignee and owner indexes.
    public func page(_ query: StaffListQuery, after key: StaffListKey?, inclusive: Bool = false, limit: Int) throws -> [StaffListRow] {
        var (sql, arguments) = Self.listFilter(query)
        if let key {
            sql += " AND (s.full_name COLLATE NOCASE, s.id) \(inclusive ? ">=" : ">") (?, ?)"
            arguments += [key.name, key.id]
        }
        return try rows(sql + " ORDER BY s.full_name COLLATE NOCASE, s.id LIMIT ?", arguments + [limit])
    }

    /// Up to `limit` members just before `key` (the last ones when nil), in list order.
    public func page(_ query: StaffListQuery, before key: StaffListKey?, limit: Int) throws -> [StaffListRow] {
        var (sql, arguments) = Self.listFilter(query)
        if let key {
            sql += " AND (s.full_name COLLATE NOCASE, s.id) < (?, ?)"
            arguments += [key.name, key.id]
        }
        return try rows(sql + " ORDER BY s.full_name COLLATE NOCASE DESC, s.id DESC LIMIT ?", arguments + [limit]).reversed()
    }

    /// How many members the query matches.
    public func count(_ query: StaffListQuery) throws -> Int {
        let (filter, arguments) = Self.listFilter(query)
        return try session.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM staff s" + filter, arguments: arguments) ?? 0
        }
    }

    /// One member's directory row (for the record, or to put the cursor on them).
    public func row(id: Int64) throws -> StaffListRow? {
        try rows(" WHERE s.id = ?", [id]).first
    }

    /// The people whose manager this member is, by name.
    public func reports(of id: Int64) throws -> [StaffListRow] {
        try rows(" WHERE s.manager_id = ? ORDER BY s.active DESC, s.full_name COLLATE NOCASE, s.id LIMIT 500", [id])
    }

    /// Open deals the member owns, newest first, older than deal `id` (the newest when nil).
    public func openDeals(of ownerID: Int64, olderThan id: Int64?, limit: Int) throws -> [DealSummary] {
        try openDeals(ownerID, condition: "d.id < ?", bound: id ?? Int64.max, order: "DESC", limit: limit)
    }

    /// Open deals newer than deal `id` (the oldest when nil), the nearest ones, newest first.
    public func openDeals(of ownerID: Int64, newerThan id: Int64?, limit: Int) throws -> [DealSummary] {
        try openDeals(ownerID, condition: "d.id > ?", bound: id ?? Int64.min, order: "ASC", limit: limit).reversed()
    }

    /// A window of the owner's open deals in id order, read a stage at a
    /// time on `deals_by_owner` (owner, stage, id): each stage gives at most
    /// `limit` ids from its own range of the index and the union keeps the
    /// nearest `limit`, so a window costs a few times its size, however many
    /// deals the person owns. (All stages at once would read every open deal
    /// of the owner to sort them.)
    private func openDeals(_ ownerID: Int64, condition: String, bound: Int64, order: String, limit: Int) throws -> [DealSummary] {
        let perStage = DealStage.open.map { stage in
            """
            SELECT id FROM (SELECT id FROM deals INDEXED BY deals_by_owner
                            WHERE owner_id = ? AND stage = '\(stage.rawValue)' AND \(condition.replacingOccurrences(of: "d.id", with: "id"))
                            ORDER BY id \(order) LIMIT ?)
            """
        }.joined(separator: "\nUNION ALL\n")
        var arguments: StatementArguments = [CalendarDate.today()]
        for _ in DealStage.open { arguments += [ownerID, bound, limit] }
        arguments += [limit]
        return try session.database.read { db in
            try DealSummary.fetchAll(db, sql: """
                SELECT \(DealSummary.columns) FROM \(DealSummary.from)
                WHERE d.id IN (SELECT id FROM (\(perStage)) ORDER BY id \(order) LIMIT ?)
                ORDER BY d.id \(order)
                """, arguments: arguments)
        }
    }

    /// Open tickets assigned to the member in SLA order (as the ticket queue
    /// sorts them), after `key` (from the most urgent when nil; including
    /// `key` when `inclusive`). Read on `tickets_open_by_assignee`, so a
    /// window costs its own rows, not all the person's open tickets.
    public func openTickets(of assigneeID: Int64, after key: TicketQueueKey?, inclusive: Bool = false, limit: Int) throws -> [TicketSummary] {
        var condition = ""
        var arguments: StatementArguments = [assigneeID]
        if let key {
            condition = " AND (t.sla_due, t.id) \(inclusive ? ">=" : ">") (?, ?)"
            arguments += [key.slaDue, key.id]
        }
        return try openTickets(condition + " ORDER BY t.sla_due, t.id LIMIT ?", arguments + [limit])
    }

    /// Up to `limit` open tickets of the member just before `key` (the least urgent when nil), in queue order.
    public func openTickets(of assigneeID: Int64, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        var condition = ""
        var arguments: StatementArguments = [assigneeID]
        if let key {
            condition = " AND (t.sla_due, t.id) < (?, ?)"
            arguments += [key.slaDue, key.id]
        }
        return try openTickets(condition + " ORDER BY t.sla_due DESC, t.id DESC LIMIT ?", arguments + [limit]).reversed()
    }

    private func openTickets(_ tail: String, _ arguments: StatementArguments) throws -> [TicketSummary] {
        let select = TicketSummary.select.replacingOccurrences(of: "FROM tickets t", with: "FROM tickets t INDEXED BY tickets_open_by_assignee")
        return try session.database.read { db in
            try TicketSummary.fetchAll(db, sql: select + """
                 WHERE t.assignee_id = ? AND t.assignee_id > 0 AND t.sla_due IS NOT NULL AND t.status IN (\(TicketStatus.openSQL))
                """ + tail, arguments: arguments)
        }
    }

    private func rows(_ tail: String, _ arguments: StatementArguments) throws -> [StaffListRow] {
        let rows = try session.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, m.full_name AS manager_name,
                       (SELECT count(*) FROM tickets t WHERE t.assignee_id = s.id AND t.status IN (\(TicketStatus.openSQL))) AS open_tickets,
                       (SELECT count(*) FROM deals d WHERE d.owner_id = s.id AND d.stage IN (\(DealSQL.openStages))) AS open_deals
                FROM staff s LEFT JOIN staff m ON m.id = s.manager_id
                """ + tail, arguments: arguments)
        }
        let detailed = session.may(.readStaffDetails)
        return rows.map { row in
            let member = StaffMember(row: row)
            return StaffListRow(member: detailed ? member : member.withoutDetails, managerName: row["manager_name"],
                                openTickets: row["open_tickets"], openDeals: row["open_deals"])
        }
    }

    /// The WHERE clause of a directory query, over `staff s`.
    static func listFilter(_ query: StaffListQuery) -> (String, StatementArguments) {
        var sql = " WHERE 1"
        var arguments: StatementArguments = []
        switch query.view {
        case .active: sql += " AND s.active = 1"
        case .inactive: sql += " AND s.active = 0"
        case .all: break
        }
        let typed = TextFolding.trimmed(query.text)
        if !typed.isEmpty {
            let escaped = typed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let pattern = "%\(escaped)%"
            sql += " AND (s.full_name LIKE ? ESCAPE '\\' OR s.username LIKE ? ESCAPE '\\' OR s.title LIKE ? ESCAPE '\\' OR s.department LIKE ? ESCAPE '\\')"
            arguments += [pattern, pattern, pattern, pattern]
        }
        return (sql, arguments)
    }
}
