import GRDB

/// Default interest received on a dunning letter: no receivable until it
/// came (`interest_received`), so it is booked through the debtor on the
/// day it was paid, charged against the fee account (no VAT, as the fees:
/// damages for the delay) and paid against the bank, naming the letter in
/// Belegfeld 1 — the debtor's balance is unchanged, the bank and the
/// income account are right.
enum InterestReceivedBookings: BookingSource {
    static func entries(_ db: Database, _ context: BookingContext) throws -> [DebtorEntry] {
        var entries: [DebtorEntry] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT r.customer_id, r.amount_cents, r.paid_on, r.method, l.file_name, c.name
            FROM interest_received r JOIN dunning_letters l ON l.id = r.letter_id JOIN customers c ON c.id = r.customer_id
            WHERE r.paid_on BETWEEN ? AND ?
            ORDER BY r.paid_on, r.id
            """, arguments: [context.from, context.to]) {
            let letter: String = row["file_name"]
            let cents: Int = row["amount_cents"]
            let name = DATEVText.field(row["name"], max: 40)
            entries.append(DebtorEntry(customerID: row["customer_id"], date: row["paid_on"], document: letter, reference: "",
                                       contraAccount: context.accounts.dunningFees, debtorCents: cents,
                                       text: "Verzugszinsen \(letter) " + name, dueDate: nil))
            entries.append(DebtorEntry(customerID: row["customer_id"], date: row["paid_on"], document: letter, reference: "",
                                       contraAccount: row["method"] == Payment.Method.cash.rawValue ? context.accounts.cash : context.accounts.bank,
                                       debtorCents: -cents, text: "Zahlung Verzugszinsen \(letter) " + name, dueDate: nil))
        }
        return entries
    }
}
