import GRDB

/// One counter per `DataArea`, raised in the same transaction as every write
/// that changes a table of that area: how open sessions tell a colleague's
/// new ticket from a colleague's new invoice without reading either.
///
/// The write side costs one small update per area a transaction touched;
/// which tables it touched GRDB reports per statement (from SQLite's
/// authorizer, triggers' writes included), so no write has to say what it
/// changes and none can forget to. Rows a bulk load binds itself
/// (`RowInserter`) pass GRDB by, so an inserter marks every area; writes
/// made past Kontor (`sqlite3`) leave no marks, and a session that sees a
/// commit without marks reads again everything it shows.
enum ChangeMarks {
    static let table = "change_marks"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE \(table) (
                area    TEXT PRIMARY KEY,
                version INTEGER NOT NULL
            ) WITHOUT ROWID
            """)
    }

    /// Collects the tables a transaction's statements write, told by GRDB
    /// before each statement runs. It asks for no row-by-row events, so a
    /// write of many rows costs nothing more.
    final class Recorder: TransactionObserver {
        private(set) var tables: Set<String> = []

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
            tables.insert(eventKind.tableName)
            return false
        }

        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) {}
        func databaseDidRollback(_ db: Database) {}

        /// The areas the tables written belong to; a table no area claims
        /// stands for all of them.
        var areas: Set<DataArea> {
            var areas: Set<DataArea> = []
            for table in tables where !DataArea.isMirror(table) {
                guard let area = DataArea.tables[table] else { return Set(DataArea.allCases) }
                areas.insert(area)
            }
            return areas
        }
    }

    /// Raises the counters of `areas`, inside the transaction that changed them.
    static func raise(_ areas: Set<DataArea>, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO \(table) (area, version) VALUES (?, 1)
            ON CONFLICT (area) DO UPDATE SET version = version + 1
            """)
        for area in areas.sorted(by: { $0.rawValue < $1.rawValue }) {
            try statement.execute(arguments: [area.rawValue])
        }
    }

    /// Every area's counter as it stands.
    static func read(_ db: Database) throws -> [DataArea: Int64] {
        var marks: [DataArea: Int64] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT area, version FROM \(table)")) {
            if let area = DataArea(rawValue: row[0]) { marks[area] = row[1] }
        }
        return marks
    }
}
