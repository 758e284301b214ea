import Foundation
import KontorText
import GRDB

/// One row of the invoice list: what the list shows, nothing more, so a
/// window of fifty rows is one small query.
public struct InvoiceSummary: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var kind: InvoiceKind
    /// nil while draft.
    public var number: String?
    public var status: InvoiceStatus
    public var customerID: Int64
    /// The buyer as printed on the invoice once issued; the customer's
    /// current name while draft.
    public var customerName: String
    public var issueDate: String?
    public var dueDate: String?
    public var currency: String
    public var grossCents: Int
    public var paidCents: Int

    static let columns = """
        i.id, i.kind, i.number, i.status, i.customer_id,
        CASE WHEN i.buyer_name <> '' THEN i.buyer_name ELSE (SELECT c.name FROM customers c WHERE c.id = i.customer_id) END AS customer_name,
        i.issue_date, i.due_date, i.currency, i.gross_cents, i.paid_cents
        """

    public init(row: Row) {
        id = row["id"]
        kind = InvoiceKind(rawValue: row["kind"]) ?? .invoice
        number = row["number"]
        status = InvoiceStatus(rawValue: row["status"]) ?? .draft
        customerID = row["customer_id"]
        customerName = row["customer_name"] ?? ""
        issueDate = row["issue_date"]
        dueDate = row["due_date"]
        currency = row["currency"]
        grossCents = row["gross_cents"]
        paidCents = row["paid_cents"]
        sortValue = row.sortValue
    }

    public init(_ invoice: Invoice, customerName: String) {
        id = invoice.id
        kind = invoice.kind
        number = invoice.number
        status = invoice.status
        customerID = invoice.customerID
        self.customerName = invoice.buyer.name.isEmpty ? customerName : invoice.buyer.name
        issueDate = invoice.issueDate
        dueDate = invoice.dueDate
        currency = invoice.currency
        grossCents = invoice.grossCents
        paidCents = invoice.paidCents
    }

    /// Past its due date and not fully paid (the same rule as `Invoice.isOverdue`).
    public func isOverdue(today: String = CalendarDate.today()) -> Bool {
        kind == .invoice && status == .issued && paidCents < grossCents && (dueDate.map { $0 < today } ?? false)
    }

    public func daysOverdue(today: String = CalendarDate.today()) -> Int {
        guard isOverdue(today: today), let due = dueDate else { return 0 }
        return CalendarDate.days(from: due, to: today) ?? 0
    }

    public var listKey: InvoiceListKey { InvoiceListKey(dueDate: dueDate ?? "", id: id, value: sortValue) }
    /// The value of the column the list is sorted by, when the person chose one.
    var sortValue: SortValue?
}

/// Where a row sits in a list: by id (newest first), or in the overdue view
/// by due date (longest overdue first).
public struct InvoiceListKey: Hashable, Sendable {
    public var dueDate: String
    public var id: Int64
    /// In a list sorted by a chosen column, the row's value of it; read
    /// from the row when a key comes without it.
    public var value: SortValue?

    public init(dueDate: String, id: Int64, value: SortValue? = nil) {
        self.dueDate = dueDate
        self.id = id
        self.value = value
    }
}

/// What the invoice list shows: a view and the text typed into its filter.
public struct InvoiceQuery: Equatable, Sendable {
    public var view: InvoiceView
    /// Matches the invoice number (its start, or its serial number alone:
    /// "42" finds 2026-00042) and the customer (as the customer list's filter does).
    public var text: String
    /// The day that decides what is overdue.
    public var today: String
    /// A column the person sorts by; nil for the view's own order (newest
    /// first, or longest overdue first). See `InvoiceRepository.sortableColumns`.
    public var sort: ListSort?
    /// In the overdue view, only invoices more than this many days past
    /// their due date ("Überfällig > 30 Tage"); 0 for every overdue one.
    public var overdueDays: Int

    public init(view: InvoiceView = .all, text: String = "", today: String = CalendarDate.today(), sort: ListSort? = nil,
                overdueDays: Int = 0) {
        self.view = view
        self.text = text
        self.today = today
        self.sort = sort
        self.overdueDays = max(0, overdueDays)
    }

    /// The steps `overdueDays` takes in the list, as dunning and aging
    /// reports count them: every overdue invoice, then more than 30, 60, 90 days.
    public static let overdueSteps = [0, 30, 60, 90]

    /// The day an invoice must have been due before to count as overdue
    /// in this query: today, or `overdueDays` before it.
    var overdueBefore: String {
        overdueDays > 0 ? CalendarDate.adding(days: -overdueDays, to: today) ?? today : today
    }
}

/// The sums of a list as it is shown, computed by the database.
public struct InvoiceViewTotals: Equatable, Sendable {
    public var count: Int
    /// Drafts among `count` where the gross leaves them out (every view but
    /// the drafts' own): the footer says so, or its figures would not agree.
    public var drafts: Int = 0
    /// What was billed: drafts count only in the drafts' own view (a list
    /// of everything would otherwise add what was never sent, as the open
    /// amount beside it does not).
    public var grossCents: Int
    public var paidCents: Int
    /// Still to be paid: gross less paid of everything issued (credit notes
    /// count negative, drafts not at all), as a customer's balance counts.
    public var openCents: Int
}

/// A query ready for paging; see `InvoiceRepository.prepare(_:)`.
public struct PreparedInvoiceQuery: Sendable {
    enum Plan: Sendable {
        /// No text: the view's rows in index order.
        case all
        /// Few matches: their keys, sorted once, paged in memory.
        case keys([InvoiceListKey])
        /// Many matches: walk the list in order and keep the rows that match
        /// (see `Walk`). Matches are dense, so a screen fills fast.
        case walk(Walk)
        /// Sorted by a chosen column, few: their keys with the column's
        /// value, sorted once, paged in memory.
        case sortedKeys([InvoiceListKey])
        /// Sorted by a chosen column, many: walk the column's index in
        /// order, keeping the rows that match this condition.
        case sortedWalk(SQL)
    }

    /// What a walk keeps: rows whose customer's search text holds every
    /// typed word (`patterns`, when many customers match), whose number
    /// starts with `numberPrefix` (when it starts most of a year's numbers),
    /// is one of `numbers`, or whose id is among `ids` (the few matches of
    /// the other parts).
    struct Walk: Sendable {
        var patterns: [String] = []
        var numberPrefix: String?
        var numbers: [String] = []
        var ids: [Int64]?
    }

    public let query: InvoiceQuery
    var plan: Plan
    /// The column the list is sorted by; nil for the view's own order.
    public internal(set) var sort: ListSort? = nil
    /// The column asked for that the list is not sorted by, because it
    /// holds too many invoices for that column (`InvoiceRepository.sortableWhenFew`).
    public internal(set) var refusedSort: ListSort? = nil

    /// Whether every column may sort it: it holds few enough invoices to
    /// sort in memory (`fewLimit`). A broad
    /// search (walked, uncounted) does not.
    public var sortsEveryColumn: Bool {
        switch plan {
        case let .keys(keys), let .sortedKeys(keys): return keys.count <= fewLimit
        case .all, .sortedWalk: return (totals?.count ?? .max) <= fewLimit
        case .walk: return false
        }
    }

    /// Up to this many invoices are sorted by any column (in memory).
    var fewLimit = InvoiceRepository.sortNarrowLimit

    /// The query as it was, saying which sort it could not take.
    func refusing(_ sort: ListSort?) -> PreparedInvoiceQuery {
        var prepared = self
        prepared.refusedSort = sort
        return prepared
    }
    /// Totals of the whole view; nil when the filter matches too many rows
    /// to sum quickly (narrow it to see them).
    public let totals: InvoiceViewTotals?

    /// Whether `a` comes before `b` in this query's order.
    func precedes(_ a: InvoiceListKey, _ b: InvoiceListKey) -> Bool {
        if query.view == .overdue { return (a.dueDate, a.id) < (b.dueDate, b.id) }
        return a.id > b.id
    }

    /// The same order in SQL: newest first, or in the overdue view by due
    /// date (longest overdue first).
    var listOrder: Keyset {
        query.view == .overdue ? Keyset("i.due_date", "i.id") : Keyset("i.id", descending: true)
    }

    /// A key's values in `listOrder`'s columns.
    func values(_ key: InvoiceListKey) -> [(any DatabaseValueConvertible)?] {
        query.view == .overdue ? [key.dueDate, key.id] : [key.id]
    }
}

extension InvoiceRepository {
    /// Customers (or invoice numbers) a filter may match for their invoices
    /// to be collected and sorted once. A customer has few invoices, so
    /// collecting ten thousand customers' invoices costs a few milliseconds;
    /// past that the list walks the invoices in order instead, which is quick
    /// precisely because the matches are then common.
    static let narrowLimit = 10_000

    /// A number's start is collected up to this many times `narrowLimit`
    /// numbers: in the whole list they come from the number's own index
    /// without a row read, so twice as many cost what the customers'
    /// invoices cost. Walking instead costs most for an old year ("2025"),
    /// whose invoices lie at the far end of the list.
    static let numberRangeFactor = 2

    /// Matches whose totals are summed as the filter is typed; past that
    /// the footer asks for a narrower filter rather than read every match.
    /// Each match is a row read from wherever it lies in the table, about
    /// 3 µs at a million customers: a thousand cost 3 ms, and "202" (3 000
    /// invoices of customers whose phone or postcode starts so, on the way
    /// to "2026-…") would have doubled its letter's time.
    static let totalsLimit = 1_000

    /// Prepares a query for paging: decides how to search and sums the view.
    public func prepare(_ query: InvoiceQuery) throws -> PreparedInvoiceQuery {
        try prepare(query, sortLimit: Self.sortNarrowLimit)
    }

    /// `prepare(_:)` with the most invoices sorted by a column without an
    /// index given (`sortNarrowLimit`), for tests.
    func prepare(_ query: InvoiceQuery, sortLimit: Int) throws -> PreparedInvoiceQuery {
        var prepared = try prepare(query, narrowLimit: Self.narrowLimit)
        prepared.fewLimit = sortLimit
        return try sorted(prepared)
    }

    func prepare(_ query: InvoiceQuery, narrowLimit cap: Int) throws -> PreparedInvoiceQuery {
        let words = TextFolding.ftsQuery(query.text)
        let number = Self.numberSearch(query.text)
        guard words != nil || number != nil else {
            let totals = try database.read { db in try Self.viewTotals(db, query) }
            return PreparedInvoiceQuery(query: query, plan: .all, totals: totals)
        }
        return try database.read { db in
            var walk = PreparedInvoiceQuery.Walk()
            if let serial = number?.serial {
                walk.numbers = try Self.numbers(ofSerial: serial, db)
            }
            // A number's start that most of a year's numbers share ("2026")
            // is walked, not collected: such numbers are most of the list.
            var prefixIsBroad = false
            if let prefix = number?.prefix {
                let n = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (SELECT 1 FROM invoices WHERE number >= ? AND number < ? LIMIT ?)
                    """, arguments: [prefix, prefix + "\u{FFFF}", Self.numberRangeFactor * cap + 1]) ?? 0
                prefixIsBroad = n > Self.numberRangeFactor * cap
                if prefixIsBroad { walk.numberPrefix = prefix }
            }
            if let words {
                let hits = try SQLiteSpecific.fullTextCount(db, "customers_fts", matching: words, cap: cap)
                if hits > cap {
                    // Many customers: walk the list, testing each row's customer.
                    walk.patterns = TextFolding.likePatterns(query.text)
                    walk.numberPrefix = number?.prefix
                    return PreparedInvoiceQuery(query: query, plan: .walk(walk), totals: nil)
                }
            }
            // Collect what is narrow. Outside the overdue view the order is by
            // id alone, so the due date is not read.
            let due = query.view == .overdue ? "coalesce(i.due_date, '')" : "''"
            var keys: [InvoiceListKey] = []
            var ids = Set<Int64>()
            let view = Self.condition(query)
            func collect(_ condition: SQL) throws {
                let request = SQLRequest<Row>(literal: "SELECT \(sql: due) AS due, i.id FROM invoices i WHERE \(view) AND \(condition)",
                                              cached: true)
                let rows = try Row.fetchCursor(db, request)
                while let row = try rows.next() {
                    let id: Int64 = row[1]
                    if ids.insert(id).inserted { keys.append(InvoiceListKey(dueDate: row[0], id: id)) }
                }
            }
            if let prefix = number?.prefix, !prefixIsBroad {
                try collect(Self.numberStarts(prefix))
            }
            if !walk.numbers.isEmpty {
                try collect("i.number IN \(walk.numbers)")
            }
            if let words {
                try collect("i.customer_id IN (\(SQLiteSpecific.fullTextHits("customers_fts", matching: words)))")
            }
            if prefixIsBroad {
                walk.numbers = []
                walk.ids = Array(ids)
                return PreparedInvoiceQuery(query: query, plan: .walk(walk), totals: nil)
            }
            let prepared = PreparedInvoiceQuery(query: query, plan: .keys([]), totals: nil)
            keys.sort(by: prepared.precedes)
            let totals = keys.count > Self.totalsLimit ? nil
                : try Self.totals(db, where: "i.id IN (\(SQLiteSpecific.idList(keys.map(\.id))))", draftsBilled: query.view == .drafts)
            return PreparedInvoiceQuery(query: query, plan: .keys(keys), totals: totals)
        }
    }

    /// Numbers that start with `prefix`, as a range of the number's index.
    static func numberStarts(_ prefix: String) -> SQL {
        "(i.number >= \(prefix) AND i.number < \(prefix + "\u{FFFF}"))"
    }

    /// Up to `limit` rows after `key` (from the start when nil), in list order.
    public func page(_ prepared: PreparedInvoiceQuery, after key: InvoiceListKey?, inclusive: Bool = false, limit: Int) throws -> [InvoiceSummary] {
        if prepared.sort != nil { return try sortedPage(prepared, after: key, inclusive: inclusive, limit: limit) }
        if case let .keys(keys) = prepared.plan {
            return try rows(for: KeyedPages.after(key, in: keys, inclusive: inclusive, limit: limit, precedes: prepared.precedes))
        }
        return try walk(prepared, from: key, forward: true, inclusive: inclusive, limit: limit)
    }

    /// Up to `limit` rows before `key` (the last rows when nil), in list order.
    public func page(_ prepared: PreparedInvoiceQuery, before key: InvoiceListKey?, limit: Int) throws -> [InvoiceSummary] {
        if prepared.sort != nil { return try sortedPage(prepared, before: key, limit: limit) }
        if case let .keys(keys) = prepared.plan {
            return try rows(for: KeyedPages.before(key, in: keys, limit: limit, precedes: prepared.precedes))
        }
        return try walk(prepared, from: key, forward: false, limit: limit).reversed()
    }

    /// How SQLite reads a page of a prepared query (EXPLAIN QUERY PLAN
    /// details), so tests can make sure a walk reads the index it should.
    func walkPlan(_ prepared: PreparedInvoiceQuery) throws -> [String] {
        try database.read { db in try SQLiteSpecific.queryPlan(db, walkPage(prepared, from: nil, forward: true, limit: 50)) }
    }

    /// Rows of the plan's walk from `key`, reading forward (list order) or
    /// backward (nearest first).
    private func walk(_ prepared: PreparedInvoiceQuery, from key: InvoiceListKey?, forward: Bool, inclusive: Bool = false,
                      limit: Int) throws -> [InvoiceSummary] {
        let request = walkPage(prepared, from: key, forward: forward, inclusive: inclusive, limit: limit)
        if Self.walksIDs(prepared) {
            let ids = try database.read { db in try Int64.fetchAll(db, SQLRequest<Int64>(literal: request)) }
            return try rows(for: ids.map { InvoiceListKey(dueDate: "", id: $0) }[...])
        }
        return try database.read { db in try InvoiceSummary.fetchAll(db, SQLRequest<InvoiceSummary>(literal: request)) }
    }

    private func walkPage(_ prepared: PreparedInvoiceQuery, from key: InvoiceListKey?, forward: Bool, inclusive: Bool = false,
                          limit: Int) -> SQL {
        prepared.listOrder.page(base(prepared), from: key.map(prepared.values), forward: forward, inclusive: inclusive, limit: limit)
    }

    /// Whether the walk can read ids alone from `invoices_by_id_number`: when
    /// no customer has to be read and the view asks for status and kind only.
    private static func walksIDs(_ prepared: PreparedInvoiceQuery) -> Bool {
        guard case let .walk(walk) = prepared.plan else { return false }
        return walk.patterns.isEmpty && prepared.query.view != .overdue
    }

    /// One list row, for putting the cursor on a record just created or opened.
    public func summary(id: Int64) throws -> InvoiceSummary? {
        try database.read { db in
            try InvoiceSummary.fetchOne(db, sql: "SELECT \(InvoiceSummary.columns) FROM invoices i WHERE i.id = ?",
                                        arguments: [id])
        }
    }

    /// Whether the invoice belongs in the query's view (ignoring its text).
    public func isInView(_ id: Int64, _ query: InvoiceQuery) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, SQLRequest<Bool>(literal: "SELECT count(*) > 0 FROM invoices i WHERE i.id = \(id) AND \(Self.condition(query))")) ?? false
        }
    }

    func rows(for keys: ArraySlice<InvoiceListKey>) throws -> [InvoiceSummary] {
        let values = Dictionary(keys.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        return try KeyedPages.rows(keys.map(\.id)) { ids in
            try database.read { db in
                try InvoiceSummary.fetchAll(db, SQLRequest<InvoiceSummary>(literal: """
                    SELECT \(sql: InvoiceSummary.columns) FROM invoices i WHERE i.id IN (\(SQLiteSpecific.idList(ids)))
                    """))
            }
        }.map { row in
            var row = row
            row.sortValue = values[row.id] ?? nil
            return row
        }
    }

    /// The plan's rows, as a query ending in its WHERE clause.
    private func base(_ prepared: PreparedInvoiceQuery) -> SQL {
        let select: SQL = "SELECT \(sql: InvoiceSummary.columns) FROM invoices i WHERE"
        guard case let .walk(walk) = prepared.plan else {
            return "\(select) \(Self.walkCondition(prepared.query))"
        }
        let match = Self.walkMatch(walk)
        if Self.walksIDs(prepared) {
            // Newest first along an index that holds number, status and kind:
            // a row is read only once it is to be shown.
            let invoices = SQLiteSpecific.table("invoices i", indexedBy: "invoices_by_id_number")
            return "SELECT i.id FROM \(sql: invoices) WHERE \(Self.condition(prepared.query)) AND (\(match))"
        }
        return "\(select) \(Self.walkCondition(prepared.query)) AND (\(match))"
    }

    /// What a walk keeps, as a condition over `invoices i`.
    static func walkMatch(_ walk: PreparedInvoiceQuery.Walk) -> SQL {
        var alternatives: [SQL] = []
        if let prefix = walk.numberPrefix { alternatives.append(Self.numberStarts(prefix)) }
        if !walk.numbers.isEmpty { alternatives.append("i.number IN \(walk.numbers)") }
        if let ids = walk.ids { alternatives.append("i.id IN (\(SQLiteSpecific.idList(ids)))") }
        if !walk.patterns.isEmpty {
            // The customer is one primary-key lookup per row, in a subquery
            // rather than a join: with a join SQLite may first build a filter
            // over every customer.
            let customerHolds = walk.patterns.map {
                LikePattern.matches("(SELECT c.search_text FROM customers c WHERE c.id = i.customer_id)", $0)
            }
            alternatives.append("(\(customerHolds.joined(separator: " AND ")))")
        }
        return alternatives.isEmpty ? "0" : alternatives.joined(separator: " OR ")
    }

    /// Which invoices a view shows, as a condition over `invoices i`: the
    /// one mapping from view to SQL, for the list, its totals and `page(_:)`.
    static func condition(_ query: InvoiceQuery) -> SQL {
        condition(query.view, today: query.view == .overdue ? query.overdueBefore : query.today)
    }

    /// `today` decides what is overdue: due before it (for "more than 30
    /// days", the day 30 days before today).
    static func condition(_ view: InvoiceView, today: String) -> SQL {
        switch view {
        case .all: return "1"
        case .drafts: return "i.status = 'draft'"
        case .open: return "i.status = 'issued' AND i.kind = 'invoice'"
        case .overdue: return "i.status = 'issued' AND i.kind = 'invoice' AND i.due_date < \(today) AND i.paid_cents < i.gross_cents"
        // Settled credit notes are paid too; they have their own view.
        case .paid: return "i.status = 'paid' AND i.kind = 'invoice'"
        case .cancelled: return "i.status = 'cancelled'"
        case .creditNotes: return "i.kind = 'credit_note'"
        }
    }

    /// The view as SQL for walking the list in its order. Where a status
    /// is common (paid, open) walking the table newest first finds a page
    /// at once, so the status index is kept out of it (unindexed status),
    /// or SQLite would fetch every paid invoice and sort them for each page.
    /// Drafts are rare, and have no due date: on the status index
    /// `(status, due_date, id)` they are in id order already.
    static func walkCondition(_ query: InvoiceQuery) -> SQL {
        let status = SQLiteSpecific.unindexed("i.status")
        switch query.view {
        case .drafts: return "i.status = 'draft' AND i.due_date IS NULL"
        case .open: return "\(sql: status) = 'issued' AND i.kind = 'invoice'"
        case .paid: return "\(sql: status) = 'paid' AND i.kind = 'invoice'"
        case .cancelled: return "\(sql: status) = 'cancelled'"
        default: return condition(query)
        }
    }

    /// The totals of a whole view. All but the overdue view are sums of
    /// `invoice_totals`, kept by triggers: a handful of rows at any size. The
    /// overdue view depends on the day; it reads the issued invoices due
    /// before it from the status index.
    static func viewTotals(_ db: Database, _ query: InvoiceQuery) throws -> InvoiceViewTotals {
        guard query.view != .overdue else { return try totals(db, where: condition(query), draftsBilled: false) }
        let row = try Row.fetchOne(db, SQLRequest<Row>(literal: """
            SELECT coalesce(sum(i.n), 0) AS n, coalesce(sum(CASE WHEN i.status = 'draft' THEN i.n END), 0) AS drafts,
                   \(gross(draftsBilled: query.view == .drafts)) AS gross, coalesce(sum(i.paid_cents), 0) AS paid,
                   coalesce(sum(CASE WHEN i.status <> 'draft' THEN i.gross_cents - i.paid_cents END), 0) AS open
            FROM invoice_totals i WHERE \(condition(query))
            """))!
        return InvoiceViewTotals(count: row["n"], drafts: query.view == .drafts ? 0 : row["drafts"], grossCents: row["gross"], paidCents: row["paid"], openCents: row["open"])
    }

    /// The sum of the gross amounts billed, drafts in it only when they are what is listed.
    static func gross(draftsBilled: Bool) -> SQL {
        draftsBilled ? "coalesce(sum(i.gross_cents), 0)" : "coalesce(sum(CASE WHEN i.status <> 'draft' THEN i.gross_cents END), 0)"
    }

    static func totals(_ db: Database, where condition: SQL, draftsBilled: Bool) throws -> InvoiceViewTotals {
        let row = try Row.fetchOne(db, SQLRequest<Row>(literal: """
            SELECT count(*) AS n, coalesce(sum(i.status = 'draft'), 0) AS drafts, \(gross(draftsBilled: draftsBilled)) AS gross,
                   coalesce(sum(i.paid_cents), 0) AS paid,
                   coalesce(sum(CASE WHEN i.status <> 'draft' THEN i.gross_cents - i.paid_cents END), 0) AS open
            FROM invoices i WHERE \(condition)
            """))!
        return InvoiceViewTotals(count: row["n"], drafts: draftsBilled ? 0 : row["drafts"], grossCents: row["gross"], paidCents: row["paid"], openCents: row["open"])
    }

    /// What the list's filter finds for `text`, as one plain query for the
    /// sqlite3 shell (the bench's floor): numbers that start so or have
    /// that serial in any series, and invoices of customers whose words
    /// begin so, newest first, a window's worth; SQLite chooses its plan.
    /// nil for text the filter does not search by.
    public static func plainFilterSQL(_ text: String, limit: Int = 100) -> String? {
        let words = TextFolding.ftsQuery(text)
        let number = numberSearch(text)
        guard words != nil || number != nil else { return nil }
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        var found: [String] = []
        if let prefix = number?.prefix { found.append("(i.number >= \(quoted(prefix)) AND i.number < \(quoted(prefix + "\u{FFFF}")))") }
        if let serial = number?.serial { found.append("i.number IN (SELECT series || '-' || \(quoted(serial)) FROM invoice_numbers)") }
        if let words { found.append("i.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH \(quoted(words)))") }
        return "SELECT i.id FROM invoices i WHERE \(found.joined(separator: " OR ")) ORDER BY i.id DESC LIMIT \(limit)"
    }

    /// What of the typed text can be an invoice number: the text as a
    /// number's start ("2026-0004", "CN-2026"), and a serial alone ("42" →
    /// "00042", looked up in every series). One to three digits are a
    /// serial only: as a start, "2" would match every number of the decade.
    /// nil when it cannot be a number.
    static func numberSearch(_ text: String) -> (prefix: String?, serial: String?)? {
        let trimmed = TextFolding.trimmed(text).uppercased()
        guard !trimmed.isEmpty, trimmed.contains(where: \.isASCIIDigit),
              trimmed.allSatisfy({ $0.isASCIIDigit || ("A"..."Z").contains($0) || $0 == "-" }) else { return nil }
        let digitsOnly = trimmed.allSatisfy(\.isASCIIDigit)
        return (digitsOnly && trimmed.count < 4 ? nil : trimmed, serial(trimmed))
    }

    /// One to five digits as the serial part of a number ("42" → "00042");
    /// nil for anything else.
    static func serial(_ typed: String) -> String? {
        guard typed.count <= 5, typed.allSatisfy(\.isASCIIDigit), let value = Int(typed), value > 0 else { return nil }
        return String(repeating: "0", count: 5 - String(value).count) + String(value)
    }
}

extension InvoiceListKey: ValuedListKey {}
