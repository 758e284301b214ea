import Foundation
import GRDB
import KontorCSV
import Testing
@testable import KontorModel

/// Products and contacts on the import's bulk path (statements prepared
/// once, no savepoint per row, the rows read ahead on a thread of their
/// own) against the normal way in: the same records saved one by one
/// through the repositories, as the forms and the stock screen save them.
/// The tables must then hold the same rows, column for column but the
/// timestamps, the ledger the same receipts with the same audit lines.
@Suite("Import bulk path")
struct ImportBulkPathTests {
    static func write(header: [String], rows: [[String]], to path: String) throws {
        let writer = try CSVWriter(path: path, dialect: .excel)
        try writer.write(header.map { .text($0) })
        for row in rows { try writer.write(row.map { .text($0) }) }
        try writer.close()
    }

    /// Every column of a table but its timestamps, in id order.
    static func rows(_ database: KontorDatabase, _ table: String, without: Set<String> = ["created_at", "updated_at"]) throws -> [Row] {
        try database.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }.filter { !without.contains($0) }
            return try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY id")
        }
    }

    /// An EAN-13 with a right check digit.
    static func ean(_ serial: Int) -> String {
        let body = "400" + String(String(1_000_000_000 + serial * 7).suffix(9))
        let sum = body.enumerated().reduce(0) { $0 + Int(String($1.element))! * ($1.offset % 2 == 0 ? 1 : 3) }
        return body + String((10 - sum % 10) % 10)
    }

    @Test func productsStoreWhatTheRepositoryWouldStore() throws {
        let header = ["Artikelnummer", "EAN", "Bezeichnung", "Einheit", "Einzelpreis", "MwSt", "Meldebestand", "Bestand", "Dienstleistung"]
        enum Outcome { case created(ProductFields, stock: Int?), refused, skipped }
        var rows: [[String]] = []
        var outcomes: [Outcome] = []
        for i in 0..<300 {
            let service = i % 13 == 0
            let cents = (i % 50) * 100 + (i % 10) * 10
            let fields = ProductFields(sku: "ART-\(i)", ean: i % 3 == 0 ? "" : Self.ean(i), name: "Artikel \(i) Größe \(i % 7)",
                                       unit: i % 2 == 0 ? "Stk" : "Pck", price: Money.format(cents: cents, grouping: false),
                                       vatRate: i % 4 == 0 ? .reduced : .standard, reorderPoint: String(i % 9), stocked: !service)
            let stock = service || i % 5 == 0 ? nil : i * 3 % 40
            var cells = [fields.sku, fields.ean, fields.name, fields.unit, "\(i % 50),\(i % 10)0",
                         fields.vatRate == .reduced ? "7" : "19", fields.reorderPoint, stock.map(String.init) ?? "", service ? "ja" : "nein"]
            var outcome = Outcome.created(fields, stock: stock)
            let earlier = i >= 17 ? outcomes[i - 17] : .refused
            switch (i % 17, earlier) {
            case let (3, .created(other, _)):
                cells[0] = other.sku.lowercased(); outcome = .skipped           // an SKU an earlier row brought
            case let (6, .created(other, _)) where !other.ean.isEmpty:
                cells[1] = other.ean; outcome = .refused                        // an EAN an earlier product has
            case (9, _): cells[4] = "zwölf"; outcome = .refused
            case (11, _) where service: cells[7] = "5"; outcome = .refused      // a service has no stock
            default: break
            }
            rows.append(cells)
            outcomes.append(outcome)
        }

        let imported = try TestDatabase()
        try FileManager.default.createDirectory(at: imported.folder, withIntermediateDirectories: true)
        let path = imported.folder.appendingPathComponent("artikel.csv").path
        try Self.write(header: header, rows: rows, to: path)
        let report = try imported.carol.importFile(ImportOptions(kind: .products, path: path, skipBad: true))

        let saved = try TestDatabase()
        var refusedLines: Set<Int> = []
        for (index, outcome) in outcomes.enumerated() {
            let line = index + 2
            switch outcome {
            case let .created(fields, stock):
                let product = try saved.database.products.create(fields, by: saved.carol)
                if let stock, stock > 0 {
                    try saved.database.products.receive(productID: product.id, quantity: stock, reference: "opening stock, artikel.csv:\(line)", by: saved.carol)
                }
            case .refused: refusedLines.insert(line)
            case .skipped: break
            }
        }
        #expect(report.committed)
        #expect(Set(report.problems.map(\.line)) == refusedLines, "\(report.problems.prefix(4))")
        #expect(report.skipped == outcomes.filter { if case .skipped = $0 { return true } else { return false } }.count)
        let importedProducts = try Self.rows(imported.database, "products"), savedProducts = try Self.rows(saved.database, "products")
        #expect(importedProducts.count > 200 && importedProducts == savedProducts)
        let moves = try Self.rows(imported.database, "stock_moves", without: ["created_at"])
        let savedMoves = try Self.rows(saved.database, "stock_moves", without: ["created_at"])
        #expect(moves.count > 100 && moves == savedMoves)
        let receipts = { (database: KontorDatabase) in
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT actor, entity_id, field, old_value, new_value FROM audit_log WHERE action = 'stock receipt' ORDER BY id")
            }
        }
        #expect(try receipts(imported.database) == receipts(saved.database))
        let sources = try imported.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE entity = 'product' AND action = 'import' AND field = 'source' AND actor = 'carol'")
        }
        #expect(sources == importedProducts.count)
    }

    @Test func contactsStoreWhatTheRepositoryWouldStore() throws {
        let header = ["Kundennummer", "Firma", "Name", "Funktion", "E-Mail", "Telefon", "Hauptkontakt"]
        let names = ["Müller Handel AG", "Weiß & Co. KG", "東京商事", "Bäckerei Köhler", "Nord GmbH", "Süd GmbH"]
        enum Outcome { case created(customer: Int, ContactFields), refused, skipped }
        func prepare(_ test: TestDatabase) throws -> [Int64] {
            try test.add(names).map(\.id)
        }
        var rows: [[String]] = []
        var outcomes: [Outcome] = []
        var seen: Set<String> = []
        for i in 0..<300 {
            let customer = i % names.count
            let fields = ContactFields(name: "Person \(i % 40) Groß", role: i % 3 == 0 ? "Einkauf" : "", email: i % 4 == 0 ? "" : "p\(i)@firma-\(customer).de",
                                       phone: i % 5 == 0 ? "" : "+49 30 \(1000 + i)", isPrimary: i % 7 == 0)
            var cells = [i % 2 == 0 ? String(customer + 1) : "", i % 2 == 0 ? "" : names[customer], fields.name, fields.role, fields.email,
                         fields.phone, fields.isPrimary ? "ja" : ""]
            var outcome = Outcome.created(customer: customer, fields)
            switch i % 19 {
            case 4: cells[4] = "kein-at.example"; outcome = .refused
            case 8: cells[0] = "999"; cells[1] = ""; outcome = .refused
            case 12: cells[0] = ""; cells[1] = "Niemand GmbH"; outcome = .refused
            default: break
            }
            if case .created = outcome, !seen.insert("\(customer) \(fields.name.lowercased())").inserted { outcome = .skipped }
            rows.append(cells)
            outcomes.append(outcome)
        }

        let imported = try TestDatabase()
        _ = try prepare(imported)
        try FileManager.default.createDirectory(at: imported.folder, withIntermediateDirectories: true)
        let path = imported.folder.appendingPathComponent("kontakte.csv").path
        try Self.write(header: header, rows: rows, to: path)
        let report = try imported.bob.importFile(ImportOptions(kind: .contacts, path: path, skipBad: true))

        let saved = try TestDatabase()
        let ids = try prepare(saved)
        var refusedLines: Set<Int> = []
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case let .created(customer, fields): try saved.database.customers.addContact(to: ids[customer], fields, by: saved.bob)
            case .refused: refusedLines.insert(index + 2)
            case .skipped: break
            }
        }
        #expect(report.committed)
        #expect(Set(report.problems.map(\.line)) == refusedLines, "\(report.problems.prefix(4))")
        let contacts = try Self.rows(imported.database, "contacts")
        let savedContacts = try Self.rows(saved.database, "contacts")
        #expect(contacts.count > 30 && contacts == savedContacts)
        // One primary contact per customer at most, the last one the file named.
        let primaries = try imported.database.read { db in
            try Int.fetchAll(db, sql: "SELECT count(*) FROM contacts WHERE is_primary = 1 GROUP BY customer_id")
        }
        #expect(!primaries.isEmpty && primaries.allSatisfy { $0 == 1 })
        let audit = try imported.database.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, field, new_value FROM audit_log WHERE entity = 'contact' ORDER BY id")
        }
        #expect(audit.count == 2 * contacts.count)
        #expect(audit.allSatisfy { $0["actor"] == "bob" })
    }
}
