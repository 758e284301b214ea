import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads ISO 20022 camt.053 bank-to-customer statements (the format German
/// banks deliver since MT940 was retired), any version of the namespace
/// `urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN` (.02 and .08 are what
/// German banks send). Streaming (Foundation's `XMLParser`, no tree), so a
/// statement of ten thousand entries stays small. Only booked entries are
/// kept; each transaction of a batch booking becomes an entry of its own.
/// A file that is not a statement, or an entry without amount, sign or
/// date, is refused with the line and element.
public enum CAMT053Reader {
    public static func statements(from data: Data) throws -> [BankStatement] {
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard ok else {
            throw BankFileError(line: parser.lineNumber, element: "", message: "not well-formed XML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"))")
        }
        guard delegate.sawDocument else {
            throw BankFileError(line: 1, element: "Document", message: "not a camt.053 statement (expected BkToCstmrStmt in urn:iso:std:iso:20022:tech:xsd:camt.053.*)")
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

    private final class Delegate: NSObject, XMLParserDelegate {
        var statements: [BankStatement] = []
        var failure: BankFileError?
        var sawDocument = false
        private var path: [String] = []
        private var text = ""
        private weak var parser: XMLParser?

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
        private var transaction: Transaction?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            self.parser = parser
            if path.isEmpty {
                guard name == "Document", namespaceURI?.hasPrefix("urn:iso:std:iso:20022:tech:xsd:camt.053.") == true else {
                    fail(parser, name, "not a camt.053 statement (the root is \(name) in \(namespaceURI ?? "no namespace"))")
                    return
                }
                sawDocument = true
            }
            path.append(name)
            text = ""
            switch name {
            case "Stmt" where parent == "BkToCstmrStmt":
                statement = BankStatement(id: "", account: "", currency: "", opening: nil, closing: nil, entries: [])
            case "Bal" where parent == "Stmt":
                balance = ("", nil, "", "")
            case "Ntry" where parent == "Stmt":
                entry = (parser.lineNumber, "", "", nil, "", "", "", false)
                transactions = []
            case "TxDtls":
                transaction = Transaction()
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let value = Self.trimmed(text)
            text = ""
            defer { path.removeLast() }
            guard failure == nil else { return }
            // A handful of names: an array searched is cheaper than a set built per element.
            let inside = path
            if inside.contains("TxDtls"), transaction != nil {
                readTransaction(name, value, inside: inside, parser: parser)
            } else if inside.contains("Ntry"), entry != nil {
                readEntry(name, value, inside: inside, parser: parser)
            } else if inside.contains("Bal") {
                switch name {
                case "Cd" where inside.contains("Tp"): balance.code = value
                case "Amt":
                    balance.cents = CAMT053Reader.cents(value)
                    if balance.cents == nil { fail(parser, "Bal/Amt", "not an amount: '\(value)'") }
                case "CdtDbtInd": balance.sign = value
                case "Dt" where grandparent == "Dt" || parent == "Dt": balance.date = value
                case "Bal":
                    guard let cents = balance.cents else { fail(parser, "Bal", "a balance without an amount"); return }
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
                case "Ccy" where inside.contains("Acct"): statement?.currency = value
                case "Stmt":
                    if let statement { statements.append(statement) }
                    statement = nil
                default: break
                }
            }
        }

        private func readEntry(_ name: String, _ value: String, inside: [String], parser: XMLParser) {
            switch name {
            case "NtryRef": entry?.reference = value
            case "AcctSvcrRef" where parent == "Ntry": entry?.servicerReference = value
            case "Amt" where parent == "Ntry":
                entry?.amount = CAMT053Reader.cents(value)
                if entry?.amount == nil { fail(parser, "Ntry/Amt", "not an amount: '\(value)'") }
            case "CdtDbtInd" where parent == "Ntry": entry?.sign = value
            case "RvslInd" where parent == "Ntry": entry?.reversal = value == "true"
            case "Sts" where parent == "Ntry", "Cd" where parent == "Sts": if !value.isEmpty { entry?.status = value }
            case "Dt" where parent == "BookgDt", "DtTm" where parent == "BookgDt": entry?.booking = String(value.prefix(10))
            case "Ntry": finishEntry(parser)
            default: break
            }
        }

        private func readTransaction(_ name: String, _ value: String, inside: [String], parser: XMLParser) {
            let credit = (entry?.sign ?? "CRDT") == "CRDT"
            // The other side: the debtor of a credit, the creditor of a debit (either side for a return).
            let side = credit ? "Dbtr" : "Cdtr"
            switch name {
            case "AcctSvcrRef" where parent == "Refs": transaction?.reference = value
            case "EndToEndId": transaction?.endToEnd = value == "NOTPROVIDED" ? "" : value
            case "Amt" where parent == "TxAmt" || parent == "TxDtls":
                transaction?.amount = CAMT053Reader.cents(value)
                if transaction?.amount == nil { fail(parser, "TxDtls/Amt", "not an amount: '\(value)'") }
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
        private func finishEntry(_ parser: XMLParser) {
            guard let entry else { return }
            defer { self.entry = nil }
            guard entry.status.isEmpty || entry.status == "BOOK" else { return }
            guard let amount = entry.amount else { fail(parser, "Ntry", "an entry without its amount (Amt)", line: entry.line); return }
            guard entry.sign == "CRDT" || entry.sign == "DBIT" else {
                fail(parser, "Ntry/CdtDbtInd", "must be CRDT or DBIT, is '\(entry.sign)'", line: entry.line); return
            }
            guard entry.booking.count == 10 else { fail(parser, "Ntry/BookgDt", "an entry without its booking date", line: entry.line); return }
            let sign = entry.sign == "CRDT" ? 1 : -1
            let key = !entry.servicerReference.isEmpty ? entry.servicerReference
                : !entry.reference.isEmpty ? entry.reference
                : "\(statement?.id ?? "")#\(statement?.entries.count ?? 0)"
            let parts = transactions.isEmpty ? [Transaction()] : transactions
            for (index, part) in parts.enumerated() {
                // One transaction carries the entry's amount; several carry their own.
                let cents = parts.count == 1 ? amount : (part.amount ?? 0)
                let partSign = part.sign.isEmpty ? sign : (part.sign == "CRDT" ? 1 : -1)
                let reference = parts.count == 1 ? key : (part.reference.isEmpty ? "\(key)/\(index + 1)" : part.reference)
                let remittance = ([part.structured] + part.unstructured).filter { !$0.isEmpty }.joined(separator: " ")
                statement?.entries.append(BankEntry(
                    reference: reference, amountCents: partSign * cents, bookingDate: entry.booking, counterpartyName: part.name,
                    counterpartyIBAN: part.iban.replacingOccurrences(of: " ", with: ""), remittance: remittance,
                    endToEndID: part.endToEnd, returnReason: part.returnReason ?? (entry.reversal ? "" : nil), line: entry.line))
            }
            if parts.count > 1 {
                let sum = parts.reduce(0) { $0 + ($1.sign.isEmpty ? sign : ($1.sign == "CRDT" ? 1 : -1)) * ($1.amount ?? 0) }
                if sum != sign * amount {
                    fail(parser, "Ntry/NtryDtls", "the batch's transactions add up to \(sum) cents, the entry says \(sign * amount)", line: entry.line)
                }
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

        private func fail(_ parser: XMLParser, _ element: String, _ message: String, line: Int? = nil) {
            guard failure == nil else { return }
            failure = BankFileError(line: line ?? parser.lineNumber, element: element, message: message)
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if failure == nil {
                failure = BankFileError(line: parser.lineNumber, element: path.last ?? "", message: "not well-formed XML")
            }
        }
    }
}
