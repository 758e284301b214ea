import GRDB

/// What is reserved, read on the indexes of `StockAndStaffSchema` rather
/// than through the `product_reservations` view. The results are the view's
/// (draft invoices of kind invoice, won deals without an invoice, lines with
/// a product); the tests compare the two.
///
/// The joins are written `CROSS JOIN` with `INDEXED BY` so that SQLite walks
/// them in the order written: a migrated database has no statistics for the
/// new indexes, and without them SQLite would rather read every won deal.
enum ReservationSQL {
    /// The open lines of one product (argument: the product id, twice).
    /// Walks the product's lines on a covering index and keeps those whose
    /// document is in the small index of open documents.
    static let ofProduct = """
        SELECT coalesce((
            SELECT sum(l.quantity) FROM \(SQLiteSpecific.table("invoice_lines l", indexedBy: "invoice_lines_by_product_document"))
            CROSS JOIN \(SQLiteSpecific.table("invoices i", indexedBy: "invoices_open_drafts")) ON i.id = l.invoice_id
            WHERE l.product_id = ? AND l.product_id IS NOT NULL AND i.status = 'draft' AND i.kind = 'invoice'
        ), 0) + coalesce((
            SELECT sum(dl.quantity) FROM \(SQLiteSpecific.table("deal_lines dl", indexedBy: "deal_lines_by_product_document"))
            CROSS JOIN \(SQLiteSpecific.table("deals d", indexedBy: "deals_won_uninvoiced")) ON d.id = dl.deal_id
            WHERE dl.product_id = ? AND dl.product_id IS NOT NULL AND d.stage = 'won' AND d.invoice_id IS NULL
        ), 0)
        """

    /// Every product's reserved quantity, in up to two rows a product (one
    /// per kind of document): read from the open documents alone, so it
    /// costs what is open, not what was ever sold.
    static let byProduct = """
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
        """

    /// The reserved quantity of one product.
    static func reserved(_ db: Database, productID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: ofProduct, arguments: [productID, productID]) ?? 0
    }

    /// The reserved quantity of every product that has any.
    static func reservedByProduct(_ db: Database) throws -> [Int64: Int] {
        var reserved: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: byProduct) {
            let id: Int64 = row["product_id"]
            reserved[id, default: 0] += row["quantity"] as Int
        }
        return reserved
    }
}
