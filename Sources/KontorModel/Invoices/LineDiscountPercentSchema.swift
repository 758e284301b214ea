import GRDB

/// `v39-line-discount-percent`: a line discount typed as a percentage
/// keeps its percentage (`invoice_lines.discount_milli_percent`, 3 500 for
/// "3,5 %"), so that changing the line's quantity or price takes the same
/// share off again rather than the amount it came to before. The amount
/// (`discount_cents`) stays what the totals, the printout and the
/// e-invoice read; the percentage is how it was worked out.
///
/// Lines stored before keep their amounts: NULL, an amount typed as such.
enum LineDiscountPercentSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE invoice_lines ADD COLUMN discount_milli_percent INTEGER
                CHECK (discount_milli_percent IS NULL OR discount_milli_percent BETWEEN 0 AND 100000)
            """)
    }
}
