import GRDB
import KontorBankFiles

/// A transfer of exactly what a dunning letter asked for: its invoices'
/// open amount, the fees open, and the default interest it claimed
/// ("open 238,00 + interest 3,08 + fee 5,00 = 246,08"). The letter is the
/// one the entry names ("Mahnung-00012"), else the newest that dunned the
/// invoices it names; its interest is taken only when the rest settles the
/// invoices (and fees) exactly, and only once per letter, so interest is
/// never booked by a guess.
extension BankMatcher {
    struct InterestAllocation {
        var letterID: Int64
        var customerID: Int64
        /// "Mahnung-00012".
        var letter: String
        var amountCents: Int
    }

    /// A letter whose interest has not been received yet.
    struct ClaimingLetter {
        var id: Int64
        var customerID: Int64
        var letter: String
        var interestCents: Int
    }

    /// The letters the entry names that claimed interest not yet received.
    func claimingLetters(named entry: BankEntry) throws -> [ClaimingLetter] {
        let numbers = Self.letterNumbers(in: entry.remittance + " " + entry.endToEndID).prefix(20)
        guard !numbers.isEmpty else { return [] }
        return try claimingLetters(where: "l.id IN (\(SQLiteSpecific.idList(numbers)))")
    }

    /// The newest letter that dunned any of `invoices` and claimed interest not yet received.
    func newestClaimingLetter(of invoices: [Invoice]) throws -> ClaimingLetter? {
        guard !invoices.isEmpty else { return nil }
        return try claimingLetters(where: """
            l.id = (SELECT max(n.letter_id) FROM dunning_notices n WHERE n.invoice_id IN (\(SQLiteSpecific.idList(invoices.map(\.id)))))
            """).first
    }

    private func claimingLetters(where condition: SQL) throws -> [ClaimingLetter] {
        try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT l.id, l.customer_id, l.file_name, l.interest_cents FROM dunning_letters l
            WHERE \(condition) AND l.interest_cents > 0 AND NOT EXISTS (SELECT 1 FROM interest_received r WHERE r.letter_id = l.id)
            ORDER BY l.id
            """)).map {
            ClaimingLetter(id: $0["id"], customerID: $0["customer_id"], letter: $0["file_name"], interestCents: $0["interest_cents"])
        }
    }

    /// What pays `invoices` (and fees) exactly once the interest one of
    /// `letters` claimed is taken from `amount`; nil when none does.
    func exactlyWithInterest(_ amount: Int, pays invoices: [Invoice], letters: [ClaimingLetter], namedFees: [OpenFee],
                             settle: (Int, [Invoice]) throws -> [Allocation]?)
        throws -> (allocations: [Allocation], fees: [FeeAllocation], interest: InterestAllocation)? {
        let customers = Set(invoices.map(\.customerID))
        for letter in letters where customers.isEmpty || customers.contains(letter.customerID) {
            let rest = amount - letter.interestCents
            guard rest > 0 else { continue }
            let interest = InterestAllocation(letterID: letter.id, customerID: letter.customerID, letter: letter.letter, amountCents: letter.interestCents)
            if !invoices.isEmpty, let exact = try settle(rest, invoices) { return (exact, [], interest) }
            if let paid = try exactlyWithFees(rest, pays: invoices, namedFees: namedFees, settle: settle) {
                return (paid.allocations, paid.fees, interest)
            }
        }
        return nil
    }
}

extension BankRepository {
    /// Records the default interest a transfer paid on a letter, in the import's transaction.
    static func bookInterest(_ db: Database, _ interest: BankMatcher.InterestAllocation, date: String, remittance: String, session: Session) throws {
        try db.execute(sql: """
            INSERT INTO interest_received (letter_id, customer_id, amount_cents, paid_on, method, reference, created_by, created_at)
            VALUES (?, ?, ?, ?, 'transfer', ?, ?, ?)
            """, arguments: [interest.letterID, interest.customerID, interest.amountCents, date,
                             String("Bank \(date) \(remittance)".prefix(140)), session.username, Timestamp.now()])
        try Audit.record(db, session: session, entity: "dunning_letter", id: interest.letterID, action: "interest received",
                         changes: [("interest_received_cents", nil, String(interest.amountCents))])
    }
}
