import KontorLocale
import Foundation
import GRDB
import KontorCSV

/// Which rows an export writes: the whole table, or what a list shows with
/// its view and filter, in the list's order (read through the list's own
/// query, so the file holds exactly what the screen shows).
public enum ExportSelection: Sendable {
    case all
    case customers(CustomerQuery)
    case products(ProductListQuery)
    case staff(StaffListQuery)
    case tickets(TicketQueueQuery, text: String)
    case invoices(InvoiceQuery)
}

/// Says how far a long export is: rows written so far of all it writes,
/// and the table under way. Told every few thousand rows and at the end
/// of each table.
public typealias ExportProgress = (_ written: Int, _ total: Int, _ table: ExportTable) -> Void

/// Where an export went and how many rows it holds.
public struct ExportResult: Sendable {
    public var table: ExportTable
    public var path: String
    public var rows: Int
}

extension Session {
    /// Writes one table (or what a list shows of it) as CSV to `path`,
    /// group-readable. Text that a spreadsheet would run as a formula is
    /// neutralised in the file (never in the database); amounts are written
    /// in the dialect's decimal separator without grouping.
    ///
    /// `progress`, when given, is told how far a whole table is (the rows
    /// are counted first for it); a list's selection is not counted.
    @discardableResult
    public func export(_ table: ExportTable, selection: ExportSelection = .all, dialect: CSVDialect, to path: String,
                       progress: ExportProgress? = nil) throws -> ExportResult {
        if let permission = table.permission { try require(permission) }
        let writer = try Self.openWriter(path: path, dialect: dialect)
        var rows = 0
        do {
            try writer.write(table.columns.map { .text($0.header) })
            if case .all = selection {
                rows = try database.read { db in
                    let total = try progress.map { _ in try Self.count(table, db) } ?? 0
                    return try writeAll(table, db: db, to: writer) { progress?($0, total, table) }
                }
            } else {
                var pages = try ExportPages(selection, session: self)
                while true {
                    let ids = try pages.next()
                    if ids.isEmpty { break }
                    rows += try database.read { db in try write(table, ids: ids, db: db, to: writer) }
                }
            }
            try writer.close()
        } catch {
            writer.discard()
            throw error
        }
        return ExportResult(table: table, path: path, rows: rows)
    }

    /// Every table the role may read, one CSV each, and a README.txt of
    /// their columns, into `folder` — all from one snapshot of the database,
    /// so the files agree with each other. A table that cannot be written
    /// whole is not left half-written. `progress`, when given, is told how
    /// far all of it is (every table's rows are counted first for it).
    public func exportAll(to folder: String, dialect: CSVDialect, progress: ExportProgress? = nil) throws -> [ExportResult] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw KontorError.rule(tr("{0} is a file: --all writes a folder of files; name a folder", folder))
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw KontorError.rule(tr("cannot make the folder {0} (permissions, or a file in its way?)", folder))
        }
        let tables = ExportTable.allCases.filter { $0.permission.map(may) ?? true }
        var results: [ExportResult] = []
        try database.read { db in
            let total = try progress.map { _ in try tables.reduce(0) { $0 + (try Self.count($1, db)) } } ?? 0
            var before = 0
            for table in tables {
                let path = (folder as NSString).appendingPathComponent("\(table.rawValue).csv")
                let writer = try Self.openWriter(path: path, dialect: dialect)
                do {
                    try writer.write(table.columns.map { .text($0.header) })
                    let rows = try writeAll(table, db: db, to: writer) { progress?(before + $0, total, table) }
                    try writer.close()
                    before += rows
                    results.append(ExportResult(table: table, path: path, rows: rows))
                } catch {
                    writer.discard()
                    throw error
                }
            }
        }
        let readme = Self.readme(tables: tables, dialect: dialect, results: results)
        let readmePath = (folder as NSString).appendingPathComponent("README.txt")
        try MadeFilesFolder.write(Data(readme.utf8), to: readmePath)
        return results
    }

    static func openWriter(path: String, dialect: CSVDialect) throws -> CSVWriter {
        do { return try CSVWriter(path: path, dialect: dialect, permissions: 0o640) } catch {
            throw KontorError.rule((error as? CSVFileError)?.description ?? tr("cannot write {0}: {1}", path, ErrorText.describe(error)))
        }
    }

    private func select(_ table: ExportTable) -> String {
        "SELECT \(table.columns.map(\.sql).joined(separator: ", ")) FROM \(table.from)"
    }

    /// Writes every row of `table`, telling `written` the count so far
    /// every few thousand rows and at the end.
    private func writeAll(_ table: ExportTable, db: Database, to writer: CSVWriter, written: (Int) -> Void = { _ in }) throws -> Int {
        let cursor = try Row.fetchCursor(db, sql: "\(select(table)) ORDER BY \(table.order)")
        var rows = 0
        while let row = try cursor.next() {
            try writer.write(cells(table, row, dialect: writer.dialect))
            rows += 1
            if rows % 4_096 == 0 { written(rows) }
        }
        written(rows)
        return rows
    }

    /// The rows of a whole table, for a progress bar.
    private static func count(_ table: ExportTable, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.rowSource)") ?? 0
    }

    private func write(_ table: ExportTable, ids: [Int64], db: Database, to writer: CSVWriter) throws -> Int {
        // The id is read as one more column, to put the rows in the list's order.
        let request = SQLRequest<Row>(literal: """
            SELECT \(sql: table.columns.map(\.sql).joined(separator: ", ")), t.id AS export_id FROM \(sql: table.from)
            WHERE t.id IN (\(SQLiteSpecific.idList(ids)))
            """)
        var byID: [Int64: Row] = [:]
        for row in try Row.fetchAll(db, request) { byID[row["export_id"]] = row }
        var rows = 0
        for id in ids {
            guard let row = byID[id] else { continue }
            try writer.write(cells(table, row, dialect: writer.dialect))
            rows += 1
        }
        return rows
    }

    private func cells(_ table: ExportTable, _ row: Row, dialect: CSVDialect) -> [CSVCell] {
        let hideDetails = table == .staff && !may(.readStaffDetails)
        return table.columns.enumerated().map { index, column in
            let value = row[index] as DatabaseValue
            if value.isNull { return .text("") }
            if hideDetails && (column.header == "Phone" || column.header == "Email") { return .text("") }
            switch column.format {
            case .text: return .text(String.fromDatabaseValue(value) ?? "\(value)")
            case .integer: return .number(String(Int64.fromDatabaseValue(value) ?? 0))
            case .flag: return .text((Int64.fromDatabaseValue(value) ?? 0) != 0 ? "yes" : "no")
            case .money: return .number(Self.amount(Int64.fromDatabaseValue(value) ?? 0, decimalComma: dialect.decimalComma))
            case .thousandths:
                let quantity = Quantity(milli: Int(Int64.fromDatabaseValue(value) ?? 0))
                return .number(dialect.decimalComma ? quantity.description : quantity.xml)
            }
        }
    }

    /// Cents as a spreadsheet reads them: "-1234,50" or "-1234.50", no grouping.
    static func amount(_ cents: Int64, decimalComma: Bool) -> String {
        let sign = cents < 0 ? "-" : ""
        let absolute = cents.magnitude
        let rest = absolute % 100
        return "\(sign)\(absolute / 100)\(decimalComma ? "," : ".")\(rest < 10 ? "0" : "")\(rest)"
    }

    static func readme(tables: [ExportTable], dialect: CSVDialect, results: [ExportResult]) -> String {
        var text = """
            Kontor export, \(Timestamp.now())

            One CSV file per table: \(dialect.summary), \(dialect.decimalComma ? "decimal comma" : "decimal point") in amounts.
            Amounts are in the currency of their record (EUR unless a Currency column says otherwise).
            Text that a spreadsheet would take for a formula (starting with = + - @) is written with a
            leading apostrophe; the data itself is unchanged.
            customers.csv, contacts.csv, products.csv and staff.csv import back with `kontor import`.

            """
        for table in tables {
            let rows = results.first { $0.table == table }?.rows ?? 0
            text += "\n\(table.rawValue).csv — \(table.about) \(rows) row\(rows == 1 ? "" : "s").\n"
            for column in table.columns { text += "  \(column.header): \(column.meaning)\n" }
        }
        return text
    }
}

/// The ids a list shows, page by page, through the list's own queries.
struct ExportPages {
    private let fetch: (Any?) throws -> (ids: [Int64], next: Any?)
    private var key: Any?
    private var done = false
    static let pageSize = 500

    init(_ selection: ExportSelection, session: Session) throws {
        let db = session.database
        let size = Self.pageSize
        switch selection {
        case .all:
            fetch = { _ in ([], nil) }
        case let .customers(query):
            let prepared = try db.customers.prepare(query)
            fetch = { key in
                let rows = try db.customers.page(prepared, after: key as? CustomerListKey, limit: size)
                return (rows.map(\.id), rows.last?.listKey)
            }
        case let .products(query):
            fetch = { key in
                let rows = try db.products.listPage(query, after: key as? ProductListKey, limit: size)
                return (rows.map(\.product.id), rows.last?.listKey)
            }
        case let .staff(query):
            let directory = session.staffDirectory
            fetch = { key in
                let rows = try directory.page(query, after: key as? StaffListKey, limit: size)
                return (rows.map(\.id), rows.last?.listKey)
            }
        case let .tickets(query, text):
            let prepared = try db.tickets.prepareSearch(query, matching: text)
            fetch = { key in
                let rows = try db.tickets.page(prepared, after: key as? TicketQueueKey, limit: size)
                return (rows.map(\.id), rows.last?.queueKey)
            }
        case let .invoices(query):
            let prepared = try db.invoices.prepare(query)
            fetch = { key in
                let rows = try db.invoices.page(prepared, after: key as? InvoiceListKey, limit: size)
                return (rows.map(\.id), rows.last?.listKey)
            }
        }
    }

    /// The next page of ids; empty at the end.
    mutating func next() throws -> [Int64] {
        guard !done else { return [] }
        let page = try fetch(key)
        key = page.next
        if page.ids.count < Self.pageSize || page.next == nil { done = true }
        return page.ids
    }
}
