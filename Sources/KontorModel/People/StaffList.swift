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
    /// A column the person sorts by; nil for the directory's own order, by
    /// name. See `StaffRepository.sortableColumns`.
    public var sort: ListSort?

    public init(view: StaffView = .active, text: String = "", sort: ListSort? = nil) {
        self.view = view
        self.text = text
        self.sort = sort
    }
}

/// Where a member of staff sits in the directory: by name (case ignored), then id.
public struct StaffListKey: Equatable, Hashable, Sendable {
    public var name: String
    public var id: Int64
    /// In a directory sorted by a chosen column, the row's value of it.
    public var value: SortValue?

    public init(name: String, id: Int64, value: SortValue? = nil) {
        self.name = name
        self.id = id
        self.value = value
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
    /// The value of the column the directory is sorted by, when the person chose one.
    var sortValue: SortValue?
    public var listKey: StaffListKey { StaffListKey(name: member.fullName, id: member.id, value: sortValue) }
}

extension StaffRepository {
    /// The directory's order: by name (case ignored), then id.
    static let listOrder = Keyset("s.full_name COLLATE NOCASE", "s.id")

    /// Up to `limit` members after `key` in name order (from the start when
    /// nil; including `key` when `inclusive`), each with their workload.
    public func page(_ query: StaffListQuery, after key: StaffListKey?, inclusive: Bool = false, limit: Int) throws -> [StaffListRow] {
        let condition = try listCondition(query)
        if let order = readableOrder(query.sort) {
            return try rows(order.keyset.page(Self.select(order) + " WHERE \(condition)", from: try valued(key, order),
                                              forward: true, inclusive: inclusive, limit: limit))
        }
        return try rows(Self.listOrder.page(Self.select() + " WHERE \(condition)", from: key.map { [$0.name, $0.id] },
                                            forward: true, inclusive: inclusive, limit: limit))
    }

    /// Up to `limit` members just before `key` (the last ones when nil), in list order.
    public func page(_ query: StaffListQuery, before key: StaffListKey?, limit: Int) throws -> [StaffListRow] {
        let condition = try listCondition(query)
        if let order = readableOrder(query.sort) {
            return try rows(order.keyset.page(Self.select(order) + " WHERE \(condition)", from: try valued(key, order),
                                              forward: false, limit: limit)).reversed()
        }
        return try rows(Self.listOrder.page(Self.select() + " WHERE \(condition)", from: key.map { [$0.name, $0.id] },
                                            forward: false, limit: limit)).reversed()
    }

    /// How many members the query matches.
    public func count(_ query: StaffListQuery) throws -> Int {
        let condition = try listCondition(query)
        return try session.database.read { db in
            try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM staff s WHERE \(condition)")) ?? 0
        }
    }

    /// One member's directory row (for the record, or to put the cursor on them).
    public func row(id: Int64) throws -> StaffListRow? {
        try rows(Self.select() + " WHERE s.id = \(id)").first
    }

    /// The people whose manager this member is, by name.
    public func reports(of id: Int64) throws -> [StaffListRow] {
        try rows(Self.select() + " WHERE s.manager_id = \(id) ORDER BY s.active DESC, s.full_name COLLATE NOCASE, s.id LIMIT 500")
    }

    /// Open deals the member owns, newest first, older than deal `id` (the newest when nil).
    public func openDeals(of ownerID: Int64, olderThan id: Int64?, limit: Int) throws -> [DealSummary] {
        try openDeals(ownerID, idBefore: id ?? Int64.max, newestFirst: true, limit: limit)
    }

    /// Open deals newer than deal `id` (the oldest when nil), the nearest ones, newest first.
    public func openDeals(of ownerID: Int64, newerThan id: Int64?, limit: Int) throws -> [DealSummary] {
        try openDeals(ownerID, idBefore: id ?? Int64.min, newestFirst: false, limit: limit).reversed()
    }

    /// A window of the owner's open deals in id order, read a stage at a
    /// time on `deals_by_owner` (owner, stage, id): each stage gives at most
    /// `limit` ids from its own range of the index and the union keeps the
    /// nearest `limit`, so a window costs a few times its size, however many
    /// deals the person owns. (All stages at once would read every open deal
    /// of the owner to sort them.) `newestFirst` reads ids below `bound`,
    /// otherwise above it.
    private func openDeals(_ ownerID: Int64, idBefore bound: Int64, newestFirst: Bool, limit: Int) throws -> [DealSummary] {
        let order = Keyset("id", descending: true)
        let perStage = DealStage.open.map { stage -> SQL in
            let deals = SQLiteSpecific.table("deals", indexedBy: "deals_by_owner")
            let window = order.page("SELECT id FROM \(sql: deals) WHERE owner_id = \(ownerID) AND stage = \(stage.rawValue)",
                                    from: [bound], forward: newestFirst, limit: limit)
            return "SELECT id FROM (\(window))"
        }.joined(separator: "\nUNION ALL\n")
        let nearest = order.page("SELECT id FROM (\(perStage)) WHERE 1", from: nil, forward: newestFirst, limit: limit)
        let (_, listOrder) = Keyset("d.id", descending: true).window(from: nil, forward: newestFirst)
        return try session.database.read { db in
            try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: """
                \(DealSummary.select(today: CalendarDate.today())) WHERE d.id IN (\(nearest))\(listOrder)
                """))
        }
    }

    /// Open tickets assigned to the member in SLA order (as the ticket queue
    /// sorts them), after `key` (from the most urgent when nil; including
    /// `key` when `inclusive`). Read on `tickets_open_by_assignee`, so a
    /// window costs its own rows, not all the person's open tickets.
    public func openTickets(of assigneeID: Int64, after key: TicketQueueKey?, inclusive: Bool = false, limit: Int) throws -> [TicketSummary] {
        try openTickets(TicketSummary.queueOrder.page(Self.openTickets(of: assigneeID), from: key?.values, forward: true,
                                                      inclusive: inclusive, limit: limit))
    }

    /// Up to `limit` open tickets of the member just before `key` (the least urgent when nil), in queue order.
    public func openTickets(of assigneeID: Int64, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        try openTickets(TicketSummary.queueOrder.page(Self.openTickets(of: assigneeID), from: key?.values, forward: false,
                                                      limit: limit)).reversed()
    }

    /// The member's open tickets, read on `tickets_open_by_assignee`.
    private static func openTickets(of assigneeID: Int64) -> SQL {
        let tickets = SQLiteSpecific.table("tickets t", indexedBy: "tickets_open_by_assignee")
        return "\(sql: TicketSummary.selecting(from: tickets)) WHERE t.assignee_id = \(assigneeID) AND t.assignee_id > 0 AND \(sql: TicketSummary.openCondition)"
    }

    private func openTickets(_ request: SQL) throws -> [TicketSummary] {
        try session.database.read { db in try TicketSummary.fetchAll(db, SQLRequest<TicketSummary>(literal: request)) }
    }

    /// The columns the directory may be sorted by at any size, each over
    /// an index: the name (`staff_by_name`) and the department
    /// (`staff_by_department`).
    public static let sortableColumns = ["name", "department"]

    /// The columns without an index, sorted while the directory holds at
    /// most `sortNarrowLimit` people (every office's): title, role (in its
    /// course, front office to admin), phone and e-mail (for readers who
    /// may see them), active, and the open tickets and deals kept per person.
    public static let sortableWhenFew = ["title", "role", "phone", "email", "active", "tickets", "deals"]

    /// Up to this many people are sorted by any column.
    public static let sortNarrowLimit = 5_000

    /// Columns only readers of staff details see, and so only they sort by.
    static let detailColumns = ["phone", "email"]

    /// Each column's order as SQL over the directory's select.
    static let orders = [
        "name": "s.full_name COLLATE NOCASE", "department": "s.department COLLATE NOCASE",
        "title": SQLiteSpecific.sortFolded("s.title"),
        "role": "(CASE s.role WHEN 'front' THEN 0 WHEN 'back' THEN 1 WHEN 'manager' THEN 2 ELSE 3 END)",
        "phone": "s.phone", "email": "s.email COLLATE NOCASE", "active": "s.active",
        "tickets": "coalesce(w.open_tickets, 0)", "deals": "coalesce(w.open_deals, 0)",
    ]

    static func order(_ sort: ListSort?) -> ColumnOrder? { ColumnOrder(sort, orders, idColumn: "s.id") }

    /// `sort` as this reader may have it: none by phone or e-mail for one
    /// who may not see them (the order would tell what the list hides).
    private func readable(_ sort: ListSort?) -> ListSort? {
        guard let sort, Self.detailColumns.contains(sort.column), !session.may(.readStaffDetails) else { return sort }
        return nil
    }

    private func readableOrder(_ sort: ListSort?) -> ColumnOrder? { Self.order(readable(sort)) }

    /// The query counted, to page in the order it may take (`readable`).
    /// `sortLimit`: the most people sorted by a column without an index.
    public func prepare(_ query: StaffListQuery, sortLimit: Int = sortNarrowLimit) throws -> CountedListQuery<StaffListQuery> {
        var query = query
        query.sort = readable(query.sort)
        return CountedListQuery(query, sort: \.sort, count: try count(query), limit: sortLimit, whenFew: Self.sortableWhenFew)
    }

    /// A key's values in `order`, its value read from its row when it comes without.
    private func valued(_ key: StaffListKey?, _ order: ColumnOrder) throws -> [(any DatabaseValueConvertible)?]? {
        try key.map { try order.valued($0, from: Self.tables, in: session.database) }.map { order.key($0.value, $0.id) }
    }

    /// Each member with their manager and their workload, as kept by
    /// triggers (`StaffWorkloadSchema`).
    private static let tables = "staff s LEFT JOIN staff m ON m.id = s.manager_id LEFT JOIN staff_workload w ON w.staff_id = s.id"

    /// The directory's select: each member with their manager's name and
    /// workload, as kept by triggers (`StaffWorkloadSchema`): one row a
    /// person, however many tickets and deals they have open; and the
    /// value of the column sorted by, when it is.
    private static func select(_ order: ColumnOrder? = nil) -> SQL {
        let sorted = order.map { ", " + $0.selected } ?? ""
        return """
            SELECT s.*, m.full_name AS manager_name\(sql: sorted),
                   coalesce(w.open_tickets, 0) AS open_tickets, coalesce(w.open_deals, 0) AS open_deals
            FROM \(sql: tables)
            """
    }

    private func rows(_ request: SQL) throws -> [StaffListRow] {
        let rows = try session.database.read { db in try Row.fetchAll(db, SQLRequest<Row>(literal: request)) }
        let detailed = session.may(.readStaffDetails)
        return rows.map { row in
            let member = StaffMember(row: row)
            var listRow = StaffListRow(member: detailed ? member : member.withoutDetails, managerName: row["manager_name"],
                                       openTickets: row["open_tickets"], openDeals: row["open_deals"])
            listRow.sortValue = row.sortValue
            return listRow
        }
    }

    /// Which members a directory query matches, as a condition over `staff s`.
    ///
    /// The typed words are matched as the customer search matches them:
    /// case and accents aside, and in German spellings ("jurgen",
    /// "juergen" and "JÜRGEN" find Jürgen, "weiss" finds Weiß). A staff is
    /// a few hundred people at most, so their words are folded here and
    /// the matching members named by id, rather than kept in an index.
    func listCondition(_ query: StaffListQuery) throws -> SQL {
        var condition: SQL
        switch query.view {
        case .active: condition = "s.active = 1"
        case .inactive: condition = "s.active = 0"
        case .all: condition = "1"
        }
        // Nothing to match (no letter or digit, as "-!") filters nothing, as on every list.
        let typed = TextFolding.trimmed(query.text)
        if !TextFolding.tokens(typed).isEmpty {
            let ids = try matching(typed)
            condition += ids.isEmpty ? " AND 0" : " AND s.id IN (\(SQLiteSpecific.idList(ids)))"
        }
        return condition
    }

    /// The members whose name, account, title or department hold every
    /// typed word, folded.
    private func matching(_ typed: String) throws -> [Int64] {
        let wanted = TextFolding.tokens(typed).map(String.init)
        let aliases = TextFolding.tokens(TextFolding.searchAlias(typed)).map(String.init)
        guard !wanted.isEmpty || !aliases.isEmpty else { return [] }
        return try session.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, full_name, username, title, department FROM staff").compactMap { row -> Int64? in
                let text = [row["full_name"], row["username"], row["title"], row["department"]].compactMap { $0 as String? }.joined(separator: " ")
                let folded = TextFolding.fold(text) + " " + TextFolding.fold(TextFolding.searchAlias(text))
                let holds = { (all: [String]) in !all.isEmpty && all.allSatisfy { folded.contains($0) } }
                return holds(wanted) || holds(aliases) ? row["id"] : nil
            }
        }
    }
}

extension StaffListKey: ValuedListKey {}
