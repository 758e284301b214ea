import GRDB

/// One line of the stock ledger as the product's record shows it: the move,
/// its balance, and the number of the invoice it belongs to, if any.
public struct StockLedgerEntry: Equatable, Sendable, Identifiable {
    public var move: StockMove
    /// The invoice's number ("2026-0042"); nil for moves without an invoice.
    public var invoiceNumber: String?

    public var id: Int64 { move.id }
}

/// A quantity of a product promised but not yet delivered: on a draft
/// invoice, or on a won deal not yet invoiced.
public struct StockReservation: Equatable, Sendable, Identifiable {
    public enum Source: String, Sendable { case invoice, deal }

    /// Invoices first, then deals; within each by line.
    public struct Key: Hashable, Sendable {
        public var rank: Int
        public var lineID: Int64
    }

    public var source: Source
    public var lineID: Int64
    /// The draft invoice's or the deal's id.
    public var documentID: Int64
    /// The deal's title; empty for a draft invoice.
    public var title: String
    public var customerName: String
    public var quantity: Int
    /// When the invoice was drafted or the deal won.
    public var since: String?

    public var id: Key { Key(rank: source == .invoice ? 0 : 1, lineID: lineID) }
}

/// A deal line that quotes a product.
public struct ProductDealUse: Equatable, Sendable, Identifiable {
    /// The deal line's id: the list's key.
    public var id: Int64
    public var dealID: Int64
    public var title: String
    public var customerName: String
    public var stage: DealStage
    public var quantity: Int
    public var unitPriceCents: Int
    /// Set once the won deal became an invoice.
    public var invoiceID: Int64?
    public var expectedClose: String?
}

/// An invoice line that bills a product.
public struct ProductInvoiceUse: Equatable, Sendable, Identifiable {
    /// The invoice line's id: the list's key.
    public var id: Int64
    public var invoiceID: Int64
    /// Nil while draft.
    public var number: String?
    public var kind: InvoiceKind
    public var status: InvoiceStatus
    public var customerName: String
    public var issueDate: String?
    /// Negative on credit notes.
    public var quantity: Int
    public var unitPriceCents: Int
}

extension ProductRepository {
    /// The order of the ledger and of the lines that use a product: newest first.
    static func newestFirst(_ id: String) -> Keyset { Keyset(id, descending: true) }

    /// Reservations: draft invoices first, then won deals; within each by line.
    static let reservationOrder = Keyset("rank", "line_id")

    // MARK: Ledger

    /// Ledger lines older than `id` (the newest when nil), newest first, `limit` of them.
    public func ledgerEntries(of productID: Int64, olderThan id: Int64?, limit: Int) throws -> [StockLedgerEntry] {
        try ledgerEntries(productID, from: id, newestFirst: true, limit: limit)
    }

    /// Ledger lines newer than `id` (the oldest when nil), the `limit` nearest
    /// to it, returned newest first like the rest of the ledger.
    public func ledgerEntries(of productID: Int64, newerThan id: Int64?, limit: Int) throws -> [StockLedgerEntry] {
        try ledgerEntries(productID, from: id, newestFirst: false, limit: limit).reversed()
    }

    /// One window of the ledger on the (product, id) index, the rows read
    /// being only those shown. The balance after the newest line of the
    /// window is what is on hand less the moves after it (kept equal to the
    /// ledger's sum by the schema), so it costs the moves newer than the
    /// window, not the product's whole history; each older line's balance is
    /// the next one's less its quantity.
    private func ledgerEntries(_ productID: Int64, from id: Int64?, newestFirst: Bool, limit: Int) throws -> [StockLedgerEntry] {
        let moves = SQLiteSpecific.table("stock_moves m", indexedBy: "stock_moves_by_product")
        let request = Self.newestFirst("m.id").page("""
            SELECT m.*, i.number AS invoice_number
            FROM \(sql: moves) LEFT JOIN invoices i ON i.id = m.invoice_id
            WHERE m.product_id = \(productID)
            """, from: id.map { [$0] }, forward: newestFirst, limit: limit)
        return try database.read { db in
            let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: request))
            var entries = rows.map { StockLedgerEntry(move: StockMove(row: $0), invoiceNumber: $0["invoice_number"]) }
            guard let newest = entries.map(\.move.id).max() else { return [] }
            var balance = try Int.fetchOne(db, sql: """
                SELECT (SELECT on_hand FROM products WHERE id = ?1)
                     - coalesce((SELECT sum(quantity) FROM stock_moves WHERE product_id = ?1 AND id > ?2), 0)
                """, arguments: [productID, newest]) ?? 0
            // Newest first, whatever the order asked for.
            let fromNewest = newestFirst ? Array(entries.indices) : Array(entries.indices.reversed())
            for index in fromNewest {
                entries[index].move.balance = balance
                balance -= entries[index].move.quantity
            }
            return entries
        }
    }

    // MARK: Reservations

    /// The product's open reservations after `key` (from the start when nil;
    /// including `key` when `inclusive`): draft invoices first, then won deals.
    public func reservations(of productID: Int64, after key: StockReservation.Key?, inclusive: Bool = false, limit: Int) throws -> [StockReservation] {
        try reservations(productID, from: key, forward: true, inclusive: inclusive, limit: limit)
    }

    /// The open reservations just before `key` (the last ones when nil), in list order.
    public func reservations(of productID: Int64, before key: StockReservation.Key?, limit: Int) throws -> [StockReservation] {
        try reservations(productID, from: key, forward: false, limit: limit).reversed()
    }

    /// Each kind of document walks the product's lines on its covering index
    /// and keeps those whose document is open (see `StockAndStaffSchema`); only
    /// the rows kept read their document and customer.
    private func reservations(_ productID: Int64, from key: StockReservation.Key?, forward: Bool, inclusive: Bool = false,
                              limit: Int) throws -> [StockReservation] {
        try database.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: Self.reservationOrder.page("""
                SELECT * FROM (
                    SELECT 0 AS rank, l.id AS line_id, l.invoice_id AS document_id, '' AS title, c.name AS customer_name,
                           l.quantity, i.created_at AS since
                    FROM \(sql: SQLiteSpecific.table("invoice_lines l", indexedBy: "invoice_lines_by_product_document"))
                    CROSS JOIN \(sql: SQLiteSpecific.table("invoices i", indexedBy: "invoices_open_drafts")) ON i.id = l.invoice_id
                    CROSS JOIN customers c ON c.id = i.customer_id
                    WHERE l.product_id = \(productID) AND l.product_id IS NOT NULL AND i.status = 'draft' AND i.kind = 'invoice'
                    UNION ALL
                    SELECT 1, dl.id, dl.deal_id, d.title, c.name, dl.quantity, d.closed_at
                    FROM \(sql: SQLiteSpecific.table("deal_lines dl", indexedBy: "deal_lines_by_product_document"))
                    CROSS JOIN \(sql: SQLiteSpecific.table("deals d", indexedBy: "deals_won_uninvoiced")) ON d.id = dl.deal_id
                    CROSS JOIN customers c ON c.id = d.customer_id
                    WHERE dl.product_id = \(productID) AND dl.product_id IS NOT NULL AND d.stage = 'won' AND d.invoice_id IS NULL
                ) WHERE 1
                """, from: key.map { [$0.rank, $0.lineID] }, forward: forward, inclusive: inclusive, limit: limit))).map { row in
                StockReservation(source: (row["rank"] as Int) == 0 ? .invoice : .deal, lineID: row["line_id"], documentID: row["document_id"],
                                 title: row["title"], customerName: row["customer_name"], quantity: row["quantity"], since: row["since"])
            }
        }
    }

    // MARK: Where the product is quoted and billed

    /// Deal lines quoting the product, newest line first, older than line `id` (the newest when nil).
    public func dealUses(of productID: Int64, olderThan id: Int64?, limit: Int) throws -> [ProductDealUse] {
        try dealUses(productID, from: id, newestFirst: true, limit: limit)
    }

    /// Deal lines newer than line `id` (the oldest when nil), the nearest ones, newest first.
    public func dealUses(of productID: Int64, newerThan id: Int64?, limit: Int) throws -> [ProductDealUse] {
        try dealUses(productID, from: id, newestFirst: false, limit: limit).reversed()
    }

    private func dealUses(_ productID: Int64, from id: Int64?, newestFirst: Bool, limit: Int) throws -> [ProductDealUse] {
        try database.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: Self.newestFirst("dl.id").page("""
                SELECT dl.id, dl.deal_id, d.title, c.name AS customer_name, d.stage, dl.quantity, dl.unit_price_cents,
                       d.invoice_id, d.expected_close
                FROM deal_lines dl JOIN deals d ON d.id = dl.deal_id JOIN customers c ON c.id = d.customer_id
                WHERE dl.product_id = \(productID)
                """, from: id.map { [$0] }, forward: newestFirst, limit: limit))).map { row in
                ProductDealUse(id: row["id"], dealID: row["deal_id"], title: row["title"], customerName: row["customer_name"],
                               stage: DealStage(rawValue: row["stage"]) ?? .lead, quantity: row["quantity"],
                               unitPriceCents: row["unit_price_cents"], invoiceID: row["invoice_id"], expectedClose: row["expected_close"])
            }
        }
    }

    /// Invoice lines billing the product, newest line first, older than line `id` (the newest when nil).
    public func invoiceUses(of productID: Int64, olderThan id: Int64?, limit: Int) throws -> [ProductInvoiceUse] {
        try invoiceUses(productID, from: id, newestFirst: true, limit: limit)
    }

    /// Invoice lines newer than line `id` (the oldest when nil), the nearest ones, newest first.
    public func invoiceUses(of productID: Int64, newerThan id: Int64?, limit: Int) throws -> [ProductInvoiceUse] {
        try invoiceUses(productID, from: id, newestFirst: false, limit: limit).reversed()
    }

    private func invoiceUses(_ productID: Int64, from id: Int64?, newestFirst: Bool, limit: Int) throws -> [ProductInvoiceUse] {
        try database.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: Self.newestFirst("l.id").page("""
                SELECT l.id, l.invoice_id, i.number, i.kind, i.status, coalesce(nullif(i.buyer_name, ''), c.name) AS customer_name,
                       i.issue_date, l.quantity, l.unit_price_cents
                FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id JOIN customers c ON c.id = i.customer_id
                WHERE l.product_id = \(productID)
                """, from: id.map { [$0] }, forward: newestFirst, limit: limit))).map { row in
                ProductInvoiceUse(id: row["id"], invoiceID: row["invoice_id"], number: row["number"],
                                  kind: InvoiceKind(rawValue: row["kind"]) ?? .invoice, status: InvoiceStatus(rawValue: row["status"]) ?? .draft,
                                  customerName: row["customer_name"], issueDate: row["issue_date"], quantity: row["quantity"],
                                  unitPriceCents: row["unit_price_cents"])
            }
        }
    }
}
