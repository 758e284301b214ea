import KontorLocale
import GRDB

/// A dunning letter's fee: a receivable of its own, counted in the
/// customer's balance, paid (or waived) by rows of `dunning_fee_payments`.
/// The invoice it was charged over never changes.
public struct DunningFee: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var customerID: Int64
    public var letterID: Int64
    public var amountCents: Int
    public var paidCents: Int
    public var dueDate: String
    /// `Mahnung-00012`: the letter that charged it.
    public var reference: String

    public var openCents: Int { amountCents - paidCents }
}

/// How a fee is settled: money received, or let go.
public enum DunningFeeSettlement: String, Sendable {
    case payment, waiver
}

enum DunningFees {
    /// What the customer still owes in dunning fees.
    static func openCents(_ db: Database, customerID: Int64) throws -> Int {
        // Asked once per letter of a run (some 70 000 at a million customers): prepared once.
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(amount_cents - paid_cents), 0) FROM dunning_fees WHERE customer_id = ? AND paid_cents < amount_cents
            """), arguments: [customerID]) ?? 0
    }

    static func fee(_ row: Row) -> DunningFee {
        DunningFee(id: row["id"], customerID: row["customer_id"], letterID: row["letter_id"], amountCents: row["amount_cents"],
                   paidCents: row["paid_cents"], dueDate: row["due_date"], reference: row["file_name"] ?? "")
    }
}

extension DunningRepository {
    /// The customer's fees still open, oldest first.
    public func openFees(ofCustomer customerID: Int64) throws -> [DunningFee] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.*, l.file_name FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id
                WHERE f.customer_id = ? AND f.paid_cents < f.amount_cents ORDER BY f.id
                """, arguments: [customerID]).map(DunningFees.fee)
        }
    }

    /// The fee a letter charged, by the letter's name (`Mahnung-00012`, case aside).
    public func fee(ofLetter name: String) throws -> DunningFee? {
        try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT f.*, l.file_name FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id
                WHERE l.file_name = ? COLLATE NOCASE
                """, arguments: [name.trimmingCharacters(in: .whitespaces)]).map(DunningFees.fee)
        }
    }

    public func fee(id: Int64) throws -> DunningFee? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT f.*, l.file_name FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id WHERE f.id = ?",
                             arguments: [id]).map(DunningFees.fee)
        }
    }
}

extension Session {
    /// Records money received for a dunning fee, or the fee let go (a
    /// waiver, no money moved), never more than is open on it.
    @discardableResult
    public func settleDunningFee(_ feeID: Int64, cents: Int, as kind: DunningFeeSettlement = .payment, on date: String = CalendarDate.today(),
                                 method: String = "transfer", reference: String = "") throws -> DunningFee {
        guard cents > 0 else { throw KontorError.rule(tr("the amount must be more than 0,00")) }
        guard CalendarDate.isValid(date) else { throw KontorError.rule(tr("the date must be a day like 2026-12-05")) }
        return try write(.writeBackOffice) { db in
            try DunningFees.settle(db, feeID: feeID, cents: cents, as: kind, on: date, method: method, reference: reference, by: self)
        }
    }
}

extension DunningFees {
    /// Records a payment or waiver of a fee inside the caller's transaction
    /// (a bank import books it with the invoice the same transfer paid),
    /// never more than is open, audited on the customer.
    @discardableResult
    static func settle(_ db: Database, feeID: Int64, cents: Int, as kind: DunningFeeSettlement, on date: String,
                       method: String, reference: String, by session: Session) throws -> DunningFee {
        guard let row = try Row.fetchOne(db, sql: "SELECT f.*, l.file_name FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id WHERE f.id = ?",
                                         arguments: [feeID]) else {
            throw KontorError.notFound(entity: "dunning fee", id: feeID)
        }
        let fee = Self.fee(row)
        guard cents <= fee.openCents else {
            throw KontorError.rule(tr("only {0} is open on the fee of {1}", Money.format(cents: fee.openCents), fee.reference))
        }
        try db.execute(sql: """
            INSERT INTO dunning_fee_payments (fee_id, kind, amount_cents, paid_on, method, reference, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [feeID, kind.rawValue, cents, date, kind == .waiver ? "offset" : method, reference, session.username, Timestamp.now()])
        try Audit.record(db, session: session, entity: "customer", id: fee.customerID, action: kind == .waiver ? "waive fee" : "fee payment",
                         changes: [("dunning_fee", nil, "\(fee.reference) \(Money.format(cents: cents))")])
        var settled = fee
        settled.paidCents += cents
        return settled
    }
}
