import KontorText
import GRDB

/// Finding invoices by number as it is being typed, for the command
/// palette: `2026-00042`, `CN-2026-00003`, the first part of one, or just
/// the serial (`42`).
extension InvoiceRepository {
    /// Up to `limit` issued invoices and credit notes whose number is `text`,
    /// starts with it, or (for one to five digits) ends in that serial in any
    /// series: the exact number first, then by number. Case is ignored.
    /// For a serial alone, invoices come before credit notes (`42` means
    /// invoice 2026-00042 far more often than CN-2026-00042), the newest
    /// year first.
    /// Reads only the unique index on `number`.
    public func lookup(number text: String, limit: Int) throws -> [InvoiceSummary] {
        let typed = TextFolding.trimmed(text).uppercased()
        guard limit > 0, !typed.isEmpty,
              typed.allSatisfy({ $0.isASCIIDigit || ("A"..."Z").contains($0) || $0 == "-" }) else { return [] }
        return try database.read { db in
            var found: [InvoiceSummary] = []
            func add(_ condition: SQL) throws {
                let rows = try InvoiceSummary.fetchAll(db, SQLRequest<InvoiceSummary>(literal: """
                    SELECT \(sql: InvoiceSummary.columns) FROM invoices i WHERE \(condition)
                    """))
                for row in rows where found.count < limit && !found.contains(where: { $0.id == row.id }) { found.append(row) }
            }
            try add("i.number = \(typed)")
            if let serial = Self.serial(typed) {
                let series = try String.fetchAll(db, sql: """
                    SELECT series FROM invoice_numbers ORDER BY series GLOB '[A-Z]*', series DESC
                    """)
                for prefix in series where found.count < limit {
                    let number = "\(prefix)-\(serial)"
                    try add("i.number = \(number)")
                }
            }
            if found.count < limit {
                try add("\(Self.numberStarts(typed)) ORDER BY i.number LIMIT \(limit)")
            }
            return found
        }
    }
}
