import Foundation
import KontorCSV
import GRDB

/// The tables the demo's business writes a row at a time.
enum DemoTable: Int, CaseIterable {
    case stockMove, invoice, invoiceLine, payment, ticket, message, dealInvoice

    var sql: String {
        switch self {
        case .stockMove:
            """
            INSERT INTO stock_moves (product_id, quantity, kind, reason, invoice_id, reference, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .invoice:
            """
            INSERT INTO invoices (kind, number, status, customer_id, deal_id, corrects_id, issue_date, delivery_date, due_date,
                                  net_cents, vat_cents, gross_cents, paid_cents, notes, created_at, updated_at, updated_by,
                                  skonto_bp, skonto_days)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .invoiceLine:
            """
            INSERT INTO invoice_lines (invoice_id, position, product_id, description, quantity_milli, unit, unit_code, unit_price_cents,
                                       tax_category, vat_rate_bp, vat_exemption, discount_cents, discount_reason, net_cents)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .payment:
            """
            INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, reference, settles_id, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .ticket:
            """
            INSERT INTO tickets (subject, customer_id, queue, status, pending_until, priority, assignee_id, first_response_due,
                                 resolution_due, first_response_at, resolved_at, sla_due, created_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .message:
            """
            INSERT INTO ticket_messages (ticket_id, kind, author_staff_id, author_name, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        case .dealInvoice:
            "UPDATE deals SET invoice_id = ? WHERE id = ?"
        }
    }
}

/// One thing the demo's business wrote, in order: a row of a table (with
/// the id it must get where later rows refer to it), or the day of the
/// year it has come to (for the progress bar).
enum DemoRowEvent {
    case row(DemoTable, [(any SQLiteBindable)?], id: Int64?)
    case day(Int)
}

/// Where the demo's rows go: into their tables at once, or onto a queue
/// that the thread holding the database writes from while the year is
/// made on a thread of its own (`DemoBusiness.seedYear`).
///
/// Making the year's rows (random draws, dates, totals, text) depends on
/// no row read back: ids are counted, since the tables start empty and
/// SQLite gives the next rowid. Each written row is checked to have got
/// the id counted for it.
struct DemoRowOutput {
    private enum Target {
        case tables(DemoRowWriter)
        case queue(ReadAhead<[DemoRowEvent]>)
    }

    private var target: Target
    private var batch: [DemoRowEvent] = []

    /// Rows per handover: one lock handover per batch, not per row.
    static let batchSize = 1_024

    /// Rows written at once.
    init(writing writer: DemoRowWriter) { target = .tables(writer) }

    /// Rows handed to `queue` in batches.
    init(queue: ReadAhead<[DemoRowEvent]>) {
        target = .queue(queue)
        batch.reserveCapacity(Self.batchSize)
    }

    /// Writes or queues a row of `table`; `id`: the rowid it must get.
    /// Throws when writing failed, or the writer of the queue stopped.
    mutating func write(_ table: DemoTable, id: Int64? = nil, _ values: (any SQLiteBindable)?...) throws {
        switch target {
        case let .tables(writer): try writer.write(table, values, id: id)
        case .queue: try append(.row(table, values, id: id))
        }
    }

    /// The day the year has come to, in order with its rows (written
    /// rows have nobody to tell).
    mutating func day(_ day: Int) {
        guard case .queue = target else { return }
        batch.append(.day(day))
    }

    /// Hands over what is queued.
    mutating func flush() throws {
        guard case let .queue(queue) = target, !batch.isEmpty else { return }
        defer { batch.removeAll(keepingCapacity: true) }
        guard queue.hand(batch) else { throw CancellationError() }
    }

    private mutating func append(_ event: DemoRowEvent) throws {
        batch.append(event)
        if batch.count >= Self.batchSize { try flush() }
    }
}

/// The prepared statement of each table, run on the database's thread.
final class DemoRowWriter {
    private let db: Database
    private let inserters: [RowInserter]

    init(_ db: Database) throws {
        self.db = db
        inserters = try DemoTable.allCases.map { try RowInserter(db, sql: $0.sql) }
    }

    func write(_ table: DemoTable, _ values: [(any SQLiteBindable)?], id: Int64?) throws {
        try inserters[table.rawValue].insert(values: values)
        if let id, db.lastInsertedRowID != id {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "demo row of \(table) got id \(db.lastInsertedRowID), not \(id)")
        }
    }

    /// The highest rowid `table` holds, 0 when it is empty: the rows made
    /// next get the ids after it.
    func lastID(_ table: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM \(table)") ?? 0
    }
}
