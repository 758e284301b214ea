import GRDB

/// Dunning fees: a fee charges the customer on the letter's date against
/// the fee account (no VAT: it is damages, not a supply); money received
/// for it credits them against the bank (or the cash box), and a fee let
/// go (a waiver) credits them against the fee account again, taking back
/// what was never going to come in.
///
/// Each names its letter ("Mahnung-00012") in Belegfeld 1, the fee's own
/// document, so DATEV's open items match a fee with its payments as
/// Kontor's open items do, apart from the invoice it was charged over.
enum DunningFeeBookings: BookingSource {
    static func entries(_ db: Database, _ context: BookingContext) throws -> [DebtorEntry] {
        var entries: [DebtorEntry] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT f.customer_id, f.amount_cents, f.due_date, l.letter_date, l.file_name, c.name
            FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id JOIN customers c ON c.id = f.customer_id
            WHERE l.letter_date BETWEEN ? AND ?
            ORDER BY l.letter_date, l.id
            """, arguments: [context.from, context.to]) {
            let letter: String = row["file_name"]
            entries.append(DebtorEntry(customerID: row["customer_id"], date: row["letter_date"], document: letter, reference: "",
                                       contraAccount: context.accounts.dunningFees, debtorCents: row["amount_cents"],
                                       text: "Mahngebühr \(letter) " + DATEVText.field(row["name"], max: 40), dueDate: row["due_date"]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT f.customer_id, p.kind, p.method, p.amount_cents, p.paid_on, l.file_name, c.name
            FROM dunning_fee_payments p JOIN dunning_fees f ON f.id = p.fee_id
            JOIN dunning_letters l ON l.id = f.letter_id JOIN customers c ON c.id = f.customer_id
            WHERE p.paid_on BETWEEN ? AND ?
            ORDER BY p.paid_on, p.id
            """, arguments: [context.from, context.to]) {
            let letter: String = row["file_name"]
            let waived = row["kind"] == DunningFeeSettlement.waiver.rawValue
            let contra = waived ? context.accounts.dunningFees
                : row["method"] == Payment.Method.cash.rawValue ? context.accounts.cash : context.accounts.bank
            entries.append(DebtorEntry(customerID: row["customer_id"], date: row["paid_on"], document: letter, reference: "",
                                       contraAccount: contra, debtorCents: -(row["amount_cents"] as Int),
                                       text: (waived ? "Mahngebühr erlassen \(letter) " : "Zahlung Mahngebühr \(letter) ")
                                           + DATEVText.field(row["name"], max: 40), dueDate: nil))
        }
        return entries
    }
}
