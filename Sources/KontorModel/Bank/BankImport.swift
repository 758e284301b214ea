import GRDB
import KontorBankFiles

extension KontorDatabase {
    public var bank: BankRepository { BankRepository(database: self) }
}

/// What an import of bank statements did, entry by entry: booked (sure),
/// proposed (unsure, for the back office to confirm), or left unmatched.
public struct BankImportReport: Sendable {
    public struct Line: Sendable {
        public var entry: BankEntry
        /// The documents it pays or refunds: "2026-00042 100,00 (+ Skonto 2,04)".
        public var documents: [String]
        public var note: String
    }

    public var dryRun: Bool
    public var statements = 0
    /// Entries read, and those already imported before (by the bank's reference), left alone.
    public var entries = 0
    public var alreadyImported = 0
    public var booked: [Line] = []
    public var proposed: [Line] = []
    public var unmatched: [Line] = []
    /// What the booked entries moved: received, and paid back.
    public var bookedInCents = 0
    public var bookedOutCents = 0
}

/// Statements in, invoices paid: each credit is matched to open invoices,
/// each debit to money owed back. Sure matches are booked as payments (with
/// the Skonto they take) or refunds, unsure ones proposed, the rest listed.
/// One transaction for all of it: a statement that does not add up, or a
/// booking the rules refuse, leaves nothing booked.
public struct BankRepository: Sendable {
    let database: KontorDatabase

    public func importStatements(_ statements: [BankStatement], dryRun: Bool = false, by session: Session) throws -> BankImportReport {
        for statement in statements {
            if statement.balancesAgree == false, let opening = statement.opening, let closing = statement.closing {
                let moved = statement.entries.reduce(0) { $0 + $1.amountCents }
                throw KontorError.rule("statement \(statement.id) does not add up: opening \(Money.format(cents: opening.cents)) "
                                       + "+ entries \(Money.format(cents: moved)) ≠ closing \(Money.format(cents: closing.cents)); nothing was booked")
            }
            if statement.account.isEmpty { throw KontorError.rule("statement \(statement.id) names no account (Acct/Id/IBAN); nothing was booked") }
        }
        do {
            return try session.write(.writeBackOffice) { db in
                var report = BankImportReport(dryRun: dryRun)
                let matcher = BankMatcher(db: db)
                for statement in statements {
                    report.statements += 1
                    for entry in statement.entries {
                        report.entries += 1
                        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM bank_entries WHERE account = ? AND reference = ?"),
                                             arguments: [statement.account, entry.reference]) == true {
                            report.alreadyImported += 1
                            continue
                        }
                        let decision = try matcher.decide(entry)
                        try Self.store(db, entry, statement: statement, decision: decision, session: session, report: &report)
                    }
                }
                if dryRun { throw BankDryRun(report: report) }
                return report
            }
        } catch let dry as BankDryRun {
            return dry.report
        }
    }

    private static func store(_ db: Database, _ entry: BankEntry, statement: BankStatement, decision: BankMatcher.Decision,
                              session: Session, report: inout BankImportReport) throws {
        let now = Timestamp.now()
        let state: String
        switch decision.kind {
        case .sure: state = "booked"
        case .proposed: state = "proposed"
        case .unmatched: state = "unmatched"
        }
        try db.cachedStatement(sql: """
            INSERT INTO bank_entries (account, reference, statement_id, booking_date, amount_cents, counterparty_name, counterparty_iban,
                                      remittance, state, note, imported_at, imported_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [statement.account, entry.reference, statement.id, entry.bookingDate, entry.amountCents,
                             String(entry.counterpartyName.prefix(200)), entry.counterpartyIBAN, String(entry.remittance.prefix(500)),
                             state, decision.note, now, session.username, now, session.username])
        let entryID = db.lastInsertedRowID
        var documents: [String] = []
        var booked: Set<Int64> = []
        for allocation in decision.allocations {
            try db.cachedStatement(sql: """
                INSERT INTO bank_entry_matches (entry_id, invoice_id, amount_cents, skonto_cents) VALUES (?, ?, ?, ?)
                """).execute(arguments: [entryID, allocation.invoiceID, allocation.amountCents, allocation.skontoCents])
            if decision.kind == .sure {
                try Self.book(db, entryID: entryID, invoiceID: allocation.invoiceID, amountCents: allocation.amountCents,
                              skontoCents: allocation.skontoCents, date: entry.bookingDate, remittance: entry.remittance,
                              counterpartyIBAN: entry.counterpartyIBAN, session: session,
                              known: booked.insert(allocation.invoiceID).inserted ? allocation.invoice : nil)
            }
            documents.append("\(allocation.number) \(Money.format(cents: abs(allocation.amountCents)))"
                             + (allocation.skontoCents > 0 ? " (+ Skonto \(Money.format(cents: allocation.skontoCents)))" : ""))
        }
        for fee in decision.fees where decision.kind == .sure {
            try Self.bookFee(db, fee, date: entry.bookingDate, remittance: entry.remittance, counterpartyIBAN: entry.counterpartyIBAN, session: session)
            documents.append("\(OpenDunningFees.document(letter: fee.letter)) \(Money.format(cents: fee.amountCents))")
        }
        try Audit.record(db, session: session, entity: "bank_entry", id: entryID, action: "import " + state,
                         changes: [("amount_cents", nil, String(entry.amountCents))] + (documents.isEmpty ? [] : [("documents", nil, documents.joined(separator: "; "))]))
        let line = BankImportReport.Line(entry: entry, documents: documents, note: decision.note)
        switch decision.kind {
        case .sure:
            report.booked.append(line)
            if entry.amountCents > 0 { report.bookedInCents += entry.amountCents } else { report.bookedOutCents -= entry.amountCents }
        case .proposed: report.proposed.append(line)
        case .unmatched: report.unmatched.append(line)
        }
    }
}

extension BankRepository {
    /// Books a dunning fee the entry pays along with its invoices, in the
    /// import's transaction, and learns the account for the customer as an
    /// invoice's payment does (a transfer may pay a fee alone).
    static func bookFee(_ db: Database, _ fee: BankMatcher.FeeAllocation, date: String, remittance: String, counterpartyIBAN: String,
                        session: Session) throws {
        let settled = try DunningFees.settle(db, feeID: fee.feeID, cents: fee.amountCents, as: .payment, on: date, method: "transfer",
                                             reference: String("Bank \(date) \(remittance)".prefix(140)), by: session)
        if !counterpartyIBAN.isEmpty {
            try db.cachedStatement(sql: """
                INSERT INTO bank_counterparties (iban, customer_id) VALUES (?, ?)
                ON CONFLICT (iban) DO UPDATE SET customer_id = excluded.customer_id
                """).execute(arguments: [counterpartyIBAN, settled.customerID])
        }
    }
}

/// Carries a dry run's report out of the transaction it rolls back.
struct BankDryRun: Error {
    var report: BankImportReport
}

extension BankRepository {
    /// Reads the statement files (camt.053 XML, or zips of them) and imports
    /// them; a file that cannot be read is refused by name and line, and
    /// nothing is booked.
    public func importFiles(_ paths: [String], dryRun: Bool = false, by session: Session) throws -> BankImportReport {
        var statements: [BankStatement] = []
        for path in paths {
            do {
                statements += try StatementFiles.statements(at: path)
            } catch let error as BankFileError {
                throw KontorError.rule("\(error); nothing was booked")
            }
        }
        return try importStatements(statements, dryRun: dryRun, by: session)
    }
}
