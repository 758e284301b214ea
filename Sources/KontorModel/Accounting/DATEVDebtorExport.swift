import Foundation
import GRDB
import KontorCSV

extension Session {
    /// Writes the debtors as DATEV master data (EXTF 700, category 16
    /// "Debitoren/Kreditoren", version 5) to `path`: every customer with
    /// an issued document or a debtor account, by account, with name,
    /// address, VAT id, phone and e-mail. Customers without a debtor
    /// account get one, the same the bookings export would give. Back
    /// office, managers and admins; one transaction.
    @discardableResult
    public func exportDATEVDebtors(path: String, created: Date = Date()) throws -> DATEVExportResult {
        try write(.writeBackOffice) { db in
            let settings = try CompanySettings.read(db)
            if let missing = settings.datev.missing { throw KontorError.rule(missing) }
            let customers = try Set(Int64.fetchAll(db, sql: """
                SELECT DISTINCT customer_id FROM invoices WHERE issue_date IS NOT NULL
                UNION SELECT customer_id FROM datev_debtors
                """))
            let known = try Int.fetchOne(db, sql: "SELECT count(*) FROM datev_debtors") ?? 0
            let accounts = try DebtorNumbers.accounts(db, for: customers, accountLength: settings.datev.accountLength, session: self)
            let added = (try Int.fetchOne(db, sql: "SELECT count(*) FROM datev_debtors") ?? 0) - known
            let today = CalendarDate.today()
            let fiscalYear = (try? DATEVPeriod.fiscalYearStart(from: today, to: today, start: settings.datev.fiscalYearStart)) ?? today

            let writer = try Self.openWriter(path: path, dialect: .datev)
            var written = 0
            do {
                try writer.write(EXTF.header(.debtors, settings: settings.datev, fiscalYearStart: fiscalYear, period: nil,
                                             label: "Kontor Debitoren", exportedBy: username, created: created))
                try writer.write(EXTFColumns.debtors.map { .text($0) })
                let cursor = try Customer.fetchCursor(db, sql: """
                    SELECT c.* FROM customers c JOIN datev_debtors d ON d.customer_id = c.id ORDER BY d.account
                    """)
                while let customer = try cursor.next() {
                    guard let account = accounts[customer.id] else { continue }
                    try writer.write(Self.debtorLine(customer, account: account))
                    written += 1
                }
                try writer.close()
            } catch {
                writer.discard()
                throw error
            }
            return DATEVExportResult(path: path, records: written, newDebtors: added)
        }
    }

    /// One debtor: a company by its name, a person by surname and first
    /// name (the last word is taken as the surname); the VAT id split into
    /// its country and number, as DATEV keeps them.
    static func debtorLine(_ customer: Customer, account: Int) -> [CSVCell] {
        var cells = [CSVCell](repeating: .number(""), count: EXTFColumns.debtors.count)
        func set(_ column: String, _ cell: CSVCell) { cells[EXTFColumns.debtorPositions[column]!] = cell }
        func text(_ column: String, _ value: String, max: Int) { set(column, .quoted(DATEVText.field(value, max: max))) }
        let f = customer.fields
        set("Konto", .number(String(account)))
        if f.kind == .person {
            // What stands in brackets ("(Ouyang Nana)", "(geb. Schmidt)") is
            // a note on the name, not its last word: left out of the split.
            let name = f.name.replacingOccurrences(of: #"\s*[(（][^)）]*[)）]"#, with: "", options: .regularExpression)
            // Split as written, before Latin letters are made of it: 山田太郎
            // is one word here, "shan tian tai lang" four.
            let words = (name.isEmpty ? f.name : name).split(whereSeparator: \.isWhitespace)
            text("Name (Adressattyp natürl. Person)", words.last.map(String.init) ?? "", max: 30)
            text("Vorname (Adressattyp natürl. Person)", words.dropLast().joined(separator: " "), max: 30)
            set("Adressattyp", .quoted("1"))
        } else {
            text("Name (Adressattyp Unternehmen)", f.name, max: 50)
            set("Adressattyp", .quoted("2"))
        }
        text("Kurzbezeichnung", f.name, max: 15)
        // An EU VAT id only (`VATID.isEU`): a Swiss "CHE…" is none, and went
        // in as country CH, id "E…".
        let vatID = VATID.normalized(f.vatID)
        if vatID.count > 2, VATID.isEU(vatID) {
            text("EU-Land", String(vatID.prefix(2)), max: 2)
            text("EU-UStID", String(vatID.dropFirst(2)), max: 13)
        }
        if !f.street.isEmpty || !f.city.isEmpty { set("Adressart", .quoted("STR")) }
        text("Straße", f.street, max: 36)
        text("Postleitzahl", f.postalCode, max: 10)
        text("Ort", f.city, max: 30)
        text("Land", f.country.uppercased(), max: 2)
        text("Telefon", f.phone, max: 60)
        text("E-Mail", f.email, max: 60)
        text("Ansprechpartner", f.contactName, max: 40)
        text("Kunden-/Lief.-Nr.", String(customer.id), max: 15)
        return cells
    }
}
