import GRDB

/// `v22-product-reservations`: what is reserved of each product, kept by
/// triggers in `reservation_totals`, so that the inventory list reads a
/// product's reservation as one row instead of summing the lines of every
/// open document (85 ms at a million customers, on the first visit and
/// after every change).
///
/// Reserved is what `product_reservations` (the view, the definition)
/// lists: lines with a product on draft invoices (kind invoice) and on won
/// deals not yet invoiced. Whatever changes that list keeps the table in
/// step:
///
/// - a line added, removed or changed (quantity, product, document) counts
///   where its document reserves;
/// - a document that starts or stops reserving adds or takes away all its
///   lines: an invoice issued, a draft's kind changed, a deal won, lost,
///   reopened, invoiced, or released again when its invoice is cancelled or
///   deleted (`ON DELETE SET NULL` fires the deal's trigger);
/// - a document deleted takes its lines away *before* it goes: its lines go
///   by `ON DELETE CASCADE` after the document's row is already gone, when
///   their own trigger can no longer tell whether it reserved.
///
/// A product has a row while something of it is reserved, as the sum
/// that fills the table gives it.
enum ReservationTotalsSchema {
    static let createTable = """
        CREATE TABLE reservation_totals (
            product_id INTEGER PRIMARY KEY,
            quantity   INTEGER NOT NULL
        )
        """

    /// Every product's reservation summed again from the open documents.
    /// Run after the indexes exist (the sum reads them by name).
    static let recount = """
        DELETE FROM reservation_totals;
        INSERT INTO reservation_totals (product_id, quantity) \(ReservationSQL.summed);
        """

    static let triggerNames = [
        "reservation_totals_invoice_line_insert", "reservation_totals_invoice_line_delete", "reservation_totals_invoice_line_update",
        "reservation_totals_invoice_status", "reservation_totals_invoice_delete",
        "reservation_totals_deal_line_insert", "reservation_totals_deal_line_delete", "reservation_totals_deal_line_update",
        "reservation_totals_deal_stage", "reservation_totals_deal_delete",
    ]

    /// The two kinds of document that reserve, each with its lines' table
    /// and the columns a trigger watches.
    private struct Document: Sendable {
        var name: String
        var table: String
        var lines: String
        var documentColumn: String
        /// The columns of a line whose change changes what it reserves.
        var lineColumns: String
        /// The columns of the document whose change may start or end its reserving.
        var stateColumns: String
        /// Whether the document row `row` (`new`, `old` or the table) reserves.
        var reserves: @Sendable (String) -> String
    }

    private static let documents = [
        Document(name: "invoice", table: "invoices", lines: "invoice_lines", documentColumn: "invoice_id",
                 lineColumns: "invoice_id, product_id, quantity_milli", stateColumns: "status, kind",
                 reserves: { "(\($0).status = 'draft' AND \($0).kind = 'invoice')" }),
        Document(name: "deal", table: "deals", lines: "deal_lines", documentColumn: "deal_id",
                 lineColumns: "deal_id, product_id, quantity", stateColumns: "stage, invoice_id",
                 reserves: { "(\($0).stage = 'won' AND \($0).invoice_id IS NULL)" }),
    ]

    /// Whether the document of line `row` exists and reserves.
    private static func reserving(_ d: Document, line row: String) -> String {
        "EXISTS (SELECT 1 FROM \(d.table) x WHERE x.id = \(row).\(d.documentColumn) AND \(d.reserves("x")))"
    }

    /// Adds `quantity` (signed) to the product's row, creating it if need be,
    /// and drops the row if that leaves nothing reserved. `condition` ends
    /// the SELECT's WHERE (which also keeps SQLite from reading ON CONFLICT
    /// as a join's ON).
    private static func add(_ product: String, _ quantity: String, where condition: String) -> String {
        """
        INSERT INTO reservation_totals (product_id, quantity) SELECT \(product), \(quantity)
            WHERE \(product) IS NOT NULL AND \(condition)
            ON CONFLICT (product_id) DO UPDATE SET quantity = quantity + excluded.quantity;
        DELETE FROM reservation_totals WHERE product_id = \(product) AND quantity = 0;
        """
    }

    /// Adds (`sign` 1) or takes away (-1) every line of document `row`, and
    /// drops the rows of its products that are left with nothing reserved.
    private static func allLines(_ d: Document, of row: String, sign: String) -> String {
        """
        INSERT INTO reservation_totals (product_id, quantity)
            SELECT l.product_id, \(sign) * sum(l.quantity) FROM \(d.lines) l
            WHERE l.\(d.documentColumn) = \(row).id AND l.product_id IS NOT NULL GROUP BY l.product_id
            ON CONFLICT (product_id) DO UPDATE SET quantity = quantity + excluded.quantity;
        DELETE FROM reservation_totals WHERE quantity = 0
            AND product_id IN (SELECT l.product_id FROM \(d.lines) l WHERE l.\(d.documentColumn) = \(row).id);
        """
    }

    private static func triggers(_ d: Document) -> String {
        let prefix = "reservation_totals_\(d.name)"
        return """
            CREATE TRIGGER \(prefix)_line_insert AFTER INSERT ON \(d.lines) BEGIN
                \(add("new.product_id", "new.quantity", where: reserving(d, line: "new")))
            END;
            CREATE TRIGGER \(prefix)_line_delete AFTER DELETE ON \(d.lines) BEGIN
                \(add("old.product_id", "-old.quantity", where: reserving(d, line: "old")))
            END;
            CREATE TRIGGER \(prefix)_line_update AFTER UPDATE OF \(d.lineColumns) ON \(d.lines) BEGIN
                \(add("old.product_id", "-old.quantity", where: reserving(d, line: "old")))
                \(add("new.product_id", "new.quantity", where: reserving(d, line: "new")))
            END;
            CREATE TRIGGER \(prefix)_\(d.name == "deal" ? "stage" : "status") AFTER UPDATE OF \(d.stateColumns) ON \(d.table)
            WHEN \(d.reserves("old")) IS NOT \(d.reserves("new")) BEGIN
                \(allLines(d, of: "new", sign: "CASE WHEN \(d.reserves("new")) THEN 1 ELSE -1 END"))
            END;
            CREATE TRIGGER \(prefix)_delete BEFORE DELETE ON \(d.table) WHEN \(d.reserves("old")) BEGIN
                \(allLines(d, of: "old", sign: "-1"))
            END;
            """
    }

    static let createTriggers = documents.map(triggers).joined(separator: "\n")

    static func migrate(_ db: Database) throws {
        try db.execute(sql: createTable)
        try db.execute(sql: recount)
        try db.execute(sql: createTriggers)
    }
}
