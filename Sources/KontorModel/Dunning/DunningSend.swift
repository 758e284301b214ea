import Foundation
import GRDB

extension Session {
    /// Sends the letters of a reviewed run: records each letter, a notice
    /// per invoice (level, date, open amount, interest) and its fee as a
    /// receivable, then hands the letter to `deliver` (which writes its text
    /// and PDF). A letter `deliver` cannot make leaves nothing recorded.
    ///
    /// The letters go out in batches, each one transaction of at most
    /// `batchSize` customers and about `lockSeconds`, with a pause of
    /// `pauseSeconds` between two: a run of 70 000 letters takes minutes
    /// (a PDF each), and a colleague's save waiting for the lock gets it in
    /// a pause (SQLite's busy wait looks again every 100 ms at most), where
    /// batches back to back left half of them failing after 5 s. Each
    /// batch's part of the run is read again inside its transaction for
    /// `reviewed.date`: an invoice paid, disputed or dunned by a colleague
    /// since the review is not sent, and amounts are as they are then. Only
    /// invoices the review proposed and did not exclude go out. A failure,
    /// or `stop` answering true (the person quit), keeps the batches before
    /// it sent (`DunningRunStopped` says which); a run that fits one batch,
    /// the usual, is all or nothing. One run is sent at a time on a
    /// database: while another session sends one, this throws
    /// `WorkLockHeld`, which says who and since when (`WorkLock`).
    ///
    /// - Parameter progress: told the letters sent so far after each batch
    ///   (each told count is recorded for good).
    /// - Parameter beforeSending: run once the run's lock is held, before
    ///   the first letter: what a run killed earlier left to tidy.
    /// - Returns: the letters sent, in the run's order.
    @discardableResult
    public func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [], batchSize: Int = 50,
                            progress: (Int) -> Void = { _ in }, stop: @escaping () -> Bool = { false },
                            beforeSending: () throws -> Void = {},
                            deliver: (DunningLetter) throws -> Void) throws -> [DunningLetter] {
        try sendDunning(reviewed, excluding: excluded, batchSize: batchSize, progress: progress, stop: stop, beforeSending: beforeSending,
                        deliver: deliver) { _, _ in }
    }

    /// Who is sending a dunning run now, in any session on this database;
    /// nil when nobody is (always for a database in memory, which no one
    /// else opens).
    public func dunningRunUnderWay() -> WorkUnderWay? {
        database.isFile ? WorkLock.holder(.dunningRun, beside: database.path) : nil
    }

    /// How long one batch of a dunning run holds the write lock, about.
    static let dunningLockSeconds = 0.15
    /// The pause between two batches, in which colleagues' saves get the lock.
    static let dunningPauseSeconds = 0.1

    /// The same, with `alsoInTransaction` run for each letter inside the
    /// transaction after `deliver` (mailing it, `DunningMail`).
    func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [], batchSize: Int = 50, progress: (Int) -> Void = { _ in },
                     stop: @escaping () -> Bool = { false }, lockSeconds: Double = dunningLockSeconds, pauseSeconds: Double = dunningPauseSeconds,
                     beforeSending: () throws -> Void = {},
                     deliver: (DunningLetter) throws -> Void, alsoInTransaction: (Database, DunningLetter) throws -> Void) throws -> [DunningLetter] {
        try require(.writeBackOffice)
        // One run at a time: a second would count and report the first's letters.
        let lock = try database.isFile
            ? WorkLock.take(.dunningRun, beside: database.path, username: username, fullName: staff.fullName) : nil
        defer { lock?.release() }
        try beforeSending()
        let chosen = Set(reviewed.letters.flatMap { $0.notices.map(\.invoiceID) }).subtracting(excluded)
        var waiting = reviewed.letters.filter { $0.notices.contains { chosen.contains($0.invoiceID) } }.map(\.customerID)[...]
        var sent: [DunningLetter] = []
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(max(1, batchSize)))
            let deadline = Date().addingTimeInterval(lockSeconds)
            do {
                let done = try write(.writeBackOffice) { db in
                    try sendBatch(db, DunningRun.read(db, date: reviewed.date, customers: batch), chosen: chosen, until: deadline, stop: stop,
                                  deliver: deliver, alsoInTransaction: alsoInTransaction)
                }
                sent += done.sent
                // The customers whose letters did not fit in the time go first in the next batch.
                waiting = (batch.filter(done.left.contains) + waiting.dropFirst(batch.count))[...]
            } catch {
                guard sent.isEmpty else { throw DunningRunStopped(sent: sent, reason: error) }
                throw error
            }
            progress(sent.count)
            if !waiting.isEmpty, stop() {
                guard sent.isEmpty else { throw DunningRunStopped(sent: sent, reason: DunningSendStopped()) }
                throw DunningSendStopped()
            }
            if !waiting.isEmpty, pauseSeconds > 0 { Thread.sleep(forTimeInterval: pauseSeconds) }
        }
        return sent
    }

    /// The letters of one batch, one after another until `deadline` has
    /// passed or `stop` says so (one at least, unless stopped before it);
    /// `left`: the customers whose letter was not sent for that.
    private func sendBatch(_ db: Database, _ current: DunningRun, chosen: Set<Int64>, until deadline: Date, stop: () -> Bool,
                           deliver: (DunningLetter) throws -> Void,
                           alsoInTransaction: (Database, DunningLetter) throws -> Void) throws -> (sent: [DunningLetter], left: Set<Int64>) {
        var sent: [DunningLetter] = []
        let now = Timestamp.now()
        for (index, proposal) in current.letters.enumerated() {
            // Out of time, or told to stop: what is done so far is committed.
            if !sent.isEmpty, stop() || Date() > deadline { return (sent, Set(current.letters[index...].map(\.customerID))) }
            if stop() { throw DunningSendStopped() }
            guard let letter = proposal.excluding(Set(proposal.notices.map(\.invoiceID)).subtracting(chosen)) else { continue }
            // The letter's number is its id, taken inside the write
            // transaction, so the file name is stored with the row.
            let id = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM dunning_letters")) ?? 1
            try db.execute(sql: """
                INSERT INTO dunning_letters (id, customer_id, letter_date, level, open_cents, interest_cents, interest_rate_bp,
                    base_rate_bp, base_rate_from, fee_cents, earlier_fees_cents, pay_by, file_name, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, letter.customerID, letter.date, letter.level.code, letter.openCents, letter.interestCents,
                                 letter.interestRateBP, letter.terms.baseRateBP, letter.terms.baseRateFrom, letter.feeCents,
                                 letter.earlierFeesCents, letter.payBy, DunningLetter.fileName(id: id), username, now])
            for notice in letter.notices {
                try db.execute(sql: """
                    INSERT INTO dunning_notices (letter_id, invoice_id, level, notice_date, days_overdue, open_cents, interest_cents)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, notice.invoiceID, notice.level.code, letter.date, notice.daysOverdue, notice.openCents,
                                     notice.interestCents])
                try Audit.record(db, session: self, entity: "invoice", id: notice.invoiceID, action: "dunning",
                                 changes: [("level", notice.previous?.level.code, notice.level.code)])
            }
            if letter.feeCents > 0 {
                try db.execute(sql: """
                    INSERT INTO dunning_fees (customer_id, letter_id, amount_cents, due_date, created_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [letter.customerID, id, letter.feeCents, letter.payBy, now])
            }
            try Audit.record(db, session: self, entity: "customer", id: letter.customerID, action: "dunning letter",
                             changes: [("letter", nil, "\(DunningLetter.fileName(id: id)) \(letter.level.code)")])
            let record = try DunningLetter.read(db, id: id)
            try deliver(record)
            try alsoInTransaction(db, record)
            sent.append(record)
        }
        return (sent, [])
    }
}

/// The person stopped a dunning run (they quit while it sent) before any
/// letter of it went out.
public struct DunningSendStopped: Error {}

/// A run stopped part-way: the letters before the failure or the stop
/// were sent and recorded, their files written; the rest were not, and a
/// run again proposes them. `ErrorText` says it.
public struct DunningRunStopped: Error {
    public var sent: [DunningLetter]
    public var reason: any Error
}
