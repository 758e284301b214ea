import GRDB

/// `v46-cjk-search`: a customer written in Chinese, Japanese or Korean is
/// found by any part of its name, city or street (`TextFolding.cjkSuffixes`).
/// Only customers holding such letters get new search words, through the
/// search indexes' own triggers (the customers' and the open tickets'):
/// few, where rebuilding an index would read every customer.
enum CJKSearchSchema {
    /// Han, kana and Hangul, as `TextFolding.cjkRanges` has them, for GLOB.
    static let letters = "[" + TextFolding.cjkRanges.map { range in
        [range.lowerBound, range.upperBound].map { String(Character(Unicode.Scalar($0)!)) }.joined(separator: "-")
    }.joined() + "]"

    static func migrate(_ db: Database) throws {
        let holding = ["name", "contact_name", "city", "street"].map { "\($0) GLOB '*\(letters)*'" }.joined(separator: " OR ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(CustomerRepository.searchedColumns) FROM customers WHERE \(holding)
            """)
        let update = try db.makeStatement(sql: "UPDATE customers SET search_alias = ?, search_text = ? WHERE id = ?")
        for row in rows {
            let derived = CustomerRepository.derivedColumns(CustomerRepository.searchedFields(row))
            try update.execute(arguments: [derived.alias, derived.searchText, row["id"]])
        }
    }
}
