import GRDB

/// The indexes that keep the Inventory and Staff screens at a few
/// milliseconds a key on a large database.
///
/// What is reserved of a product is the sum of its lines on draft invoices
/// and on won deals not yet invoiced. Through the `product_reservations`
/// view SQLite had to read every won deal (tens of thousands) to find the
/// few not yet invoiced, and every invoice of the product to find its
/// drafts: about 40 ms a product in the 200 000-customer demo. These
/// indexes let one product's reservations be read from its own lines, and
/// everyone's from the open documents alone:
///
/// - `invoices_open_drafts`, `deals_won_uninvoiced`: the documents that
///   reserve stock, as small partial indexes (a few thousand entries) that
///   answer "is this one open?" without reading the row.
/// - `…_by_product_document`: a product's lines with their document and
///   quantity, so its reservations are summed without reading a line.
/// - `…_by_document_product`: the lines of an open document with product and
///   quantity, so the reservations of every product are summed from the open
///   documents alone.
/// - `tickets_open_by_assignee`: a person's open tickets in SLA order, so a
///   colleague's record reads the first window, not all their open tickets.
///   Its `assignee_id > 0` (true of every staff id) is there so that only a
///   query saying so uses it: the ticket queue's own plans, which its tests
///   pin, stay as they are until the queue adopts the index by adding the
///   same term.
enum StockAndStaffSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX invoices_open_drafts ON invoices (id) WHERE status = 'draft' AND kind = 'invoice';
            CREATE INDEX deals_won_uninvoiced ON deals (id) WHERE stage = 'won' AND invoice_id IS NULL;
            CREATE INDEX invoice_lines_by_product_document ON invoice_lines (product_id, invoice_id, quantity) WHERE product_id IS NOT NULL;
            CREATE INDEX invoice_lines_by_document_product ON invoice_lines (invoice_id, product_id, quantity) WHERE product_id IS NOT NULL;
            CREATE INDEX deal_lines_by_product_document ON deal_lines (product_id, deal_id, quantity) WHERE product_id IS NOT NULL;
            CREATE INDEX deal_lines_by_document_product ON deal_lines (deal_id, product_id, quantity) WHERE product_id IS NOT NULL;
            CREATE INDEX tickets_open_by_assignee ON tickets (assignee_id, sla_due, id) WHERE sla_due IS NOT NULL AND assignee_id > 0;
            """)
    }
}
