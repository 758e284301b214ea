import GRDB

/// `v48-local-phone-digits`: a customer and a contact person are found by
/// their phone number within its area, as a caller says it without the
/// area code ("7868612" or "786 86 12" for "+49 541 786 86 12"; see
/// `TextFolding.localDigits`). The search words of every customer and
/// contact person whose phone holds such a number are written again;
/// the search indexes follow through their own triggers (the customers',
/// the contact persons' and the open tickets'), a row at a time, so that
/// no index is left for a rebuild to put right.
enum LocalPhoneSchema {
    static func migrate(_ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE customers SET search_alias = ?, search_text = ? WHERE id = ?")
        let batch = try db.makeStatement(sql: """
            SELECT id, name, contact_name, email, phone, street, postal_code, city, vat_id, search_alias FROM customers
            WHERE id > ? AND phone <> '' ORDER BY id LIMIT 4096
            """)
        // A batch at a time: a million customers' words need not be held at once.
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(batch, arguments: [last])
            guard let end = rows.last else { break }
            for row in rows where !TextFolding.localDigits(row["phone"]).isEmpty {
                let fields = CustomerFields(name: row["name"], contactName: row["contact_name"], email: row["email"], phone: row["phone"],
                                            street: row["street"], postalCode: row["postal_code"], city: row["city"], vatID: row["vat_id"])
                let derived = CustomerRepository.derivedColumns(fields)
                if derived.alias != row["search_alias"] { try update.execute(arguments: [derived.alias, derived.searchText, row["id"]]) }
            }
            last = end["id"]
        }
        try ContactSearch.fillSearchText(db, where: "phone <> ''")
    }
}
