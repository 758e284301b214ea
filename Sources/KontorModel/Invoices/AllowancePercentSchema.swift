import GRDB

/// `v41-allowance-percent`: a discount or surcharge on the whole invoice
/// typed as a percentage keeps it (`invoice_allowances.percent_bp`, 500 for
/// "5 %"), so that a line added, changed or removed afterwards takes the
/// same share of its VAT group again, and the documents can say "5 %"
/// (EN 16931 BT-94 and its base, BT-93) rather than an amount that no
/// longer matches the lines. The amount (`amount_cents`) stays what the
/// totals, the printout and the e-invoice read.
///
/// Discounts and surcharges stored before keep their amounts: NULL, an
/// amount typed as such.
enum AllowancePercentSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE invoice_allowances ADD COLUMN percent_bp INTEGER
                CHECK (percent_bp IS NULL OR percent_bp BETWEEN 1 AND 10000)
            """)
    }
}
