import GRDB

/// Rebuilding a table, as SQLite needs to change a CHECK constraint or a
/// column's type: the views, indexes and triggers that name it are kept
/// aside, the views and triggers dropped (they would refer to the old table
/// while it is replaced; its indexes go with it), and created again after.
enum TableRebuild {
    struct Dependent {
        var type: String
        var name: String
        var sql: String
        var isIndex: Bool { type == "index" }
    }

    /// Everything that names `table` apart from the table itself (views
    /// first, then indexes, then triggers: the order they are created in
    /// again), with its views and triggers dropped.
    static func detachDependents(of table: String, _ db: Database) throws -> [Dependent] {
        let dependents = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE sql LIKE '%' || ? || '%' AND name <> ? AND type IN ('index', 'trigger', 'view')
            ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'index' THEN 1 ELSE 2 END
            """, arguments: [table, table]).map { Dependent(type: $0["type"], name: $0["name"], sql: $0["sql"]) }
        for item in dependents where !item.isIndex {
            try db.execute(sql: "DROP \(item.type.uppercased()) IF EXISTS \(item.name)")
        }
        return dependents
    }
}
