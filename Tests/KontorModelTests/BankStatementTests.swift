import Foundation
import KontorBankFiles
@testable import KontorModel
import TestSupport
import Testing

/// camt.053 statements read as banks write them, and matched to invoices:
/// what is sure is booked, what is not is proposed or listed, nothing twice.
@Suite("Bank statements")
struct BankStatementTests {
    typealias T = CAMTFixture.Transaction
    typealias E = CAMTFixture.Entry

    @Test(arguments: [CAMTFixture.Version.v02, .v08])
    func bothVersionsAreReadWithBatchesReturnsAndBalances(version: CAMTFixture.Version) throws {
        let xml = CAMTFixture(version: version).xml([
            .init(id: "STMT-1", openingCents: 100_000, entries: [
                E(reference: "A1", credit: true, date: "2026-11-03", transactions: [
                    T(amountCents: 11_900, name: "Müller & Söhne GmbH", iban: "DE89 3704 0044 0532 0130 00", unstructured: ["RE 2026 42", "Danke"]),
                ]),
                E(reference: "A2", credit: true, date: "2026-11-04", transactions: [
                    T(amountCents: 5_000, name: "Jäger KG", structured: "RF18539007547034"),
                    T(amountCents: 7_550, name: "Weiß AG", unstructured: ["Rg.-Nr. 2026-00043"]),
                ]),
                E(reference: "A3", credit: false, date: "2026-11-05", transactions: [
                    T(amountCents: 2_000, name: "Bäckerei Schön", returnReason: "MD06"),
                ]),
                E(reference: "A4", credit: true, date: "2026-11-05", transactions: [T(amountCents: 999)], status: "PDNG"),
            ]),
            .init(id: "STMT-2", openingCents: 0, entries: []),
        ])
        let statements = try CAMT053Reader.statements(from: Data(xml.utf8))
        #expect(statements.map(\.id) == ["STMT-1", "STMT-2"])
        let first = statements[0]
        #expect(first.account == "DE02200505501015871393")
        #expect(first.opening?.cents == 100_000)
        #expect(first.balancesAgree == true)
        // The pending entry is left for the statement that books it; the batch becomes two.
        #expect(first.entries.map(\.amountCents) == [11_900, 5_000, 7_550, -2_000])
        #expect(first.entries[0].remittance == "RE 2026 42 Danke")
        #expect(first.entries[0].counterpartyName == "Müller & Söhne GmbH")
        #expect(first.entries[0].counterpartyIBAN == "DE89370400440532013000")
        #expect(first.entries[1].remittance == "RF18539007547034")
        #expect(first.entries[2].counterpartyName == "Weiß AG")
        #expect(first.entries.map(\.reference) == ["A1", "A2-1", "A2-2", "A3"])
        #expect(first.entries[3].returnReason == "MD06")
    }

    /// A day no calendar has, and money in another currency than the
    /// euro, are refused by the line they are on: booked, the first sat
    /// outside every month's DATEV export, the second as so many euros.
    @Test func anImpossibleDayOrAnotherCurrencyIsRefused() throws {
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S", openingCents: 500, entries: [
            E(reference: "B1", credit: true, date: "2026-11-03", transactions: [T(amountCents: 100)]),
        ])])
        for day in ["2026-02-30", "2026-13-07"] {
            let bad = xml.replacingOccurrences(of: "2026-11-03", with: day)
            let error = try #require(throws: BankFileError.self) { try CAMT053Reader.statements(from: Data(bad.utf8)) }
            #expect(error.element == "Ntry/BookgDt" && error.message == "not a date: '\(day)'", "\(error)")
        }
        let dollars = xml.replacingOccurrences(of: "Ccy=\"EUR\">1.00</Amt>", with: "Ccy=\"USD\">1.00</Amt>")
        #expect(dollars != xml)
        let error = try #require(throws: BankFileError.self) { try CAMT053Reader.statements(from: Data(dollars.utf8)) }
        #expect(error.message == "in USD, not EUR: Kontor books euros only" && error.element.hasSuffix("/Amt"), "\(error)")
        // A payment the bank converted says what it was before (dollars):
        // booked as the euros the account received.
        let converted = xml.replacingOccurrences(of: "<AmtDtls><TxAmt>", with: "<AmtDtls><InstdAmt><Amt Ccy=\"USD\">1.09</Amt></InstdAmt><TxAmt>")
        #expect(converted != xml)
        #expect(try CAMT053Reader.statements(from: Data(converted.utf8)).first?.entries.first?.amountCents == 100)
        let account = xml.replacingOccurrences(of: "<Ccy>EUR</Ccy>", with: "<Ccy>CHF</Ccy>")
        #expect(account != xml)
        let refused = try #require(throws: BankFileError.self) { try CAMT053Reader.statements(from: Data(account.utf8)) }
        #expect(refused.message == "the account is in CHF, not EUR: Kontor books euros only", "\(refused)")
    }

    @Test func aBrokenFileIsRefusedWithItsLineAndElement() throws {
        var xml = CAMTFixture(version: .v02).xml([.init(id: "S", openingCents: 500, entries: [
            E(reference: "B1", credit: true, date: "2026-11-03", transactions: [T(amountCents: 100)]),
        ])])
        // The entry's amount with a decimal comma, as no camt.053 may have it.
        xml = xml.replacingOccurrences(of: ">1.00</Amt>", with: ">1,00</Amt>")
        let error = try #require(throws: BankFileError.self) { try CAMT053Reader.statements(from: Data(xml.utf8)) }
        // The line the amount is on, not where the parser had read on to.
        let amountLine = xml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(">1,00</Amt>") }! + 1
        #expect(error.element == "Ntry/Amt" && error.message == "not an amount: '1,00'" && error.line == amountLine, "\(error), line \(amountLine)")
        let notXML = try #require(throws: BankFileError.self) { try CAMT053Reader.statements(from: Data("<Document><Stmt>".utf8)) }
        #expect(notXML.description.contains("not a camt.053 statement"), "\(notXML)")
        let cut = try #require(throws: BankFileError.self) {
            try CAMT053Reader.statements(from: Data(String(xml.prefix(xml.count / 2)).utf8))
        }
        #expect(cut.message.contains("not well-formed"), "\(cut)")
    }

    @Test func aZipOfStatementsIsReadInNameOrderAndABrokenOneNamesItsDocument() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-camt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = CAMTFixture(version: .v08)
        for (name, id) in [("2026-11-b.xml", "B"), ("2026-11-a.xml", "A")] {
            try fixture.xml([.init(id: id, openingCents: 0, entries: [
                E(reference: id, credit: true, date: "2026-11-03", transactions: [T(amountCents: 100, unstructured: ["Überweisung"])]),
            ])]).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try "not a statement".write(to: folder.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)
        try Self.run("/usr/bin/zip", ["-q", "statements.zip", "2026-11-a.xml", "2026-11-b.xml", "readme.txt"], in: folder)
        let zip = folder.appendingPathComponent("statements.zip").path
        #expect(try StatementFiles.statements(at: zip).map(\.id) == ["A", "B"])

        try "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt>"
            .write(to: folder.appendingPathComponent("2026-11-c.xml"), atomically: true, encoding: .utf8)
        try Self.run("/usr/bin/zip", ["-q", "statements.zip", "2026-11-c.xml"], in: folder)
        let error = try #require(throws: BankFileError.self) { try StatementFiles.statements(at: zip) }
        #expect(error.description.hasPrefix("\(zip)/2026-11-c.xml:1: "), "\(error)")
    }

    static func run(_ tool: String, _ arguments: [String], in folder: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            Issue.record("\(tool) is missing: apt-get install zip unzip")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// A business with open invoices, a statement paying them in every way a customer pays.
    struct Office {
        let f: InvoiceFixture
        var bank: BankRepository { f.db.database.bank }

        init() throws { f = try InvoiceFixture() }

        /// Issues an invoice of one 19 % line of `net` cents on 2026-11-02.
        func invoice(_ net: Int, skonto: SkontoOffer = .none) throws -> Invoice {
            let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [
                InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Psch", unitPriceCents: net),
            ], by: f.db.carol)
            return try f.invoices.issue(draft.id, issueDate: "2026-11-02", skonto: skonto, expectedVersion: draft.version, by: f.db.carol)
        }

        func invoice(_ id: Int64) throws -> Invoice { try #require(try f.invoices.find(id: id)) }
    }

    /// A payment waiting for review in `b` may pay an invoice: the dunning
    /// run leaves that invoice out, and says why, until it is decided.
    @Test func anInvoiceABankEntryAwaitingReviewMayPayIsNotDunned() throws {
        let o = try Office()
        let part = try o.invoice(30_000), other = try o.invoice(10_000)
        let xml = CAMTFixture(version: .v08).xml([.init(id: "2026-11-30", openingCents: 0, entries: [
            E(reference: "P1", credit: true, date: "2026-11-12", transactions: [
                T(amountCents: 10_000, name: "Müller GmbH", unstructured: ["Teilzahlung \(part.number!)"]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.proposed.count == 1)
        let run = try o.f.db.database.dunningRun(on: "2027-02-15")
        #expect(run.skipped.first { $0.invoiceID == part.id }?.reason == "a bank entry that may pay it awaits review (b on Invoices)", "\(run.skipped)")
        #expect(run.letters.flatMap(\.notices).map(\.invoiceID) == [other.id])
    }

    @Test func creditsAreBookedProposedOrListedAndNothingIsBookedTwice() throws {
        let o = try Office()
        let plain = try o.invoice(10_000)                                   // 119,00
        let skonto = try o.invoice(20_000, skonto: .terms(SkontoTerms(percentBP: 200, days: 10)))  // 238,00, Skonto 4,76
        let first = try o.invoice(5_000), second = try o.invoice(7_000)     // 59,50 + 83,30 in one transfer
        let part = try o.invoice(30_000)                                    // 357,00, paid in part
        let byName = try o.invoice(12_345)                                  // 146,91, no number given
        let serial = Int(plain.number!.suffix(5))!
        let xml = CAMTFixture(version: .v08).xml([.init(id: "2026-11-30", openingCents: 50_000, entries: [
            E(reference: "R1", credit: true, date: "2026-11-05", transactions: [
                T(amountCents: plain.grossCents, name: "Müller GmbH", iban: "DE89370400440532013000", unstructured: ["RE 2026 \(serial)"]),
            ]),
            E(reference: "R2", credit: true, date: "2026-11-10", transactions: [
                T(amountCents: skonto.grossCents - skonto.skontoCents, name: "Müller GmbH", unstructured: ["Rg.-Nr. \(skonto.number!) abzgl. 2 % Skonto"]),
            ]),
            E(reference: "R3", credit: true, date: "2026-11-10", transactions: [
                T(amountCents: first.grossCents + second.grossCents, name: "Müller GmbH", unstructured: ["\(first.number!), \(second.number!)"]),
            ]),
            E(reference: "R4", credit: true, date: "2026-11-12", transactions: [
                T(amountCents: 10_000, name: "Müller GmbH", unstructured: ["Teilzahlung \(part.number!)"]),
            ]),
            E(reference: "R5", credit: true, date: "2026-11-12", transactions: [
                T(amountCents: byName.grossCents, name: "MUELLER GMBH", unstructured: ["Ihre Leistung November"]),
            ]),
            E(reference: "R6", credit: true, date: "2026-11-13", transactions: [T(amountCents: 4_711, name: "Unbekannt", unstructured: ["Spende"])]),
            E(reference: "R7", credit: false, date: "2026-11-14", transactions: [T(amountCents: 2_000, name: "Müller GmbH", returnReason: "MD06")]),
            E(reference: "R8", credit: false, date: "2026-11-14", transactions: [T(amountCents: 150_000, name: "Vermieter GmbH", unstructured: ["Miete Dezember"])]),
        ])])
        let statements = try CAMT053Reader.statements(from: Data(xml.utf8))

        // A dry run matches everything and books nothing.
        let dry = try o.bank.importStatements(statements, dryRun: true, by: o.f.db.carol)
        #expect(dry.booked.count == 4 && dry.proposed.count == 1 && dry.unmatched.count == 3, "\(dry)")
        #expect(try o.invoice(plain.id).paidCents == 0)

        let report = try o.bank.importStatements(statements, by: o.f.db.carol)
        #expect(report.booked.map(\.entry.reference) == ["R1", "R2", "R3", "R5"], "\(report.booked.map(\.note))")
        #expect(report.proposed.map(\.entry.reference) == ["R4"])
        #expect(report.proposed[0].note.contains("pays 100,00 of the 357,00 open"))
        #expect(report.unmatched.map(\.entry.reference) == ["R6", "R7", "R8"])
        #expect(report.unmatched[1].note.contains("returned (MD06)"))
        #expect(report.booked[3].note == "by amount and the payer's name")
        for id in [plain.id, skonto.id, first.id, second.id, byName.id] { #expect(try o.invoice(id).status == .paid) }
        #expect(try o.f.invoices.payments(of: skonto.id).map(\.kind) == [.payment, .skonto])
        #expect(try o.invoice(part.id).paidCents == 0)  // proposed, not booked

        // The same statement again books nothing twice.
        let again = try o.bank.importStatements(statements, by: o.f.db.carol)
        #expect(again.alreadyImported == 8 && again.booked.isEmpty)
        #expect(try o.f.invoices.payments(of: plain.id).count == 1)
        // What waits for a person: confirmed, booked elsewhere, or set aside.
        var waiting = try o.bank.waitingEntries()
        #expect(waiting.map(\.state) == ["proposed", "unmatched", "unmatched", "unmatched"])
        #expect(waiting[0].proposals.map(\.number) == [part.number!])
        try o.bank.confirm(waiting[0], by: o.f.db.carol)
        #expect(try o.invoice(part.id).paidCents == 10_000)
        // Confirming the same reading twice is refused: it was dealt with.
        #expect(throws: KontorError.self) { try o.bank.confirm(waiting[0], by: o.f.db.carol) }
        // Money in is never booked to a credit note, and it says so.
        let note = try o.f.invoices.cancel(first.id, expectedVersion: o.invoice(first.id).version, by: o.f.db.carol)
        #expect { try o.bank.book(waiting[1], to: note.number!, by: o.f.db.carol) } throws: {
            ErrorText.describe($0) == "number: \(note.number!) is a credit note: money that came in is booked to an invoice"
        }
        try o.bank.book(waiting[1], to: part.number!, by: o.f.db.carol)
        #expect(try o.invoice(part.id).paidCents == 10_000 + 4_711)
        #expect { try o.bank.book(waiting[3], to: "2026-99999", by: o.f.db.carol) } throws: {
            ErrorText.describe($0) == "number: 2026-99999 is not the number of an invoice or credit note"
        }
        try o.bank.skip(waiting[3], by: o.f.db.carol)
        waiting = try o.bank.waitingEntries()
        #expect(waiting.map(\.note) == ["returned (MD06): the payment it takes back is undone by hand"])
        // The front office may look, not book.
        #expect(throws: KontorError.self) { try o.bank.skip(waiting[0], by: o.f.db.bob) }
    }

    /// Skonto taken after its period: not booked by itself, but proposed
    /// with the Skonto, so that the reviewer grants it with y; n books the
    /// same money as a part payment instead.
    @Test func skontoTakenAfterItsPeriodIsProposedForAPersonToGrant() throws {
        let o = try Office()
        let terms = SkontoOffer.terms(SkontoTerms(percentBP: 200, days: 10))
        let granted = try o.invoice(20_000, skonto: terms)   // 238,00, Skonto 4,76 until 12 November
        let refused = try o.invoice(10_000, skonto: terms)   // 119,00, Skonto 2,38
        let xml = CAMTFixture(version: .v08).xml([.init(id: "2026-11-30", openingCents: 0, entries: [
            E(reference: "L1", credit: true, date: "2026-11-17", transactions: [
                T(amountCents: granted.grossCents - granted.skontoCents, name: "Müller GmbH", unstructured: ["\(granted.number!) abzgl. 2 % Skonto"]),
            ]),
            E(reference: "L2", credit: true, date: "2026-11-13", transactions: [
                T(amountCents: refused.grossCents - refused.skontoCents, name: "Müller GmbH", unstructured: ["\(refused.number!) abzgl. Skonto"]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.booked.isEmpty)
        #expect(report.proposed.map(\.note) == [
            "names \(granted.number!), less its Skonto, though paid 5 days after the Skonto period: y grants it, n books a part payment",
            "names \(refused.number!), less its Skonto, though paid 1 day after the Skonto period: y grants it, n books a part payment",
        ], "\(report.proposed.map(\.note))")
        let waiting = try o.bank.waitingEntries()
        let grant = try #require(waiting.first { $0.proposals.first?.number == granted.number })
        let refuse = try #require(waiting.first { $0.proposals.first?.number == refused.number })
        #expect(grant.proposals.map(\.skontoCents) == [granted.skontoCents] && refuse.proposals.map(\.skontoCents) == [refused.skontoCents])
        // Granted: paid in full, the Skonto booked as such.
        try o.bank.confirm(grant, by: o.f.db.carol)
        #expect(try o.invoice(granted.id).status == .paid)
        #expect(try o.f.invoices.payments(of: granted.id).map(\.kind) == [.payment, .skonto])
        // Not granted: the money is a part payment, the Skonto's amount still owed.
        try o.bank.book(refuse, to: refused.number!, by: o.f.db.carol)
        #expect(try o.invoice(refused.id).status == .issued)
        #expect(try o.invoice(refused.id).grossCents - o.invoice(refused.id).paidCents == refused.skontoCents)
    }

    /// Two part payments proposed on one invoice: once the first is booked,
    /// the second's proposal (made against what was open before) is stale,
    /// and confirming it is refused rather than overpaying the invoice.
    @Test func aProposalMadeStaleByAnotherPaymentIsNotConfirmed() throws {
        let o = try Office()
        let invoice = try o.invoice(22_500)   // 267,75
        func statement(_ id: String, _ cents: Int) throws -> [BankStatement] {
            try CAMT053Reader.statements(from: Data(CAMTFixture(version: .v08).xml([.init(id: id, openingCents: 0, entries: [
                E(reference: id, credit: true, date: "2026-11-20", transactions: [
                    T(amountCents: cents, name: "Smith International", unstructured: ["Invoice \(invoice.number!)"]),
                ]),
            ])]).utf8))
        }
        _ = try o.bank.importStatements(try statement("S1", 10_000), by: o.f.db.carol)
        _ = try o.bank.importStatements(try statement("S2", 24_500), by: o.f.db.carol)
        let waiting = try o.bank.waitingEntries()
        #expect(waiting.count == 2)
        try o.bank.confirm(waiting[0], by: o.f.db.carol)
        #expect(try o.invoice(invoice.id).paidCents == 10_000)
        #expect { try o.bank.confirm(waiting[1], by: o.f.db.carol) } throws: {
            ErrorText.describe($0) == "\(invoice.number!) was paid on since this was proposed: look at what is open on it, then book the entry with n or set it aside (s)"
        }
        #expect(try o.invoice(invoice.id).paidCents == 10_000)
        // Booked by its number instead, the overpayment is said.
        let booking = try o.bank.book(waiting[1], to: invoice.number!, by: o.f.db.carol)
        #expect(booking.overpaidCents == 10_000 + 24_500 - invoice.grossCents)
    }

    /// Money booked before the invoice it names was issued is never taken
    /// as its payment by itself (an old statement, a mistyped number).
    @Test func aPaymentDatedBeforeTheInvoiceIsOnlyProposed() throws {
        let o = try Office()
        let invoice = try o.invoice(10_000)   // issued 2 November 2026
        let xml = CAMTFixture(version: .v08).xml([.init(id: "2019-06", openingCents: 0, entries: [
            E(reference: "OLD", credit: true, date: "2019-06-01", transactions: [
                T(amountCents: invoice.grossCents, name: "Müller GmbH", unstructured: ["RE \(invoice.number!)"]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.booked.isEmpty)
        #expect(report.proposed.map(\.note) == ["names \(invoice.number!), issued on 02.11.2026, after this payment of 01.06.2019: check it"],
                "\(report.proposed.map(\.note))")
        #expect(try o.invoice(invoice.id).paidCents == 0)
    }

    @Test func aStatementOfAnotherAccountThanTheCompanysIsSaidAndOnlyProposed() throws {
        let o = try Office()
        let invoice = try o.invoice(10_000)
        try o.f.db.alice.updateSettings { $0.iban = "DE02 2005 0550 1015 8713 93" }
        func statement(_ iban: String) throws -> [BankStatement] {
            try CAMT053Reader.statements(from: Data(CAMTFixture(version: .v02).xml([.init(id: "S-\(iban.prefix(4))", iban: iban, openingCents: 0, entries: [
                E(reference: "A-\(iban.prefix(4))", credit: true, date: "2026-11-10", transactions: [
                    T(amountCents: invoice.grossCents, name: "Müller GmbH", unstructured: ["Rg \(invoice.number!)"]),
                ]),
            ])]).utf8))
        }
        let other = try o.bank.importStatements(try statement("DE89370400440532013000"), dryRun: true, by: o.f.db.carol)
        #expect(other.otherAccounts == ["DE89370400440532013000"] && other.companyAccount == "DE02200505501015871393")
        // Matched all the same (a business may keep a second account), but
        // only proposed: money seen on another account must not close invoices.
        #expect(other.booked.isEmpty && other.proposed.count == 1, "\(other)")
        #expect(other.proposed.first?.note.hasPrefix("on account DE89370400440532013000, not the company's: booked once confirmed") == true)
        #expect(other.warnings == ["! account DE89370400440532013000 is not the company's (DE02200505501015871393): its matches were only proposed; b confirms them"])
        let own = try o.bank.importStatements(try statement("DE02200505501015871393"), dryRun: true, by: o.f.db.carol)
        #expect(own.otherAccounts.isEmpty && own.booked.count == 1)
    }

    @Test func moneyInBeyondWhatIsOpenIsOwedBackNeverDropped() throws {
        let o = try Office()
        let named = try o.invoice(10_000)
        let other = try o.invoice(20_000)
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S", openingCents: 0, entries: [
            E(reference: "O1", credit: true, date: "2026-11-10", transactions: [
                T(amountCents: named.grossCents + 77, name: "Müller GmbH", unstructured: ["Rg \(named.number!)"]),
            ]),
            E(reference: "O2", credit: true, date: "2026-11-10", transactions: [
                T(amountCents: other.grossCents + 2_576, name: "Max Mustermann", unstructured: ["Danke"]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.proposed.map(\.entry.reference) == ["O1"] && report.proposed[0].note.contains("owed it back"), "\(report)")
        let waiting = try o.bank.waitingEntries()
        #expect(waiting[0].proposals.map(\.amountCents) == [named.grossCents + 77], "the whole amount is proposed")
        try o.bank.confirm(waiting[0], by: o.f.db.carol)
        #expect(try o.invoice(named.id).paidCents == named.grossCents + 77)
        #expect(try o.invoice(named.id).owedToCustomerCents == 77)
        // Booked by hand to another invoice: the whole amount too.
        let booked = try o.bank.book(waiting[1], to: other.number!, by: o.f.db.carol)
        #expect(booked == BankBooking(number: other.number!, bookedCents: other.grossCents + 2_576, overpaidCents: 2_576))
        #expect(try o.invoice(other.id).owedToCustomerCents == 2_576)
        let payments = try o.f.invoices.payments(of: named.id) + o.f.invoices.payments(of: other.id)
        #expect(payments.reduce(0) { $0 + $1.amountCents } == named.grossCents + other.grossCents + 77 + 2_576, "the books hold what the bank holds")
    }

    @Test func moneyOutBeyondWhatIsOwedBackIsNeverHalfBooked() throws {
        let o = try Office()
        let paid = try o.invoice(10_000)
        _ = try o.f.invoices.recordPayment(to: paid.id, amountCents: paid.grossCents, paidOn: "2026-11-03", by: o.f.db.carol)
        let credit = try o.f.invoices.cancel(paid.id, on: "2026-11-04", expectedVersion: try o.invoice(paid.id).version, by: o.f.db.carol)
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S", openingCents: 0, entries: [
            E(reference: "D9", credit: false, date: "2026-11-06", transactions: [
                T(amountCents: paid.grossCents + 5_000, name: "Müller GmbH", unstructured: ["Erstattung \(credit.number!)"]),
            ]),
        ])])
        _ = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        let waiting = try #require(try o.bank.waitingEntries().first)
        #expect(throws: KontorError.self) { try o.bank.confirm(waiting, by: o.f.db.carol) }
        #expect(throws: KontorError.self) { try o.bank.book(waiting, to: credit.number!, by: o.f.db.carol) }
        #expect(try o.invoice(credit.id).owedToCustomerCents == paid.grossCents, "nothing booked")
        #expect(try o.bank.waitingEntries().map(\.id) == [waiting.id], "still waiting for a person")
    }

    @Test func aDebitPayingBackWhatACreditNoteOwesIsItsRefund() throws {
        let o = try Office()
        let paid = try o.invoice(10_000)
        _ = try o.f.invoices.recordPayment(to: paid.id, amountCents: paid.grossCents, paidOn: "2026-11-03", by: o.f.db.carol)
        let credit = try o.f.invoices.cancel(paid.id, on: "2026-11-04", expectedVersion: try o.invoice(paid.id).version, by: o.f.db.carol)
        #expect(credit.owedToCustomerCents == paid.grossCents)
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S", openingCents: 0, entries: [
            E(reference: "D1", credit: false, date: "2026-11-06", transactions: [
                T(amountCents: paid.grossCents, name: "Müller GmbH", unstructured: ["Erstattung \(credit.number!)"]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.booked.count == 1 && report.bookedOutCents == paid.grossCents, "\(report)")
        #expect(try o.invoice(credit.id).owedToCustomerCents == 0)
    }

    @Test func aStatementThatDoesNotAddUpIsRefusedWhole() throws {
        let o = try Office()
        let invoice = try o.invoice(10_000)
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S-BAD", openingCents: 0, entries: [
            E(reference: "X1", credit: true, date: "2026-11-06", transactions: [T(amountCents: invoice.grossCents, unstructured: [invoice.number!])]),
        ], closingCents: 1)])
        let statements = try CAMT053Reader.statements(from: Data(xml.utf8))
        let message = "\((try? o.bank.importStatements(statements, by: o.f.db.carol)).map { "\($0)" } ?? "")"
        #expect(message.isEmpty)
        #expect(throws: KontorError.self) { try o.bank.importStatements(statements, by: o.f.db.carol) }
        #expect(try o.invoice(invoice.id).paidCents == 0)
    }

    @Test func invoiceNumbersAreFoundHoweverTheyAreWritten() {
        let years = [2026, 2025]
        #expect(InvoiceReferences.candidates(in: "RE 2026 42", years: years) == ["2026-00042"])
        #expect(InvoiceReferences.candidates(in: "Rg.-Nr. 2026-00042", years: years) == ["2026-00042"])
        #expect(InvoiceReferences.candidates(in: "RE202600042 danke", years: years) == ["2026-00042"])
        #expect(InvoiceReferences.candidates(in: "Gutschrift CN-2026-00003", years: years) == ["CN-2026-00003"])
        #expect(InvoiceReferences.candidates(in: "Rechnung 42", years: years) == ["2026-00042", "2025-00042"])
        #expect(InvoiceReferences.candidates(in: "2026-00042, 2026-00043", years: years) == ["2026-00042", "2026-00043"])
        #expect(InvoiceReferences.candidates(in: "Kundennr 1202600042", years: years).isEmpty)
        #expect(InvoiceReferences.candidates(in: "Spende", years: years).isEmpty)
    }

    @Test func entriesWithoutAReferenceOrWithOneUsedBeforeAreEachImportedOnce() throws {
        let o = try Office()
        let first = try o.invoice(10_000), second = try o.invoice(1_000)   // 119,00 and 11,90
        func statement(_ id: String, _ entries: [E]) throws -> [BankStatement] {
            try CAMT053Reader.statements(from: Data(CAMTFixture(version: .v02).xml([.init(id: id, openingCents: 0, entries: entries)]).utf8))
        }
        // Two different credits, both "NONREF", and two equal ones on one day.
        let nonref = [
            E(reference: "NONREF", credit: true, date: "2026-11-10", transactions: [T(amountCents: first.grossCents, name: "Müller GmbH", unstructured: ["RE \(first.number!)"])]),
            E(reference: "NONREF", credit: true, date: "2026-11-10", transactions: [T(amountCents: second.grossCents, name: "Müller GmbH", unstructured: ["RE \(second.number!) Rest"])]),
            E(reference: "NONREF", credit: true, date: "2026-11-11", transactions: [T(amountCents: 500, name: "Spender", unstructured: ["Spende"])]),
            E(reference: "NONREF", credit: true, date: "2026-11-11", transactions: [T(amountCents: 500, name: "Spender", unstructured: ["Spende"])]),
        ]
        var report = try o.bank.importStatements(try statement("S-1", nonref), by: o.f.db.carol)
        #expect(report.entries == 4 && report.alreadyImported == 0)
        #expect(try o.invoice(first.id).status == .paid && o.invoice(second.id).status == .paid)
        // Read again, alone or in an overlapping statement: nothing twice.
        report = try o.bank.importStatements(try statement("S-1", nonref), by: o.f.db.carol)
        #expect(report.alreadyImported == 4)
        report = try o.bank.importStatements(try statement("S-2", Array(nonref.suffix(2))), by: o.f.db.carol)
        #expect(report.alreadyImported == 2)

        // A reference of the bank's given again to another entry: imported, and said.
        let again = [E(reference: "2026111000001", credit: true, date: "2026-11-12", transactions: [T(amountCents: 700, name: "X", unstructured: ["a"])])]
        let other = [E(reference: "2026111000001", credit: true, date: "2026-11-13", transactions: [T(amountCents: 900, name: "Y", unstructured: ["b"])])]
        _ = try o.bank.importStatements(try statement("S-3", again), by: o.f.db.carol)
        report = try o.bank.importStatements(try statement("S-4", other), by: o.f.db.carol)
        #expect(report.alreadyImported == 0 && report.reusedReferences == ["2026111000001"])
        #expect(report.warnings.last?.contains("2026111000001") == true)
        report = try o.bank.importStatements(try statement("S-4", other), by: o.f.db.carol)
        #expect(report.alreadyImported == 1 && report.reusedReferences.isEmpty)
        let stored = try o.f.db.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bank_entries")! }
        #expect(stored == 6)
    }

    /// Imports before kept "NONREF" as the reference of the first entry
    /// that had it: that entry, read again, is still known.
    @Test func anEntryStoredUnderAPlaceholderBeforeIsNotImportedAgain() throws {
        let o = try Office()
        try o.f.db.database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO bank_entries (account, reference, statement_id, booking_date, amount_cents, counterparty_name, counterparty_iban,
                                          remittance, state, note, imported_at, imported_by, updated_at, updated_by)
                VALUES ('DE02200505501015871393', 'NONREF', 'S-0', '2026-11-11', 500, 'Spender', '', 'Spende', 'unmatched', '', '', 'carol', '', 'carol')
                """)
        }
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S-0", openingCents: 0, entries: [
            E(reference: "NONREF", credit: true, date: "2026-11-11", transactions: [T(amountCents: 500, name: "Spender", unstructured: ["Spende"])]),
            E(reference: "NONREF", credit: true, date: "2026-11-11", transactions: [T(amountCents: 700, name: "Spender", unstructured: ["Spende"])]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.alreadyImported == 1 && report.unmatched.count == 1 && report.unmatched.first?.entry.amountCents == 700)
    }

    /// A transfer for an invoice already paid waits for review; booked to
    /// it by hand, it is an overpayment the customer is owed back.
    @Test func aSecondTransferForAPaidInvoiceCanBeBookedToIt() throws {
        let o = try Office()
        let invoice = try o.invoice(10_000)
        try o.f.invoices.recordPayment(to: invoice.id, amountCents: invoice.grossCents, paidOn: "2026-11-09", by: o.f.db.carol)
        let xml = CAMTFixture(version: .v02).xml([.init(id: "S-9", openingCents: 0, entries: [
            E(reference: "TWICE-1", credit: true, date: "2026-11-10", transactions: [
                T(amountCents: invoice.grossCents, name: "Müller GmbH", unstructured: ["RE \(invoice.number!)"]),
            ]),
        ])])
        let report = try o.bank.importStatements(try CAMT053Reader.statements(from: Data(xml.utf8)), by: o.f.db.carol)
        #expect(report.booked.isEmpty)
        let waiting = try #require(try o.bank.waitingEntries().first)
        let booked = try o.bank.book(waiting, to: invoice.number!, by: o.f.db.carol)
        #expect(booked.bookedCents == invoice.grossCents && booked.overpaidCents == invoice.grossCents)
        #expect(try o.invoice(invoice.id).owedToCustomerCents == invoice.grossCents)
        #expect(try o.bank.waitingEntries().isEmpty)
    }
}
