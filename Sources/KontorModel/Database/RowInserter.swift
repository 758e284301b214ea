#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif
import GRDB

/// An INSERT prepared once and run for each of millions of rows, its values
/// bound straight through SQLite's C interface.
///
/// GRDB's arguments turn every value into a `DatabaseValue` in a fresh array
/// and check each run against its transaction bookkeeping: right for the
/// application, but a third of the demo seeder's time. The seeder and a
/// bulk import write inside one transaction that GRDB opened and bind and
/// step the statement themselves; the values land exactly as GRDB would
/// store them (integers, text, NULL; a Bool as 0 or 1), and triggers run as
/// always. GRDB's transaction observers do not see these rows, so making
/// an inserter marks every area changed in its transaction (`ChangeMarks`):
/// a bulk load reloads every open session's screen, as it should.
final class RowInserter {
    /// Owns the prepared statement (GRDB finalizes it).
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        try ChangeMarks.raise(Set(DataArea.allCases), db)
    }

    /// Runs the statement once with `values` for its `?` in order; nil is NULL.
    func insert(_ values: (any SQLiteBindable)?...) throws {
        try insert(values: values)
    }

    /// The same with the values in an array (built by the caller once for
    /// both GRDB's arguments and this, see `CustomerRepository.values`).
    func insert(values: [(any SQLiteBindable)?]) throws {
        let handle = statement.sqliteStatement
        bindAll(handle, values)
        try step(handle)
    }

    /// The same with a repository's values (as it hands them to GRDB too)
    /// followed by `more`, bound in place rather than gathered into a
    /// new array first.
    func insert(values: [(any SQLiteBindable & DatabaseValueConvertible)?], _ more: (any SQLiteBindable)?...) throws {
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() { bind(handle, value, at: Int32(offset + 1)) }
        bindAll(handle, more, from: Int32(values.count + 1))
        try step(handle)
    }

    private func step(_ handle: OpaquePointer) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw stepFailure(code, statement, db) }
    }
}

/// The error of a statement's step that failed with `code`, as GRDB reports it.
func stepFailure(_ code: Int32, _ statement: Statement, _ db: Database) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
}

/// Binds `values` to a statement's `?` in order; nil is NULL.
func bindAll(_ handle: OpaquePointer, _ values: [(any SQLiteBindable)?], from first: Int32 = 1) {
    for (offset, value) in values.enumerated() { bind(handle, value, at: first + Int32(offset)) }
}

/// Binds one value, or NULL, at a parameter's index (from 1).
func bind(_ handle: OpaquePointer, _ value: (any SQLiteBindable)?, at index: Int32) {
    if let value { value.bind(handle, index) } else { sqlite3_bind_null(handle, index) }
}

/// A value `RowInserter` can bind as GRDB would store it.
protocol SQLiteBindable {
    func bind(_ statement: OpaquePointer, _ index: Int32)
}

/// SQLite copies the text at once (`SQLITE_TRANSIENT`), so a Swift string's
/// bytes need not outlive the call.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Int: SQLiteBindable {
    func bind(_ statement: OpaquePointer, _ index: Int32) { sqlite3_bind_int64(statement, index, Int64(self)) }
}

extension Int64: SQLiteBindable {
    func bind(_ statement: OpaquePointer, _ index: Int32) { sqlite3_bind_int64(statement, index, self) }
}

extension Bool: SQLiteBindable {
    func bind(_ statement: OpaquePointer, _ index: Int32) { sqlite3_bind_int64(statement, index, self ? 1 : 0) }
}

extension String: SQLiteBindable {
    func bind(_ statement: OpaquePointer, _ index: Int32) {
        var text = self
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), transient)
        }
    }
}
