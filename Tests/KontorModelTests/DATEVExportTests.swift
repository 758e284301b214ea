import Foundation
import GRDB
import KontorCSV
@testable import KontorModel
import Testing
import TestSupport

/// A month of a business's books, on a real database: invoices at 7 % and
/// 19 %, reverse charge and an intra-community supply to Italy, Skonto
/// taken, an invoice paid, cancelled and refunded, and an October invoice
/// paid in November; with `dunningFee`, a dunning run on 20 November
/// whose reminder costs 2,50, the person's fee paid 1,00 by transfer and
/// 0,50 in cash, 0,50 waived and 0,50 left open.
final class DATEVBooks {
    let business: InvoiceBusiness
    var alice: Session { business.alice }
    let mueller: Customer
    let milano: Customer
    let person: Customer
    var november: [Invoice] = []
    let october: Invoice
    let folder: URL
    /// The fees the November run charged, as they are after the export's period.
    var fees: [DunningFee] = []

    init(chart: ChartOfAccounts = .skr03, accountLength: Int = 4, fiscalYearStart: MonthDay = MonthDay(month: 1, day: 1),
         accounts: [DATEVAccount: Int] = [:], dunningFee: Bool = false) throws {
        business = try InvoiceBusiness()
        folder = business.folder
        var settings = try business.alice.settings()
        settings.datev = DATEVSettings(consultant: 1_234_567, client: 10_001, fiscalYearStart: fiscalYearStart, chart: chart, accountLength: accountLength,
                                       accounts: accounts)
        try business.alice.saveSettings(settings)
        mueller = try business.customer("Müller & Söhne GmbH", vatID: "DE123456788")
        milano = try business.customer("Jäger Feinkost S.r.l.", street: "Via Roma 1", postalCode: "20121", city: "Milano", country: "IT",
                                       vatID: "IT32918642301")
        person = try business.customer("Eva Maria Öztürk", kind: .person)
        let b = business
        october = try b.issue(person, [b.line(b.grinder, Quantity(1))], on: "2026-10-15", delivery: "2026-10-14")
        try b.invoices.recordPayment(to: october.id, amountCents: 5_000, paidOn: "2026-11-03", by: alice)

        // 3 × 12,50 at 7 % and 89,90 at 19 %, 2 % Skonto within 10 days, taken.
        let mixed = try b.issue(mueller, [b.line(b.coffee, Quantity(3)), b.line(b.grinder, Quantity(1))], on: "2026-11-02",
                                skonto: .terms(SkontoTerms(percentBP: 200, days: 10)))
        try b.invoices.recordPayment(to: mixed.id, amountCents: mixed.grossCents - mixed.skontoCents, paidOn: "2026-11-05",
                                     takingSkonto: true, by: alice)
        // Two hours of advice (reverse charge) and a grinder (intra-community supply).
        let italy = try b.issue(milano, [b.line(b.consulting, Quantity(2), unit: "Std"), b.line(b.grinder, Quantity(1))], on: "2026-11-03")
        // Paid in cash, cancelled, the money given back.
        let cancelled = try b.issue(mueller, [b.line(b.grinder, Quantity(2))], on: "2026-11-04")
        let paid = try b.invoices.recordPayment(to: cancelled.id, amountCents: cancelled.grossCents, paidOn: "2026-11-06", method: .cash, by: alice)
        let note = try b.invoices.cancel(cancelled.id, on: "2026-11-10", expectedVersion: paid.version, by: alice)
        try b.invoices.recordRefund(from: note.id, amountCents: cancelled.grossCents, paidOn: "2026-11-12", by: alice)
        // Issued on the last day, unpaid.
        let open = try b.issue(person, [b.line(b.consulting, Quantity(milli: 1_500), unit: "Std")], on: "2026-11-30")
        november = try [mixed, italy, cancelled, note, open].map { try b.invoices.find(id: $0.id)! }
        guard dunningFee else { return }
        try alice.updateSettings { $0.dunning.feesCents = [250, 500, 500, 1000] }
        let letters = try alice.sendDunning(try b.database.dunningRun(on: "2026-11-20")) { _ in }
        let personFee = try #require(try b.database.dunning.openFees(ofCustomer: person.id).first)
        try alice.settleDunningFee(personFee.id, cents: 100, on: "2026-11-24")
        try alice.settleDunningFee(personFee.id, cents: 50, on: "2026-11-25", method: "cash")
        try alice.settleDunningFee(personFee.id, cents: 50, as: .waiver, on: "2026-11-26")
        fees = try letters.compactMap { try b.database.dunning.fee(ofLetter: $0.fileName) }
    }

    func export(from: String = "2026-11-01", to: String = "2026-11-30", by session: Session? = nil) throws -> (result: DATEVExportResult, file: EXTFFile) {
        let path = folder.appendingPathComponent("EXTF_\(UUID().uuidString).csv").path
        let result = try (session ?? alice).exportDATEVBookings(from: from, to: to, path: path,
                                                               created: Date(timeIntervalSince1970: 1_796_000_000))
        return (result, try EXTFFile(path: path))
    }
}

/// An EXTF file read back as DATEV reads it: Windows-1252, `;`, quotes.
struct EXTFFile {
    let bytes: [UInt8]
    let records: [[String]]
    /// The lines as written, between CRLFs.
    let rawLines: [String]

    init(path: String) throws {
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let reader = CSVReader(bytes: bytes, dialect: .datev)
        var records: [[String]] = []
        while let record = reader.next() {
            #expect(record.problems.isEmpty, "line \(record.line): \(record.problems)")
            records.append(record.fields)
        }
        self.records = records
        rawLines = TextEncoding.windows1252.decode(bytes)!.components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    var header: [String] { records[0] }
    var columns: [String] { records[1] }
    var rows: [[String]] { Array(records.dropFirst(2)) }

    /// The value of a column by its name, in a row.
    func value(_ row: [String], _ column: String) -> String { row[columns.firstIndex(of: column)!] }

    /// A booking line's amount in cents, read as DATEV reads it ("1234,56").
    func cents(_ row: [String]) -> Int {
        let text = value(row, "Umsatz (ohne Soll/Haben-Kz)")
        let parts = text.split(separator: ",")
        return Int(parts[0])! * 100 + Int(parts[1])!
    }
}

@Suite("DATEV bookings")
struct DATEVBookingTests {
    /// SKR03's revenue accounts, as DATEV's chart numbers them: which VAT group each takes.
    static let revenue: [String: (TaxCategory, VATRate)] = [
        "8400": (.standard, .standard), "8300": (.standard, .reduced), "8336": (.reverseCharge, .zero),
        "8125": (.intraCommunity, .zero), "8120": (.export, .zero), "8100": (.exempt, .zero), "8290": (.zeroRated, .zero),
        "8338": (.notSubject, .zero),
    ]

    /// Accounts an advisor might keep elsewhere: 19 % revenue, the bank, the fee account.
    static let overrides: [DATEVAccount: Int] = [.revenue19: 8401, .bank: 1210, .dunningFees: 2651]

    /// The chart's SKR03 account, or the one set instead, as the file writes it.
    static func account(_ account: DATEVAccount, _ overrides: [DATEVAccount: Int]) -> String {
        String(overrides[account] ?? ChartOfAccounts.skr03.standard(account))
    }

    /// The same file, whatever accounts it books onto: each document once,
    /// balanced, and its VAT recomputed from the gross on the revenue
    /// accounts equal to the documents' own.
    @Test(arguments: [[:], Self.overrides])
    func theFileHoldsEveryDocumentOnceBalancedWithItsVAT(accounts: [DATEVAccount: Int]) throws {
        let books = try DATEVBooks(accounts: accounts, dunningFee: true)
        let (_, file) = try books.export()
        // Which VAT group each revenue account takes, with the accounts set instead of the chart's.
        var revenue: [String: (TaxCategory, VATRate)] = [:]
        for (_, group) in Self.revenue { revenue[Self.account(.revenue(group.0, group.1), accounts)] = group }
        #expect(revenue.count == Self.revenue.count)
        let revenueRows = file.rows.filter { revenue[file.value($0, "Gegenkonto (ohne BU-Schlüssel)")] != nil }

        // Every document issued in November, and no other, once per VAT group.
        let numbers = Set(books.november.map { $0.number! })
        #expect(Set(revenueRows.map { file.value($0, "Belegfeld 1") }) == numbers)
        #expect(!numbers.contains(books.october.number!))
        let pairs = revenueRows.map { file.value($0, "Belegfeld 1") + "/" + file.value($0, "Gegenkonto (ohne BU-Schlüssel)") }
        #expect(pairs.count == Set(pairs).count, "a document's group appears twice: \(pairs)")

        // Per document: what the lines debit equals what they credit, and the customer is charged the gross.
        var debits: [String: Int] = [:], credits: [String: Int] = [:], customer: [String: Int] = [:]
        for row in revenueRows {
            let document = file.value(row, "Belegfeld 1"), amount = file.cents(row)
            let debitsKonto = file.value(row, "Soll/Haben-Kennzeichen") == "S"
            debits[document, default: 0] += amount
            credits[document, default: 0] += amount
            customer[document, default: 0] += debitsKonto ? amount : -amount
            #expect(file.value(row, "Konto").count == 5, "the customer's account is in Konto")
        }
        for document in books.november {
            let number = document.number!
            #expect(debits[number] == credits[number])
            #expect(customer[number] == document.grossCents, "\(number): the customer is charged \(customer[number] ?? 0), the document is over \(document.grossCents)")
        }

        // VAT per category and rate, as DATEV computes it from the gross on its automatic accounts, equals the documents' VAT.
        var fileVAT: [String: Int] = [:], fileNet: [String: Int] = [:]
        for row in revenueRows {
            let account = file.value(row, "Gegenkonto (ohne BU-Schlüssel)")
            let (category, rate) = revenue[account]!
            let sign = file.value(row, "Soll/Haben-Kennzeichen") == "S" ? 1 : -1
            let gross = file.cents(row)
            let net = (gross * 10_000 + (10_000 + rate.rawValue) / 2) / (10_000 + rate.rawValue)
            fileVAT["\(category.code) \(rate.rawValue)", default: 0] += sign * (gross - net)
            fileNet["\(category.code) \(rate.rawValue)", default: 0] += sign * net
        }
        var documentVAT: [String: Int] = [:], documentNet: [String: Int] = [:]
        for document in books.november {
            for group in try books.business.invoices.totals(of: document.id).byRate {
                documentVAT["\(group.category.code) \(group.rate.rawValue)", default: 0] += group.vatCents
                documentNet["\(group.category.code) \(group.rate.rawValue)", default: 0] += group.netCents
            }
        }
        #expect(fileVAT == documentVAT)
        #expect(fileNet == documentNet)
        #expect(Set(documentVAT.keys) == ["S 1900", "S 700", "AE 0", "K 0"])

        // Every dunning fee once, charged on its letter's date onto 2650 (or the account set) without a tax key (no VAT: damages);
        // per letter the customer is charged the fee and credited what was paid and waived in the period.
        #expect(!books.fees.isEmpty)
        let feeRows = file.rows.filter { file.value($0, "Belegfeld 1").hasPrefix("Mahnung-") }
        #expect(feeRows.allSatisfy { file.value($0, "BU-Schlüssel").isEmpty && file.value($0, "Konto").count == 5 })
        var feeNet: [String: Int] = [:]
        for row in feeRows {
            feeNet[file.value(row, "Belegfeld 1"), default: 0] += file.value(row, "Soll/Haben-Kennzeichen") == "S" ? file.cents(row) : -file.cents(row)
        }
        for fee in books.fees {
            let charged = feeRows.filter { file.value($0, "Belegfeld 1") == fee.reference && file.value($0, "Soll/Haben-Kennzeichen") == "S" }
            #expect(charged.count == 1, "\(fee.reference) charged \(charged.count) times")
            #expect(charged.map { file.value($0, "Gegenkonto (ohne BU-Schlüssel)") } == [Self.account(.dunningFees, accounts)])
            #expect(charged.map(file.cents) == [fee.amountCents])
            #expect(charged.map { file.value($0, "Belegdatum") } == ["2011"])
            #expect(feeNet[fee.reference] == fee.openCents, "\(fee.reference): the customer's side ends at what is open on the fee")
        }
        // The person's fee: 1,00 to the bank, 0,50 to the cash box, 0,50 waived back onto the fee account.
        let personFee = try #require(books.fees.first { $0.customerID == books.person.id })
        let settled = feeRows.filter { file.value($0, "Belegfeld 1") == personFee.reference && file.value($0, "Soll/Haben-Kennzeichen") == "H" }
            .map { "\(file.value($0, "Gegenkonto (ohne BU-Schlüssel)")) \(file.cents($0)) \(file.value($0, "Belegdatum"))" }
        let (bank, cash, fees) = (Self.account(.bank, accounts), Self.account(.cash, accounts), Self.account(.dunningFees, accounts))
        #expect(settled == ["\(bank) 100 2411", "\(cash) 50 2511", "\(fees) 50 2611"])
        #expect(personFee.openCents == 50)
        // Every line of the file balances, and the customer's account moves as Kontor's documents and fees do.
        #expect(file.rows.allSatisfy { !file.value($0, "Gegenkonto (ohne BU-Schlüssel)").isEmpty && file.cents($0) > 0 })
    }

    @Test func moneyAndSkontoGoAgainstBankCashAndTheSkontoAccountsOfTheGroups() throws {
        let books = try DATEVBooks()
        let (_, file) = try books.export()
        func rows(_ account: String) -> [[String]] { file.rows.filter { file.value($0, "Gegenkonto (ohne BU-Schlüssel)") == account } }
        let mixed = books.november[0], cancelled = books.november[2], note = books.november[3]

        // The bank: the Skonto payment, the October invoice's partial payment (Haben on the customer), the refund (Soll).
        let bank = rows("1200").map { (file.value($0, "Belegfeld 1"), file.value($0, "Soll/Haben-Kennzeichen"), file.cents($0)) }
        #expect(bank.count == 3)
        #expect(bank.contains { $0 == (mixed.number!, "H", mixed.grossCents - mixed.skontoCents) })
        #expect(bank.contains { $0 == (books.october.number!, "H", 5_000) })
        #expect(bank.contains { $0 == (note.number!, "S", cancelled.grossCents) })
        // Cash into the cash box.
        #expect(rows("1000").map { file.cents($0) } == [cancelled.grossCents])

        // Skonto split over 7 % and 19 % in the groups' proportion, to the cent.
        let skonto = rows("8731") + rows("8736")
        #expect(skonto.count == 2)
        #expect(skonto.allSatisfy { file.value($0, "Soll/Haben-Kennzeichen") == "H" && file.value($0, "Belegfeld 1") == mixed.number! })
        #expect(skonto.map(file.cents).reduce(0, +) == mixed.skontoCents)
        let totals = try books.business.invoices.totals(of: mixed.id)
        let reducedGross = totals.byRate.first { $0.rate == .reduced }.map { $0.netCents + $0.vatCents }!
        let reducedShare = file.cents(rows("8731")[0])
        #expect(abs(reducedShare * mixed.grossCents - mixed.skontoCents * reducedGross) <= mixed.grossCents, "7 % share \(reducedShare)")

        // The customer's account ends where Kontor's balance of the month's movements ends.
        var movement: [String: Int] = [:]
        for row in file.rows {
            movement[file.value(row, "Konto"), default: 0] += file.value(row, "Soll/Haben-Kennzeichen") == "S" ? file.cents(row) : -file.cents(row)
        }
        let account = try books.business.database.read { db in
            try Int.fetchOne(db, sql: "SELECT account FROM datev_debtors WHERE customer_id = ?", arguments: [books.milano.id])!
        }
        #expect(movement[String(account)] == books.november[1].grossCents)
    }

    /// VAT arises for the period of the supply: a document supplied on
    /// another day than its date says when, in Leistungsdatum.
    @Test func aDocumentSuppliedOnAnotherDayCarriesItsDayOfSupply() throws {
        let books = try DATEVBooks()
        let (_, october) = try books.export(from: "2026-10-01", to: "2026-10-31")
        let supplied = october.rows.filter { october.value($0, "Belegfeld 1") == books.october.number! && october.value($0, "Belegdatum") == "1510" }
        #expect(!supplied.isEmpty && supplied.allSatisfy { october.value($0, "Leistungsdatum") == "14102026" }, "\(supplied)")
        let b = books.business
        let sameDay = try b.issue(books.mueller, [b.line(b.coffee, Quantity(1))], on: "2026-11-30", delivery: nil)
        let (_, november) = try books.export()
        let plain = november.rows.filter { november.value($0, "Belegfeld 1") == sameDay.number! }
        #expect(!plain.isEmpty && plain.allSatisfy { november.value($0, "Leistungsdatum").isEmpty }, "no day of supply when it is the document's date")
        let open = november.rows.filter { november.value($0, "Belegfeld 1") == books.november.last!.number! }
        #expect(!open.isEmpty && open.allSatisfy { november.value($0, "Leistungsdatum") == "30102026" })
    }

    @Test func theHeaderSaysWhoseBooksAndWhichPeriod() throws {
        let books = try DATEVBooks()
        let (result, file) = try books.export()
        let h = file.header
        #expect(h.count == 31)
        #expect(Array(h[0...4]) == ["EXTF", "700", "21", "Buchungsstapel", "13"])
        #expect(h[5].count == 17 && h[5].allSatisfy(\.isNumber), "created \(h[5])")
        #expect(h[8] == "alice")
        #expect(Array(h[10...15]) == ["1234567", "10001", "20260101", "4", "20261101", "20261130"])
        #expect(h[21] == "EUR" && h[26] == "03")
        #expect(file.columns.count == 125)
        #expect(Array(file.columns.prefix(3)) == ["Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz"])
        #expect(file.rows.allSatisfy { $0.count == 125 })
        #expect(result.records == file.rows.count)
        // Text fields of the header are quoted, numbers are not.
        #expect(file.rawLines[0].hasPrefix("\"EXTF\";700;21;\"Buchungsstapel\";13;"))
    }

    @Test func textIsWindows1252AmountsAreDATEVsNumbers() throws {
        let books = try DATEVBooks()
        let (_, file) = try books.export()
        // "Müller & Söhne GmbH" in Windows-1252: ü is FC, ö is F6; no UTF-8 anywhere, no byte order mark.
        let mueller = Array("Müller & Söhne".utf8)
        #expect(!file.bytes.starts(with: TextEncoding.byteOrderMark))
        #expect(file.bytes.firstRange(of: mueller) == nil)
        #expect(file.bytes.firstRange(of: [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0x26, 0x20, 0x53, 0xF6, 0x68, 0x6E, 0x65]) != nil)
        #expect(file.rows.contains { file.value($0, "Buchungstext").contains("Müller & Söhne GmbH") })
        // CRLF after every line, and nowhere a bare LF.
        let crlf = zip(file.bytes, file.bytes.dropFirst()).filter { $0 == (0x0D, 0x0A) }.count
        #expect(crlf == file.records.count)
        #expect(file.bytes.filter { $0 == 0x0A }.count == crlf)

        for (line, row) in zip(file.rawLines.dropFirst(2), file.rows) {
            let amount = file.value(row, "Umsatz (ohne Soll/Haben-Kz)")
            #expect(amount.wholeMatch(of: /[1-9][0-9]*,[0-9]{2}|0,[0-9][1-9]|0,[1-9][0-9]/) != nil, "amount \(amount)")
            #expect(["S", "H"].contains(file.value(row, "Soll/Haben-Kennzeichen")))
            #expect(file.value(row, "Belegdatum").wholeMatch(of: /(0[1-9]|[12][0-9]|3[01])11/) != nil)
            // The side, the document and the text are quoted; the amount and accounts are not.
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            #expect(fields[0].first != "\"" && fields[1] == "\"\(file.value(row, "Soll/Haben-Kennzeichen"))\"")
            #expect(fields[10].hasPrefix("\"") && fields[13].hasPrefix("\"") && fields[6].allSatisfy(\.isNumber))
        }
        // The invoice's due date as Fälligkeit, DDMMYYYY.
        let open = books.november[4]
        let due = file.rows.first { file.value($0, "Belegfeld 1") == open.number! }.map { file.value($0, "Fälligkeit") }
        #expect(due == EXTF.dayMonthYear(open.dueDate!))
    }

    @Test func debtorAccountsAreGivenOnceAndKept() throws {
        let books = try DATEVBooks()
        func accounts() throws -> [Int64: Int] {
            try books.business.database.read { db in
                try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT customer_id, account FROM datev_debtors").map { ($0["customer_id"], $0["account"]) })
            }
        }
        let first = try books.export()
        #expect(first.result.newDebtors == 3)
        let given = try accounts()
        #expect(given.values.sorted() == [10_000, 10_001, 10_002])
        // In the customers' order, so the first customer has the first account.
        #expect(given[books.mueller.id] == 10_000 && given[books.milano.id] == 10_001 && given[books.person.id] == 10_002)

        // A newcomer gets the next number; the others keep theirs, in the debtors' file too.
        let b = books.business
        let newcomer = try b.customer("Ärztehaus Nord")
        _ = try b.issue(newcomer, [b.line(b.coffee, Quantity(1))], on: "2026-11-30")
        let second = try books.export()
        #expect(second.result.newDebtors == 1)
        var expected = given
        expected[newcomer.id] = 10_003
        #expect(try accounts() == expected)
        let konten = { (file: EXTFFile) in Set(file.rows.map { file.value($0, "Konto") }) }
        #expect(konten(first.file).isSubset(of: konten(second.file)))
        let debtors = books.folder.appendingPathComponent("EXTF_Debitoren.csv").path
        #expect(try books.alice.exportDATEVDebtors(path: debtors).newDebtors == 0)
        #expect(try accounts() == expected)

        // Given once: the database refuses a change, and the audit log says who gave it.
        for change in ["UPDATE datev_debtors SET account = 10009", "DELETE FROM datev_debtors"] {
            do {
                try b.database.write { db in try db.execute(sql: change + " WHERE customer_id = ?", arguments: [newcomer.id]) }
                Issue.record("\(change) was allowed")
            } catch {
                #expect("\(error)".contains("kept once given"), "\(error)")
            }
        }
        let history = try b.database.history(of: "customer", id: newcomer.id)
        #expect(history.contains { $0.action == "datev debtor" && $0.newValue == "10003" && $0.actor == "alice" })
    }

    @Test func skr04AndALongerAccountLengthNumberTheAccounts() throws {
        let books = try DATEVBooks(chart: .skr04, accountLength: 5, dunningFee: true)
        let (_, file) = try books.export()
        let contra = Set(file.rows.map { file.value($0, "Gegenkonto (ohne BU-Schlüssel)") })
        #expect(contra == ["44000", "43000", "43360", "41250", "18000", "16000", "47310", "47360", "71000"])
        #expect(Set(file.rows.map { file.value($0, "Konto") }) == ["100000", "100001", "100002"])
        #expect(file.header[13] == "5" && file.header[26] == "04")
    }

    @Test func aBatchLiesInOneCalendarAndOneFiscalYear() throws {
        let books = try DATEVBooks(fiscalYearStart: MonthDay(month: 7, day: 1))
        #expect(throws: KontorError.self) { try books.export(from: "2026-12-01", to: "2027-01-31") }
        #expect(throws: KontorError.self) { try books.export(from: "2026-06-01", to: "2026-07-31") }
        #expect(throws: KontorError.self) { try books.export(from: "2026-11-30", to: "2026-11-01") }
        let (_, file) = try books.export()
        #expect(file.header[12] == "20260701")
        #expect(try books.export(from: "2026-01-01", to: "2026-06-30").file.header[12] == "20250701")
    }

    @Test func onlyTheBackOfficeExportsAndOnlyOnceTheAdvisorIsNamed() throws {
        let books = try DATEVBooks()
        try books.alice.staffDirectory.add(StaffFields(username: "ben", fullName: "Ben Front"), role: .front)
        let ben = try books.business.database.session(for: Actor(username: "ben"))
        #expect(throws: KontorError.self) { try books.export(by: ben) }
        #expect(try books.business.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM datev_debtors") } == 0)

        try books.alice.updateSettings { $0.datev.consultant = nil }
        do {
            _ = try books.export()
            Issue.record("exported without a consultant number")
        } catch let error as KontorError {
            #expect("\(error)".contains("consultant number"))
        }
        #expect(throws: KontorError.self) { try books.alice.updateSettings { $0.datev.client = 100_000 } }
    }
}

@Suite("DATEV debtors and open items")
struct DATEVDebtorAndOpenItemTests {
    @Test func theDebtorsFileHoldsNameAddressAndVATIdByAccount() throws {
        let books = try DATEVBooks()
        let path = books.folder.appendingPathComponent("EXTF_Debitoren.csv").path
        let result = try books.alice.exportDATEVDebtors(path: path)
        #expect(result.records == 3 && result.newDebtors == 3)
        let file = try EXTFFile(path: path)
        #expect(Array(file.header[0...4]) == ["EXTF", "700", "16", "Debitoren/Kreditoren", "5"])
        #expect(file.header.count == 31 && file.columns.count == 254)
        #expect(file.rows.allSatisfy { $0.count == 254 })
        #expect(file.rows.map { file.value($0, "Konto") } == ["10000", "10001", "10002"])
        let mueller = file.rows[0], milano = file.rows[1], person = file.rows[2]
        #expect(file.value(mueller, "Name (Adressattyp Unternehmen)") == "Müller & Söhne GmbH")
        #expect(file.value(mueller, "Adressattyp") == "2")
        #expect(file.value(mueller, "Straße") == "Großer Burstah 7" && file.value(mueller, "Ort") == "Hamburg")
        #expect(file.value(mueller, "Postleitzahl") == "20457" && file.value(mueller, "Land") == "DE")
        #expect(file.value(milano, "EU-Land") == "IT" && file.value(milano, "EU-UStID") == "32918642301")
        #expect(file.value(person, "Name (Adressattyp natürl. Person)") == "Öztürk")
        #expect(file.value(person, "Vorname (Adressattyp natürl. Person)") == "Eva Maria")
        #expect(file.value(person, "Adressattyp") == "1")
        #expect(file.bytes.firstRange(of: [0xD6, 0x7A, 0x74, 0xFC, 0x72, 0x6B]) != nil, "Öztürk in Windows-1252")
    }

    /// The debtors' file after `change` to the Italian customer (account
    /// 10001), and that customer's row.
    private func italianDebtor(after change: String) throws -> (file: EXTFFile, row: [String]) {
        let books = try DATEVBooks()
        try books.business.database.write { db in try db.execute(sql: change + " WHERE vat_id LIKE 'IT%'") }
        let path = books.folder.appendingPathComponent("EXTF_Debitoren.csv").path
        _ = try books.alice.exportDATEVDebtors(path: path)
        let file = try EXTFFile(path: path)
        return (file, try #require(file.rows.first { file.value($0, "Konto") == "10001" }))
    }

    @Test func aVATIdFromOutsideTheEUIsNoEUVATId() throws {
        let (file, swiss) = try italianDebtor(after: "UPDATE customers SET vat_id = 'CHE259678794'")
        #expect(file.value(swiss, "EU-Land").isEmpty && file.value(swiss, "EU-UStID").isEmpty, "\(file.value(swiss, "EU-Land"))")
    }

    /// A name in other letters is written in Latin ones, and only then cut
    /// to its field's length: 北京华通科技有限公司 is ten characters, but forty
    /// in Latin letters, too long for the fifteen of the short name.
    @Test func aFieldIsCutToItsLengthInTheLettersItIsWrittenIn() throws {
        let (file, chinese) = try italianDebtor(after: "UPDATE customers SET name = '北京华通科技有限公司'")
        #expect(file.value(chinese, "Kurzbezeichnung") == "bei jing hua to", "\(file.value(chinese, "Kurzbezeichnung"))")
        #expect(file.value(chinese, "Name (Adressattyp Unternehmen)").hasPrefix("bei jing hua tong"))
        #expect(file.rows.allSatisfy { file.value($0, "Kurzbezeichnung").count <= 15 })
    }

    /// A person's name is split into surname and first names as written,
    /// before it is put into Latin letters, and without what stands in brackets.
    @Test func aPersonsNameIsSplitAsWritten() throws {
        var (file, person) = try italianDebtor(after: "UPDATE customers SET kind = 'person', name = '欧阳娜娜 (Ouyang Nana)'")
        #expect(file.value(person, "Name (Adressattyp natürl. Person)") == "ou yang na na" && file.value(person, "Vorname (Adressattyp natürl. Person)").isEmpty,
                "\(file.value(person, "Name (Adressattyp natürl. Person)")) / \(file.value(person, "Vorname (Adressattyp natürl. Person)"))")
        (file, person) = try italianDebtor(after: "UPDATE customers SET kind = 'person', name = 'Eva Maria Öztürk (geb. Schmidt)'")
        #expect(file.value(person, "Name (Adressattyp natürl. Person)") == "Öztürk" && file.value(person, "Vorname (Adressattyp natürl. Person)") == "Eva Maria")
    }

    @Test func theOpenItemsAddUpToTheCustomersBalances() throws {
        let books = try DATEVBooks(dunningFee: true)
        let invoices = books.business.invoices
        let today = CalendarDate.today()
        let list = try invoices.openItems(asOf: today)
        for customer in [books.mueller, books.milano, books.person] {
            #expect(list.byCustomer[customer.id, default: 0] == (try invoices.balance(of: customer.id).openCents), "\(customer.name)")
        }
        let balances = try [books.mueller, books.milano, books.person].map { try invoices.balance(of: $0.id).openCents }.reduce(0, +)
        #expect(list.totalCents == balances)
        #expect(list.totalCents > 0)
        // Paid documents are not open items; the open ones are, and each open dunning fee is an item of its own.
        let feeItems = Set(books.fees.map { "\($0.reference) Gebühr" })
        #expect(Set(list.items.map(\.number)) == Set([books.october.number!, books.november[1].number!, books.november[4].number!]).union(feeItems))
        let personFee = try #require(books.fees.first { $0.customerID == books.person.id })
        let feeItem = try #require(list.items.first { $0.dunningFeeID == personFee.id })
        #expect(feeItem.number == "\(personFee.reference) Gebühr" && feeItem.openCents == 50 && feeItem.issueDate == "2026-11-20")
        #expect(feeItem.documentID == books.october.id, "opening the fee shows the invoice its letter dunned")
        #expect(try invoices.balance(of: books.person.id).openFeesCents == 50)
        #expect(list.items.last { $0.customerID == books.person.id }?.isDunningFee == true, "a customer's fees after their documents")
        // In order: each customer's items together, their documents by date and number, then their fees.
        var customers: [Int64] = []
        for item in list.items where customers.last != item.customerID {
            #expect(!customers.contains(item.customerID), "\(item.customerName) comes twice")
            customers.append(item.customerID)
        }
        #expect(customers.count == 2, "two of the three have something open")
        for customer in customers {
            let theirs = list.items.filter { $0.customerID == customer }.map { ($0.isDunningFee ? 1 : 0, $0.issueDate, $0.number) }
            #expect(theirs.map(\.2) == theirs.sorted { $0 < $1 }.map(\.2))
        }
        // As of 24 November the person's fee had 1,00 paid of 2,50; before the letter it was not there.
        #expect(try invoices.openItems(asOf: "2026-11-24").items.first { $0.dunningFeeID == personFee.id }?.openCents == 150)
        #expect(try invoices.openItems(asOf: "2026-11-19").items.allSatisfy { !$0.isDunningFee })

        // As of November 2nd, before the October invoice's partial payment: its whole gross was open, and nothing issued later.
        let earlier = try invoices.openItems(asOf: "2026-11-02")
        let october = try #require(earlier.items.first { $0.number == books.october.number! })
        #expect(october.openCents == books.october.grossCents)
        #expect(october.daysOverdue(on: "2026-11-02") == CalendarDate.days(from: books.october.dueDate!, to: "2026-11-02")!)
        #expect(Set(earlier.items.map(\.number)) == [books.october.number!, books.november[0].number!])
    }

    @Test func theOpenItemsCSVEndsWithTheTotal() throws {
        let books = try DATEVBooks()
        let path = books.folder.appendingPathComponent("op.csv").path
        let list = try books.alice.exportOpenItems(asOf: CalendarDate.today(), to: path)
        let reader = try CSVReader(path: path, dialect: .excel)
        var records: [[String]] = []
        while let record = reader.next() { records.append(record.fields) }
        #expect(records.first?.first == "Customer")
        #expect(records.count == list.items.count + 2)
        #expect(records.last?[8] == Session.amount(Int64(list.totalCents), decimalComma: true))
        #expect(records.dropFirst().dropLast().map { $0[2] } == list.items.map(\.number))
    }
}
