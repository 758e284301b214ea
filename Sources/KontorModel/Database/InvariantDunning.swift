import GRDB

/// The dunning rules: a letter claims what its notices claim, and a fee
/// is paid exactly by its payments.
extension Invariant {
    /// `dunning_letters.open_cents` and `interest_cents` are the sums of the
    /// letter's notices, and every letter names at least one invoice.
    static let dunningLetters = Invariant(name: "dunning-letters", rule: "every dunning letter's amounts equal its notices") { db in
        try Row.fetchAll(db, sql: """
            SELECT l.file_name, c.name AS customer, l.open_cents, l.interest_cents,
                   coalesce(n.open, 0) AS open, coalesce(n.interest, 0) AS interest, coalesce(n.count, 0) AS count
            FROM dunning_letters l
            LEFT JOIN (SELECT letter_id, sum(open_cents) AS open, sum(interest_cents) AS interest, count(*) AS count
                       FROM dunning_notices GROUP BY letter_id) n ON n.letter_id = l.id
            LEFT JOIN customers c ON c.id = l.customer_id
            WHERE l.open_cents IS NOT coalesce(n.open, 0) OR l.interest_cents IS NOT coalesce(n.interest, 0)
            ORDER BY l.id LIMIT \(InvariantWords.limit)
            """).map { row in
            "dunning letter \(row["file_name"] as String) (\(row["customer"] as String? ?? "?")): open \(InvariantWords.cents(row["open_cents"])) interest \(InvariantWords.cents(row["interest_cents"])), its \(row["count"] as Int) notices sum to \(InvariantWords.cents(row["open"])) and \(InvariantWords.cents(row["interest"]))"
        }
    }

    /// `dunning_fees.paid_cents` is the sum of the fee's payments and waivers.
    static let dunningFees = Invariant(name: "dunning-fees", rule: "every dunning fee's paid amount equals its payments") { db in
        try Row.fetchAll(db, sql: """
            SELECT l.file_name, f.paid_cents, coalesce(p.total, 0) AS payments
            FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id
            LEFT JOIN (SELECT fee_id, sum(amount_cents) AS total FROM dunning_fee_payments GROUP BY fee_id) p ON p.fee_id = f.id
            WHERE f.paid_cents IS NOT coalesce(p.total, 0)
            ORDER BY f.id LIMIT \(InvariantWords.limit)
            """).map { row in
            "dunning fee of \(row["file_name"] as String): paid \(InvariantWords.cents(row["paid_cents"])), its payments sum to \(InvariantWords.cents(row["payments"]))"
        }
    }
}
