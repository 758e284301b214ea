import KontorText
import KontorLocale
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
    /// References the bank had given another entry before (on the account,
    /// another date or amount): their entries were imported as new.
    public var reusedReferences: [String] = []
    /// Entries dated after today, left out (see `importStatements`).
    public var notYetBooked = 0
    public var booked: [Line] = []
    public var proposed: [Line] = []
    public var unmatched: [Line] = []
    /// What the booked entries moved: received, and paid back.
    public var bookedInCents = 0
    public var bookedOutCents = 0
    /// Statements of an account that is not the company's IBAN (when one
    /// is set): matched all the same, since a business may keep a second
    /// account, but only proposed, never booked unconfirmed (money seen on
    /// someone else's account must not close invoices), and said.
    public var otherAccounts: [String] = []
    /// The company's IBAN, as the settings give it.
    public var companyAccount = ""

    /// "2 statements, 1 entry": each counted as its number asks.
    public var counted: String {
        Wording.count(statements, one: "{0} statement", other: "{0} statements") + ", " + Wording.count(entries, one: "{0} entry", other: "{0} entries")
    }

    /// A line for each of `otherAccounts` and `reusedReferences`, as the
    /// screen and the command line say it; what the file gave, through the
    /// sanitiser.
    public var warnings: [String] {
        otherAccounts.map { VisibleText.clean(tr("! account {0} is not the company's ({1}): its matches were only proposed; b confirms them", $0, companyAccount)) }
            + reusedReferences.map { VisibleText.clean(tr("! the bank's reference {0} was on an earlier entry of another date or amount: this one was imported as a new entry", $0)) }
            + (notYetBooked == 0 ? [] : [tr("! {0} entries dated after today were left out: they are not final at the bank; import the statement again after that day", notYetBooked)])
    }
}

/// Statements in, invoices paid: each credit is matched to open invoices,
/// each debit to money owed back. Sure matches are booked as payments (with
/// the Skonto they take) or refunds, unsure ones proposed, the rest listed.
/// One transaction for all of it: a statement that does not add up, or a
/// booking the rules refuse, leaves nothing booked.
public struct BankRepository: Sendable {
    let database: KontorDatabase

    public func importStatements(_ statements: [BankStatement], dryRun: Bool = false, by session: Session) throws -> BankImportReport {
        try importStatements(from: StatementFeed(statements: statements), dryRun: dryRun, by: session)
    }

    /// The page cache of an import's transaction, in KiB: a statement's
    /// payments dirty pages all over the invoices and their indexes, and
    /// with the default 2 MB the busiest went out to the write-ahead log
    /// again and again. 8 MB keeps a large import inside the memory budget.
    static let cacheKiB = 8_192

    /// Imports the entries as the feed hands them over (read on its own
    /// thread while these are matched): each statement's balances are
    /// checked when its last entry is in; a statement that does not add up,
    /// names no account, or cannot be read rolls everything back.
    public func importStatements(from feed: StatementFeed, dryRun: Bool = false, by session: Session) throws -> BankImportReport {
        defer { feed.stop() }
        // Only to spare the closing a sync: never a reason to refuse the import.
        try? database.writer.writeWithoutTransaction { db in try SQLiteSpecific.checkpointCommitted(db) }
        do {
            return try session.write(.writeBackOffice) { db in try SQLiteSpecific.withCacheSize(db, kibibytes: Self.cacheKiB) {
                var report = BankImportReport(dryRun: dryRun)
                report.companyAccount = IBAN.normalized(try CompanySettings.read(db).iban)
                let matcher = BankMatcher(db: db)
                let writer = try EntryWriter(db, by: session)
                let today = CalendarDate.today()
                while let item = try feed.next() {
                    switch item {
                    case .entry(let entry, let statement):
                        if statement.account.isEmpty { throw Self.namesNoAccount(statement.id) }
                        report.entries += 1
                        // Dated after today in a bank's CSV export, which lists what is
                        // only noted for booking: not final at the bank, so left out, not
                        // stored, and taken in when the file is imported again after that day.
                        if statement.listsNotedEntries, entry.bookingDate > today {
                            report.notYetBooked += 1
                            continue
                        }
                        var entry = entry
                        switch try writer.known(entry, account: statement.account) {
                        case .before:
                            report.alreadyImported += 1
                            continue
                        case .new:
                            break
                        case .reused(let own):
                            // The bank gave this reference to another entry
                            // before: this one is new, under a reference of its own.
                            report.reusedReferences.append(entry.reference)
                            entry.reference = own
                        }
                        var decision = try matcher.decide(entry)
                        // Money seen on another account than the company's may
                        // never have reached the business: its sure matches
                        // wait for someone to confirm them (b), not booked.
                        let account = IBAN.normalized(statement.account)
                        if decision.kind == .sure, !report.companyAccount.isEmpty, account != report.companyAccount {
                            decision.kind = .proposed
                            decision.note = tr("on account {0}, not the company's: booked once confirmed", account)
                                + (decision.note.isEmpty ? "" : "; " + decision.note)
                        }
                        try Self.store(db, entry, statement: statement, decision: decision, writer: writer, session: session, report: &report)
                    case .statementEnd(let statement):
                        report.statements += 1
                        if statement.balancesAgree == false, let opening = statement.opening, let closing = statement.closing {
                            let moved = statement.entries.reduce(0) { $0 + $1.amountCents }
                            throw KontorError.rule(tr("statement {0} does not add up: opening {1} + entries {2} ≠ closing {3}; nothing was booked",
                                                      statement.id, Money.format(cents: opening.cents), Money.format(cents: moved), Money.format(cents: closing.cents)))
                        }
                        if statement.account.isEmpty { throw Self.namesNoAccount(statement.id) }
                        let account = IBAN.normalized(statement.account)
                        if !report.companyAccount.isEmpty, account != report.companyAccount, !report.otherAccounts.contains(account) {
                            report.otherAccounts.append(account)
                        }
                    }
                }
                if dryRun { throw BankDryRun(report: report) }
                return report
            } }
        } catch let dry as BankDryRun {
            return dry.report
        } catch let file as BankFileError {
            throw KontorError.rule(tr("{0}; nothing was booked", file))
        }
    }

    private static func namesNoAccount(_ statement: String) -> KontorError {
        KontorError.rule(tr("statement {0} names no account (Acct/Id/IBAN); nothing was booked", statement))
    }

    /// The statements one import runs for every entry, prepared once and
    /// bound through SQLite's C interface (`RowInserter`, `PreparedRows`):
    /// GRDB's arguments and bookkeeping per statement were a good part of a
    /// large statement's time. Payments go through the invoice model.
    final class EntryWriter {
        private let known: PreparedRows
        private let placeholders: PreparedRows
        private let entries: RowInserter
        private let matches: RowInserter
        let audit: BulkAudit

        init(_ db: Database, by session: Session) throws {
            known = try PreparedRows(db, sql: "SELECT booking_date, amount_cents FROM bank_entries WHERE account = ? AND reference = ?")
            placeholders = try PreparedRows(db, sql: """
                SELECT 1 FROM bank_entries WHERE account = ? AND reference IN (\(BankReference.placeholders.map { "'\($0)'" }.joined(separator: ", ")))
                AND booking_date = ? AND amount_cents = ? AND counterparty_iban = ? AND remittance = ?
                """)
            entries = try RowInserter(db, sql: """
                INSERT INTO bank_entries (account, reference, statement_id, booking_date, amount_cents, counterparty_name, counterparty_iban,
                                          remittance, state, note, imported_at, imported_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            matches = try RowInserter(db, sql: """
                INSERT INTO bank_entry_matches (entry_id, invoice_id, amount_cents, skonto_cents, open_cents) VALUES (?, ?, ?, ?, ?)
                """)
            audit = try BulkAudit(db, by: session)
        }

        enum Known: Equatable {
            /// Imported before: its reference on the account, with its date and amount.
            case before
            case new
            /// Its reference is on the account already, for an entry of
            /// another date or amount: new, under the reference given.
            case reused(String)
        }

        /// Whether the bank's entry was imported before: its reference on
        /// the account, for the same date and amount. A reference the bank
        /// gave another entry does not make this one a repeat (it would be
        /// lost without a word); nor does a placeholder ("NONREF"), which
        /// earlier imports stored as the reference of the first entry that
        /// had it, and which that entry, read again, still matches.
        func known(_ entry: BankEntry, account: String) throws -> Known {
            func stored(_ reference: String) throws -> (date: String, cents: Int)? {
                known.start([account, reference])
                defer { known.finish() }
                return try known.next() ? (known.text(0), Int(known.int64(1))) : nil
            }
            if entry.reference.hasPrefix("camt-") {
                placeholders.start([account, entry.bookingDate, entry.amountCents, entry.counterpartyIBAN, String(entry.remittance.prefix(500))])
                defer { placeholders.finish() }
                if try placeholders.next() { return .before }
            }
            guard let first = try stored(entry.reference) else { return .new }
            if first.date == entry.bookingDate && first.cents == entry.amountCents { return .before }
            let own = entry.reference + "/" + Fingerprint.hex("\(entry.bookingDate)|\(entry.amountCents)|\(entry.counterpartyIBAN)|\(entry.remittance)".utf8)
            return try stored(own) == nil ? .reused(own) : .before
        }

        func insertEntry(_ values: [(any SQLiteBindable)?]) throws { try entries.insert(values: values) }

        /// A proposed match: no payment yet, and what was open on its
        /// document as the match read it (`ProposalOpenSchema`).
        func insertMatch(entryID: Int64, invoiceID: Int64, amountCents: Int, skontoCents: Int, openCents: Int) throws {
            try matches.insert(entryID, invoiceID, amountCents, skontoCents, openCents)
        }
    }

    private static func store(_ db: Database, _ entry: BankEntry, statement: StatementFeed.Header, decision: BankMatcher.Decision,
                              writer: EntryWriter, session: Session, report: inout BankImportReport) throws {
        let now = writer.audit.now()
        let state: String
        switch decision.kind {
        case .sure: state = "booked"
        case .proposed: state = "proposed"
        case .unmatched: state = "unmatched"
        }
        try writer.insertEntry([statement.account, entry.reference, statement.id, entry.bookingDate, entry.amountCents,
                                String(entry.counterpartyName.prefix(200)), entry.counterpartyIBAN, String(entry.remittance.prefix(500)),
                                state, decision.note, now, session.username, now, session.username])
        let entryID = db.lastInsertedRowID
        var documents: [String] = []
        var booked: Set<Int64> = []
        for allocation in decision.allocations {
            if decision.kind != .sure {
                try writer.insertMatch(entryID: entryID, invoiceID: allocation.invoiceID, amountCents: allocation.amountCents,
                                       skontoCents: allocation.skontoCents, openCents: allocation.invoice.grossCents - allocation.invoice.paidCents)
            } else {
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
        if let interest = decision.interest, decision.kind == .sure {
            try Self.bookInterest(db, interest, date: entry.bookingDate, remittance: entry.remittance, session: session)
            documents.append(tr("{0} interest {1}", interest.letter, Money.format(cents: interest.amountCents)))
        }
        try writer.audit.record(entity: "bank_entry", id: entryID, action: "import " + state,
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
        try importStatements(from: StatementFeed(paths: paths), dryRun: dryRun, by: session)
    }
}
