#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif
import GRDB

/// A SELECT prepared once and stepped row by row through SQLite's C
/// interface: the reading side of `RowInserter`, for a lookup a bulk import
/// runs once per row.
///
/// GRDB's fetch builds a cursor, a `Row` and `DatabaseValue`s per call; for
/// a lookup that usually reads one short row that is most of its cost. The
/// caller reads the columns it asked for, by position, while a row is
/// current, and may stop early: the next `start` resets the statement.
final class PreparedRows {
    /// Owns the prepared statement (GRDB finalizes it).
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` to the `?` in order (nil is NULL), ready for `next`.
    func start(_ values: [(any SQLiteBindable)?]) {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        bindAll(handle, values)
    }

    /// Steps to the next row; false when there is none.
    func next() throws -> Bool {
        let handle = statement.sqliteStatement
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return false
        case let code:
            let failure = stepFailure(code, statement, db)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// The first column of every row for `values`, as integers (ids).
    func int64s(_ values: [(any SQLiteBindable)?]) throws -> [Int64] {
        start(values)
        var found: [Int64] = []
        while try next() { found.append(int64(0)) }
        return found
    }

    /// The current row's integer in `column` (from 0).
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement.sqliteStatement, column)
    }

    /// The current row's text in `column` (from 0); "" for NULL.
    func text(_ column: Int32) -> String {
        let handle = statement.sqliteStatement
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Lets go of the current row (and the read it holds).
    func finish() {
        sqlite3_reset(statement.sqliteStatement)
    }
}
