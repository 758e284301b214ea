import GRDB

/// The dunning fees open on a day, as items of the open items list: each
/// fee is a receivable of its own (the invoice it was charged over never
/// changes), so it is an item of its own, named by the letter that charged
/// it. Without them the list would fall short of the customers' balances,
/// which count open fees.
enum OpenDunningFees {
    /// "Mahnung-00012 Gebühr": the item's document, as the letter is named.
    static func document(letter fileName: String) -> String { fileName + " Gebühr" }

    /// Fees charged by `day` (the letter's date), less their payments and
    /// waivers dated by then, where something is left; only fees open now
    /// or settled after the day are read.
    static func items(_ db: Database, asOf day: String) throws -> [OpenItemList.Sorted] {
        try Row.fetchAll(db, sql: """
            SELECT f.id, f.customer_id, f.amount_cents, f.due_date, l.letter_date, l.file_name, c.name, c.sort_key, d.account,
                   (SELECT min(n.invoice_id) FROM dunning_notices n WHERE n.letter_id = l.id) AS invoice_id,
                   (SELECT coalesce(sum(p.amount_cents), 0) FROM dunning_fee_payments p WHERE p.fee_id = f.id AND p.paid_on <= ?1) AS paid
            FROM dunning_fees f
            JOIN dunning_letters l ON l.id = f.letter_id
            JOIN customers c ON c.id = f.customer_id
            LEFT JOIN datev_debtors d ON d.customer_id = f.customer_id
            WHERE f.id IN (SELECT id FROM dunning_fees WHERE paid_cents < amount_cents
                           UNION SELECT fee_id FROM dunning_fee_payments WHERE paid_on > ?1)
              AND l.letter_date <= ?1
            """, arguments: [day]).map { row in
            OpenItemList.Sorted(sortKey: row["sort_key"], item: OpenItem(documentID: row["invoice_id"], number: Self.document(letter: row["file_name"]), kind: .invoice,
                                       customerID: row["customer_id"], customerName: row["name"], debtorAccount: row["account"],
                                       issueDate: row["letter_date"], dueDate: row["due_date"], grossCents: row["amount_cents"],
                                       paidCents: row["paid"], dunningFeeID: row["id"], feeLetter: row["file_name"]))
        }
    }
}
