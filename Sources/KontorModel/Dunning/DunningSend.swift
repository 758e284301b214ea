import GRDB

extension Session {
    /// Sends the letters of a reviewed run: records each letter, a notice
    /// per invoice (level, date, open amount, interest) and its fee as a
    /// receivable, then hands the letter to `deliver` (which writes its text
    /// and PDF), all in one transaction. A letter `deliver` cannot make
    /// leaves nothing recorded.
    ///
    /// The run is read again inside the transaction for `reviewed.date`: an
    /// invoice paid, disputed or dunned by a colleague since the review is
    /// not sent, and amounts are as they are now. Only invoices the review
    /// proposed and did not exclude go out.
    ///
    /// - Returns: the letters sent, in the run's order.
    @discardableResult
    public func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [],
                            deliver: (DunningLetter) throws -> Void) throws -> [DunningLetter] {
        try sendDunning(reviewed, excluding: excluded, deliver: deliver) { _, _ in }
    }

    /// The same, with `alsoInTransaction` run for each letter inside the
    /// transaction after `deliver` (mailing it, `DunningMail`).
    func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [], deliver: (DunningLetter) throws -> Void,
                     alsoInTransaction: (Database, DunningLetter) throws -> Void) throws -> [DunningLetter] {
        let chosen = Set(reviewed.letters.flatMap { $0.notices.map(\.invoiceID) }).subtracting(excluded)
        return try write(.writeBackOffice) { db in
            let current = try DunningRun.read(db, date: reviewed.date)
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
}
