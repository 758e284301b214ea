import GRDB

/// `v12-street-search`: customers are found by their street in every
/// spelling people type ("hauptstrasse", "koenigstr", "strasse" alone),
/// see `CustomerRepository.derivedColumns`. The derived search columns of
/// every customer are computed again; the FTS5 index is rebuilt once from
/// them rather than row by row through its triggers.
enum StreetSearchSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: CustomerSearchIndex.dropTriggers)
        let update = try db.makeStatement(sql: "UPDATE customers SET search_alias = ?, search_text = ? WHERE id = ?")
        let batch = try db.makeStatement(sql: """
            SELECT \(CustomerRepository.searchedColumns) FROM customers
            WHERE id > ? ORDER BY id LIMIT 10000
            """)
        // A batch at a time: a million customers' new words need not be held at once.
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(batch, arguments: [last])
            guard let end = rows.last else { break }
            for row in rows {
                let derived = CustomerRepository.derivedColumns(CustomerRepository.searchedFields(row))
                try update.execute(arguments: [derived.alias, derived.searchText, row["id"]])
            }
            last = end["id"]
        }
        try db.execute(sql: CustomerSearchIndex.rebuild)
        try db.execute(sql: CustomerSearchIndex.createTriggers)
    }
}
