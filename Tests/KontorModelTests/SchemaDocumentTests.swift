import Foundation
@testable import KontorModel
import GRDB
import Testing

/// docs/SCHEMA.md stays true to the schema: every table and every column is
/// documented, and nothing documented is missing from the database.
@Suite("Schema document")
struct SchemaDocumentTests {
    @Test func everyTableAndColumnIsDocumented() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/SCHEMA.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        // "### `name`" starts a table; "| a, b | …" rows name its columns.
        var documented: [String: Set<String>] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("### `") {
                current = String(line.dropFirst(5).prefix { $0 != "`" })
                documented[current!] = []
            } else if let table = current, line.hasPrefix("| "), !line.hasPrefix("| column"), !line.hasPrefix("|---") {
                let cell = line.dropFirst(2).prefix { $0 != "|" }
                for name in cell.split(separator: ",") { documented[table]!.insert(name.trimmingCharacters(in: .whitespaces)) }
            } else if line.hasPrefix("## ") {
                current = nil
            }
        }
        let db = try TestDatabase()
        let actual: [String: Set<String>] = try db.database.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'customers_fts%' AND name NOT IN ('grdb_migrations', 'customer_counts')
                """)
            var result: [String: Set<String>] = [:]
            // table_xinfo: generated columns are columns too (hidden 2 and 3); FTS5 hidden columns (1) are not.
            for table in tables { result[table] = Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden <> 1", arguments: [table])) }
            return result
        }
        #expect(Set(documented.keys) == Set(actual.keys), "tables documented vs in the database")
        for (table, columns) in actual {
            #expect(documented[table] == columns, "\(table): documented \(documented[table]?.sorted() ?? []) vs \(columns.sorted())")
        }
    }
}
