import Foundation
import KontorBankFiles
import KontorCSV
import KontorLocale
@testable import KontorModel
import TestSupport
import Testing

/// The fallback where a bank gives no camt.053: its CSV export, as the big
/// German banks write it (preamble, their headers, Windows-1252, two-digit
/// years, newest first), read into the same entries and matched the same way.
@Suite("Bank statements as CSV")
struct BankCSVTests {
    /// Sparkasse's "CSV-CAMT V2": one `;` line per entry, the account in a
    /// column, two-digit years, Windows-1252, pending lines marked in `Info`.
    static func sparkasse(_ lines: [(date: String, kind: String, purpose: String, name: String, iban: String, amount: String, info: String)]) -> [UInt8] {
        var text = "\"Auftragskonto\";\"Buchungstag\";\"Valutadatum\";\"Buchungstext\";\"Verwendungszweck\";\"Glaeubiger ID\";\"Mandatsreferenz\";"
            + "\"Kundenreferenz (End-to-End)\";\"Sammlerreferenz\";\"Lastschrift Ursprungsbetrag\";\"Auslagenersatz Ruecklastschrift\";"
            + "\"Beguenstigter/Zahlungspflichtiger\";\"Kontonummer/IBAN\";\"BIC (SWIFT-Code)\";\"Betrag\";\"Waehrung\";\"Info\"\r\n"
        for l in lines {
            text += "\"DE02120300000000202051\";\"\(l.date)\";\"\(l.date)\";\"\(l.kind)\";\"\(l.purpose)\";\"\";\"\";\"NOTPROVIDED\";\"\";\"\";\"\";"
                + "\"\(l.name)\";\"\(l.iban)\";\"BYLADEM1001\";\"\(l.amount)\";\"EUR\";\"\(l.info)\"\r\n"
        }
        return windows1252(text)
    }

    static func windows1252(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar { case "€": return 0x80
            default: precondition(scalar.value < 256, "not in Windows-1252: \(scalar)"); return UInt8(scalar.value) }
        }
    }

    /// ING's export: a preamble with the IBAN, then the table, newest first,
    /// with the running balance.
    static let ing = """
        Umsatzanzeige;Datei erstellt am: 05.12.2026 09:12
        ;Letztes Update: aktuell

        IBAN;DE02 1203 0000 0000 2020 51
        Kontoname;Girokonto
        Bank;ING
        Kunde;Müller Handel GmbH
        Zeitraum;01.11.2026 - 30.11.2026
        Saldo;2.338,00;EUR

        Sortierung;Datum absteigend

        In der CSV-Datei finden Sie alle bereits gebuchten Umsätze. Die vorgemerkten Umsätze werden nicht aufgenommen.

        Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Notiz;Verwendungszweck;Saldo;Währung;Betrag;Währung
        14.11.2026;14.11.2026;Vermieter GmbH;Lastschrift;;Miete Dezember;2.338,00;EUR;-1.500,00;EUR
        12.11.2026;12.11.2026;Jäger KG;Gutschrift;;RE 2026 00002;3.838,00;EUR;238,00;EUR
        05.11.2026;05.11.2026;Jäger KG;Gutschrift;;Rg.-Nr. 2026-00001 danke;3.600,00;EUR;1.100,00;EUR

        """

    @Test func sparkasseExportIsReadWithItsAccountTwoDigitYearsAndUmlauts() throws {
        let bytes = Self.sparkasse([
            ("05.11.26", "GUTSCHR. UEBERWEISUNG", "RE 2026 42 Danke", "Müller & Söhne GmbH", "DE89370400440532013000", "119,00", "Umsatz gebucht"),
            ("06.11.26", "FOLGELASTSCHRIFT", "Strom November", "Stadtwerke Köln", "DE44500105175407324931", "-1.234,56", "Umsatz gebucht"),
            ("07.11.26", "RUECKLASTSCHRIFT", "Lastschrift 2026-00007", "Weiß AG", "DE89370400440532013000", "-20,00", "Umsatz gebucht"),
            ("08.11.26", "GUTSCHR. UEBERWEISUNG", "vorgemerkt", "Jäger KG", "", "50,00", "Umsatz vorgemerkt"),
        ])
        #expect(bytes.contains(0xFC))  // "ü" as one byte: the file is Windows-1252
        let statement = try BankCSVReader.statement(from: bytes, name: "umsaetze.csv")
        #expect(statement.account == "DE02120300000000202051")
        // The pending line is left for the export that books it.
        #expect(statement.entries.map(\.amountCents) == [11_900, -123_456, -2_000])
        #expect(statement.entries.map(\.bookingDate) == ["2026-11-05", "2026-11-06", "2026-11-07"])
        #expect(statement.entries[0].counterpartyName == "Müller & Söhne GmbH")
        #expect(statement.entries[0].counterpartyIBAN == "DE89370400440532013000")
        #expect(statement.entries[0].remittance == "RE 2026 42 Danke")
        #expect(statement.entries[0].endToEndID == "")
        #expect(statement.entries[2].returnReason == "")
        #expect(statement.entries[0].returnReason == nil)
        // References are made from the line, the same on every read, different per line.
        let again = try BankCSVReader.statement(from: bytes, name: "other-name.csv")
        #expect(again.entries.map(\.reference) == statement.entries.map(\.reference))
        #expect(Set(statement.entries.map(\.reference)).count == 3)
    }

    @Test func ingExportFindsTheAccountAboveTheTableAndChecksTheRunningBalance() throws {
        let statement = try BankCSVReader.statement(from: Array(Self.ing.utf8), name: "ing.csv")
        #expect(statement.account == "DE02120300000000202051")
        #expect(statement.entries.map(\.amountCents) == [-150_000, 23_800, 110_000])
        #expect(statement.entries[1].counterpartyName == "Jäger KG")
        #expect(statement.entries[1].remittance == "RE 2026 00002")
        // A line whose balance does not follow is an edited or cut export: refused with its line.
        let edited = Self.ing.replacingOccurrences(of: "3.838,00;EUR;238,00", with: "3.838,00;EUR;283,00")
        let error = try #require(throws: BankFileError.self) { try BankCSVReader.statement(from: Array(edited.utf8), name: "ing.csv") }
        #expect(error.file == "ing.csv" && error.element == "Saldo" && error.line == 18, "\(error)")
    }

    @Test func twoEqualLinesAreTwoEntriesAndAnOverlappingExportBooksEachOnce() throws {
        let line = ("03.11.26", "GUTSCHR. UEBERWEISUNG", "Spende", "Anna Schmidt", "", "10,00", "Umsatz gebucht")
        let november = try BankCSVReader.statement(from: Self.sparkasse([line, line]), name: "a.csv")
        #expect(november.entries.count == 2 && november.entries[0].reference != november.entries[1].reference)
        let later = try BankCSVReader.statement(from: Self.sparkasse([line, line,
            ("04.11.26", "GUTSCHR. UEBERWEISUNG", "Spende", "Anna Schmidt", "", "10,00", "Umsatz gebucht")]), name: "b.csv")
        #expect(Array(later.entries.prefix(2)).map(\.reference) == november.entries.map(\.reference))

        let f = try InvoiceFixture()
        let first = try f.db.database.bank.importStatements([november], by: f.db.carol)
        #expect(first.entries == 2 && first.unmatched.count == 2)
        let second = try f.db.database.bank.importStatements([later], by: f.db.carol)
        #expect(second.alreadyImported == 2 && second.unmatched.count == 1)
    }

    @Test("a line of a bank's CSV dated after today is only noted for booking: left out, said so, taken in on a later import")
    func aLineDatedAfterTodayIsLeftOut() throws {
        let o = try BankStatementTests.Office()
        let paid = try o.invoice(10_000), later = try o.invoice(20_000)
        let today = CalendarDate.german(CalendarDate.today()), tomorrow = CalendarDate.german(try #require(CalendarDate.adding(days: 1, to: CalendarDate.today())))
        let text = "Auftragskonto;Buchungstag;Verwendungszweck;Beguenstigter/Zahlungspflichtiger;Betrag;Waehrung\n"
            + "DE02120300000000202051;\(today);\(paid.number!);Müller GmbH;\(Money.format(cents: paid.grossCents));EUR\n"
            + "DE02120300000000202051;\(tomorrow);\(later.number!);Müller GmbH;\(Money.format(cents: later.grossCents));EUR\n"
        let statement = try BankCSVReader.statement(from: Array(text.utf8), name: "umsaetze.csv")
        let report = try o.bank.importStatements([statement], by: o.f.db.carol)
        #expect(report.booked.count == 1 && report.notYetBooked == 1, "\(report.booked.map(\.note))")
        #expect(report.warnings.contains { $0.contains("1 entries dated after today were left out") }, "\(report.warnings)")
        #expect(try o.invoice(later.id).paidCents == 0, "money not yet come is not booked")
        // Not stored: the same file again leaves it out again (and takes it in after that day).
        let again = try o.bank.importStatements([statement], by: o.f.db.carol)
        #expect(again.alreadyImported == 1 && again.notYetBooked == 1 && again.booked.isEmpty)
        #expect(try o.f.db.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bank_entries") } == 1)
    }

    @Test func badLinesAreRefusedWithFileLineAndColumn() throws {
        func refusal(_ text: String) throws -> BankFileError {
            try #require(throws: BankFileError.self) { try BankCSVReader.statement(from: Array(text.utf8), name: "k.csv") }
        }
        let header = "Auftragskonto;Buchungstag;Verwendungszweck;Beguenstigter/Zahlungspflichtiger;Betrag;Waehrung\n"
        let amount = try refusal(header + "DE02120300000000202051;05.11.2026;x;y;12,00\nDE02120300000000202051;06.11.2026;x;y;zwölf\n")
        #expect(amount.line == 3 && amount.element == "Betrag" && amount.message.contains("'zwölf' is not a number"), "\(amount)")
        let date = try refusal(header + "DE02120300000000202051;31.02.2026;x;y;12,00\n")
        #expect(date.line == 2 && date.element == "Buchungstag" && date.message.contains("not a date"), "\(date)")
        let currency = try refusal(header + "DE02120300000000202051;05.11.2026;x;y;12,00;USD\n")
        #expect(currency.element == "Waehrung" && currency.message.contains("euros only"), "\(currency)")
        let escape = try refusal(header + "DE02120300000000202051;05.11.2026;x;y;\u{1B}[31m12\n")
        #expect(!escape.description.contains("\u{1B}") && escape.description.contains("?[31m12"), "\(escape)")
        let noAccount = try refusal("Buchungstag;Betrag\n05.11.2026;12,00\n")
        #expect(noAccount.message.contains("names no account"), "\(noAccount)")
        let notAStatement = try refusal("Name;Ort\nMüller;Köln\n")
        #expect(notAStatement.message.contains("neither a camt.053 statement nor a bank's CSV export"), "\(notAStatement)")
        let quote = try refusal(header + "DE02120300000000202051;05.11.2026;\"open;y;12,00\n")
        #expect(quote.message.contains("quote") && quote.line == 2, "\(quote)")
        // In German, in German.
        try Language.$scoped.withValue(.german) {
            let amount = try refusal(header + "DE02120300000000202051;05.11.2026;x;y;zwölf\n")
            #expect(amount.message == "der Betrag 'zwölf' ist keine Zahl", "\(amount)")
            let date = try refusal(header + "DE02120300000000202051;31.02.2026;x;y;12,00\n")
            #expect(date.message.hasPrefix("kein Datum: '31.02.2026'"), "\(date)")
        }
    }

    @Test func aCSVExportIsMatchedAndBookedLikeAStatement() throws {
        let f = try InvoiceFixture()
        func invoice(_ net: Int) throws -> Invoice {
            let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [
                InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Psch", unitPriceCents: net),
            ], by: f.db.carol)
            return try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        }
        let one = try invoice(10_000)   // 119,00
        let two = try invoice(20_000)   // 238,00
        let serial = Int(two.number!.suffix(5))!
        let text = Self.ing
            .replacingOccurrences(of: "Rg.-Nr. 2026-00001 danke;3.600,00;EUR;1.100,00", with: "Rg.-Nr. \(one.number!) danke;2.619,00;EUR;119,00")
            .replacingOccurrences(of: "RE 2026 00002;3.838,00;EUR;238,00", with: "RE 2026 \(serial);2.857,00;EUR;238,00")
            .replacingOccurrences(of: "Lastschrift;;Miete Dezember;2.338,00", with: "Lastschrift;;Miete Dezember;1.357,00")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bank-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("Umsätze.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let report = try f.db.database.bank.importFiles([path], by: f.db.carol)
        #expect(report.booked.count == 2 && report.unmatched.count == 1, "\(report)")
        #expect(try f.invoices.find(id: one.id)?.status == .paid)
        #expect(try f.invoices.find(id: two.id)?.status == .paid)
        let again = try f.db.database.bank.importFiles([path], by: f.db.carol)
        #expect(again.alreadyImported == 3 && again.booked.isEmpty)
    }
}
