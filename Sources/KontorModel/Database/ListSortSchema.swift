import GRDB

/// `v30-list-sort-indexes`: narrow indexes for the columns people sort
/// lists by, so that a list sorted by one pages by (value, id) over an
/// index as the list's own order does, at a million rows as at fifty.
///
/// Only columns people really sort by get one; each costs a little on
/// every insert and some space. Columns without (a customer's phone, a
/// figure summed per row) are not sortable, and the list says so.
enum ListSortSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX customers_by_city ON customers (archived, city COLLATE NOCASE, id);
            CREATE INDEX products_by_stock ON products (active, on_hand, id);
            CREATE INDEX staff_by_name ON staff (full_name COLLATE NOCASE, id);
            CREATE INDEX staff_by_department ON staff (department COLLATE NOCASE, id);
            """)
        try db.execute(sql: TicketRepository.createUrgencyIndex)
        try db.execute(sql: InvoiceRepository.createSortIndexes)
    }
}
