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
    ///
    /// A draft has no number yet and is called by its id ("draft #1388"):
    /// `#1388` finds that draft alone, `1388` it too, after the numbers.
    public func lookup(number text: String, limit: Int) throws -> [InvoiceSummary] {
        guard limit > 0 else { return [] }
        let draftID = Self.typedDraftID(text)
        if let draftID, draftID.alone {
            return try database.read { db in try Self.draft(id: draftID.id, db).map { [$0] } ?? [] }
        }
        guard let typed = Self.typedNumber(text) else { return [] }
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
                for number in try Self.numbers(ofSerial: serial, db) where found.count < limit {
                    try add("i.number = \(number)")
                }
            }
            if found.count < limit {
                try add("\(Self.numberStarts(typed)) ORDER BY i.number LIMIT \(limit)")
            }
            if found.count < limit, let draftID, let draft = try Self.draft(id: draftID.id, db) {
                found.append(draft)
            }
            return found
        }
    }

    /// The one document a number typed names: that number (`2026-00042`,
    /// `cn-2026-00003`), for a serial of up to three digits (`42`) the
    /// invoice the palette lists first (the newest year's), for `#1388`
    /// that draft; nil for the mere start of numbers (`2026-0`, `2026`) or
    /// text that is no number.
    public func document(numbered text: String) throws -> InvoiceSummary? {
        guard let first = try lookup(number: text, limit: 1).first else { return nil }
        if let draft = Self.typedDraftID(text), draft.alone { return first }
        guard let typed = Self.typedNumber(text), let number = first.number?.uppercased() else { return nil }
        if number == typed { return first }
        // Four digits and more start numbers ("2026" is a year), as the list's filter reads them.
        if typed.count < 4, let serial = Self.serial(typed), number.hasSuffix("-" + serial) { return first }
        return nil
    }

    /// How many invoices `lookup(number:limit:)` finds in all, counted no
    /// further than `cap` (`isCapped` past it): the numbers that start so
    /// from the number's index, and the serial's number in each other series.
    public func countNumbers(_ text: String, cap: Int) throws -> (count: Int, isCapped: Bool) {
        let draftID = Self.typedDraftID(text)
        if let draftID, draftID.alone {
            return try database.read { db in (try Self.draft(id: draftID.id, db) == nil ? 0 : 1, false) }
        }
        guard let typed = Self.typedNumber(text) else { return (0, false) }
        return try database.read { db in
            var count = try Int.fetchOne(db, SQLRequest<Int>(literal: """
                SELECT count(*) FROM (SELECT 1 FROM invoices i WHERE \(Self.numberStarts(typed)) LIMIT \(cap + 1))
                """)) ?? 0
            if let draftID, try Self.draft(id: draftID.id, db) != nil { count += 1 }
            if let serial = Self.serial(typed) {
                let elsewhere = try Self.numbers(ofSerial: serial, db).filter { !$0.hasPrefix(typed) }
                if !elsewhere.isEmpty {
                    count += try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM invoices i WHERE i.number IN \(elsewhere)")) ?? 0
                }
            }
            return (min(count, cap), count > cap)
        }
    }

    /// The number a serial has in each series there is ("00042" →
    /// "2026-00042", "CN-2026-00042", …): invoices before credit notes,
    /// the newest year first.
    static func numbers(ofSerial serial: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT series FROM invoice_numbers ORDER BY series GLOB '[A-Z]*', series DESC").map { "\($0)-\(serial)" }
    }

    /// The draft of this id, nil when there is none (or it is issued).
    private static func draft(id: Int64, _ db: Database) throws -> InvoiceSummary? {
        try InvoiceSummary.fetchOne(db, SQLRequest<InvoiceSummary>(literal: """
            SELECT \(sql: InvoiceSummary.columns) FROM invoices i WHERE i.id = \(id) AND i.status = 'draft'
            """))
    }

    /// The draft id a text can be: `#1388` (a draft's name) that alone,
    /// `1388` besides the numbers it begins; nil for anything else.
    static func typedDraftID(_ text: String) -> (id: Int64, alone: Bool)? {
        let typed = TextFolding.trimmed(text)
        let alone = typed.hasPrefix("#")
        let digits = alone ? typed.dropFirst() : Substring(typed)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let id = Int64(digits) else { return nil }
        return (id, alone)
    }

    /// What was typed as a number's characters, upper case; nil when it
    /// holds anything else.
    static func typedNumber(_ text: String) -> String? {
        let typed = TextFolding.trimmed(text).uppercased()
        guard !typed.isEmpty, typed.allSatisfy({ $0.isASCIIDigit || ("A"..."Z").contains($0) || $0 == "-" }) else { return nil }
        return typed
    }
}
