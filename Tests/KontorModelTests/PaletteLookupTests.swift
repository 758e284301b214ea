import Foundation
@testable import KontorModel
import Testing

/// The lookups behind the command palette: deals by title words, customer
/// or number; invoices by number as it is typed.
@Suite("Palette lookups")
struct PaletteLookupTests {
    @Test func dealsAreFoundByTitleWordsCustomerOrNumberNewestFirst() throws {
        let t = try TestDatabase()
        let customers = try t.add(["Müller GmbH", "Zeta Systems"])
        let deals = t.database.deals
        let coffee = try deals.create(DealFields(customerID: customers[1].id, title: "Rahmenvertrag Kaffee 2027"), by: t.bob)
        let service = try deals.create(DealFields(customerID: customers[0].id, title: "Wartung Kaffeemaschinen"), by: t.bob)
        let other = try deals.create(DealFields(customerID: customers[1].id, title: "Schulung 50% Rabatt"), by: t.bob)

        #expect(try deals.search("kaffee", limit: 8).map(\.id) == [service.id, coffee.id])
        #expect(try deals.search("KAFFEE rahmen", limit: 8).map(\.id) == [coffee.id], "every word must be in the title")
        #expect(try deals.search("muller", limit: 8).map(\.id) == [service.id], "by the customer, accents ignored")
        #expect(try deals.search("\(other.id)", limit: 8).first?.id == other.id, "the number first")
        #expect(try deals.search("#\(coffee.id)", limit: 8).first?.id == coffee.id)
        #expect(try deals.search("50%", limit: 8).map(\.id) == [other.id], "% is no wildcard")
        #expect(try deals.search("5_", limit: 8).map(\.id) == [other.id], "punctuation parts words, as in every search: 5 begins 50")
        #expect(try deals.search("\"; DROP", limit: 8).isEmpty, "FTS syntax typed is taken as words")
        #expect(try deals.search("maschinen", limit: 8).isEmpty, "word starts, not the middle of a word")
        #expect(try deals.search("nirgends", limit: 8).isEmpty)
        #expect(try deals.search("   ", limit: 8).isEmpty)
        #expect(try deals.search("kaffee", limit: 1).count == 1)
        let found = try #require(try deals.search("wartung", limit: 8).first)
        #expect(found.customerName == "Müller GmbH" && found.title == "Wartung Kaffeemaschinen")
    }

    @Test func dealTitlesAreFoundByUmlautsWrittenOut() throws {
        let t = try TestDatabase()
        let customer = try t.add(["Zeta Systems"])[0]
        let deals = t.database.deals
        let second = try deals.create(DealFields(customerID: customer.id, title: "Zweitgerät Kantine"), by: t.bob)
        let big = try deals.create(DealFields(customerID: customer.id, title: "Größere Anlage"), by: t.bob)
        for typed in ["zweitgerät", "zweitgerat", "zweitgeraet", "ZWEITGERAET kantine"] {
            #expect(try deals.search(typed, limit: 8).map(\.id) == [second.id], "\(typed)")
        }
        for typed in ["größere", "groessere", "grossere", "grosse"] {
            #expect(try deals.search(typed, limit: 8).map(\.id) == [big.id], "\(typed)")
        }
        // A new title replaces every spelling of the old one.
        try t.database.write { db in try db.execute(sql: "UPDATE deals SET title = 'Drittgerät' WHERE id = ?", arguments: [second.id]) }
        #expect(try deals.search("zweitgeraet", limit: 8).isEmpty)
        #expect(try deals.search("drittgeraet", limit: 8).map(\.id) == [second.id])
        try t.database.write { db in try db.execute(sql: "DELETE FROM deals WHERE id = ?", arguments: [big.id]) }
        #expect(try deals.search("groessere", limit: 8).isEmpty)
        let indexed = try t.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM deals_fts WHERE deals_fts MATCH 'drittgerat OR drittgeraet OR grossere OR zweitgerat'") }
        #expect(indexed == 1)
        // A written-out word of the title beside a word of the customer.
        #expect(try deals.search("drittgeraet zeta", limit: 8).map(\.id) == [second.id])
        #expect(try deals.search("drittgerät zeta", limit: 8).map(\.id) == [second.id])
    }

    @Test func invoicesAreFoundByNumberPrefixOrSerial() throws {
        let t = try TestDatabase()
        var settings = try t.alice.settings()
        settings.name = "Kontor Test GmbH"
        settings.address = "Hauptstraße 1\n10115 Berlin"
        settings.vatID = "DE123456788"
        settings.completeForInvoices()
        try t.alice.saveSettings(settings)
        let customer = try t.add(["Müller GmbH"])[0]
        try t.readyToInvoice()
        let invoices = t.database.invoices
        var issued: [Invoice] = []
        for _ in 0..<3 {
            let draft = try invoices.createDraft(customerID: customer.id, lines: [
                InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: 10000, vatRate: .standard),
            ], by: t.carol)
            issued.append(try invoices.issue(draft.id, issueDate: "2026-03-02", expectedVersion: draft.version, by: t.carol))
        }
        let numbers = issued.compactMap(\.number)
        #expect(numbers == ["2026-00001", "2026-00002", "2026-00003"])
        _ = try invoices.cancel(issued[1].id, reason: "doppelt", on: "2026-03-05", expectedVersion: issued[1].version, by: t.carol)
        let creditNote = try #require(try invoices.creditNotes(for: issued[1].id).first?.number)

        #expect(try invoices.lookup(number: "2026-00002", limit: 8).map(\.number) == ["2026-00002"])
        #expect(try invoices.lookup(number: "2026-0000", limit: 8).compactMap(\.number) == numbers, "begun numbers complete")
        #expect(try invoices.lookup(number: "2026-0000", limit: 2).count == 2)
        #expect(try invoices.lookup(number: "3", limit: 8).compactMap(\.number) == ["2026-00003"], "the serial alone")
        #expect(try invoices.lookup(number: "1", limit: 8).compactMap(\.number) == ["2026-00001", creditNote], "…in every series, the invoice first")
        #expect(try invoices.lookup(number: creditNote.lowercased(), limit: 8).compactMap(\.number) == [creditNote], "case ignored")
        let row = try #require(try invoices.lookup(number: " 2026-00001 ", limit: 8).first)
        #expect(row.customerName == "Müller GmbH" && row.kind == .invoice)
        #expect(try invoices.lookup(number: "2026-09999", limit: 8).isEmpty)
        #expect(try invoices.lookup(number: "'; DROP TABLE invoices", limit: 8).isEmpty)
        #expect(try invoices.lookup(number: "", limit: 8).isEmpty)

        // A draft has no number: it is found by its id, as it is named ("draft #5").
        let draft = try invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Wartung", quantity: 1, unit: "h", unitPriceCents: 8000, vatRate: .standard),
        ], by: t.carol)
        let hash = "#\(draft.id)"
        #expect(try invoices.lookup(number: hash, limit: 8).map(\.id) == [draft.id])
        #expect(try invoices.lookup(number: " \(hash) ", limit: 8).map(\.id) == [draft.id])
        #expect(try invoices.lookup(number: "\(draft.id)", limit: 8).map(\.id).last == draft.id, "the id alone finds it after any numbers")
        #expect(try invoices.countNumbers(hash, cap: 10) == (1, false))
        #expect(try invoices.lookup(number: "#\(issued[0].id)", limit: 8).isEmpty, "an issued invoice goes by its number")
        #expect(try invoices.lookup(number: "#", limit: 8).isEmpty && invoices.lookup(number: "#x1", limit: 8).isEmpty)
        #expect(try invoices.countNumbers("#\(issued[0].id)", cap: 10) == (0, false))
    }
}
