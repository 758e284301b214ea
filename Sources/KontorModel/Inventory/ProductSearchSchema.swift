import GRDB

/// `v38-product-search-words`: each product's words as the inventory's
/// filter reads them (`search_text`: name, SKU and EAN folded, with the
/// name's German spellings), so that "Mietgeraet" and "Mietgerat" find
/// "Mietgerät" and "Tee Bio" finds "Bio Tee", as every other list's filter
/// does. The filter used to read `name LIKE '%…%'`, which folds only ASCII
/// letters' case and keeps the words' order.
///
/// Written by the model with each save, as the customers' search words
/// are (`ProductRepository.values`); this migration fills it for the
/// products there are. A catalogue is a few thousand rows: the list still
/// reads them whole for a filter, and keeps no index of the words.
enum ProductSearchSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE products ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
        let update = try db.makeStatement(sql: "UPDATE products SET search_text = ? WHERE id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, sku, coalesce(ean, '') AS ean, name FROM products")
        while let row = try rows.next() {
            let words = ProductRepository.searchText(sku: row["sku"], ean: row["ean"], name: row["name"])
            try update.execute(arguments: [words, row["id"] as Int64])
        }
    }
}
