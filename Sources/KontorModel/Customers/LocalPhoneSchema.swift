import GRDB

/// `v48-local-phone-digits`: a customer and a contact person are found by
/// their phone number within its area, as a caller says it without the
/// area code ("7868612" or "786 86 12" for "+49 541 786 86 12"; see
/// `TextFolding.localDigits`). The search words of every customer and
/// contact person whose phone holds such a number are written again.
///
/// At a million customers that is nearly every row. Followed row by row
/// through their triggers, the search indexes grew to twice their size
/// (each old entry deleted, each new one a segment of its own: the
/// customers' 535 → 1 084 MB) and the list's name index, whose entries
/// hold the search text, split its pages: a broad filter's letter took
/// twice as long afterwards. So the triggers that follow these columns
/// are set aside for the migration, as a bulk load does, the three search
/// indexes (the customers', the contact persons', the open tickets') are
/// built again once from their tables, and the name index is rebuilt. At
/// a million customers this takes a few minutes, once.
enum LocalPhoneSchema {
    /// The triggers that would follow each row's new words into an index.
    static let triggers = ["customers_fts_update", "tickets_fts_customer", "contacts_fts_update"]

    static func migrate(_ db: Database) throws {
        var stored: [String] = []
        for name in triggers {
            guard let sql = try SQLiteSpecific.storedSQL(db, "trigger", name) else { continue }
            stored.append(sql)
            try db.execute(sql: "DROP TRIGGER \(name)")
        }
        let changed = try writeCustomers(db)
        try ContactSearch.fillSearchText(db, where: "phone <> ''")
        if changed > 0 {
            try SQLiteSpecific.buildFullText(db, "customers_fts", CustomerSearchIndex.rebuild)
            try SQLiteSpecific.buildFullText(db, "tickets_fts", TicketSenderSearchSchema.rebuild)
            try db.execute(sql: "REINDEX customers_by_name")
        }
        try SQLiteSpecific.buildFullText(db, "contacts_fts", ContactSearchIndex.rebuild)
        for sql in stored { try db.execute(sql: sql) }
    }

    /// Writes the new words of every customer whose phone holds a number
    /// within its area; returns how many changed.
    private static func writeCustomers(_ db: Database) throws -> Int {
        let update = try db.makeStatement(sql: "UPDATE customers SET search_alias = ?, search_text = ? WHERE id = ?")
        let batch = try db.makeStatement(sql: """
            SELECT \(CustomerRepository.searchedColumns), search_alias FROM customers
            WHERE id > ? AND phone <> '' ORDER BY id LIMIT 4096
            """)
        // A batch at a time: a million customers' words need not be held at once.
        var last: Int64 = 0
        var changed = 0
        while true {
            let rows = try Row.fetchAll(batch, arguments: [last])
            guard let end = rows.last else { break }
            for row in rows where !TextFolding.localDigits(row["phone"]).isEmpty {
                let derived = CustomerRepository.derivedColumns(CustomerRepository.searchedFields(row))
                guard derived.alias != row["search_alias"] else { continue }
                try update.execute(arguments: [derived.alias, derived.searchText, row["id"]])
                changed += 1
            }
            last = end["id"]
        }
        return changed
    }
}
