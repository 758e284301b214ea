import Foundation
import GRDB
import KontorCSV
import KontorLocale
import Testing
@testable import KontorModel
import TestSupport

/// Import files made as Excel and LibreOffice write them (Tests/Fixtures/import)
/// and the shared Northwind data, into real SQLite files.
@Suite("Import")
struct ImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/import")
    /// The shared Northwind data.
    static let northwind = SharedData.northwind

    /// A fixture copied into the test's folder, so reject files land there.
    func copy(_ name: String, to test: TestDatabase, from folder: URL = fixtures) throws -> String {
        let target = test.folder.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target)
        return target.path
    }

    func count(_ test: TestDatabase, _ sql: String) throws -> Int {
        try test.database.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    @Test func excelUTF8Customers() throws {
        let test = try TestDatabase()
        let path = try copy("customers-excel-utf8.csv", to: test)
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.created == 4 && report.committed)
        #expect(report.mapping.contains("Straße → street") && report.mapping.contains("USt-IdNr → vat-id"))
        let müller = try #require(try test.database.read { db in try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE name LIKE 'Müller%'") })
        #expect(müller.fields.postalCode == "01067" && müller.fields.country == "DE" && müller.fields.contactName == "Jürgen Weiß")
        #expect(müller.fields.notes == "Liefert nur\ndienstags" && müller.fields.vatID == "DE123456788")
        let cities = try test.database.read { db in try String.fetchAll(db, sql: "SELECT country FROM customers ORDER BY id") }
        #expect(cities == ["DE", "DE", "FR", "AT"])
        // One audit entry per record, signed by who ran the import.
        let audit = try test.database.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, new_value FROM audit_log WHERE entity = 'customer' AND action = 'import'")
        }
        #expect(audit.count == 4 && audit.allSatisfy { $0["actor"] == "bob" })
        #expect((audit.first?["new_value"] as String?) == "customers-excel-utf8.csv:2")
    }

    /// A row whose key cell is empty (no customer number yet, no e-mail)
    /// is matched by the next key it has: the same file imported twice
    /// makes nothing twice, and says what it matched by.
    @Test func aRowWithoutItsKeyIsMatchedByTheNextKeyItHas() throws {
        let test = try TestDatabase()
        let path = test.folder.appendingPathComponent("halb.csv").path
        try? FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        try Data("""
            Kundennummer;Firma;E-Mail;USt-IdNr.
            ;Mit Mail GmbH;a@mit.example;
            ;Ohne Mail GmbH;;
            ;Nur USt GmbH;;DE123456788
            7;Mit Nummer KG;;
            """.utf8).write(to: URL(fileURLWithPath: path))
        let first = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(first.created == 4 && first.problems.isEmpty, "\(first.problems)")
        let again = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(again.created == 0 && again.skipped == 4, "\(again.notices)")
        #expect(!again.summary.contains("possible duplicate"), "rows already there are no possible duplicates: \(again.summary)")
        #expect(try count(test, "SELECT count(*) FROM customers") == 4)
        let said = again.notices.map(\.message)
        for key in ["email", "name", "vat-id", "number"] {
            #expect(said.contains { $0.contains("(same \(key))") }, "\(key): \(said)")
        }
    }

    /// An address sheet as people keep them: first and last name apart
    /// (a private customer has no company), the house number in a column
    /// of its own, a mobile number only. Nothing of it is left behind.
    @Test func firstAndLastNameHouseNumberAndMobileAreJoinedAsKontorKeepsThem() throws {
        let test = try TestDatabase()
        let path = test.folder.appendingPathComponent("adressen.csv").path
        try? FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        try Data("""
            Anrede;Vorname;Nachname;Firma;Straße;Hausnummer;Postleitzahl;Stadt;Mobil
            Frau;Birgit;Busch;;Lindenweg;12a;50667;Köln;0171 2345678
            Herr;Jan;Vogel;Vogel Bau GmbH;Hafenstraße;3;20457;Hamburg;
            """.utf8).write(to: URL(fileURLWithPath: path))
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(report.created == 2 && report.problems.isEmpty, "\(report.problems)")
        #expect(report.mapping.contains("Vorname → first-name") && report.mapping.contains("Hausnummer → house-number"), "\(report.mapping)")
        let rows = try test.database.read { db in try Customer.fetchAll(db, sql: "SELECT * FROM customers ORDER BY id") }
        #expect(rows.map(\.fields.name) == ["Birgit Busch", "Vogel Bau GmbH"])
        #expect(rows.map(\.fields.kind) == [.person, .company])
        #expect(rows.map(\.fields.street) == ["Lindenweg 12a", "Hafenstraße 3"])
        #expect(rows[0].fields.phone == "0171 2345678" && rows[1].fields.contactName == "Jan Vogel")
        // Imported again: the same two, by their names.
        let again = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(again.created == 0 && again.skipped == 2, "\(again.notices)")
    }

    @Test func windows1252AndLibreOfficeAndTabs() throws {
        let test = try TestDatabase()
        let ansi = try test.bob.importFile(ImportOptions(kind: .customers, path: try copy("customers-excel-ansi.csv", to: test)))
        #expect(ansi.problems.isEmpty && ansi.created == 3, "\(ansi.problems)")
        #expect(ansi.dialect.contains("Windows-1252"))
        let libre = try test.bob.importFile(ImportOptions(kind: .customers, path: try copy("customers-libreoffice.csv", to: test)))
        #expect(libre.problems.isEmpty && libre.created == 2, "\(libre.problems)")
        let tab = try test.bob.importFile(ImportOptions(kind: .customers, path: try copy("customers-tab.tsv", to: test)))
        #expect(tab.created == 1)
        let names = try test.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM customers ORDER BY id") }
        #expect(names.contains("Brauhaus „Zum Hirsch“ e.K.") && names.contains("Maître Crêpe – Bretagne") && names.contains("Tromsø Fisk AS"))
        let kiel = try test.database.read { db in try String.fetchOne(db, sql: "SELECT street FROM customers WHERE city = 'Kiel'") }
        #expect(kiel == "Hafenstraße 9, Hinterhaus")
    }

    @Test func productsWithOpeningStockInTheLedger() throws {
        let test = try TestDatabase()
        let report = try test.carol.importFile(ImportOptions(kind: .products, path: try copy("products-excel.csv", to: test)))
        #expect(report.problems.isEmpty && report.created == 3, "\(report.problems)")
        let rows = try test.database.read { db in
            try Row.fetchAll(db, sql: "SELECT sku, price_cents, vat_rate_bp, on_hand, reorder_point, unit FROM products ORDER BY sku")
        }
        #expect(rows.map { $0["sku"] as String } == ["KAF-1000", "SVC-1", "TEE-20"])
        let kaffee: (Int, Int, Int) = (rows[0]["price_cents"], rows[0]["on_hand"], rows[0]["vat_rate_bp"])
        #expect(kaffee == (123_456, 12, 700))
        let tee: (Int, Int, String) = (rows[2]["on_hand"], rows[2]["price_cents"], rows[2]["unit"])
        #expect(tee == (1500, 350, "Pck"))
        let moves = try test.database.read { db in try Row.fetchAll(db, sql: "SELECT kind, quantity, created_by FROM stock_moves ORDER BY id") }
        #expect(moves.map { $0["quantity"] as Int } == [12, 1500])
        #expect(moves.allSatisfy { $0["kind"] == "receipt" && $0["created_by"] == "carol" })
    }

    @Test func everyDefectIsReportedByLineAndNothingIsWritten() throws {
        let test = try TestDatabase()
        let path = try copy("products-malformed.csv", to: test)
        let report = try test.carol.importFile(ImportOptions(kind: .products, path: path))
        #expect(!report.committed && report.created == 1 && report.rejected == 13)
        #expect(try count(test, "SELECT count(*) FROM products") == 0)
        let byLine = Dictionary(grouping: report.problems, by: \.line).mapValues { $0.map(\.description).joined(separator: " | ") }
        #expect(byLine[3]?.contains("has 4 cells, the header has 6 (too few)") == true)
        #expect(byLine[4]?.contains("(too many)") == true)
        #expect(byLine[5]?.contains("Einzelpreis: 'twenty-two' is not a number") == true)
        #expect(byLine[6]?.contains("'21.35.1' has thousands separators in the wrong places") == true)
        #expect(byLine[7]?.contains("'1e999' is not a number") == true)
        #expect(byLine[8]?.contains("Bestand: '99999999999999999999999' is too large") == true)
        #expect(byLine[9]?.contains("'NaN' is not a number") == true)
        #expect(byLine[10]?.contains("Artikelnummer: is required") == true)
        #expect(byLine[11]?.contains("EAN: '4006381333932' must be 8 or 13 digits with a correct check digit") == true)
        #expect(byLine[12]?.contains("'␛[31mRot␛[0m' contains a control character (U+001B)") == true)
        #expect(byLine[13]?.contains("Artikel: bytes that are not valid UTF-8") == true)
        #expect(byLine[16]?.contains("text after a closing quote") == true)
        #expect(byLine[17]?.contains("a quoted cell opened on line 17 is never closed") == true)
        #expect(byLine[14] == nil && byLine[15] == nil)
        #expect(report.problems.allSatisfy { !$0.description.contains("\u{1b}") })
        #expect(report.problems.allSatisfy { $0.description.hasPrefix("products-malformed.csv:\($0.line): ") })
    }

    /// An imported customer's contact person is its primary contact, as
    /// one typed into the form is, with the customer's e-mail and phone.
    @Test func anImportedContactPersonIsAContact() throws {
        let test = try TestDatabase()
        let path = test.folder.appendingPathComponent("kunden.csv").path
        try "Firma;Ansprechpartner;E-Mail;Telefon\nZeilen, Umbruch GmbH;Uwe Umbruch;uwe@umbruch.example;+49 221 123456\nOhne Kontakt KG;;;\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(report.created == 2, "\(report.problems)")
        let ids = try test.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM customers ORDER BY name") }
        let contacts = try ids.map { try test.database.customers.contacts(of: $0) }
        #expect(contacts[0].isEmpty, "\(contacts)")
        #expect(contacts[1].map(\.fields.name) == ["Uwe Umbruch"] && contacts[1].first?.fields.isPrimary == true
                && contacts[1].first?.fields.email == "uwe@umbruch.example", "\(contacts)")
        // The contacts' search index, written a batch at a time, agrees with
        // its content: a name whose letters fold apart in the two indexes is
        // the contact's own words, and finds the customer.
        let more = test.folder.appendingPathComponent("more.csv").path
        try "Firma;Ansprechpartner\nAthen Handel AE;Dimitris Παπαδόπουλος\n".write(toFile: more, atomically: true, encoding: .utf8)
        #expect(try test.bob.importFile(ImportOptions(kind: .customers, path: more)).created == 1)
        try test.database.write { db in try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") }
        #expect(try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'dimitris'") } == 1)
        #expect(try test.database.customers.page(CustomerQuery(text: "Παπαδόπουλος"), after: nil, limit: 5).map(\.name) == ["Athen Handel AE"])
    }

    /// A contacts file names the person a customer was imported with: the
    /// file fills them in (role, their own e-mail and phone) rather than
    /// being skipped, and they stay the main contact. One a person has
    /// changed since is skipped, as any contact already there.
    @Test func aContactsFileFillsInThePersonACustomerWasImportedWith() throws {
        let test = try TestDatabase()
        let customers = test.folder.appendingPathComponent("kunden.csv").path
        try "Firma;Ansprechpartner;E-Mail;Telefon\nUmbruch GmbH;Uwe Umbruch;info@umbruch.example;+49 221 123456\nHaus Kiel KG;Kai Kiel;info@kiel.example;\nAlpha Test GmbH;Hanna Weber;info@alpha.example;+49 30 1111111\n"
            .write(toFile: customers, atomically: true, encoding: .utf8)
        #expect(try test.bob.importFile(ImportOptions(kind: .customers, path: customers)).created == 3)
        let kiel = try #require(try test.database.customers.page(CustomerQuery(text: "Haus Kiel"), after: nil, limit: 1).first)
        let kai = try #require(try test.database.customers.contacts(of: kiel.id).first)
        var changed = kai.fields
        changed.role = "Inhaber"
        _ = try test.database.customers.updateContact(id: kai.id, changed, expectedVersion: kai.version, by: test.bob)
        let contacts = test.folder.appendingPathComponent("kontakte.csv").path
        try "Kunde;Name;Funktion;E-Mail;Telefon\nUmbruch GmbH;Uwe Umbruch;Einkauf;uwe@umbruch.example;+49 221 123457\nHaus Kiel KG;Kai Kiel;Chef;kai@kiel.example;\nAlpha Test GmbH;Hanna Weber;Geschäftsführerin;h.weber@alpha.example;\n"
            .write(toFile: contacts, atomically: true, encoding: .utf8)
        let report = try test.bob.importFile(ImportOptions(kind: .contacts, path: contacts))
        #expect(report.updated == 2 && report.skipped == 1 && report.created == 0, "\(report.problems)")
        // An empty cell keeps what the person has: Hanna's phone stays.
        let alpha = try #require(try test.database.customers.page(CustomerQuery(text: "Alpha Test"), after: nil, limit: 1).first)
        #expect(try test.database.customers.contacts(of: alpha.id).map(\.fields)
                == [ContactFields(name: "Hanna Weber", role: "Geschäftsführerin", email: "h.weber@alpha.example", phone: "+49 30 1111111", isPrimary: true)])
        let umbruch = try #require(try test.database.customers.page(CustomerQuery(text: "Umbruch"), after: nil, limit: 1).first)
        #expect(try test.database.customers.contacts(of: umbruch.id).map(\.fields)
                == [ContactFields(name: "Uwe Umbruch", role: "Einkauf", email: "uwe@umbruch.example", phone: "+49 221 123457", isPrimary: true)])
        #expect(try test.database.customers.contacts(of: kiel.id).map(\.fields.role) == ["Inhaber"], "changed since: left as it is")
        // Empty cells fill in nothing and erase nothing, with `--update` too.
        try "Kunde;Name;Funktion;E-Mail;Telefon\nUmbruch GmbH;Uwe Umbruch;;;\nHaus Kiel KG;Kai Kiel;;;040 1234\n"
            .write(toFile: contacts, atomically: true, encoding: .utf8)
        let again = try test.bob.importFile(ImportOptions(kind: .contacts, path: contacts, update: true))
        #expect(again.updated == 1 && again.unchanged == 1, "\(again.problems)")
        #expect(try test.database.customers.contacts(of: umbruch.id).map(\.fields)
                == [ContactFields(name: "Uwe Umbruch", role: "Einkauf", email: "uwe@umbruch.example", phone: "+49 221 123457", isPrimary: true)])
        #expect(try test.database.customers.contacts(of: kiel.id).map(\.fields)
                == [ContactFields(name: "Kai Kiel", role: "Inhaber", email: "info@kiel.example", phone: "040 1234", isPrimary: true)])
    }

    /// A quote left open on one row takes the next row into it: both rows
    /// are named, the second as read into the first, never lost unnamed.
    @Test func aRowReadIntoTheOneBeforeByAnOpenQuoteIsNamed() throws {
        let test = try TestDatabase()
        let path = test.folder.appendingPathComponent("kunden_bad.csv").path
        try "Firma;Ort\nErste GmbH;Köln\n\"Kaputt \"\"Quote GmbH;Bonn\nSchön & Söhne KG;Bremen\n\"Dritte\" AG\";Kiel\nLetzte KG;Ulm\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path, dryRun: true))
        let byLine = Dictionary(grouping: report.problems, by: \.line).mapValues { $0.map(\.description).joined(separator: " | ") }
        #expect(byLine[3]?.contains("lines 4–5 were read into this row") == true, "\(report.problems)")
        // A quote never closed takes every line after it: they are named too.
        try "Firma;Ort\nErste GmbH;Köln\n\"Kaputt \"\"Quote GmbH;Bonn\nBeta KG;Bremen\nGamma AG;Kiel\nDelta OHG;Ulm\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let open = try test.bob.importFile(ImportOptions(kind: .customers, path: path, dryRun: true))
        let text = open.problems.map(\.description).joined(separator: " | ")
        #expect(text.contains("is never closed") && text.contains("lines 4–6 were read into this row"), "\(text)")
        // With --skip-bad the file of rejects is CSV still: the row's cells
        // quoted anew, the reason in its own column, nothing swallowed.
        let skipped = try test.bob.importFile(ImportOptions(kind: .customers, path: path, skipBad: true))
        #expect(skipped.created == 1, "\(skipped.problems)")
        let rejectPath = try #require(skipped.rejectFile)
        let reader = try CSVReader(path: rejectPath, dialect: CSVDialect.detect(sample: try CSVReader.sample(path: rejectPath)))
        var rows: [CSVRecord] = []
        while let record = reader.next() { rows.append(record) }
        let problems = rows.flatMap { $0.problems }
        #expect(problems.isEmpty, "\(problems)")
        #expect(rows.map { $0.fields.count } == [3, 3] && rows.first?.fields.last?.hasSuffix("reason") == true, "\(rows.map { $0.fields })")
        #expect(rows.last?.fields.first?.contains("Delta OHG") == true && rows.last?.fields.last?.contains("never closed") == true,
                "\(rows.map(\.fields))")
    }

    /// The import keeps the customer counts in bulk, with their insert
    /// trigger dropped for its transaction: afterwards the counts are the
    /// rows' (archived ones beside), the trigger is back as it was and
    /// counts a form's save again; a dry run leaves both as they were.
    @Test func customerCountsAndTheirTriggerAfterAnImport() throws {
        let test = try TestDatabase()
        let repository = test.database.customers
        let kept = try repository.create(CustomerFields(name: "Vorher GmbH"), by: test.bob)
        _ = try repository.setArchived(id: kept.id, true, expectedVersion: kept.version, by: test.bob)
        _ = try repository.create(CustomerFields(name: "Noch Aktiv KG"), by: test.bob)
        let trigger = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'customer_counts_insert'"
        let triggerBefore = try test.database.read { db in try String.fetchOne(db, sql: trigger) }
        let counts = "SELECT group_concat(archived || ':' || n, ' ') FROM (SELECT * FROM customer_counts ORDER BY archived)"
        let stored = "SELECT group_concat(archived || ':' || n, ' ') FROM (SELECT a.archived, (SELECT count(*) FROM customers c WHERE c.archived = a.archived) AS n FROM customer_counts a ORDER BY a.archived)"
        let path = try copy("customers-excel-utf8.csv", to: test)

        let dry = try test.bob.importFile(ImportOptions(kind: .customers, path: path, dryRun: true))
        #expect(dry.created == 4 && !dry.committed)
        #expect(try test.database.read { db in try String.fetchOne(db, sql: counts) } == "0:1 1:1")
        #expect(try test.database.read { db in try String.fetchOne(db, sql: trigger) } == triggerBefore)

        let real = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(real.created == 4 && real.committed)
        #expect(try test.database.read { db in try String.fetchOne(db, sql: counts) } == "0:5 1:1")
        #expect(try test.database.read { db in try String.fetchOne(db, sql: stored) } == "0:5 1:1")
        #expect(try test.database.read { db in try String.fetchOne(db, sql: trigger) } == triggerBefore)
        _ = try repository.create(CustomerFields(name: "Danach OHG"), by: test.bob)
        #expect(try test.database.read { db in try String.fetchOne(db, sql: counts) } == "0:6 1:1")
    }

    @Test func skipBadWritesTheGoodRowsAndARejectFile() throws {
        let test = try TestDatabase()
        let path = try copy("products-malformed.csv", to: test)
        let dry = try test.carol.importFile(ImportOptions(kind: .products, path: path, dryRun: true, skipBad: true))
        #expect(!dry.committed && dry.rejectFile == nil && dry.created == 1)
        #expect(try count(test, "SELECT count(*) FROM products") == 0)
        #expect(!FileManager.default.fileExists(atPath: test.folder.appendingPathComponent("products-malformed.rejected.csv").path))
        let real = try test.carol.importFile(ImportOptions(kind: .products, path: path, skipBad: true))
        #expect(real.committed && real.created == dry.created && real.rejected == dry.rejected)
        #expect(try count(test, "SELECT count(*) FROM products") == 1)
        let rejectPath = try #require(real.rejectFile)
        let reader = try CSVReader(path: rejectPath, dialect: CSVDialect.detect(sample: try CSVReader.sample(path: rejectPath)))
        let header = try #require(reader.next())
        #expect(header.fields.last == "Grund / reason" && header.fields.first == "Artikelnummer")
        var rows: [CSVRecord] = []
        while let record = reader.next() { rows.append(record) }
        #expect(rows.count == 13) // the unterminated quote's record ends the file, as it did in the input
        #expect(rows.first?.fields.first == "BAD-2" && rows.first?.fields.last?.contains("too few") == true)
        // A row with too few cells is filled up: its reason stands in the reason column.
        #expect(rows.first?.fields.count == header.fields.count, "\(rows.first?.fields ?? [])")
        // A row with too many: the reason in its column too, the extra cells after it.
        let long = try #require(rows.first { $0.fields.first == "BAD-3" })
        #expect(long.fields[header.fields.count - 1].contains("too many") && long.fields.last == "extra", "\(long.fields)")

        // Read again, the file of rejected rows gets its reasons replaced, not a second reason column.
        let again = try test.carol.importFile(ImportOptions(kind: .products, path: rejectPath, skipBad: true))
        let secondPath = try #require(again.rejectFile)
        let second = try CSVReader(path: secondPath, dialect: CSVDialect.detect(sample: try CSVReader.sample(path: secondPath)))
        let secondHeader = try #require(second.next())
        #expect(secondHeader.fields == header.fields, "\(secondHeader.fields)")
        let tooMany = try #require(second.next())
        #expect(tooMany.fields.first == "BAD-3" && tooMany.fields.count == header.fields.count + 1 && tooMany.fields.last == "extra"
                && tooMany.fields[header.fields.count - 1].contains("too many"), "\(tooMany.fields)")
    }

    @Test func customerDefectsAndDecimalCommaInACommaFile() throws {
        let test = try TestDatabase()
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: try copy("customers-malformed.csv", to: test)))
        let text = report.problems.map(\.description)
        #expect(report.rejected == 3 && report.created == 1)
        #expect(text.contains("customers-malformed.csv:3: Email: 'kein-at-zeichen' must look like name@example.com"))
        #expect(text.contains { $0.hasPrefix("customers-malformed.csv:4: Country: 'Atlantis' is not a country Kontor knows") })
        #expect(text.contains { $0.hasPrefix("customers-malformed.csv:5: Payment Terms: '14,5' has a comma, but commas separate") })
    }

    @Test func rolesAreCheckedLikeAnyOtherWrite() throws {
        let test = try TestDatabase()
        #expect(throws: KontorError.self) {
            try test.bob.importFile(ImportOptions(kind: .products, path: try copy("products-excel.csv", to: test), dryRun: true))
        }
        #expect(throws: KontorError.self) {
            try test.carol.importFile(ImportOptions(kind: .customers, path: try copy("customers-tab.tsv", to: test)))
        }
        #expect(try count(test, "SELECT count(*) FROM customers") == 0)
    }

    /// Matched by name, a row is the stored customer only where its place
    /// agrees: a namesake elsewhere is a customer of its own, not skipped.
    @Test func aNamesakeInAnotherPlaceIsImportedNotSkipped() throws {
        let test = try TestDatabase()
        let berlin = try test.database.customers.create(CustomerFields(kind: .person, name: "Thomas Müller", postalCode: "10115", city: "Berlin"), by: test.bob)
        let nowhere = try test.database.customers.create(CustomerFields(name: "Bäckerei Schmidt"), by: test.bob)
        let path = test.folder.appendingPathComponent("kunden.csv").path
        try? FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        try Data("""
            Name;PLZ;Ort
            Thomas Müller;50667;Köln
            Thomas Müller;10115;berlin
            Thomas Müller;;
            Thomas Müller;10 115;
            Bäckerei Schmidt;80331;München

            """.utf8).write(to: URL(fileURLWithPath: path))
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(report.committed && report.created == 1 && report.skipped == 4, "\(report.notices) \(report.problems)")
        let skipped = report.notices.filter { $0.message.contains("already there as customer") }
        #expect(skipped.map(\.line) == [3, 4, 5, 6], "\(report.notices)")
        #expect(skipped.prefix(3).allSatisfy { $0.message.contains("customer \(berlin.id) ") })
        #expect(skipped.last?.message.contains("customer \(nowhere.id) ") == true, "a place given where none was stored says nothing against it")
        let created = try test.database.customers.page(CustomerQuery(text: "köln"), after: nil, limit: 5)
        #expect(created.map(\.name) == ["Thomas Müller"], "the namesake in Köln is a new customer")
        #expect(report.notices.contains { $0.line == 2 && $0.message.contains("may be the same as customer \(berlin.id)") },
                "and said to maybe be the one in Berlin: \(report.notices)")
    }

    /// A line that repeats an earlier line of the same file is said to
    /// repeat it: in a dry run the record the first line made never was,
    /// so naming its number would send the reader looking for nothing.
    @Test func aLineRepeatingAnEarlierOneIsSaidToRepeatIt() throws {
        let test = try TestDatabase()
        try? FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        let path = test.folder.appendingPathComponent("doppelt.csv").path
        try Data("Name;Ort\nIT Service Nord;Kiel\nBäckerei Weiß;Köln\nIT Service Nord;Kiel\n".utf8).write(to: URL(fileURLWithPath: path))
        for dryRun in [true, false] {
            let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path, dryRun: dryRun))
            #expect(report.created == 2 && report.skipped == 1, "\(report.notices)")
            #expect(report.notices.map(\.line) == [4] && report.notices.first?.message.hasPrefix("repeats line 2 of this file (same ") == true,
                    "\(report.notices)")
        }
    }

    @Test func existingRecordsAreSkippedOrUpdatedByTheirKey() throws {
        let test = try TestDatabase()
        let path = try copy("customers-excel-utf8.csv", to: test)
        _ = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        let again = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        // Two rows by their VAT id, the two without one by the next key they have.
        #expect(again.key == "vat-id" && again.skipped == 4 && again.created == 0)
        #expect(again.notices.filter { $0.message.contains("already there as customer") }.count == 4)
        // By name: every row is there, once.
        let byName = try test.bob.importFile(ImportOptions(kind: .customers, path: path, key: "name"))
        #expect(byName.skipped == 4 && byName.created == 0)
        // --update changes what the file says, and only that.
        try test.database.write { db in try db.execute(sql: "UPDATE customers SET phone = '0351 1' WHERE vat_id = 'DE123456788'") }
        let updated = try test.bob.importFile(ImportOptions(kind: .customers, path: path, skipBad: true, update: true, key: "name",
                                                            map: ["Ort=notes", "Notizen="]))
        #expect(updated.updated >= 1 && updated.rejected == 0, "\(updated.problems)")
        // A name that names two customers is not guessed.
        try test.database.customers.create(CustomerFields(name: "Café Olé SARL", city: "Lyon"), by: test.bob)
        let twice = try test.bob.importFile(ImportOptions(kind: .customers, path: path, skipBad: true, update: true, key: "name",
                                                          map: ["Ort=notes", "Notizen="]))
        #expect(twice.rejected == 1 && twice.problems.allSatisfy { $0.message.contains("names more than one customer") }, "\(twice.problems)")
        let row = try #require(try test.database.read { db in try Row.fetchOne(db, sql: "SELECT phone, notes FROM customers WHERE vat_id = 'DE123456788'") })
        #expect(row["phone"] == "0351 1" && row["notes"] == "Dresden")
    }

    /// `--map` names a field as a person would: by its name, by what it
    /// holds in either language, or by a header that would fill it; the
    /// mapping shows what a field holds in the person's words beside its name.
    @Test func aFieldIsNamedByItsWordsInEitherLanguage() throws {
        let headers = ["Firma", "Code", "Zusatz", "Info", "Vorname"]
        for (typed, field) in [("postal-code", "postal-code"), ("Postal code", "postal-code"), ("PLZ", "postal-code"),
                               ("Postleitzahl", "postal-code"), ("Hausnummer", "house-number"), ("USt-IdNr.", "vat-id")] {
            let mapping = try ColumnMapping(kind: .customers, headers: headers, overrides: ["Code=\(typed)"])
            #expect(mapping.column(of: field) == 1, "\(typed)")
        }
        let mapping = try ColumnMapping(kind: .customers, headers: headers, overrides: ["Zusatz=Hausnummer", "Info=Notizen"])
        #expect(mapping.lines == ["Firma → name", "Code → (ignored)", "Zusatz → house-number", "Info → notes", "Vorname → first-name"])
        let german = try Language.$scoped.withValue(.german) {
            try ColumnMapping(kind: .customers, headers: headers, overrides: ["Zusatz=Hausnummer"]).lines
        }
        #expect(german == ["Firma → name", "Code → (ignoriert)", "Zusatz → house-number (Hausnummer)", "Info → (ignoriert)",
                           "Vorname → first-name (Vorname)"])
        #expect(throws: ImportError.self) { try ColumnMapping(kind: .customers, headers: headers, overrides: ["Code=Schuhgröße"]) }
        // A field not there is answered with the fields, in the person's words too.
        let refusal = Language.$scoped.withValue(.german) { () -> String in
            do { _ = try ColumnMapping(kind: .customers, headers: headers, overrides: ["Code=Schuhgröße"]); return "" } catch { return "\(error)" }
        }
        #expect(refusal.contains("kein Feld 'Schuhgröße' für Kunden") && refusal.contains("postal-code (PLZ)") && refusal.contains(", name,"), "\(refusal)")
        #expect(Language.$scoped.withValue(.german) { ImportKind.customers.gloss("vat-id") } == "vat-id (USt-IdNr.)")
    }

    @Test func mapAndKeyMistakesStopBeforeAnyRow() throws {
        let test = try TestDatabase()
        let path = try copy("customers-tab.tsv", to: test)
        #expect(throws: ImportError.self) { try test.bob.importFile(ImportOptions(kind: .customers, path: path, map: ["Nope=name"])) }
        #expect(throws: ImportError.self) { try test.bob.importFile(ImportOptions(kind: .customers, path: path, map: ["City=nope"])) }
        #expect(throws: ImportError.self) { try test.bob.importFile(ImportOptions(kind: .customers, path: path, map: ["Name="])) }
        #expect(throws: ImportError.self) { try test.bob.importFile(ImportOptions(kind: .customers, path: path, key: "email")) }
    }

    @Test func northwindCustomersAndProducts() throws {
        let test = try TestDatabase()
        let customers = try test.bob.importFile(ImportOptions(kind: .customers, path: try copy("customers.csv", to: test, from: Self.northwind), skipBad: true))
        #expect(customers.read == 93)
        #expect(customers.created + customers.rejected + customers.skipped == 93)
        // Every row not imported is reported by its line with a reason:
        // line 88 names a second customer "IT", as line 85 did.
        #expect(Set(customers.problems.map(\.line)).count == customers.rejected)
        #expect(customers.skipped == 1 && customers.notices.contains { $0.line == 88 && $0.message.hasPrefix("repeats line 85 of this file") },
                "\(customers.notices)")
        #expect(customers.created >= 85, "\(customers.problems)")
        let names = try test.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM customers") }
        #expect(names.contains("Königlich Essen") && names.contains("Ana Trujillo Emparedados y helados"))
        let mexico = try test.database.read { db in try String.fetchOne(db, sql: "SELECT city FROM customers WHERE name LIKE 'Ana Trujillo%'") }
        #expect(mexico == "México D.F.")
        let products = try test.carol.importFile(ImportOptions(kind: .products, path: try copy("products.csv", to: test, from: Self.northwind), skipBad: true))
        #expect(products.read == 77 && products.created + products.rejected == 77, "\(products.problems)")
        #expect(products.created == 77, "\(products.problems)")
        // Northwind sells food, usually 7 % here: the file's lack of a VAT column is said.
        #expect(products.notes.contains { $0.hasPrefix("no VAT column: every new product is at 19 %") }, "\(products.notes)")
        let chai = try #require(try test.database.read { db in try Row.fetchOne(db, sql: "SELECT sku, price_cents, on_hand, reorder_point, active FROM products WHERE name = 'Chai'") })
        let values: (String, Int, Int, Int) = (chai["sku"], chai["price_cents"], chai["on_hand"], chai["reorder_point"])
        #expect(values == ("CHAI", 1800, 39, 10))
        let ledger = try count(test, "SELECT sum(quantity) FROM stock_moves WHERE kind = 'receipt'")
        let onHand = try count(test, "SELECT sum(on_hand) FROM products")
        #expect(ledger == onHand && onHand > 0)
        #expect(try count(test, "SELECT count(*) FROM products WHERE active = 0") == 8)
    }

    @Test func staffByAccountWithManagersAndGermanRoles() throws {
        let test = try TestDatabase()
        let path = try copy("staff-excel.csv", to: test)
        #expect(throws: KontorError.self) { try test.dave.importFile(ImportOptions(kind: .staff, path: path)) }
        let report = try test.alice.importFile(ImportOptions(kind: .staff, path: path, skipBad: true))
        #expect(report.created == 3 && report.rejected == 2, "\(report.problems)")
        let text = report.problems.map(\.description)
        #expect(text.contains { $0.hasPrefix("staff-excel.csv:5: Benutzername: 'Bad User' must be an operating-system account name") })
        #expect(text.contains("staff-excel.csv:6: Rolle: 'Chefin' must be front, back, manager or admin"))
        let rows = try test.database.read { db in
            try Row.fetchAll(db, sql: "SELECT s.username, s.role, m.username AS manager FROM staff s LEFT JOIN staff m ON m.id = s.manager_id WHERE s.username IN ('mkoch', 'tbauer', 'sweiss') ORDER BY s.username")
        }
        let summary = rows.map { "\($0["username"] as String) \($0["role"] as String) \(($0["manager"] as String?) ?? "-")" }
        #expect(summary == ["mkoch manager -", "sweiss back mkoch", "tbauer front mkoch"])
    }

    @Test("a file in Excel's Unicode text (UTF-16) imports as any other, and the report says it was UTF-16")
    func excelsUnicodeTextImports() throws {
        let test = try TestDatabase()
        let text = "Firma\tOrt\tLand\r\nMüller Bäckerei GmbH\tKöln\tDeutschland\r\n東京貿易\tTokio\tJapan\r\n"
        let path = test.folder.appendingPathComponent("unicode.txt").path
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path))
        #expect(report.created == 2 && report.problems.isEmpty && report.committed, "\(report.problems)")
        #expect(report.dialect.contains("UTF-16") && report.dialect.contains("tab"), "\(report.dialect)")
        let names = try test.database.read { db in try String.fetchAll(db, sql: "SELECT name || '/' || country FROM customers ORDER BY id") }
        #expect(names == ["Müller Bäckerei GmbH/DE", "東京貿易/JP"])
    }
}
