import Foundation
import GRDB

/// Fills an empty database with a coherent, realistic business, for demos,
/// benchmarks and trying things out.
public enum DemoSeeder {
    public struct Report: Sendable {
        public var rows: Int
        public var seconds: Double
        public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
    }

    /// The number of customers `kontor demo` makes when no scale is given.
    public static let defaultScale = 2_000

    /// How far seeding has come, for a progress bar: a fraction from 0 to 1
    /// and what is being written.
    public typealias Progress = (_ fraction: Double, _ step: String) -> Void

    /// Seeds `scale` customers and a year of business in proportion, in one
    /// transaction. Refuses a database that already holds data, so a demo
    /// never mixes into real records.
    ///
    /// Per customer, on average: 1.25 contacts, 0.4 deals, 0.7 invoices with
    /// about two lines each, 1.5 tickets with their threads; products scale
    /// with the square root of the customers (24 at 500 customers, 1 000 at a
    /// million).
    ///
    /// It loads the way bulk loaders do (see `BulkLoad`): no write-ahead log
    /// and no syncing during the load, bare tables first, and every index,
    /// trigger, count and search index built once at the end.
    ///
    /// - Parameter progress: told now and then how far it has come.
    /// - Returns: the rows now in the database, counted over every table
    ///   (not the search indexes' own), and the time taken.
    @discardableResult
    public static func seed(_ database: KontorDatabase, scale: Int = defaultScale, seed: UInt64 = 2026, actor: Actor,
                            now: Date = Date(), progress: Progress? = nil) throws -> Report {
        try Self.seed(database, scale: scale, seed: seed, actor: actor, rowByRow: false, now: now, progress: progress)
    }

    /// - Parameter rowByRow: keep the triggers that maintain counts, totals
    ///   and search indexes while loading, instead of building those once
    ///   after the load: slower, and only there so that a test can show both
    ///   ways end in the same database.
    /// - Parameter yearOnOneThread: make and write the year's rows on this
    ///   thread alone, as the seeder did before it made them on a second:
    ///   only there so that a test can show both ways write the same rows.
    /// - Parameter now: the moment the demo is made: its year ends then
    ///   (given, so that two seedings compared are of the same moment).
    static func seed(_ database: KontorDatabase, scale: Int, seed: UInt64 = 2026, actor: Actor, rowByRow: Bool,
                     yearOnOneThread: Bool = false, now moment: Date = Date(), progress: Progress? = nil) throws -> Report {
        guard try database.isEmpty() else { throw KontorError.notEmpty(path: database.path) }
        let start = Date()
        var random = DemoRandom(seed: seed)
        let now = Timestamp.string(from: moment)
        let report = progress ?? { _, _ in }
        try BulkLoad.run(database) { db in
            // Bulk loading: bare tables first, then every index and trigger built
            // once at the end — far faster than keeping them up to date row by row.
            let schema = try SQLiteSpecific.indexesAndTriggers(db)
            let dropped = schema.filter { !rowByRow || $0.type == "index" || !Self.derivedTriggers.contains($0.name) }
            for item in dropped { try db.execute(sql: "DROP \(item.type.uppercased()) \(item.name)") }
            try SQLiteSpecific.setCacheSize(db, kibibytes: 262_144)

            report(0, "staff")
            let staff = try DemoStaff.seed(db, actor: actor, now: now)
            // The rows written, as the audit log has always recorded them.
            var written = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff")! + scale
            try db.execute(sql: """
                UPDATE settings SET value = CASE key
                    WHEN 'company.name' THEN 'Kontor Demo Kaffee & Büro GmbH'
                    WHEN 'company.address' THEN 'Speicherstraße 12' || char(10) || '20457 Hamburg' || char(10) || 'Deutschland'
                    WHEN 'company.vat_id' THEN 'DE298765435'
                    WHEN 'company.tax_number' THEN '27/123/45678'
                    WHEN 'company.bank' THEN 'Hamburger Sparkasse'
                    ELSE value END
                """)
            // What an e-invoice needs besides: who to call, where e-invoices
            // arrive, the account to pay into.
            for (key, value) in [("company.country", "DE"), ("company.contact_name", "Jana Hoffmann"), ("company.phone", "+49 40 3250 7710"),
                                 ("company.email", "buchhaltung@kontor-demo.de"), ("company.electronic_address", "rechnung@kontor-demo.de"),
                                 ("company.iban", "DE02200505501015871393"), ("company.bic", "HASPDEHHXXX"),
                                 ("invoice.skonto_bp", "200"), ("invoice.skonto_days", "10")] {
                try db.execute(sql: """
                    INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [key, value, now, actor.username])
            }

            let insert = try RowInserter(db, sql: """
                INSERT INTO customers (name, contact_name, email, phone, street, postal_code, city, country,
                                       vat_id, notes, archived, sort_key, search_alias, search_text,
                                       kind, payment_terms_days, owner_id, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let owners = (staff[.front] ?? []) + (staff[.manager] ?? [])
            var terms: [Int] = []
            terms.reserveCapacity(scale)
            var buyers: [DemoBuyer] = []
            buyers.reserveCapacity(scale)
            // Made on a second core while these are written (`DemoCustomerFeed`).
            let feed = DemoCustomerFeed(count: scale, random: random, owners: owners)
            defer { feed.stop() }
            for index in 0..<scale {
                guard let row = feed.next() else { break }
                let c = row.fields
                terms.append(row.paymentTermsDays)
                buyers.append(DemoBuyer(c))
                try insert.insert(
                    c.name, c.contactName, c.email, c.phone, c.street, c.postalCode, c.city, c.country,
                    c.vatID, c.notes, row.archived, row.sortKey, row.alias, row.searchText,
                    c.kind.rawValue, row.paymentTermsDays, row.ownerID, now, now, actor.username)
                if index % 4096 == 0 { report(Phase.customers.at(Double(index) / Double(scale)), "customers") }
            }
            random = feed.random

            report(Phase.customers.end, "contacts, products and deals")
            var business = try DemoBusiness(db: db, random: random, actor: actor.username, customers: scale, terms: terms, buyers: buyers, staff: staff,
                                            now: moment)
            try business.seedContacts()
            try business.seedProducts(count: max(24, min(2_000, Int((Double(scale) * 1.0).squareRoot()))))
            try business.seedDeals(count: max(12, scale * 2 / 5))
            report(Phase.deals.end, "a year of invoices and tickets")
            try business.seedYear(invoices: max(24, scale * 7 / 10 - scale / 10), tickets: max(20, scale * 3 / 2),
                                  onOneThread: yearOnOneThread) { day in
                if day % 5 == 0 { report(Phase.year.at(Double(day) / 365), "a year of invoices and tickets") }
            }
            written += business.rows

            // What the bulk load left out: the buyer and seller as printed on
            // each issued invoice, on hand from the ledger, the counts and the index.
            report(Phase.year.end, "invoice addresses and stock")
            try db.execute(sql: """
                UPDATE invoices SET
                    buyer_name = c.name,
                    buyer_address = trim(c.contact_name || char(10) || c.street || char(10) || c.postal_code || ' ' || c.city || char(10) || c.country,
                                         char(10)),
                    buyer_vat_id = c.vat_id,
                    seller_name = (SELECT value FROM settings WHERE key = 'company.name'),
                    seller_address = (SELECT value FROM settings WHERE key = 'company.address'),
                    seller_vat_id = (SELECT value FROM settings WHERE key = 'company.vat_id'),
                    seller_tax_number = (SELECT value FROM settings WHERE key = 'company.tax_number'),
                    -- Businesses order with their own order number (BT-13; an e-invoice's buyer reference).
                    order_reference = CASE c.kind
                        WHEN 'company' THEN 'B-' || substr(number, length(number) - 4) || '-' || (invoices.id * 37 % 9000 + 1000) ELSE '' END
                -- Each invoice's customer read once, not once per column.
                FROM customers c WHERE c.id = invoices.customer_id AND status <> 'draft';
                INSERT INTO invoice_parties (invoice_id, parties)
                SELECT i.id, json_set(?, '$.buyer', json_object(
                                   'name', c.name, 'vatID', c.vat_id, 'taxNumber', '', 'contactName', c.contact_name,
                                   'phone', c.phone, 'email', c.email, 'electronicAddress', c.email,
                                   'isConsumer', json(CASE WHEN c.kind = 'person' THEN 'true' ELSE 'false' END),
                                   'address', json_object('street', c.street, 'additionalLine', '', 'postalCode', c.postal_code,
                                                          'city', c.city, 'country', c.country)))
                FROM invoices i JOIN customers c ON c.id = i.customer_id
                WHERE i.status <> 'draft' ORDER BY i.id
                """, arguments: [try DemoBuyer.sellerParties(db)])
            try business.writeOnHand()
            // The number series continue where the demo's year left off. The
            // series is "2026" or "CN-2026"; the serial after it may be longer
            // than five digits in a big demo ("2026-124546").
            try db.execute(sql: """
                INSERT INTO invoice_numbers (series, last_number)
                SELECT series, max(CAST(substr(number, length(series) + 2) AS INTEGER))
                FROM (SELECT number, CASE WHEN number LIKE 'CN-%' THEN substr(number, 1, 7) ELSE substr(number, 1, 4) END AS series
                      FROM invoices WHERE number IS NOT NULL)
                GROUP BY series
                """)
            if !rowByRow {
                try db.execute(sql: CustomerCounts.recount)
                try db.execute(sql: InvoiceListSchema.recount)
                try db.execute(sql: DealStageTotals.recount)
            }
            let indexes = dropped.filter { $0.type == "index" }
            for (number, item) in indexes.enumerated() {
                report(Phase.indexes.at(Double(number) / Double(max(1, indexes.count))), "indexes")
                try db.execute(sql: item.sql)
            }
            for item in dropped where item.type == "trigger" { try db.execute(sql: item.sql) }
            if !rowByRow {
                // Summed on the indexes just built.
                try db.execute(sql: ReservationTotalsSchema.recount)
                try db.execute(sql: StaffWorkloadSchema.recount)
                report(Phase.indexes.end, "search index of customers")
                // Each with a large write buffer, as one segment on a high
                // level (`SQLiteSpecific.buildFullText`).
                try SQLiteSpecific.buildFullText(db, "customers_fts", CustomerSearchIndex.rebuild)
                report(Phase.customerSearch.end, "search index of tickets")
                try SQLiteSpecific.buildFullText(db, "tickets_fts", TicketSenderSearchSchema.rebuild)
                try SQLiteSpecific.buildFullText(db, "ticket_messages_fts", TicketMessageSearchIndex.rebuild)
                try SQLiteSpecific.buildFullText(db, "deals_fts", DealSearchIndex.rebuild)
                try SQLiteSpecific.buildFullText(db, "contacts_fts", ContactSearchIndex.rebuild)
            }
            try Audit.record(db, actor: actor.username, entity: "database", id: 0, action: "demo data",
                             changes: [("rows", nil, String(written))])
            try SQLiteSpecific.setCacheSize(db, kibibytes: 2_000)
        }
        report(Phase.ticketSearch.end, "statistics for the query planner")
        let rows = try database.writer.writeWithoutTransaction { db in
            // Statistics for the query planner, from a sample: quick at any size.
            try SQLiteSpecific.analyze(db)
            return try Self.countRows(db)
        }
        report(1, "done")
        return Report(rows: rows, seconds: Date().timeIntervalSince(start))
    }

    /// The triggers that keep counts, totals and search indexes, which the
    /// bulk load replaces by building them once at the end.
    static let derivedTriggers = Set([
        "customer_counts_insert", "customer_counts_delete", "customer_counts_archive",
        "customers_fts_insert", "customers_fts_delete", "customers_fts_update",
        "invoice_totals_insert", "invoice_totals_delete", "invoice_totals_update",
    ]).union(TicketSearchIndex.triggerNames).union(DealStageTotals.triggerNames)
        .union(ReservationTotalsSchema.triggerNames).union(StaffWorkloadSchema.triggerNames)
        .union(TicketMessageSearchIndex.triggerNames).union(DealSearchIndex.triggerNames).union(ContactSearchIndex.triggerNames)

    /// The rows of every table of the business, SQLite's own statistics and
    /// the full-text indexes' internal tables left out.
    static func countRows(_ db: Database) throws -> Int {
        let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        let virtual = tables.filter { ($0["sql"] as String? ?? "").uppercased().hasPrefix("CREATE VIRTUAL") }.map { $0["name"] as String }
        var rows = 0
        for table in tables.map({ $0["name"] as String }) where !virtual.contains(where: { table == $0 || table.hasPrefix($0 + "_") }) {
            rows += try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
        }
        return rows
    }

    /// The share of the work each step takes, for the progress bar: roughly
    /// its share of the time at a large scale.
    enum Phase: Double {
        case customers = 0.22, deals = 0.30, year = 0.78, indexes = 0.90, customerSearch = 0.95, ticketSearch = 0.98

        var end: Double { rawValue }
        var start: Double {
            switch self {
            case .customers: 0
            case .deals: Phase.customers.end
            case .year: Phase.deals.end
            case .indexes: Phase.year.end
            case .customerSearch: Phase.indexes.end
            case .ticketSearch: Phase.customerSearch.end
            }
        }
        func at(_ fraction: Double) -> Double { start + (end - start) * min(1, max(0, fraction)) }
    }

    static func makeCustomer(index: Int, random: inout DemoRandom) -> CustomerFields {
        typealias N = DemoNames
        let first = random.pick(N.firstNames)
        let roll = random.int(0..<100)
        var town = random.pick(N.towns)
        var f = CustomerFields()
        let surname = roll < 88 ? random.pick(N.germanSurnames) : random.pick(N.internationalSurnames)
        f.contactName = "\(first) \(random.chance(0.7) ? surname : random.pick(N.germanSurnames))"
        switch roll {
        case 0..<40:
            f.name = "\(surname) \(random.pick(N.companyWords)) \(random.pick(N.companyForms))"
        case 40..<60:
            f.name = "\(random.pick(N.trades)) \(surname)"
        case 60..<72:
            f.name = "\(surname) & \(random.pick(N.germanSurnames)) \(random.pick(N.companyForms))"
        case 72..<88:
            f.name = f.contactName
            f.kind = .person
        case 88..<98:
            f.name = "\(surname) \(random.pick(["International", "Trading", "Group", "Partners", "S.A.", "Ltd", "S.r.l.", "B.V."]))"
        default:
            let cjk = random.pick(N.cjkCompanies)
            f.name = cjk.0
            f.contactName = cjk.1
            town = cjk.2 == "JP" ? ("東京", 1000000...1079999, "JP", "+81 3") : cjk.2 == "CN" ? ("上海", 200000...200999, "CN", "+86 21")
                : ("서울", 4000...4999, "KR", "+82 2")
        }
        let domainBase = N.ascii(surname).isEmpty ? "firma\(index % 997)" : N.ascii(surname)
        let tld = ["DE": "de", "AT": "at", "CH": "ch", "FR": "fr", "NL": "nl", "PL": "pl", "CZ": "cz", "DK": "dk", "IT": "it", "ES": "es", "JP": "jp", "CN": "cn", "KR": "kr"][town.country] ?? "com"
        let local = N.ascii(first).split(separator: "-").first.map(String.init) ?? "info"
        let second = f.name.split(separator: " ").dropFirst().lazy.map { N.ascii(String($0)) }.first { $0.count > 2 && $0 != domainBase }
        let domain = roll < 72 ? "\(domainBase)-\(second ?? "gruppe")" : domainBase
        let mailbox = f.kind == .person || random.chance(0.5) ? "\(local).\(N.ascii(surname))" : random.pick(["info", "kontakt", "einkauf", "office"])
        f.email = random.chance(0.92) ? "\(mailbox)@\(domain).\(tld)" : (random.chance(0.5) ? "\(local).\(N.ascii(surname))@\(random.pick(["gmail.com", "web.de", "gmx.de", "t-online.de"]))" : "")
        // A business always has an address its e-invoices can go to (BT-49); no further draw, so the rest stays as it was.
        if f.kind == .company, f.email.isEmpty { f.email = "\(mailbox)@\(domain).\(tld)" }
        f.phone = random.chance(0.95) ? "\(town.phone) \(random.digits(3)) \(random.digits(4))" : ""
        f.street = ["JP", "CN", "KR"].contains(town.country) ? random.pick(N.asianStreets) : "\(random.pick(N.streets)) \(random.int(1..<180))"
        let codeLength = ["DE": 5, "AT": 4, "CH": 4, "FR": 5, "NL": 4, "PL": 5, "CZ": 5, "DK": 4, "IT": 5, "ES": 5, "JP": 7, "CN": 6, "KR": 5][town.country] ?? 5
        // One draw, as the digits were before: the rest of the demo stays as it was.
        let code = String(random.int(town.postal.lowerBound..<(town.postal.upperBound + 1)))
        f.postalCode = String(repeating: "0", count: max(0, codeLength - code.count)) + code
        if town.country == "PL" { f.postalCode.insert("-", at: f.postalCode.index(f.postalCode.startIndex, offsetBy: 2)) }
        f.city = town.city
        f.country = town.country
        if roll < 72 || (88..<98).contains(roll) {
            f.vatID = DemoBuyer.vatID(country: town.country, random: &random)
        }
        if random.chance(0.1) {
            f.notes = random.pick([
                "Rechnung bitte nur per E-Mail.", "Ansprechpartner im Urlaub bis Monatsende.",
                "Lieferung nur werktags 8–16 Uhr.", "Rahmenvertrag bis Jahresende, Skonto 2 % bei Zahlung in 10 Tagen.",
                "Bevorzugt Kontakt per Telefon.", "Großkunde – Anfragen mit Priorität behandeln.",
            ])
        }
        return f
    }
}
