import GRDB

/// Money in and out in the period, and the Skonto customers took: a
/// payment credits the customer against the bank (or the cash box, when
/// paid in cash), a refund charges them against it, and Skonto credits
/// them against the Skonto accounts of the document's VAT groups, split in
/// the groups' proportion so that DATEV takes back the right VAT.
///
/// Each names the document it belongs to in Belegfeld 1, as DATEV's open
/// items expect. Settlements (a credit note setting off its invoice) move
/// nothing between accounts, as both documents are already on the
/// customer's account, and are left out.
enum PaymentBookings: BookingSource {
    static func entries(_ db: Database, _ context: BookingContext) throws -> [DebtorEntry] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.invoice_id, p.kind, p.amount_cents, p.paid_on, p.method, i.number, i.customer_id, i.buyer_name,
                   (SELECT json_extract(ip.parties, '$.smallBusiness') FROM invoice_parties ip WHERE ip.invoice_id = i.id) AS small_business
            FROM payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE p.paid_on BETWEEN ? AND ? AND p.kind IN ('payment', 'refund', 'skonto')
            ORDER BY p.paid_on, p.id
            """, arguments: [context.from, context.to])
        guard !rows.isEmpty else { return [] }
        let skontoDocuments = rows.filter { $0["kind"] == Payment.Kind.skonto.rawValue }.map { $0["invoice_id"] as Int64 }
        let groups = skontoDocuments.isEmpty ? [:] : try IssuedDocumentBookings.groups(db, documents: skontoDocuments)
        var entries: [DebtorEntry] = []
        for row in rows {
            let amount: Int = row["amount_cents"]
            let number: String = row["number"]
            let name = DATEVText.field(row["buyer_name"], max: 40)
            let entry = DebtorEntry(customerID: row["customer_id"], date: row["paid_on"], document: number, reference: "",
                                    contraAccount: 0, debtorCents: -amount, text: "", dueDate: nil)
            switch Payment.Kind(rawValue: row["kind"]) {
            case .payment?, .refund?:
                var money = entry
                money.contraAccount = row["method"] == Payment.Method.cash.rawValue ? context.accounts.cash : context.accounts.bank
                money.text = (amount > 0 ? "Zahlung \(number) " : "Erstattung \(number) ") + name
                entries.append(money)
            case .skonto?:
                let totals = groups[row["invoice_id"]] ?? InvoiceTotals(lines: [(netCents: Int, rate: VATRate)]())
                let smallBusiness = (row["small_business"] as Bool?) ?? context.smallBusiness
                for (group, share) in Self.split(amount, over: totals) where share != 0 {
                    var skonto = entry
                    skonto.contraAccount = context.accounts.skonto(group.category, group.rate, smallBusiness: smallBusiness)
                    skonto.debtorCents = -share
                    skonto.text = "Skonto \(number) " + name
                    entries.append(skonto)
                }
            default:
                continue
            }
        }
        return entries
    }

    /// `amount` split over the groups in proportion to their gross, to the
    /// cent: each share rounded down, the cents left over given to the
    /// largest remainders, so that the shares add up to `amount` exactly.
    static func split(_ amount: Int, over totals: InvoiceTotals) -> [(InvoiceTotals.RateTotal, Int)] {
        let groups = totals.byRate.filter { $0.netCents + $0.vatCents != 0 }
        let weights = groups.map { abs($0.netCents + $0.vatCents) }
        let whole = weights.reduce(0, +)
        guard whole > 0 else { return [] }
        let magnitude = abs(amount)
        var shares = weights.map { magnitude * $0 / whole }
        let remainders = weights.enumerated().map { ($0.offset, magnitude * $0.element % whole) }
        var left = magnitude - shares.reduce(0, +)
        for (index, _) in remainders.sorted(by: { ($0.1, -$0.0) > ($1.1, -$1.0) }) where left > 0 {
            shares[index] += 1
            left -= 1
        }
        return zip(groups, shares.map { amount < 0 ? -$0 : $0 }).map { ($0, $1) }
    }
}
