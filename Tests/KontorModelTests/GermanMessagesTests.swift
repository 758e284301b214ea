import Foundation
import KontorLocale
@testable import KontorModel
import Testing

/// The model's messages in German: a form's field messages read after a
/// German label, refusals are German sentences, and an import's problems
/// keep their `file:line: column:` in front. Field names, which forms map
/// messages by, stay as they are.
@Suite("German model messages")
struct GermanMessagesTests {
    func german<T>(_ body: () throws -> T) rethrows -> T {
        try Language.$scoped.withValue(.german) { try body() }
    }

    func failure(_ body: () throws -> Void) -> ValidationFailure? {
        do { try body() } catch let KontorError.invalid(failure) { return failure } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return String(describing: error) }
        return nil
    }

    @Test func aCustomerWithoutANameOrWithABadEmail() throws {
        let db = try TestDatabase()
        let found = german { failure { _ = try db.database.customers.create(CustomerFields(name: "  ", email: "nobody"), by: db.bob) } }
        #expect(found?.message(for: "name") == "ist nötig")
        #expect(found?.message(for: "e-mail") == "muss eine E-Mail-Adresse sein wie name@firma.de")
        // The same refusal in English, as before.
        let english = failure { _ = try db.database.customers.create(CustomerFields(name: "  ", email: "nobody"), by: db.bob) }
        #expect(english?.message(for: "name") == "is required")
        #expect(english?.message(for: "e-mail") == "must look like name@example.com")
    }

    @Test func aTicketInAQueueThatDoesNotExist() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let fields = TicketFields(subject: "Hilfe", customerID: acme.id, queue: "suport", firstMessage: "Bitte")
        let found = german { failure { _ = try db.database.tickets.create(fields, by: db.bob) } }
        #expect(found?.message(for: "queue") == "„suport“ ist noch keine Queue; eine vorhandene wählen oder die neue Queue bestätigen")
    }

    @Test func aDealWithABadDate() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let fields = DealFields(customerID: acme.id, title: "Wartung", expectedClose: "31.13.2026")
        let found = german { failure { _ = try db.database.deals.create(fields, by: db.bob) } }
        #expect(found?.message(for: "expected close") == "muss ein Datum sein: 31.12.2026, heute, +3")
    }

    @Test func anInvoiceTheRoleMayNotWrite() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let lines = [InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: 9000)]
        let said = german { refusal { _ = try db.database.invoices.createDraft(customerID: acme.id, lines: lines, by: db.bob) } }
        #expect(said == "bob (Front Office) hat keine Berechtigung, Rechnungen, Zahlungen, Artikel oder Bestand zu ändern")
        let english = refusal { _ = try db.database.invoices.createDraft(customerID: acme.id, lines: lines, by: db.bob) }
        #expect(english == "bob (Front office) may not change invoices, payments, products or stock")
    }

    @Test func aSaveOverSomeoneElsesChange() throws {
        let db = try TestDatabase()
        let original = try db.add(["Weber KG"])[0]
        var first = original.fields
        first.city = "Bremen"
        _ = try db.database.customers.update(id: original.id, first, expectedVersion: original.version, by: db.dave)
        var second = original.fields
        second.city = "Berlin"
        let said = german { refusal { _ = try db.database.customers.update(id: original.id, second, expectedVersion: original.version, by: db.bob) } }
        #expect(said?.hasPrefix("Kunde \(original.id) wurde nach dem Öffnen von dave geändert (") == true, "\(said ?? "")")
        #expect(said?.hasSuffix("); neu laden, um die Änderung zu sehen") == true)
        let missing = german { KontorError.notFound(entity: "ticket", id: 42).description }
        #expect(missing == "Ticket 42 gibt es nicht (vielleicht wurde der Eintrag gelöscht)")
    }

    @Test func anImportWithBadRows() throws {
        let test = try TestDatabase()
        try FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        let path = test.folder.appendingPathComponent("kunden.csv").path
        try "Firma;E-Mail;Land;Zahlungsziel\nAcme GmbH;info@acme.de;DE;14\n;leer@x.de;DE;14\nBeta AG;beta@x.de;Atlantis;14\nGamma;g@x.de\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let report = try german { try test.bob.importFile(ImportOptions(kind: .customers, path: path, dryRun: true)) }
        let byLine = Dictionary(grouping: report.problems, by: \.line).mapValues { $0.map(\.description).joined(separator: " | ") }
        #expect(byLine[3]?.contains("kunden.csv:3: Firma: ist nötig") == true, "\(byLine)")
        #expect(byLine[4] == "kunden.csv:4: Land: 'Atlantis' ist kein Land, das Kontor kennt: den Namen (Deutschland, Germany) oder den Code (DE) schreiben",
                "\(byLine)")
        #expect(byLine[5] == "kunden.csv:5: hat 2 Zellen, die Kopfzeile hat 4 (zu wenige)", "\(byLine)")
        let summary = german { report.summary }
        #expect(summary == "4 gelesen: neu wären 1, aktualisiert würden 0, schon vorhanden (übersprungen) 0, abgewiesen 3 – Probelauf, nichts geschrieben")
        #expect(report.summary == "4 read: 1 would be new, 0 would be updated, 0 already there (skipped), 3 rejected — dry run, nothing written")
    }

    /// A row matching a record already there names the record's kind and
    /// the key in German too: "schon vorhanden als Kontakt 1 (gleich: Name)".
    @Test func aRowAlreadyThereIsNamedInGerman() throws {
        let test = try TestDatabase()
        try FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        let path = test.folder.appendingPathComponent("kontakte.csv").path
        let customer = try test.add(["Acme GmbH"])[0]
        try "Kundennummer;Name;E-Mail\n\(customer.id);Eva Engel;eva@acme.de\n".write(toFile: path, atomically: true, encoding: .utf8)
        _ = try test.bob.importFile(ImportOptions(kind: .contacts, path: path))
        let again = try german { try test.bob.importFile(ImportOptions(kind: .contacts, path: path, dryRun: true)) }
        let said = german { again.notices.map(\.description).joined(separator: " | ") }
        #expect(said.contains("schon vorhanden als Kontakt ") && said.contains("(gleich: Name): übersprungen"), "\(said)")
    }

    @Test func undoSaysWhatItTakesBack() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let deal = try db.database.deals.create(DealFields(customerID: acme.id, title: "Wartung 2027"), by: db.bob)
        var moved = deal
        moved.stage = .qualified
        let summary = german { Undoable.stageMove(from: deal, to: moved).summary }
        #expect(summary == "„Wartung 2027“ zurück auf Lead")
    }
}
