import GRDB

/// The money and stock rules: each check one query over the whole table,
/// grouped in SQL, returning only the rows that break the rule.
extension Invariant {
    /// `products.on_hand` is the sum of the product's stock moves.
    static let stockLedger = Invariant(name: "stock-ledger", rule: "stock on hand equals its ledger") { db in
        try Row.fetchAll(db, sql: """
            SELECT p.sku, p.name, p.on_hand, coalesce(m.total, 0) AS ledger
            FROM products p
            LEFT JOIN (SELECT product_id, sum(quantity) AS total FROM stock_moves GROUP BY product_id) m ON m.product_id = p.id
            WHERE p.on_hand IS NOT coalesce(m.total, 0)
            ORDER BY p.sku LIMIT \(InvariantWords.limit)
            """).map { row in
            "product \(row["sku"] as String) (\(row["name"] as String)): on hand \(row["on_hand"] as Int? ?? 0), its stock moves sum to \(row["ledger"] as Int)"
        }
    }

    /// An invoice's stored net, VAT and gross are what its lines and its
    /// document discounts and surcharges give, computed as `InvoiceTotals`
    /// does: summed per VAT category and rate, VAT once per group, rounded
    /// half away from zero.
    static let invoiceTotals = Invariant(name: "invoice-totals", rule: "every invoice's totals equal its lines, discounts and surcharges") { db in
        try Row.fetchAll(db, sql: """
            WITH amounts AS (
                SELECT invoice_id, tax_category, vat_rate_bp, net_cents AS net FROM invoice_lines
                UNION ALL
                SELECT invoice_id, tax_category, vat_rate_bp, CASE WHEN is_charge THEN amount_cents ELSE -amount_cents END
                FROM invoice_allowances
            ), groups AS (
                SELECT invoice_id, vat_rate_bp, sum(net) AS net FROM amounts GROUP BY invoice_id, tax_category, vat_rate_bp
            ), sums AS (
                SELECT invoice_id, sum(net) AS net,
                       sum(CASE WHEN net < 0 THEN -((-net * vat_rate_bp + 5000) / 10000) ELSE (net * vat_rate_bp + 5000) / 10000 END) AS vat
                FROM groups GROUP BY invoice_id
            )
            SELECT i.id, i.kind, i.number, c.name AS customer, i.net_cents, i.vat_cents, i.gross_cents,
                   coalesce(s.net, 0) AS net, coalesce(s.vat, 0) AS vat
            FROM invoices i LEFT JOIN sums s ON s.invoice_id = i.id LEFT JOIN customers c ON c.id = i.customer_id
            WHERE i.net_cents IS NOT coalesce(s.net, 0) OR i.vat_cents IS NOT coalesce(s.vat, 0)
               OR i.gross_cents IS NOT coalesce(s.net, 0) + coalesce(s.vat, 0)
            ORDER BY i.id LIMIT \(InvariantWords.limit)
            """).map { row in
            let net: Int = row["net"], vat: Int = row["vat"]
            return "\(InvariantWords.document(row)): stored net \(InvariantWords.cents(row["net_cents"])) VAT \(InvariantWords.cents(row["vat_cents"])) gross \(InvariantWords.cents(row["gross_cents"])), its lines give net \(InvariantWords.cents(net)) VAT \(InvariantWords.cents(vat)) gross \(InvariantWords.cents(net + vat))"
        }
    }

    /// `invoices.paid_cents` is the sum of the document's payment rows.
    static let paidAmounts = Invariant(name: "paid-amounts", rule: "every invoice's paid amount equals its payments") { db in
        try Row.fetchAll(db, sql: """
            SELECT i.id, i.kind, i.number, c.name AS customer, i.paid_cents, coalesce(p.total, 0) AS payments
            FROM invoices i
            LEFT JOIN (SELECT invoice_id, sum(amount_cents) AS total FROM payments GROUP BY invoice_id) p ON p.invoice_id = i.id
            LEFT JOIN customers c ON c.id = i.customer_id
            WHERE i.paid_cents IS NOT coalesce(p.total, 0)
            ORDER BY i.id LIMIT \(InvariantWords.limit)
            """).map { row in
            "\(InvariantWords.document(row)): paid \(InvariantWords.cents(row["paid_cents"])), its payments sum to \(InvariantWords.cents(row["payments"]))"
        }
    }

    /// No invoice has more paid on it than its gross unless the payment
    /// that overpaid it was accepted as such (the audit log's
    /// `overpaid_cents`), none less than nothing, and no credit note has
    /// more paid back than the customer was owed.
    static let paymentsWithinGross = Invariant(name: "payments-within-gross", rule: "payments never above gross but where an overpayment was accepted") { db in
        try Row.fetchAll(db, sql: """
            SELECT i.id, i.kind, i.number, c.name AS customer, i.gross_cents, i.paid_cents
            FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id
            WHERE (i.kind = 'invoice' AND i.paid_cents > i.gross_cents
                   AND NOT EXISTS (SELECT 1 FROM \(Audit.byEntity("a"))
                                   WHERE a.entity = 'invoice' AND a.entity_id = i.id AND a.field = 'overpaid_cents'))
               OR (i.kind = 'invoice' AND i.paid_cents < min(0, i.gross_cents))
               OR (i.kind = 'credit_note' AND i.paid_cents < i.gross_cents)
            ORDER BY i.id LIMIT \(InvariantWords.limit)
            """).map { row in
            let gross: Int = row["gross_cents"], paid: Int = row["paid_cents"]
            let what = row["kind"] as String == "credit_note"
                ? "more paid back than was owed"
                : paid < 0 ? "more refunded than was received" : "paid above gross with no overpayment accepted"
            return "\(InvariantWords.document(row)): gross \(InvariantWords.cents(gross)), paid \(InvariantWords.cents(paid)) — \(what)"
        }
    }

    /// Each series (`2026`, `CN-2026`) has given out exactly the numbers
    /// 1 … its `last_number`, each once, and no document carries a
    /// number of a series the table does not know.
    static let invoiceNumbers = Invariant(name: "invoice-numbers", rule: "invoice numbers gapless per series and year") { db in
        try Row.fetchAll(db, sql: """
            WITH issued AS (
                SELECT rtrim(number, '0123456789') AS prefix,
                       CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS INTEGER) AS serial
                FROM invoices WHERE number IS NOT NULL
            ), used AS (
                SELECT substr(prefix, 1, length(prefix) - 1) AS series, count(*) AS n, count(DISTINCT serial) AS distinct_n,
                       min(serial) AS lowest, max(serial) AS highest
                FROM issued GROUP BY prefix
            ), known AS (
                SELECT series FROM used UNION SELECT series FROM invoice_numbers
            )
            SELECT k.series, coalesce(u.n, 0) AS n, coalesce(u.distinct_n, 0) AS distinct_n, u.lowest, coalesce(u.highest, 0) AS highest,
                   s.last_number,
                   (SELECT count(DISTINCT i.serial) FROM issued i
                    WHERE i.prefix = k.series || '-' AND i.serial BETWEEN 1 AND s.last_number) AS in_range
            FROM known k LEFT JOIN used u ON u.series = k.series LEFT JOIN invoice_numbers s ON s.series = k.series
            WHERE s.last_number IS NULL OR coalesce(u.n, 0) <> s.last_number OR coalesce(u.distinct_n, 0) <> coalesce(u.n, 0)
               OR coalesce(u.highest, 0) <> s.last_number OR coalesce(u.lowest, 1) <> 1
            ORDER BY k.series LIMIT \(InvariantWords.limit)
            """).map { row in
            let series: String = row["series"], n: Int = row["n"], distinct: Int = row["distinct_n"], highest: Int = row["highest"]
            guard let last = row["last_number"] as Int? else {
                return "series \(series): \(n) documents carry its numbers, but invoice_numbers has no such series"
            }
            var differences: [String] = []
            if distinct != n { differences.append("\(n - distinct) numbers given twice") }
            let inRange: Int = row["in_range"]
            if inRange < last { differences.append("\(last - inRange) of 1…\(last) missing") }
            if highest > last { differences.append("numbers up to \(highest) issued") }
            if let lowest = row["lowest"] as Int?, lowest < 1 { differences.append("a number \(lowest) below 1") }
            return "series \(series): stands at \(last), \(n) documents numbered — \(differences.joined(separator: ", "))"
        }
    }
}
