import Foundation
import GRDB
import KontorBankFiles
import KontorCSV
@testable import KontorModel
import TestSupport
import Testing

/// A transfer that pays what a dunning letter claimed: the invoice and the
/// letter's fee in one amount, booked both in the import's transaction;
/// anything that does not fit exactly is matched as before.
@Suite("Bank statements and dunning fees")
struct BankDunningFeeTests {
    typealias T = CAMTFixture.Transaction
    typealias E = CAMTFixture.Entry

    /// Issues an invoice of one 19 % line of `net` cents on 2026-11-02 (due 30 days later) to `customer`.
    static func invoice(_ o: BankStatementTests.Office, _ net: Int, to customer: Customer) throws -> Invoice {
        let draft = try o.f.invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Psch", unitPriceCents: net),
        ], by: o.f.db.carol)
        return try o.f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: o.f.db.carol)
    }

    @Test func aTransferPayingAnInvoiceAndItsDunningFeeBooksBoth() throws {
        let o = try BankStatementTests.Office()
        let db = o.f.db
        // A reminder costs 2,50 here.
        try db.alice.updateSettings { $0.dunning.feesCents = [250, 500, 500, 1000] }
        let weiss = try db.database.customers.create(CustomerFields(name: "Weiß AG", street: "Ring 1", postalCode: "50667", city: "Köln",
                                                                    country: "DE", paymentTerms: "30"), by: db.bob)
        let named = try Self.invoice(o, 10_000, to: o.f.customer)      // 119,00
        let other = try Self.invoice(o, 5_000, to: o.f.customer)       // 59,50, in the same letter
        let byLetter = try Self.invoice(o, 20_000, to: weiss)          // 238,00
        // Due on 2 December; the run of 10 December sends each customer a reminder with its fee.
        let letters = try db.carol.sendDunning(try db.database.dunningRun(on: "2026-12-10")) { _ in }
        #expect(letters.count == 2)
        let muellerFee = try #require(try db.database.dunning.openFees(ofCustomer: o.f.customer.id).first)
        let weissFee = try #require(try db.database.dunning.openFees(ofCustomer: weiss.id).first)
        #expect(muellerFee.amountCents == 250 && weissFee.amountCents == 250)
        #expect(try db.database.invoices.balance(of: o.f.customer.id).openCents == named.grossCents + other.grossCents + 250)
        let weissLetter = Int(weissFee.reference.suffix(5))!

        let xml = CAMTFixture(version: .v08).xml([.init(id: "2026-12-15", openingCents: 0, entries: [
            // Names the invoice, pays it and the open fee.
            E(reference: "F1", credit: true, date: "2026-12-15", transactions: [
                T(amountCents: named.grossCents + 250, name: "Müller GmbH", iban: "DE89370400440532013000",
                  unstructured: ["RE \(named.number!) zzgl. Mahngebühr"]),
            ]),
            // Names the letter only ("Mahnung 2"), pays its invoice and fee.
            E(reference: "F2", credit: true, date: "2026-12-15", transactions: [
                T(amountCents: byLetter.grossCents + 250, name: "Weiss AG", unstructured: ["Mahnung \(weissLetter)"]),
            ]),
            // Names the other invoice with one euro too much: the fee is paid already, so proposed as before.
            E(reference: "F3", credit: true, date: "2026-12-16", transactions: [
                T(amountCents: other.grossCents + 100, name: "Müller GmbH", unstructured: [other.number!]),
            ]),
        ])])
        let statements = try CAMT053Reader.statements(from: Data(xml.utf8))

        // A dry run books nothing, fees neither.
        let dry = try o.bank.importStatements(statements, dryRun: true, by: db.carol)
        #expect(dry.booked.map(\.entry.reference) == ["F1", "F2"], "\(dry.booked.map(\.note)) \(dry.proposed.map(\.note))")
        #expect(try db.database.dunning.fee(id: muellerFee.id)?.paidCents == 0)

        let report = try o.bank.importStatements(statements, by: db.carol)
        #expect(report.booked.map(\.entry.reference) == ["F1", "F2"], "\(report.booked.map(\.note)) \(report.proposed.map(\.note))")
        #expect(report.proposed.map(\.entry.reference) == ["F3"])
        #expect(report.booked[0].documents == ["\(named.number!) 119,00", "\(muellerFee.reference) Gebühr 2,50"])
        #expect(report.booked[1].documents == ["\(byLetter.number!) 238,00", "\(weissFee.reference) Gebühr 2,50"])
        #expect(report.booked[1].note.contains(weissFee.reference), "\(report.booked[1].note)")
        #expect(report.bookedInCents == named.grossCents + byLetter.grossCents + 500)

        // Both invoices paid, both fees paid by transfer on the bank's day, the rest of Müller's balance the other invoice.
        #expect(try o.invoice(named.id).status == .paid && o.invoice(byLetter.id).status == .paid)
        #expect(try o.invoice(other.id).paidCents == 0)
        for fee in [muellerFee, weissFee] { #expect(try db.database.dunning.fee(id: fee.id)?.openCents == 0) }
        let rows = try db.database.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, method, amount_cents, paid_on, reference FROM dunning_fee_payments ORDER BY id")
        }
        #expect(rows.map { [$0["kind"], $0["method"], $0["paid_on"]] as [String] } == [["payment", "transfer", "2026-12-15"], ["payment", "transfer", "2026-12-15"]])
        #expect(rows.allSatisfy { ($0["reference"] as String).hasPrefix("Bank 2026-12-15") })
        #expect(try db.database.invoices.balance(of: o.f.customer.id).openCents == other.grossCents)
        #expect(try db.database.invoices.balance(of: weiss.id).openCents == 0)

        // The same statement again books nothing twice.
        let again = try o.bank.importStatements(statements, by: db.carol)
        #expect(again.alreadyImported == 3 && again.booked.isEmpty)
        #expect(try db.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dunning_fee_payments") } == 2)

        // The letter paid a second time: its invoice and fee are paid, and
        // the entry says so rather than "names no invoice".
        let twice = CAMTFixture(version: .v08).xml([.init(id: "2026-12-20", openingCents: 0, entries: [
            E(reference: "F4", credit: true, date: "2026-12-20", transactions: [
                T(amountCents: byLetter.grossCents + 250, name: "Weiss AG", unstructured: ["Mahnung \(weissLetter)"]),
            ]),
        ])])
        let paidTwice = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(twice.utf8)), by: db.carol)
        #expect(paidTwice.booked.isEmpty && paidTwice.proposed.isEmpty)
        #expect(paidTwice.unmatched.map(\.note) == ["names \(weissFee.reference), whose invoices and fees are paid"], "\(paidTwice.unmatched.map(\.note))")
    }

    @Test("a transfer of exactly what a letter asked for, interest and fee with it, books the invoice, the fee and the interest")
    func aTransferOfTheLettersTotalBooksItsInterestToo() throws {
        let o = try BankStatementTests.Office()
        let db = o.f.db
        try db.alice.updateSettings { $0.dunning.feesCents = [0, 500, 500, 1000] }
        let weiss = try db.database.customers.create(CustomerFields(name: "Weiß AG", street: "Ring 1", postalCode: "50667", city: "Köln",
                                                                    country: "DE", paymentTerms: "30"), by: db.bob)
        let mueller = try Self.invoice(o, 10_000, to: o.f.customer)   // 119,00, due 2 December
        let byNumber = try Self.invoice(o, 20_000, to: weiss)          // 238,00
        // A reminder (no fee) on 10 December, a first Mahnung with its fee on 20 January: interest for 49 days.
        try db.carol.sendDunning(try db.database.dunningRun(on: "2026-12-10")) { _ in }
        let letters = try db.carol.sendDunning(try db.database.dunningRun(on: "2027-01-20")) { _ in }
        let muellerLetter = try #require(letters.first { $0.customerID == o.f.customer.id })
        let weissLetter = try #require(letters.first { $0.customerID == weiss.id })
        #expect(muellerLetter.interestCents > 0 && muellerLetter.feeCents == 500)
        let total = muellerLetter.totalCents

        let xml = CAMTFixture(version: .v08).xml([.init(id: "2027-01-28", openingCents: 0, entries: [
            // The letter's total, naming the letter.
            E(reference: "Z1", credit: true, date: "2027-01-28", transactions: [
                T(amountCents: total, name: "Müller GmbH", unstructured: ["\(muellerLetter.fileName) Gesamtbetrag"]),
            ]),
            // The other letter's total, naming only the invoice.
            E(reference: "Z2", credit: true, date: "2027-01-28", transactions: [
                T(amountCents: weissLetter.totalCents, name: "Weiss AG", unstructured: ["RE \(byNumber.number!)"]),
            ]),
            // The first letter's total again: nothing is open to pay twice.
            E(reference: "Z3", credit: true, date: "2027-01-29", transactions: [
                T(amountCents: total, name: "Müller GmbH", unstructured: [muellerLetter.fileName]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: db.carol)
        #expect(report.booked.map(\.entry.reference) == ["Z1", "Z2"], "\(report.booked.map(\.note)) \(report.proposed.map(\.note)) \(report.unmatched.map(\.note))")
        #expect(report.booked.first?.documents == ["\(mueller.number!) 119,00", "\(muellerLetter.fileName) Gebühr 5,00",
                                                   "\(muellerLetter.fileName) interest \(Money.format(cents: muellerLetter.interestCents))"])
        #expect(!report.booked.map(\.entry.reference).contains("Z3"))
        #expect(try o.invoice(mueller.id).status == .paid && o.invoice(byNumber.id).status == .paid)
        #expect(try db.database.invoices.balance(of: o.f.customer.id).openCents == 0, "nothing owed back: the interest is not an overpayment")
        #expect(try db.database.invoices.balance(of: weiss.id).openCents == 0)
        let received = try db.database.read { db in
            try Row.fetchAll(db, sql: "SELECT letter_id, amount_cents, paid_on FROM interest_received ORDER BY id")
        }
        #expect(received.map { [$0["letter_id"], $0["amount_cents"]] as [Int64] }
                == [[muellerLetter.id, Int64(muellerLetter.interestCents)], [weissLetter.id, Int64(weissLetter.interestCents)]])
        // Received once per letter, and never more than it claimed, even to raw SQL.
        #expect(throws: (any Error).self) {
            try db.raw("INSERT INTO interest_received (letter_id, customer_id, amount_cents, paid_on, method, created_by, created_at) VALUES (\(muellerLetter.id), \(o.f.customer.id), 1, '2027-01-30', 'transfer', 'x', 'x')")
        }

        // DATEV: the interest charged onto the fee account and paid to the bank, the debtor even.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("EXTF_\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try db.alice.updateSettings { $0.datev.consultant = 1_234_567; $0.datev.client = 10_001 }
        _ = try db.alice.exportDATEVBookings(from: "2027-01-01", to: "2027-01-31", path: path)
        let file = try EXTFFile(path: path)
        let interest = file.rows.filter { file.value($0, "Buchungstext").hasPrefix("Verzugszinsen \(muellerLetter.fileName)")
            || file.value($0, "Buchungstext").hasPrefix("Zahlung Verzugszinsen \(muellerLetter.fileName)") }
        #expect(interest.map { "\(file.value($0, "Soll/Haben-Kennzeichen")) \(file.value($0, "Gegenkonto (ohne BU-Schlüssel)")) \(file.cents($0))" }
                == ["S 2650 \(muellerLetter.interestCents)", "H 1200 \(muellerLetter.interestCents)"])
        #expect(interest.allSatisfy { file.value($0, "BU-Schlüssel").isEmpty && file.value($0, "Belegfeld 1") == muellerLetter.fileName })

        // The export holds all of it, so the bank reconciles from the files alone: the entries, the fee and the interest.
        func exported(_ table: ExportTable) throws -> [[String]] {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("\(table.rawValue)-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: out) }
            _ = try db.alice.export(table, dialect: .rfc4180, to: out)
            let reader = try CSVReader(path: out, dialect: .rfc4180)
            var rows: [[String]] = []
            while let record = reader.next() { rows.append(record.fields) }
            return rows
        }
        let interestFile = try exported(.interestReceived)
        #expect(interestFile.first?.prefix(3) == ["Id", "Letter", "Customer Number"])
        #expect(interestFile.dropFirst().map { $0[1] } == [muellerLetter.fileName, weissLetter.fileName])
        let feePayments = try exported(.dunningFeePayments)
        #expect(feePayments.dropFirst().contains { $0[1] == muellerLetter.fileName && $0[2] == "payment" && $0[3] == "5.00" }, "\(feePayments)")
        let entries = try exported(.bankEntries)
        #expect(entries.dropFirst().map { $0[9] } == ["booked", "booked", "unmatched"], "\(entries)")
        let letterFile = try exported(.dunningLetters)
        #expect(letterFile.dropFirst().contains { $0[0] == muellerLetter.fileName && $0[4] == "first" }, "\(letterFile)")
        // Which invoices each letter claimed, a row each.
        let notices = try exported(.dunningNotices)
        #expect(notices.first?.prefix(3) == ["Letter", "Invoice", "Level"])
        #expect(notices.dropFirst().filter { $0[0] == muellerLetter.fileName }.map(\.[1]) == muellerLetter.notices.map(\.number), "\(notices)")
        // The bank's entries are the back office's: the front desk may not export them.
        #expect(throws: (any Error).self) { try db.bob.export(.bankEntries, dialect: .rfc4180, to: FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID().uuidString).csv").path) }
    }

    @Test func aTransferThatFitsNoFeeExactlyLeavesTheFeeAlone() throws {
        let o = try BankStatementTests.Office()
        let db = o.f.db
        try db.alice.updateSettings { $0.dunning.feesCents = [250, 500, 500, 1000] }
        let invoice = try Self.invoice(o, 10_000, to: o.f.customer)
        try db.carol.sendDunning(try db.database.dunningRun(on: "2026-12-10")) { _ in }
        let fee = try #require(try db.database.dunning.openFees(ofCustomer: o.f.customer.id).first)
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S", openingCents: 0, entries: [
            // The invoice exactly: paid, the fee stays open.
            E(reference: "G1", credit: true, date: "2026-12-15", transactions: [T(amountCents: invoice.grossCents, unstructured: [invoice.number!])]),
            // The letter named with an amount that is not its fee: listed, nothing booked.
            E(reference: "G2", credit: true, date: "2026-12-15", transactions: [T(amountCents: 199, unstructured: ["Mahnung Nr. \(Int(fee.reference.suffix(5))!)"])]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: db.carol)
        #expect(report.booked.map(\.entry.reference) == ["G1"] && report.booked[0].documents == ["\(invoice.number!) 119,00"])
        #expect(report.unmatched.map(\.entry.reference) == ["G2"], "\(report.proposed.map(\.note))")
        #expect(try db.database.dunning.fee(id: fee.id)?.openCents == 250)
        #expect(try db.database.invoices.balance(of: o.f.customer.id).openCents == 250)
    }

    @Test func lettersAreFoundHoweverTheyAreWrittenAndAreNoInvoiceNumbers() {
        #expect(BankMatcher.letterNumbers(in: "Mahnung 12") == [12])
        #expect(BankMatcher.letterNumbers(in: "Ihre Mahnung-00012 v. 10.12.") == [12])
        #expect(BankMatcher.letterNumbers(in: "MAHNUNG NR. 7, Zahlungserinnerung 8") == [7, 8])
        #expect(BankMatcher.letterNumbers(in: "RE 2026 42").isEmpty)
        #expect(InvoiceReferences.candidates(in: BankMatcher.withoutLetterNumbers("Mahnung Nr. 12"), years: [2026]).isEmpty)
        #expect(InvoiceReferences.candidates(in: BankMatcher.withoutLetterNumbers("RE 2026 42 Mahnung 3"), years: [2026]) == ["2026-00042"])
        #expect(BankMatcher.withoutLetterNumbers("Abmahnung-Nr.:12, RE 2026-00042") == "Ab , RE 2026-00042")
        #expect(BankMatcher.withoutLetterNumbers("ZAHLUNGSERINNERUNG nummer 12345678") == " 8")
        #expect(BankMatcher.withoutLetterNumbers("Mahnung Nr. vom 12.") == "Mahnung Nr. vom 12.")
        #expect(BankMatcher.withoutLetterNumbers("Mahnschreiben\t# 5 Müller") == "  Müller")
    }

    /// The payer's name with umlauts written as two letters reads as the
    /// three replacements in turn would read it.
    @Test func umlautsWrittenAsTwoLettersReadAsTheReplacementsInTurn() {
        func reference(_ s: String) -> String {
            s.replacingOccurrences(of: "ae", with: "a").replacingOccurrences(of: "oe", with: "o").replacingOccurrences(of: "ue", with: "u")
        }
        let names = ["mueller gmbh", "baecker & soehne", "uee", "aee", "oaee", "ouee", "e", "", "ae", "blue", "dueue", "schröder öe",
                     "猫ae", "ue猫", "koenig strasse"]
        for name in names { #expect(BankMatcher.umlautsRead(name) == reference(name), "\(name)") }
        // Every string of up to five letters from a, o, u, e, x.
        var words = [""]
        for _ in 0..<5 { words = words.flatMap { w in ["a", "o", "u", "e", "x"].map { w + $0 } } }
        for word in words where BankMatcher.umlautsRead(word) != reference(word) { Issue.record("\(word)") }
    }
}
