import KontorLocale
import Foundation
import KontorCSV

/// Where a bank's CSV export keeps what an entry needs, found by the
/// headers the German banks write. Headers are compared folded: case,
/// umlauts written as two letters, blanks and punctuation aside
/// ("Begünstigter / Zahlungspflichtiger" is "Beguenstigter/Zahlungspflichtiger").
struct Columns {
    private var headers: [String]
    private var date: Int
    private var amount: Int?
    private var debit: Int?
    private var credit: Int?
    private var name: Int?
    private var payer: Int?
    private var payee: Int?
    private var status: Int?
    private var iban: Int?
    private var purpose: [Int]
    private var kind: Int?
    private var endToEnd: Int?
    private var ownAccount: Int?
    private var currency: Int?
    private var balance: Int?

    static let dateNames = ["buchungstag", "buchungsdatum", "buchung", "datum", "bookingdate", "date"]
    static let amountNames = ["betrag", "betrageur", "betrag€", "umsatz", "umsatzineur", "betragineur", "amount", "amounteur"]
    static let debitNames = ["soll", "sollbetrag", "ausgang", "debit"]
    static let creditNames = ["haben", "habenbetrag", "eingang", "credit"]
    /// One column for the other side whichever way the money went…
    static let nameNames = ["beguenstigterzahlungspflichtiger", "auftraggeberempfaenger", "namezahlungsbeteiligter", "zahlungspflichtigerbeguenstigter",
                            "empfaengerauftraggeber", "gegenpartei", "name", "payerpayee", "counterparty"]
    /// …or one for who paid (read on a credit) and one for who was paid (on a debit).
    static let payerNames = ["zahlungspflichtiger", "zahlungspflichtigerin", "auftraggeber", "payer"]
    static let payeeNames = ["zahlungsempfaengerin", "zahlungsempfaenger", "empfaenger", "beguenstigter", "payee"]
    static let ibanNames = ["kontonummeriban", "ibanzahlungsbeteiligter", "iban", "gegenkonto", "gegenkontoiban", "kontonummer", "counterpartyiban"]
    static let purposeNames = ["verwendungszweck", "purpose", "reference", "buchungsinformation"]
    static let kindNames = ["buchungstext", "umsatzart", "vorgang", "transactiontype"]
    static let endToEndNames = ["kundenreferenzendtoend", "endtoendreferenz", "kundenreferenz", "endtoendid"]
    static let ownAccountNames = ["auftragskonto", "ibanauftragskonto", "ibanauftraggeberkonto", "eigeneskonto"]
    static let currencyNames = ["waehrung", "currency"]
    static let balanceNames = ["saldo", "kontostand", "saldonachbuchung", "balance"]
    /// Whether the line is booked or only pending ("Umsatz vorgemerkt"):
    /// pending lines are left out, as a camt.053 leaves them out.
    static let statusNames = ["info", "status"]

    /// The columns of a header line, or nil when the line is no header
    /// (a preamble line): it must name a booking date and an amount (or
    /// debit and credit columns).
    init?(header fields: [String]) {
        let folded = fields.map(Self.fold)
        func first(_ names: [String]) -> Int? {
            for name in names { if let at = folded.firstIndex(of: name) { return at } }
            return nil
        }
        guard let date = first(Self.dateNames) else { return nil }
        let amount = first(Self.amountNames)
        let debit = first(Self.debitNames), credit = first(Self.creditNames)
        guard amount != nil || (debit != nil && credit != nil) else { return nil }
        headers = fields
        self.date = date
        self.amount = amount
        self.debit = amount == nil ? debit : nil
        self.credit = amount == nil ? credit : nil
        name = first(Self.nameNames)
        payer = first(Self.payerNames)
        payee = first(Self.payeeNames)
        status = first(Self.statusNames)
        let own = first(Self.ownAccountNames)
        ownAccount = own
        iban = first(Self.ibanNames).flatMap { $0 == own ? nil : $0 }
        let purposes = Self.purposeNames.compactMap { folded.firstIndex(of: $0) }
        purpose = purposes
        kind = first(Self.kindNames)
        endToEnd = first(Self.endToEndNames)
        currency = first(Self.currencyNames)
        balance = first(Self.balanceNames)
    }

    /// The header as the bank wrote it, for messages.
    func name(of field: Int) -> String {
        field < headers.count ? headers[field] : tr("field {0}", field + 1)
    }

    /// The entry on a line of the table; nil for a line that books nothing
    /// (a summary line without a date, as some banks add at the end).
    func entry(_ record: CSVRecord, file: String) throws -> BankCSVLine? {
        let fields = record.fields
        func cell(_ at: Int?) -> String {
            guard let at, at < fields.count else { return "" }
            return fields[at].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func refuse(_ column: Int, _ message: String) -> BankFileError {
            BankFileError(file: file, line: record.line, element: name(of: column), message: message)
        }
        let dateText = cell(date)
        if dateText.isEmpty { return nil }
        guard let bookingDate = CellDate.parse(dateText) ?? Self.shortGermanDate(dateText) else {
            throw refuse(date, tr("not a date: '{0}' (write 31.12.2026 or 2026-12-31)", Self.shown(dateText)))
        }
        let cents: Int
        if let amount {
            cents = try Self.money(cell(amount), column: amount, signed: true, refuse: refuse)
        } else {
            let out = cell(debit).isEmpty ? 0 : try Self.money(cell(debit), column: debit!, signed: true, refuse: refuse)
            let into = cell(credit).isEmpty ? 0 : try Self.money(cell(credit), column: credit!, signed: true, refuse: refuse)
            cents = abs(into) - abs(out)
        }
        if cents == 0 { throw refuse(amount ?? credit!, tr("the amount is zero or missing")) }
        if let currency, !cell(currency).isEmpty, cell(currency).uppercased() != "EUR", cell(currency) != "€" {
            throw refuse(currency, tr("is in {0}: Kontor books euros only", Self.shown(cell(currency))))
        }
        if Self.fold(cell(status)).contains("vorgemerkt") || Self.fold(cell(status)).contains("pending") { return nil }
        let kindText = cell(kind)
        // Without a purpose column (Commerzbank) the booking text carries it.
        let purposeText = purpose.isEmpty ? kindText : purpose.map(cell).filter { !$0.isEmpty }.joined(separator: " ")
        let counterparty = name.map(cell) ?? cell(cents > 0 ? payer : payee)
        let returned = Self.isReturn(kindText + " " + purposeText)
        var entry = BankEntry(reference: "", amountCents: cents, bookingDate: bookingDate, counterpartyName: counterparty,
                              counterpartyIBAN: cell(iban).filter { !$0.isWhitespace }.uppercased(),
                              remittance: purposeText, endToEndID: Self.endToEnd(cell(endToEnd)),
                              returnReason: returned ? "" : nil, line: record.line)
        if entry.counterpartyIBAN.count < 15 { entry.counterpartyIBAN = "" }
        let own = cell(ownAccount).filter { !$0.isWhitespace }.uppercased()
        var balanceCents: Int?
        if let balance, !cell(balance).isEmpty {
            balanceCents = try Self.money(cell(balance), column: balance, signed: true, refuse: refuse)
        }
        return BankCSVLine(entry: entry, ownAccount: own.isEmpty ? nil : own, balanceCents: balanceCents)
    }

    /// "NOTPROVIDED" and friends are no reference.
    static func endToEnd(_ text: String) -> String {
        BankReference.isPlaceholder(text) ? "" : text
    }

    /// A returned direct debit or transfer, as the booking text says it.
    static func isReturn(_ text: String) -> Bool {
        let folded = fold(text)
        return ["ruecklastschrift", "rueckueberweisung", "retoure", "rueckbuchung"].contains { folded.contains($0) }
    }

    /// "1.234,56", "-12,00", "1234.56 €": cents, signed.
    static func money(_ text: String, column: Int, signed: Bool, refuse: (Int, String) -> BankFileError) throws -> Int {
        switch CellNumber.parse(text, scale: 2, decimalComma: true, allowNegative: signed) {
        case let .success(value):
            guard abs(value) < 1_000_000_000_000 else { throw refuse(column, tr("the amount '{0}' is too large", shown(text))) }
            return Int(value)
        case let .failure(problem):
            throw refuse(column, tr("the amount '{0}' {1}", shown(text), problem))
        }
    }

    /// "31.12.26": two-digit years, as some banks write the booking day.
    static func shortGermanDate(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 2, let year = Int(parts[2]) else { return nil }
        return CellDate.parse("\(parts[0]).\(parts[1]).\(2000 + year)")
    }

    /// A header folded for comparison: lower case, umlauts as two letters,
    /// nothing but letters, digits and the euro sign.
    static func fold(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            switch character {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            case "€": out += "€"
            default: if character.isASCII && (character.isLetter || character.isNumber) { out.append(character) }
            }
        }
        return out
    }

    /// A cell shown in a message: control characters made visible, long
    /// values cut.
    static func shown(_ text: String) -> String {
        let visible = String(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "?" : Character($0) })
        return visible.count > 40 ? String(visible.prefix(40)) + "…" : visible
    }
}
