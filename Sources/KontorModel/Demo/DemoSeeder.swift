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

    /// Seeds `scale` customers in one transaction. Refuses a database that
    /// already holds data, so a demo never mixes into real records.
    @discardableResult
    public static func seed(_ database: KontorDatabase, scale: Int = defaultScale, seed: UInt64 = 2026, actor: Actor) throws -> Report {
        guard try database.isEmpty() else { throw KontorError.notEmpty(path: database.path) }
        let start = Date()
        var random = DemoRandom(seed: seed)
        let now = Timestamp.now()
        try database.write { db in
            try DemoStaff.seed(db, actor: actor, now: now)
            // The search index is built once at the end: far faster than
            // keeping it up to date row by row.
            try db.execute(sql: CustomerSearchIndex.dropTriggers)
            try db.execute(sql: CustomerCounts.dropTriggers)
            let insert = try db.makeStatement(sql: """
                INSERT INTO customers (name, contact_name, email, phone, street, postal_code, city, country,
                                       vat_id, notes, archived, sort_key, search_alias, search_text, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for index in 0..<scale {
                let c = makeCustomer(index: index, random: &random)
                let derived = CustomerRepository.derivedColumns(c)
                insert.setUncheckedArguments([
                    c.name, c.contactName, c.email, c.phone, c.street, c.postalCode, c.city, c.country,
                    c.vatID, c.notes, random.chance(0.03), derived.sortKey, derived.alias, derived.searchText,
                    now, now, actor.username,
                ])
                try insert.execute()
            }
            try db.execute(sql: CustomerSearchIndex.rebuild)
            try db.execute(sql: CustomerSearchIndex.createTriggers)
            try db.execute(sql: CustomerCounts.recount)
            try db.execute(sql: CustomerCounts.createTriggers)
        }
        try database.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA optimize") }
        return Report(rows: scale, seconds: Date().timeIntervalSince(start))
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
        case 88..<98:
            f.name = "\(surname) \(random.pick(["International", "Trading", "Group", "Partners", "S.A.", "Ltd", "S.r.l.", "B.V."]))"
        default:
            let cjk = random.pick(N.cjkCompanies)
            f.name = cjk.0
            f.contactName = cjk.1
            town = cjk.2 == "JP" ? ("東京", "100", "JP", "+81 3") : cjk.2 == "CN" ? ("上海", "200", "CN", "+86 21") : ("서울", "04", "KR", "+82 2")
        }
        let domainBase = N.ascii(surname).isEmpty ? "firma\(index)" : N.ascii(surname)
        let tld = ["DE": "de", "AT": "at", "CH": "ch", "FR": "fr", "NL": "nl", "PL": "pl", "CZ": "cz", "DK": "dk", "IT": "it", "ES": "es", "JP": "jp", "CN": "cn", "KR": "kr"][town.country] ?? "com"
        let local = N.ascii(first).split(separator: "-").first.map(String.init) ?? "info"
        f.email = random.chance(0.92) ? "\(local).\(domainBase)@\(domainBase)-\(index % 997).\(tld)" : ""
        f.phone = random.chance(0.95) ? "\(town.phone) \(random.digits(3)) \(random.digits(4))" : ""
        f.street = "\(random.pick(N.streets)) \(random.int(1..<180))"
        let codeLength = ["DE": 5, "AT": 4, "CH": 4, "FR": 5, "NL": 4, "PL": 5, "CZ": 5, "DK": 4, "IT": 5, "ES": 5, "JP": 7, "CN": 6, "KR": 5][town.country] ?? 5
        f.postalCode = town.postal + random.digits(max(0, codeLength - town.postal.count))
        if town.country == "PL" { f.postalCode.insert("-", at: f.postalCode.index(f.postalCode.startIndex, offsetBy: 2)) }
        f.city = town.city
        f.country = town.country
        if roll < 72 || (88..<98).contains(roll) {
            f.vatID = "\(town.country == "DE" ? "DE" : town.country)\(random.digits(9))"
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
