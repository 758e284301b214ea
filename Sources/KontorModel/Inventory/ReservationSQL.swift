import GRDB

/// What is reserved of a product: on draft invoices and on won deals not
/// yet invoiced (the `product_reservations` view is the definition).
///
/// Read from `reservation_totals`, which triggers keep
/// (`ReservationTotalsSchema`). `summed` is the same figure added up from
/// the documents themselves: what fills that table and what `kontor check`
/// compares it with.
enum ReservationSQL {
    /// Every product's reserved quantity summed from the open documents, one
    /// row a product (`product_id`, `quantity`), read on the indexes of
    /// `StockAndStaffSchema` rather than through the view: it costs what is
    /// open, not what was ever sold.
    ///
    /// The joins are written `CROSS JOIN` with `INDEXED BY` so that SQLite
    /// walks them in the order written: a migrated database has no
    /// statistics for the indexes, and without them SQLite would rather read
    /// every won deal.
    static let summed = """
        SELECT product_id, sum(quantity) AS quantity FROM (
            SELECT l.product_id AS product_id, sum(l.quantity) AS quantity
            FROM \(SQLiteSpecific.table("invoices i", indexedBy: "invoices_open_drafts"))
            CROSS JOIN \(SQLiteSpecific.table("invoice_lines l", indexedBy: "invoice_lines_by_document_product")) ON l.invoice_id = i.id
            WHERE i.status = 'draft' AND i.kind = 'invoice' AND l.product_id IS NOT NULL
            GROUP BY l.product_id
            UNION ALL
            SELECT dl.product_id, sum(dl.quantity)
            FROM \(SQLiteSpecific.table("deals d", indexedBy: "deals_won_uninvoiced"))
            CROSS JOIN \(SQLiteSpecific.table("deal_lines dl", indexedBy: "deal_lines_by_document_product")) ON dl.deal_id = d.id
            WHERE d.stage = 'won' AND d.invoice_id IS NULL AND dl.product_id IS NOT NULL
            GROUP BY dl.product_id
        ) GROUP BY product_id
        """

    /// The kept reservation of `products.id`, for a query over `products`.
    static let keptOfListedProduct = "coalesce((SELECT r.quantity FROM reservation_totals r WHERE r.product_id = products.id), 0)"

    /// The reserved quantity of one product, as kept.
    static func reserved(_ db: Database, productID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT quantity FROM reservation_totals WHERE product_id = ?", arguments: [productID]) ?? 0
    }
}
