import KontorLocale
import GRDB

/// Invoices and credit notes issued in the period: one movement per VAT
/// group, the group's gross onto the revenue account of its category and
/// rate. A credit note's amounts are negative, so it credits the customer
/// and takes back the revenue on the same accounts.
///
/// The groups are computed as the invoice computed them (`InvoiceTotals`:
/// VAT once per group on its summed net, document discounts and surcharges
/// in their group), and must add up to the gross the invoice was issued
/// with; a document where they do not is refused by number rather than
/// exported wrong.
enum IssuedDocumentBookings: BookingSource {
    static func entries(_ db: Database, _ context: BookingContext) throws -> [DebtorEntry] {
        let documents = try Row.fetchAll(db, sql: """
            SELECT i.id, i.kind, i.number, i.customer_id, i.issue_date, i.due_date, i.gross_cents, i.buyer_name,
                   coalesce(i.period_end, i.delivery_date) AS supplied,
                   (SELECT json_extract(ip.parties, '$.smallBusiness') FROM invoice_parties ip WHERE ip.invoice_id = i.id) AS small_business,
                   (SELECT o.number FROM invoices o WHERE o.id = i.corrects_id) AS corrects
            FROM invoices i
            WHERE i.issue_date BETWEEN ? AND ?
            ORDER BY i.issue_date, i.kind DESC, i.number
            """, arguments: [context.from, context.to])
        guard !documents.isEmpty else { return [] }
        let groups = try Self.groups(db, documents: documents.map { $0["id"] })
        var entries: [DebtorEntry] = []
        for row in documents {
            let id: Int64 = row["id"]
            let number: String = row["number"]
            let gross: Int = row["gross_cents"]
            let smallBusiness = (row["small_business"] as Bool?) ?? context.smallBusiness
            let totals = groups[id] ?? InvoiceTotals(lines: [(netCents: Int, rate: VATRate)]())
            guard totals.grossCents == gross else {
                throw KontorError.rule(tr("{0}: its VAT groups add up to {1}, but it was issued over {2}; kontor check names what is wrong, nothing was exported", number, Money.format(cents: totals.grossCents), Money.format(cents: gross)))
            }
            let isCreditNote = row["kind"] == InvoiceKind.creditNote.rawValue
            let corrects: String? = row["corrects"]
            let issued: String = row["issue_date"]
            let supplied = (row["supplied"] as String?).flatMap { $0 == issued ? nil : $0 }
            let name = DATEVText.field(row["buyer_name"], max: 40)
            let text = isCreditNote ? "Gutschrift \(number) \(name)" : "Rechnung \(number) \(name)"
            for group in totals.byRate {
                let groupGross = group.netCents + group.vatCents
                guard groupGross != 0 else { continue }
                entries.append(DebtorEntry(
                    customerID: row["customer_id"], date: row["issue_date"], document: number, reference: corrects ?? "",
                    contraAccount: context.accounts.revenue(group.category, group.rate, smallBusiness: smallBusiness),
                    debtorCents: groupGross, text: text, dueDate: isCreditNote ? nil : row["due_date"], supplyDate: supplied))
            }
        }
        return entries
    }

    /// Each document's VAT groups, from its lines and document discounts
    /// and surcharges summed per group (the VAT of a group is that of its sum).
    static func groups(_ db: Database, documents ids: [Int64]) throws -> [Int64: InvoiceTotals] {
        var lines: [Int64: [(netCents: Int, rate: VATRate, category: TaxCategory)]] = [:]
        for row in try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT invoice_id, tax_category, vat_rate_bp, sum(net_cents) AS net FROM invoice_lines
            WHERE invoice_id IN (\(SQLiteSpecific.idList(ids)))
            GROUP BY invoice_id, tax_category, vat_rate_bp
            """)) {
            lines[row["invoice_id"], default: []].append((row["net"], VATRate(rawValue: row["vat_rate_bp"]) ?? .standard,
                                                          TaxCategory(rawValue: row["tax_category"]) ?? .standard))
        }
        var adjustments: [Int64: [(amountCents: Int, isCharge: Bool, rate: VATRate, category: TaxCategory)]] = [:]
        for row in try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT invoice_id, is_charge, tax_category, vat_rate_bp, sum(amount_cents) AS amount FROM invoice_allowances
            WHERE invoice_id IN (\(SQLiteSpecific.idList(ids)))
            GROUP BY invoice_id, is_charge, tax_category, vat_rate_bp
            """)) {
            adjustments[row["invoice_id"], default: []].append((row["amount"], row["is_charge"], VATRate(rawValue: row["vat_rate_bp"]) ?? .standard,
                                                                TaxCategory(rawValue: row["tax_category"]) ?? .standard))
        }
        var totals: [Int64: InvoiceTotals] = [:]
        for (id, documentLines) in lines {
            totals[id] = InvoiceTotals(lines: documentLines, adjustments: adjustments[id] ?? [])
        }
        return totals
    }
}
