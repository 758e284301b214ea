import KontorLocale
import Foundation
import KontorCSV
import KontorText

/// Reads the account statement a German bank's online banking exports as CSV
/// (Sparkasse "CSV-CAMT", ING, DKB, Commerzbank, Volksbank and the like):
/// the fallback for a bank, or a period, that gives no camt.053.
///
/// The file's dialect (separator, UTF-8 or Windows-1252, line ends) is
/// found as for any import (`CSVDialect.detect`). Banks put a few lines of
/// preamble above the table (the account, the period, a balance): the table
/// starts at the first line that names both a booking date and an amount
/// column, and the preamble is searched for the account's IBAN. Columns are
/// found by their header, however the bank spells it (`Buchungstag`,
/// `Buchungsdatum`; `Betrag`, `Betrag (€)`, or `Soll` and `Haben`;
/// `Beguenstigter/Zahlungspflichtiger`, `Auftraggeber/Empfänger`, …).
///
/// A CSV export carries no reference of the bank's for an entry, so one is
/// made from what the line says (date, amount, counterparty, purpose) and
/// how often the same line came before it in the file: importing the same
/// export twice, or an overlapping one, books each entry once. Nor does it
/// carry balances to check against; where it has a running balance column,
/// each line's balance is checked against the one before.
public enum BankCSVReader {
    /// The statement in a CSV export. `name` names it in messages and is
    /// the statement's id.
    public static func statement(from bytes: [UInt8], name: String) throws -> BankStatement {
        let dialect = CSVDialect.detect(sample: Array(bytes.prefix(1 << 16)))
        let reader = CSVReader(bytes: bytes, dialect: dialect)
        var preamble: [CSVRecord] = []
        var columns: Columns?
        var entries: [BankEntry] = []
        var seen: [String: Int] = [:]
        var ownAccounts = Set<String>()
        var balanceCheck = RunningBalance()
        while let record = reader.next() {
            if let problem = record.problems.first {
                throw BankFileError(file: name, line: record.line, element: problem.field.map { columns?.name(of: $0) ?? tr("field {0}", $0 + 1) } ?? "",
                                    message: problem.description)
            }
            if record.isBlank { continue }
            guard let table = columns else {
                if let found = Columns(header: record.fields) { columns = found } else { preamble.append(record) }
                continue
            }
            guard let line = try table.entry(record, file: name) else { continue }
            if let own = line.ownAccount { ownAccounts.insert(own) }
            try balanceCheck.check(line, record: record, file: name)
            let key = line.identity
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            var entry = line.entry
            entry.reference = BankReference.made("csv-", identity: key, occurrence: occurrence)
            entries.append(entry)
        }
        guard columns != nil else {
            throw BankFileError(file: name, line: 1, element: "", message: tr("is neither a camt.053 statement nor a bank's CSV export: no line names a booking date and an amount column (Buchungstag, Betrag)"))
        }
        if ownAccounts.count > 1 {
            throw BankFileError(file: name, line: 0, element: "Auftragskonto", message: tr("holds the entries of {0} accounts; export one account per file", ownAccounts.count))
        }
        guard let account = ownAccounts.first ?? Self.account(in: preamble) else {
            throw BankFileError(file: name, line: 1, element: "", message: tr("names no account: neither a column Auftragskonto nor an IBAN above the table"))
        }
        let dates = entries.map(\.bookingDate).sorted()
        let id = "CSV \(account) \(dates.first ?? "")…\(dates.last ?? "")"
        var statement = BankStatement(id: id, account: account, currency: "EUR", opening: nil, closing: nil, entries: entries)
        statement.listsNotedEntries = true
        return statement
    }

    /// An IBAN in the preamble ("IBAN;DE02 1203 0000 0000 2020 51", or
    /// "Konto;DE02…"): the first cell that reads as one.
    static func account(in preamble: [CSVRecord]) -> String? {
        for record in preamble {
            for field in record.fields {
                let compact = field.filter { !$0.isWhitespace }.uppercased()
                if Self.looksLikeIBAN(compact) { return compact }
                // "Girokonto DE02…" or "Konto: DE02…": the IBAN after a word.
                for word in field.split(whereSeparator: { $0 == " " || $0 == ":" }) where Self.looksLikeIBAN(String(word).uppercased()) {
                    return String(word).uppercased()
                }
            }
        }
        return nil
    }

    /// Two letters, two check digits, then 11 to 30 letters and digits; the
    /// check digits are verified (ISO 13616, mod 97).
    static func looksLikeIBAN(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard (15...34).contains(chars.count), chars[0...1].allSatisfy({ $0 >= 65 && $0 <= 90 }),
              chars[2...3].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              chars.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else { return false }
        var remainder = 0
        for byte in chars[4...] + chars[0..<4] {
            if byte >= 65 { remainder = (remainder * 100 + Int(byte - 55)) % 97 } else { remainder = (remainder * 10 + Int(byte - 48)) % 97 }
        }
        return remainder == 1
    }
}

/// A running balance column ("Saldo"), checked line by line in whichever
/// order the bank lists the entries (newest first is common).
struct RunningBalance {
    private var previous: (balance: Int, amount: Int)?
    private var newestFirst: Bool?

    mutating func check(_ line: BankCSVLine, record: CSVRecord, file: String) throws {
        guard let balance = line.balanceCents else { return }
        defer { previous = (balance, line.entry.amountCents) }
        guard let previous else { return }
        let oldestFirst = previous.balance + line.entry.amountCents == balance
        let newest = balance + previous.amount == previous.balance
        switch newestFirst {
        case nil where oldestFirst || newest: newestFirst = !oldestFirst
        case false? where oldestFirst, true? where newest: break
        default:
            throw BankFileError(file: file, line: record.line, element: "Saldo",
                                message: tr("the balance {0} does not follow from the line before it and the amounts: the export is incomplete or was edited", BankCSVLine.euros(balance)))
        }
    }
}

/// One line of the table, read.
struct BankCSVLine {
    var entry: BankEntry
    var ownAccount: String?
    var balanceCents: Int?

    /// What makes two lines the same booking.
    var identity: String {
        [entry.bookingDate, String(entry.amountCents), entry.counterpartyName, entry.counterpartyIBAN, entry.remittance].joined(separator: "\u{1F}")
    }

    static func euros(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        return "\(sign)\(value / 100),\(value % 100 < 10 ? "0" : "")\(value % 100) €"
    }
}
