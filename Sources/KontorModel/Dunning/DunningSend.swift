import GRDB

extension Session {
    /// Sends the letters of a reviewed run: records each letter, a notice
    /// per invoice (level, date, open amount, interest) and its fee as a
    /// receivable, then hands the letter to `deliver` (which writes its text
    /// and PDF). A letter `deliver` cannot make leaves nothing recorded.
    ///
    /// The letters go out in batches of `batchSize` customers, each batch
    /// one transaction: a run of 70 000 letters takes minutes, and
    /// colleagues' saves wait for one batch (about a fifth of a second),
    /// not for the whole run. Each batch's part of the run is read again
    /// inside its transaction for `reviewed.date`: an invoice paid,
    /// disputed or dunned by a colleague since the review is not sent, and
    /// amounts are as they are then. Only invoices the review proposed and
    /// did not exclude go out. A failure keeps the batches before it sent
    /// (`DunningRunStopped` says which); a run of up to `batchSize`
    /// customers, the usual, is all or nothing.
    ///
    /// - Parameter progress: told the letters sent so far after each batch.
    /// - Returns: the letters sent, in the run's order.
    @discardableResult
    public func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [], batchSize: Int = 50,
                            progress: (Int) -> Void = { _ in }, deliver: (DunningLetter) throws -> Void) throws -> [DunningLetter] {
        try sendDunning(reviewed, excluding: excluded, batchSize: batchSize, progress: progress, deliver: deliver) { _, _ in }
    }

    /// The same, with `alsoInTransaction` run for each letter inside the
    /// transaction after `deliver` (mailing it, `DunningMail`).
    func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [], batchSize: Int = 50, progress: (Int) -> Void = { _ in },
                     deliver: (DunningLetter) throws -> Void, alsoInTransaction: (Database, DunningLetter) throws -> Void) throws -> [DunningLetter] {
        try require(.writeBackOffice)
        let chosen = Set(reviewed.letters.flatMap { $0.notices.map(\.invoiceID) }).subtracting(excluded)
        let customers = reviewed.letters.filter { $0.notices.contains { chosen.contains($0.invoiceID) } }.map(\.customerID)
        var sent: [DunningLetter] = []
        for start in stride(from: 0, to: customers.count, by: max(1, batchSize)) {
            let batch = Array(customers[start..<min(customers.count, start + max(1, batchSize))])
            do {
                sent += try write(.writeBackOffice) { db in
                    try sendBatch(db, DunningRun.read(db, date: reviewed.date, customers: batch), chosen: chosen,
                                  deliver: deliver, alsoInTransaction: alsoInTransaction)
                }
            } catch {
                guard sent.isEmpty else { throw DunningRunStopped(sent: sent, reason: error) }
                throw error
            }
            progress(sent.count)
        }
        return sent
    }

    private func sendBatch(_ db: Database, _ current: DunningRun, chosen: Set<Int64>, deliver: (DunningLetter) throws -> Void,
                           alsoInTransaction: (Database, DunningLetter) throws -> Void) throws -> [DunningLetter] {
        var sent: [DunningLetter] = []
        let now = Timestamp.now()
        for proposal in current.letters {
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
        return sent
    }
}

/// A run stopped part-way: the batches before the failure were sent and
/// recorded, their letters written; the failed batch and those after it
/// were not, and a run again proposes them.
/// `ErrorText` says it.
public struct DunningRunStopped: Error {
    public var sent: [DunningLetter]
    public var reason: any Error
}
