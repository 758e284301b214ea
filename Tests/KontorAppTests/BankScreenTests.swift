import Foundation
@testable import KontorApp
@testable import KontorModel
import KontorUI
import TestSupport
import Testing

/// A bank statement imported from the Invoices screen: the dry run shown,
/// booked on `y`, and what is unsure reviewed with one key per entry.
@MainActor
@Suite("Bank statements on the screen")
struct BankScreenTests {
    @Test func theDryRunNamesTheFileAndSaysDryRunAtEightyColumns() throws {
        let h = try ScreenHarness(size: Size(width: 80, height: 24))
        let data = try h.seedInvoices()
        let open = try h.invoice(data.open.id)
        let file = h.folder.appendingPathComponent("kontoauszug-sparkasse-hannover-2026-11-girokonto-geschaeftlich.xml")
        try CAMTFixture(version: .v08).xml([.init(id: "2026-11", openingCents: 0, entries: [
            .init(reference: "K1", credit: true, date: "2026-11-20", transactions: [
                CAMTFixture.Transaction(amountCents: open.grossCents, name: "Weiß Logistik AG", unstructured: ["Rechnung \(open.number!)"]),
            ]),
        ])]).write(to: file, atomically: true, encoding: .utf8)
        h.press(.char("4"))
        h.press(.char("B"))
        h.type(file.path)
        let text = h.press(.enter)
        #expect(text.contains(" Bank statement kontoauszug-sparkasse-hannover-2026-11") && text.contains("… — dry run "), "\(text)")
        #expect(!text.contains(h.folder.path), "\(text)")
    }

    @Test func aStatementIsCheckedBookedAndItsProposalReviewed() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        let open = try h.invoice(data.open.id)       // Weiß Logistik AG, 238,00
        let overdue = try h.invoice(data.overdue.id) // Müller GmbH, 106,98
        let file = h.folder.appendingPathComponent("kontoauszug.xml")
        typealias T = CAMTFixture.Transaction
        try CAMTFixture(version: .v08).xml([.init(id: "2026-11", openingCents: 0, entries: [
            .init(reference: "K1", credit: true, date: CalendarDate.today(), transactions: [
                T(amountCents: open.grossCents, name: "Weiß Logistik AG", unstructured: ["Rechnung \(open.number!)"]),
            ]),
            .init(reference: "K2", credit: true, date: CalendarDate.today(), transactions: [
                T(amountCents: 5_000, name: "Müller GmbH", unstructured: ["Teilzahlung \(overdue.number!)"]),
            ]),
            .init(reference: "K3", credit: true, date: CalendarDate.today(), transactions: [T(amountCents: 1_234, name: "Unbekannt & Co.")]),
        ])]).write(to: file, atomically: true, encoding: .utf8)

        h.press(.char("4"))
        var text = h.press(.char("B"))
        #expect(text.contains("Import a bank statement"), "\(text)")
        h.type(file.path)
        text = h.press(.enter)
        #expect(text.contains("dry run") && text.contains("Would book 1: in 238,00"), "\(text)")
        #expect(text.contains("Would propose 1") && text.contains("Would leave 1 unmatched"), "\(text)")
        #expect(try h.invoice(open.id).paidCents == 0)

        text = h.press(.char("y"))
        #expect(text.contains("Booked 1 bank entries (in 238,00) · 2 wait for review"), "\(text)")
        #expect(text.contains("Bank entries waiting for review: 2"), "\(text)")
        #expect(text.contains("→ \(overdue.number!) 50,00"), "\(text)")
        #expect(try h.invoice(open.id).status == .paid)

        text = h.press(.char("y"))
        #expect(text.contains("Booked \(CalendarDate.german(CalendarDate.today())) 50,00 Müller GmbH"), "\(text)")
        #expect(try h.invoice(overdue.id).paidCents == 5_000)
        // The unknown payer: booked to the overdue invoice by its number.
        h.press(.char("n"))
        h.type(overdue.number!)
        text = h.press(.ctrl("s"))
        #expect(text.contains("Booked 12,34 to \(overdue.number!)"), "\(text)")
        #expect(try h.invoice(overdue.id).paidCents == 6_234)
        #expect(try h.database.bank.waitingEntries().isEmpty)

        // The same statement again: nothing to book.
        h.press(.char("B"))
        h.type(file.path)
        text = h.press(.enter)
        #expect(text.contains("3 imported before"), "\(text)")
        text = h.press(.char("y"))
        #expect(text.contains("every entry was imported before"), "\(text)")
    }

    @Test("an entry set aside by mistake is seen again and brought back to be booked")
    func anEntrySetAsideIsBroughtBack() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        let overdue = try h.invoice(data.overdue.id) // Müller GmbH, 106,98
        let file = h.folder.appendingPathComponent("kontoauszug.xml")
        try CAMTFixture(version: .v08).xml([.init(id: "2026-11", openingCents: 0, entries: [
            .init(reference: "A1", credit: true, date: "2026-11-22", transactions: [CAMTFixture.Transaction(amountCents: overdue.grossCents, name: "M. Kuhn")]),
        ])]).write(to: file, atomically: true, encoding: .utf8)
        _ = try h.database.bank.importFiles([file.path], by: h.session)
        h.press(.char("4"))
        var text = h.press(.char("b"))
        #expect(text.contains("Bank entries waiting for review: 1"), "\(text)")
        text = h.press(.char("s"))
        #expect(text.contains("Set aside 22.11.2026"), "\(text)")
        // Nothing waits now, but b still shows what was set aside, and u brings it back.
        text = h.press(.char("b"))
        #expect(text.contains("these were set aside (u brings one back)") && text.contains("Bank entries set aside: 1"), "\(text)")
        #expect(text.contains("M. Kuhn"), "\(text)")
        text = h.press(.char("n"))
        #expect(text.contains("it was set aside: u brings it back first"), "\(text)")
        text = h.press(.char("u"))
        #expect(text.contains("Brought back 22.11.2026"), "\(text)")
        text = h.press(.char("a"))
        #expect(text.contains("Bank entries waiting for review: 1"), "\(text)")
        h.press(.char("n"))
        h.type(overdue.number!)
        text = h.press(.ctrl("s"))
        #expect(text.contains("Booked 106,98 to \(overdue.number!)"), "\(text)")
        #expect(try h.invoice(overdue.id).status == .paid)
        #expect(try h.database.bank.waitingEntries(setAside: true).isEmpty)
    }

    @Test func aBrokenStatementIsRefusedInTheBoxByLine() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.seedInvoices()
        let file = h.folder.appendingPathComponent("kaputt.xml")
        try "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt><Stmt>\n"
            .write(to: file, atomically: true, encoding: .utf8)
        h.press(.char("4"), .char("B"))
        h.type(file.path)
        let text = h.press(.enter)
        #expect(text.contains("kaputt.xml:") && text.contains("not well-formed XML (") && text.contains("; nothing was booked"), "\(text)")
    }
}
