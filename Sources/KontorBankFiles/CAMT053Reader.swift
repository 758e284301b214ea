import KontorLocale
import CXMLReader
import Foundation
import KontorCSV

/// Reads ISO 20022 camt.053 bank-to-customer statements (the format German
/// banks deliver since MT940 was retired), any version of the namespace
/// `urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN` (.02 and .08 are what
/// German banks send). Streaming (libxml2's reader: no tree, no network, no
/// external entities), so a statement of ten thousand entries stays small
/// and is read in a fraction of the time matching it takes. Only booked
/// entries are kept; each transaction of a batch booking becomes an entry
/// of its own. A file that is not a statement, or an entry without amount,
/// sign or date, is refused with the line and element.
public enum CAMT053Reader {
    public static func statements(from data: Data) throws -> [BankStatement] {
        try read(data) { _ in true }
    }

    /// The statements, each entry and each whole statement also handed to
    /// `each` as soon as it is read (`StatementFeed` books the first
    /// entries while the rest are read); reading stops when it says false.
    static func read(_ data: Data, each: @escaping (StatementFeed.Item) -> Bool) throws -> [BankStatement] {
        guard data.count < Int32.max else { throw BankFileError(line: 0, element: "", message: tr("is larger than 2 GB")) }
        return try data.withUnsafeBytes { buffer in
            // libxml2 reads the bytes in place, by their count.
            guard let bytes = buffer.baseAddress?.assumingMemoryBound(to: CChar.self), !buffer.isEmpty else {
                throw BankFileError(line: 1, element: "", message: tr("not well-formed XML (the file is empty)"))
            }
            guard let reader = kontor_xml_reader_new(bytes, Int32(buffer.count)) else {
                throw BankFileError(line: 0, element: "", message: tr("cannot be read (out of memory)"))
            }
            defer { kontor_xml_reader_free(reader) }
            return try read(reader, each: each)
        }
    }

    /// The reader's events, in order, to the delegate; the first failure thrown.
    private static func read(_ reader: OpaquePointer, each: @escaping (StatementFeed.Item) -> Bool) throws -> [BankStatement] {
        let delegate = Delegate(reader: reader, each: each)
        while delegate.failure == nil && !delegate.stopped {
            let event = kontor_xml_reader_next(reader)
            if event == KONTOR_XML_START {
                delegate.start(String(cString: kontor_xml_reader_name(reader)), namespace: kontor_xml_reader_namespace(reader).map { String(cString: $0) })
            } else if event == KONTOR_XML_END {
                delegate.end(String(cString: kontor_xml_reader_name(reader)))
            } else if event == KONTOR_XML_TEXT {
                delegate.text += String(cString: kontor_xml_reader_text(reader))
            } else if event == KONTOR_XML_DONE {
                break
            } else {
                let message = String(cString: kontor_xml_reader_error(reader))
                // No element: the reader reads ahead, so the one open need not be where the fault is.
                throw BankFileError(line: Int(kontor_xml_reader_error_line(reader)), element: "",
                                    message: (message.isEmpty ? tr("not well-formed XML") : tr("not well-formed XML ({0})", message)))
            }
        }
        if let failure = delegate.failure { throw failure }
        guard delegate.sawDocument else {
            throw BankFileError(line: 1, element: "Document", message: tr("not a camt.053 statement (expected BkToCstmrStmt in urn:iso:std:iso:20022:tech:xsd:camt.053.*)"))
        }
        return delegate.statements
    }

    /// Strict ISO amounts: "1234.56", "0.5", "100": no sign, no grouping, at most two decimals.
    static func cents(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? value * 10 : value)
    }

    /// What the reader's events mean: the statements, their balances and
    /// entries, and the first thing wrong.
    private final class Delegate {
        var statements: [BankStatement] = []
        var failure: BankFileError?
        var sawDocument = false
        /// The text of the element being read, as it comes.
        var text = ""
        /// Whoever takes the entries as they come wants no more.
        var stopped = false
        private var path: [String] = []
        private let reader: OpaquePointer
        private let each: (StatementFeed.Item) -> Bool

        init(reader: OpaquePointer, each: @escaping (StatementFeed.Item) -> Bool) {
            self.reader = reader
            self.each = each
        }

        private var line: Int { Int(kontor_xml_reader_line(reader)) }

        // The statement being read.
        private var statement: BankStatement?
        private var balance: (code: String, cents: Int?, sign: String, date: String) = ("", nil, "", "")
        // The entry being read, and its transactions.
        private struct Transaction {
            var reference = "", endToEnd = "", amount: Int?, sign = "", name = "", iban = "", unstructured: [String] = [], structured = ""
            var returnReason: String?
        }
        private var entry: (line: Int, reference: String, servicerReference: String, amount: Int?, sign: String, status: String,
                            booking: String, reversal: Bool)?
        private var transactions: [Transaction] = []
        /// How often each entry without a reference came before, by what it says.
        private var seen: [String: Int] = [:]
        private var transaction: Transaction?

        func start(_ name: String, namespace: String?) {
            if path.isEmpty {
                guard name == "Document", namespace?.hasPrefix("urn:iso:std:iso:20022:tech:xsd:camt.053.") == true else {
                    fail(name, tr("not a camt.053 statement (the root is {0} in {1})", name, namespace ?? tr("no namespace")))
                    return
                }
                sawDocument = true
            }
            path.append(name)
            text = ""
            // Kontor books euros: an amount or an account in another
            // currency would be taken for as many euros. Only the amounts
            // booked and the balances count; the instructed amount of a
            // converted payment (AmtDtls/InstdAmt, in dollars, say) and its
            // counter value are what it was before the bank converted it.
            if name == "Amt", let parent, ["Ntry", "TxAmt", "TxDtls", "Bal"].contains(parent) {
                if let raw = kontor_xml_reader_attribute(reader, "Ccy") {
                    let currency = String(cString: raw)
                    kontor_xml_free(raw)
                    if currency != "EUR" { fail("\(parent)/Amt", tr("in {0}, not EUR: Kontor books euros only", currency)) }
                }
            }
            switch name {
            case "Stmt" where parent == "BkToCstmrStmt":
                statement = BankStatement(id: "", account: "", currency: "", opening: nil, closing: nil, entries: [])
            case "Bal" where parent == "Stmt":
                balance = ("", nil, "", "")
            case "Ntry" where parent == "Stmt":
                entry = (line, "", "", nil, "", "", "", false)
                transactions = []
            case "TxDtls":
                transaction = Transaction()
            default: break
            }
        }

        func end(_ name: String) {
            let value = Self.trimmed(text)
            text = ""
            defer { path.removeLast() }
            guard failure == nil else { return }
            // A handful of names: an array searched is cheaper than a set built per element.
            let inside = path
            if inside.contains("TxDtls"), transaction != nil {
                readTransaction(name, value, inside: inside)
            } else if inside.contains("Ntry"), entry != nil {
                readEntry(name, value, inside: inside)
            } else if inside.contains("Bal") {
                switch name {
                case "Cd" where inside.contains("Tp"): balance.code = value
                case "Amt":
                    balance.cents = CAMT053Reader.cents(value)
                    if balance.cents == nil { fail("Bal/Amt", tr("not an amount: '{0}'", value)) }
                case "CdtDbtInd": balance.sign = value
                case "Dt" where grandparent == "Dt" || parent == "Dt": balance.date = value
                case "Bal":
                    guard let cents = balance.cents else { fail("Bal", tr("a balance without an amount")); return }
                    let signed = balance.sign == "DBIT" ? -cents : cents
                    switch balance.code {
                    case "OPBD", "PRCD": statement?.opening = .init(cents: signed, date: balance.date)
                    case "CLBD": statement?.closing = .init(cents: signed, date: balance.date)
                    default: break
                    }
                default: break
                }
            } else if statement != nil {
                switch name {
                case "Id" where parent == "Stmt": statement?.id = value
                case "IBAN" where inside.contains("Acct") && !inside.contains("Ntry"): statement?.account = value
                case "Ccy" where inside.contains("Acct"):
                    statement?.currency = value
                    if value != "EUR" { fail("Acct/Ccy", tr("the account is in {0}, not EUR: Kontor books euros only", value)) }
                case "Stmt":
                    if let statement {
                        statements.append(statement)
                        if !each(.statementEnd(statement)) { stopped = true }
                    }
                    statement = nil
                default: break
                }
            }
        }

        private func readEntry(_ name: String, _ value: String, inside: [String]) {
            switch name {
            case "NtryRef": entry?.reference = value
            case "AcctSvcrRef" where parent == "Ntry": entry?.servicerReference = value
            case "Amt" where parent == "Ntry":
                entry?.amount = CAMT053Reader.cents(value)
                if entry?.amount == nil { fail("Ntry/Amt", tr("not an amount: '{0}'", value)) }
            case "CdtDbtInd" where parent == "Ntry": entry?.sign = value
            case "RvslInd" where parent == "Ntry": entry?.reversal = value == "true"
            case "Sts" where parent == "Ntry", "Cd" where parent == "Sts": if !value.isEmpty { entry?.status = value }
            case "Dt" where parent == "BookgDt", "DtTm" where parent == "BookgDt": entry?.booking = String(value.prefix(10))
            case "Ntry": finishEntry()
            default: break
            }
        }

        private func readTransaction(_ name: String, _ value: String, inside: [String]) {
            let credit = (entry?.sign ?? "CRDT") == "CRDT"
            // The other side: the debtor of a credit, the creditor of a debit (either side for a return).
            let side = credit ? "Dbtr" : "Cdtr"
            switch name {
            case "AcctSvcrRef" where parent == "Refs": transaction?.reference = value
            case "EndToEndId": transaction?.endToEnd = value == "NOTPROVIDED" ? "" : value
            case "Amt" where parent == "TxAmt" || parent == "TxDtls":
                transaction?.amount = CAMT053Reader.cents(value)
                if transaction?.amount == nil { fail("TxDtls/Amt", tr("not an amount: '{0}'", value)) }
            case "CdtDbtInd" where parent == "TxDtls": transaction?.sign = value
            case "Nm" where inside.contains("RltdPties") && inside.contains(side) && !inside.contains("PstlAdr"):
                if transaction?.name.isEmpty == true { transaction?.name = value }
            case "IBAN" where inside.contains("RltdPties") && inside.contains(side + "Acct"): transaction?.iban = value
            case "Ustrd": transaction?.unstructured.append(value)
            case "Ref" where parent == "CdtrRefInf": transaction?.structured = value
            case "Cd" where parent == "Rsn" && inside.contains("RtrInf"): transaction?.returnReason = value
            case "RtrInf": if transaction?.returnReason == nil { transaction?.returnReason = "" }
            case "TxDtls":
                if let transaction { transactions.append(transaction) }
                transaction = nil
            default: break
            }
        }

        /// A booked entry becomes one entry per transaction; pending and
        /// informational ones are left for the statement that books them.
        private func finishEntry() {
            guard let entry else { return }
            defer { self.entry = nil }
            guard entry.status.isEmpty || entry.status == "BOOK" else { return }
            guard let amount = entry.amount else { fail("Ntry", tr("an entry without its amount (Amt)"), line: entry.line); return }
            guard entry.sign == "CRDT" || entry.sign == "DBIT" else {
                fail("Ntry/CdtDbtInd", tr("must be CRDT or DBIT, is '{0}'", entry.sign), line: entry.line); return
            }
            guard entry.booking.count == 10 else { fail("Ntry/BookgDt", tr("an entry without its booking date"), line: entry.line); return }
            guard CellDate.parse(entry.booking) == entry.booking else {
                fail("Ntry/BookgDt", tr("not a date: '{0}'", entry.booking), line: entry.line); return
            }
            let sign = entry.sign == "CRDT" ? 1 : -1
            let parts = transactions.isEmpty ? [Transaction()] : transactions
            // The bank's reference for the entry; without one ("NONREF"),
            // one made from what the entry says, not the placeholder: every
            // entry after the first that shares it would be taken for one
            // imported before.
            let key: String
            if !BankReference.isPlaceholder(entry.servicerReference) {
                key = entry.servicerReference
            } else if !BankReference.isPlaceholder(entry.reference) {
                key = entry.reference
            } else {
                let identity = ([entry.booking, String(sign * amount)]
                    + parts.flatMap { [$0.sign, String($0.amount ?? 0), $0.iban, $0.name, $0.endToEnd, $0.structured] + $0.unstructured })
                    .joined(separator: "\u{1F}")
                let occurrence = seen[identity, default: 0]
                seen[identity] = occurrence + 1
                key = BankReference.made("camt-", identity: identity, occurrence: occurrence)
            }
            if parts.count > 1 {
                let sum = parts.reduce(0) { $0 + ($1.sign.isEmpty ? sign : ($1.sign == "CRDT" ? 1 : -1)) * ($1.amount ?? 0) }
                if sum != sign * amount {
                    fail("Ntry/NtryDtls", tr("the batch's transactions add up to {0} cents, the entry says {1}", sum, sign * amount), line: entry.line)
                    return
                }
            }
            for (index, part) in parts.enumerated() {
                // One transaction carries the entry's amount; several carry their own.
                let cents = parts.count == 1 ? amount : (part.amount ?? 0)
                let partSign = part.sign.isEmpty ? sign : (part.sign == "CRDT" ? 1 : -1)
                let reference = parts.count == 1 ? key : (BankReference.isPlaceholder(part.reference) ? "\(key)/\(index + 1)" : part.reference)
                let remittance = ([part.structured] + part.unstructured).filter { !$0.isEmpty }.joined(separator: " ")
                let made = BankEntry(
                    reference: reference, amountCents: partSign * cents, bookingDate: entry.booking, counterpartyName: part.name,
                    counterpartyIBAN: part.iban.replacingOccurrences(of: " ", with: ""), remittance: remittance,
                    endToEndID: part.endToEnd, returnReason: part.returnReason ?? (entry.reversal ? "" : nil), line: entry.line)
                statement?.entries.append(made)
                if let statement, !each(.entry(made, on: StatementFeed.Header(id: statement.id, account: statement.account))) { stopped = true }
            }
        }

        /// The text without surrounding blanks; most values have none, and
        /// Foundation's trimming was a good part of reading a large statement.
        static func trimmed(_ text: String) -> String {
            guard let first = text.utf8.first, let last = text.utf8.last else { return text }
            func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
            guard !plain(first) || !plain(last) else { return text }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        private var parent: String? { path.count >= 2 ? path[path.count - 2] : nil }
        private var grandparent: String? { path.count >= 3 ? path[path.count - 3] : nil }

        /// Keeps the first problem; the reading stops at it.
        private func fail(_ element: String, _ message: String, line: Int? = nil) {
            guard failure == nil else { return }
            failure = BankFileError(line: line ?? self.line, element: element, message: message)
        }
    }
}
