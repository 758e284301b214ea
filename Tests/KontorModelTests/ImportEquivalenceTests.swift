import Foundation
import GRDB
import KontorCSV
import Testing
@testable import KontorModel

/// The bulk path of `kontor import customers` (statements prepared once,
/// the duplicate check behind `DuplicateSieve`) against the normal way in:
/// the same records saved one by one through `CustomerRepository.create`,
/// as the form saves them. Both databases must then hold the same rows,
/// byte for byte: the customers with every derived and search column, the
/// full-text index, the counts; the audit log one line per record, signed
/// by the person; and the import must report exactly the duplicates the
/// model's check finds before each save.
@Suite("Import equivalence")
struct ImportEquivalenceTests {
    static let header = ["Firma", "Art", "Ansprechpartner", "E-Mail", "Telefon", "Straße", "PLZ", "Ort", "Land",
                         "USt-IdNr", "Zahlungsziel", "Tags", "Notizen"]

    /// One row of the file and what becomes of it.
    struct Sample {
        var cells: [String]
        var outcome: Outcome
    }

    enum Outcome {
        /// Imported; these are the fields a person would type into the form.
        case created(CustomerFields)
        /// Refused by the model's check (the form refuses it too).
        case invalid(CustomerFields)
        /// Refused by the import before the model sees it (an unknown
        /// country, a number that is no number).
        case refusedByImport
        /// Same VAT id as an earlier row: the existing record, skipped.
        case existing
    }

    /// A deterministic mix: umlauts, ß, decomposed accents, CJK, Nordic
    /// letters, legal forms that make names repeat (possible duplicates),
    /// e-mails repeated in other case, multi-line notes, a two-line street,
    /// blanks around cells, phone numbers a spreadsheet would take for a
    /// formula, and every few rows a bad one.
    static func samples(count: Int) -> [Sample] {
        let bases = ["Müller", "Schäfer", "Weiß", "Größe", "Bäckerei Köhler", "Straßenbau Nord", "東京商事", "北京贸易",
                     "Søren Ølstad", "Crêperie Saint-Étienne", "Łódź Meble", "Zoë Café", "Ærø Fisk", "Özdemir",
                     "Fuß & Schuh", "Mu\u{0308}hle Dörr"]
        let words = ["Handel", "Technik", "Bau", "Logistik", "Service", "Ost", "West", "Süd", "株式", "Ltd"]
        let forms = ["GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.", "", "UG (haftungsbeschränkt)", "SE", "Inc."]
        let streets = ["Königstraße", "Hauptstr.", "Am Mühlenweg", "Rue de la Paix", "銀座", "Fußgängerzone", "Hafenstraße 9\nHinterhaus"]
        let places: [(cell: String, code: String, city: String, digits: Int?)] = [
            ("DE", "DE", "München", 5), ("Deutschland", "DE", "Köln", 5), ("AT", "AT", "Wien", 4),
            ("Österreich", "AT", "Graz", 4), ("FR", "FR", "Paris", nil), ("JP", "JP", "東京", nil), ("CN", "CN", "北京", nil),
            ("", "", "Düsseldorf", nil), ("DK", "DK", "København", nil),
        ]
        let contacts = ["Jürgen Weiß", "Zoë Brandt", "山田 太郎", "", "Ærling Ødegård", "  Grete Groß  "]
        var vatIDs: [String] = []
        var samples: [Sample] = []
        for i in 0..<count {
            let place = places[(i * 7) % places.count]
            let form = forms[(i / 3) % forms.count]
            // Names repeat with other legal forms: the duplicate check's work.
            var name = "\(bases[i % bases.count]) \(words[(i / bases.count) % words.count])"
            if !form.isEmpty { name += " \(form)" }
            if i % 17 == 0 { name = name.uppercased() }
            var fields = CustomerFields(name: name)
            fields.kind = i % 5 == 0 ? .person : .company
            fields.contactName = contacts[i % contacts.count]
            fields.email = i % 6 == 5 ? "" : "kunde\(i % 40 == 39 ? i - 20 : i)@beispiel-\(i % 9).de"
            if i % 40 == 39 { fields.email = fields.email.uppercased() } // the same address as 20 rows before
            fields.phone = i % 4 == 0 ? "" : "+49 30 \(4_000_000 + i * 37)"
            let street = streets[i % streets.count]
            fields.street = street.contains("\n") ? street : "\(street) \(i % 120 + 1)"
            if let digits = place.digits { fields.postalCode = String(String(100_000 + i * 31).suffix(digits)) }
            else if i % 3 == 0 { fields.postalCode = "F-\(i)" }
            fields.city = place.city
            fields.country = place.code
            fields.paymentTerms = i % 8 == 0 ? "30" : "14"
            fields.tags = i % 10 == 0 ? "vip, Großhandel" : ""
            fields.notes = i % 12 == 0 ? "Liefert nur\ndienstags – Tor 3" : ""
            if i % 11 == 0 { fields.vatID = germanVATID(serial: i) }
            var cells = [
                i % 9 == 0 ? "  \(fields.name)  " : fields.name,
                fields.kind == .person ? "Privat" : (i % 2 == 0 ? "Firma" : ""),
                fields.contactName, fields.email, fields.phone, fields.street, fields.postalCode, place.city, place.cell,
                fields.vatID.isEmpty ? "" : (i % 2 == 0 ? fields.vatID.lowercased() : fields.vatID),
                fields.paymentTerms == "30" ? "30" : "", fields.tags, fields.notes,
            ]
            // The import joins a single-line field's lines; so would a person.
            fields.street = fields.street.replacingOccurrences(of: "\n", with: ", ")
            var outcome = Outcome.created(fields)
            switch i % 23 {
            case 4: cells[3] = "kein-at-zeichen.beispiel.de"; outcome = .invalid(with(fields) { $0.email = cells[3] })
            case 8 where place.digits != nil: cells[6] = "123"; outcome = .invalid(with(fields) { $0.postalCode = "123" })
            case 12: cells[4] = "030-RUF-MICH-AN"; outcome = .invalid(with(fields) { $0.phone = cells[4] })
            case 15: cells[0] = "   "; outcome = .invalid(with(fields) { $0.name = "" })
            case 16: cells[7] = "Köln\u{1B}[31m"; outcome = .invalid(with(fields) { $0.city = cells[7] })
            case 19: cells[8] = "Atlantis"; outcome = .refusedByImport
            case 21: cells[10] = "zwanzig"; outcome = .refusedByImport
            case 22: cells[9] = "DE123456789"; outcome = .invalid(with(fields) { $0.vatID = cells[9] })
            default: break
            }
            if i % 11 == 0, vatIDs.count >= 2, case .created = outcome {
                // An id an earlier row already brought: that customer, skipped.
                cells[9] = vatIDs[vatIDs.count - 2]
                outcome = .existing
            }
            if case let .created(fields) = outcome, !fields.vatID.isEmpty { vatIDs.append(fields.vatID) }
            samples.append(Sample(cells: cells, outcome: outcome))
        }
        return samples
    }

    static func with(_ fields: CustomerFields, _ change: (inout CustomerFields) -> Void) -> CustomerFields {
        var copy = fields
        change(&copy)
        return copy
    }

    /// A German VAT id with a right check digit.
    static func germanVATID(serial: Int) -> String {
        let body = String(String(10_000_000 + serial * 7919).suffix(8))
        let digit = (0...9).first { VATID.germanCheckDigitHolds(body + String($0)) }!
        return "DE\(body)\(digit)"
    }

    /// The file, written as Excel writes it (`;`, UTF-8 with BOM, CRLF).
    static func write(_ samples: [Sample], to path: String) throws {
        let writer = try CSVWriter(path: path, dialect: .excel)
        try writer.write(header.map { .text($0) })
        for sample in samples { try writer.write(sample.cells.map { .text($0) }) }
        try writer.close()
    }

    /// Every column of every customer but the two timestamps.
    static func customers(_ database: KontorDatabase) throws -> [Row] {
        try database.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(customers)").map { $0["name"] as String }
                .filter { $0 != "created_at" && $0 != "updated_at" }
            return try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM customers ORDER BY id")
        }
    }

    /// The full-text index as it is stored: every term with its document,
    /// column and position (FTS5's own `fts5vocab`), after FTS5's check that
    /// the index matches its content table.
    static func fullTextIndex(_ database: KontorDatabase) throws -> [Row] {
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')")
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.customers_vocab USING fts5vocab(main, customers_fts, instance)")
            defer { try? db.execute(sql: "DROP TABLE temp.customers_vocab") }
            return try Row.fetchAll(db, sql: "SELECT term, doc, col, offset FROM temp.customers_vocab ORDER BY term, doc, col, offset")
        }
    }

    static func matches(_ database: KontorDatabase, _ query: String) throws -> [Int64] {
        try database.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid", arguments: [query])
        }
    }

    @Test func bulkImportStoresWhatTheFormWouldStore() throws {
        let samples = Self.samples(count: 400)
        let imported = try TestDatabase()
        let path = imported.folder.appendingPathComponent("kunden.csv").path
        try FileManager.default.createDirectory(at: imported.folder, withIntermediateDirectories: true)
        try Self.write(samples, to: path)

        // The same customers, one form save at a time; before each save, the
        // duplicate check the import runs (its bulk form), as it then stands.
        let saved = try TestDatabase()
        var expectedNotices: [Int: Int64] = [:]  // file line → the twin's id
        var expectedRefusals: Set<Int> = []
        var createdLines: [Int] = []
        var next = 2  // the header is line 1; a cell's line break moves later rows down
        for sample in samples {
            let line = next
            next += 1 + sample.cells.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            switch sample.outcome {
            case let .created(fields):
                let twin = try saved.database.read { db in
                    try CustomerRepository.possibleDuplicates(db, of: fields.normalized(), limit: 1, forgivingTypos: false).first
                }
                if let twin { expectedNotices[line] = twin.id }
                try saved.database.customers.create(fields, by: saved.bob)
                createdLines.append(line)
            case let .invalid(fields):
                #expect(throws: KontorError.self, "line \(line)") { try saved.database.customers.create(fields, by: saved.bob) }
                expectedRefusals.insert(line)
            case .refusedByImport:
                expectedRefusals.insert(line)
            case .existing:
                break
            }
        }
        #expect(expectedNotices.count > 20, "the file should hold possible duplicates")
        #expect(expectedRefusals.count > 20)

        // The dry run is the same pass, rolled back; the real run then
        // accepts exactly what it accepted.
        let dry = try imported.bob.importFile(ImportOptions(kind: .customers, path: path, dryRun: true, skipBad: true))
        let afterDryRun = try Self.customers(imported.database)
        #expect(!dry.committed && afterDryRun.isEmpty)
        let report = try imported.bob.importFile(ImportOptions(kind: .customers, path: path, skipBad: true))
        #expect(report.committed)
        #expect(report.key == "vat-id")
        #expect((dry.created, dry.skipped, dry.rejected) == (report.created, report.skipped, report.rejected))
        #expect(dry.problems == report.problems && dry.notices == report.notices)
        let importedLines = try imported.database.read { db in
            try String.fetchAll(db, sql: "SELECT new_value FROM audit_log WHERE entity = 'customer' ORDER BY id")
        }.map { Int($0.split(separator: ":")[1])! }
        #expect(report.skipped > 5 && report.created == createdLines.count)
        #expect(importedLines == createdLines, "imported, not saved: \(Set(importedLines).subtracting(createdLines).sorted().prefix(8)); saved, not imported: \(Set(createdLines).subtracting(importedLines).sorted().prefix(8))")
        let refused = Set(report.problems.map(\.line))
        #expect(refused == expectedRefusals, "refused but not expected: \(report.problems.filter { !expectedRefusals.contains($0.line) }.prefix(4)); expected, not refused: \(expectedRefusals.subtracting(refused).sorted().prefix(8))")

        // Possible duplicates: exactly those the model's check finds, each
        // naming the customer it found.
        let noticed = Dictionary(report.notices.filter { $0.message.contains("may be the same as") }.map { ($0.line, $0.message) },
                                 uniquingKeysWith: { a, _ in a })
        #expect(Set(noticed.keys) == Set(expectedNotices.keys))
        for (line, twin) in expectedNotices {
            #expect(noticed[line]?.contains("as customer \(twin) ") == true, "line \(line): \(noticed[line] ?? "no notice")")
        }

        // The rows, byte for byte (the same ids, as both number from 1).
        let importedRows = try Self.customers(imported.database)
        let savedRows = try Self.customers(saved.database)
        #expect(importedRows.count == savedRows.count)
        for (a, b) in zip(importedRows, savedRows) { #expect(a == b) }
        let importedIndex = try Self.fullTextIndex(imported.database), savedIndex = try Self.fullTextIndex(saved.database)
        #expect(!importedIndex.isEmpty && importedIndex == savedIndex)
        for query in ["mueller", "muller", "strasse", "koenigstrasse", "東京商事", "kobenhavn", "weiss", "\"+49\"", "gross*"] {
            let found = try Self.matches(imported.database, query), expected = try Self.matches(saved.database, query)
            #expect(found == expected, "\(query)")
        }
        let counts = { (database: KontorDatabase) in
            try database.read { db in try Row.fetchAll(db, sql: "SELECT archived, n FROM customer_counts ORDER BY archived") }
        }
        let importedCounts = try counts(imported.database), savedCounts = try counts(saved.database)
        #expect(importedCounts == savedCounts)

        // One audit line per record, signed by who imported it, naming the
        // line it came from; the form's save has one record's lines per customer too.
        let audit = try imported.database.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, entity_id, action, field, old_value, new_value FROM audit_log WHERE entity = 'customer' ORDER BY id")
        }
        let ids = importedRows.map { $0["id"] as Int64 }
        #expect(audit.count == ids.count)
        for (row, (id, line)) in zip(audit, zip(ids, createdLines)) {
            #expect(row == ["actor": "bob", "entity_id": id, "action": "import", "field": "source", "old_value": nil,
                            "new_value": "kunden.csv:\(line)"] as Row)
        }
        let savedAudit = try saved.database.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT actor, entity_id FROM audit_log WHERE entity = 'customer' ORDER BY entity_id")
        }
        #expect(savedAudit.map { $0["entity_id"] as Int64 } == ids && savedAudit.allSatisfy { $0["actor"] == "bob" })
    }

    /// A row that updates a customer an earlier row of the same file
    /// created: the search rows still pending are written first, so the
    /// update trigger finds the row it replaces in the index.
    @Test func anUpdateOfARowFromTheSameFileKeepsTheIndexWhole() throws {
        let test = try TestDatabase()
        let path = test.folder.appendingPathComponent("zweimal.csv").path
        try FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        let empty = Array(repeating: "", count: 13)
        var first = empty, second = empty, third = empty
        (first[0], first[3]) = ("Neubau Öztürk GmbH", "info@neubau.example")
        (second[0], second[3]) = ("Neubau Zwei GmbH", "INFO@neubau.example")
        (third[0], third[3]) = ("Dritte Straße AG", "dritte@example.de")
        try Self.write([first, second, third].map { Sample(cells: $0, outcome: .refusedByImport) }, to: path)
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path, update: true, key: "email"))
        #expect(report.committed && report.created == 2 && report.updated == 1, "\(report.summary) \(report.notices)")
        _ = try Self.fullTextIndex(test.database)  // FTS5's integrity check
        let zwei = try Self.matches(test.database, "zwei"), old = try Self.matches(test.database, "oeztuerk")
        let dritte = try Self.matches(test.database, "dritte")
        #expect(zwei == [1] && old.isEmpty && dritte == [2])
    }

    /// Into a database that already has customers: the sieve is filled from
    /// them, so a file row like a stored customer is still reported.
    @Test func duplicatesOfStoredCustomersAreReported() throws {
        let test = try TestDatabase()
        try test.add(["Müller Handel AG", "東京商事 株式 GmbH", "Weiß & Co. KG"])
        try test.database.customers.create(CustomerFields(name: "Anders", email: "Info@Anders.example"), by: test.bob)
        let path = test.folder.appendingPathComponent("neu.csv").path
        let rows = [["MÜLLER HANDEL GmbH", "", "", "", "", "", "", "", "", "", "", "", ""],
                    ["東京商事 株式", "", "", "", "", "", "", "", "", "", "", "", ""],
                    ["Weiss & Co. KG", "", "", "", "", "", "", "", "", "", "", "", ""],
                    ["Ganz Anders", "", "", "info@anders.EXAMPLE", "", "", "", "", "", "", "", "", ""],
                    ["Niemand Sonst", "", "", "", "", "", "", "", "", "", "", "", ""]]
        try Self.write(rows.map { Sample(cells: $0, outcome: .refusedByImport) }, to: path)
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        // Without a number, a row with a stored customer's name or e-mail is
        // that customer ("Weiss" and "Weiß" share their sort key); one whose
        // name differs only by its legal form is reported and imported.
        #expect(report.committed && report.created == 3 && report.skipped == 2, "\(report.problems)")
        #expect(report.notices.map(\.line) == [2, 3, 4, 5])
        for (index, notice) in report.notices.enumerated() {
            #expect(notice.message.contains((index < 2 ? "may be the same as customer " : "already there as customer ") + "\(index + 1) "),
                    "\(notice.message)")
        }
    }
}
