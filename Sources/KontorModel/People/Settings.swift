import KontorText
import GRDB

/// Company settings: the seller on every invoice, default payment terms,
/// whether stock may go negative. Read by everyone, changed by admins.
public struct CompanySettings: Equatable, Sendable {
    public var name: String
    public var address: String
    public var vatID: String
    public var taxNumber: String
    public var bank: String
    public var paymentTermsDays: Int
    public var allowNegativeStock: Bool

    static let keys = ["company.name", "company.address", "company.vat_id", "company.tax_number", "company.bank",
                       "invoice.payment_terms_days", "stock.allow_negative"]

    init(_ values: [String: String]) {
        name = values["company.name"] ?? ""
        address = values["company.address"] ?? ""
        vatID = values["company.vat_id"] ?? ""
        taxNumber = values["company.tax_number"] ?? ""
        bank = values["company.bank"] ?? ""
        paymentTermsDays = Int(values["invoice.payment_terms_days"] ?? "") ?? 14
        allowNegativeStock = values["stock.allow_negative"] == "1"
    }

    var values: [String: String] {
        ["company.name": name, "company.address": address, "company.vat_id": vatID, "company.tax_number": taxNumber,
         "company.bank": bank, "invoice.payment_terms_days": String(paymentTermsDays), "stock.allow_negative": allowNegativeStock ? "1" : "0"]
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue(field: "name", message: "is required")) }
        if !(0...365).contains(paymentTermsDays) { issues.append(FieldIssue(field: "payment terms", message: "must be 0 to 365 days")) }
        if !vatID.isEmpty && !CustomerFields.looksLikeVATID(vatID) { issues.append(FieldIssue(field: "VAT id", message: "must be a country code and 2 to 13 letters or digits, like DE123456789")) }
        for (field, value, multiline) in [("name", name, false), ("address", address, true), ("VAT id", vatID, false),
                                          ("tax number", taxNumber, false), ("bank", bank, false)] {
            if let reason = VisibleText.forbiddenReason(in: value, multiline: multiline) { issues.append(FieldIssue(field: field, message: reason)) }
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    static func read(_ db: Database) throws -> CompanySettings {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings") { values[row["key"]] = row["value"] }
        return CompanySettings(values)
    }
}

extension Session {
    public func settings() throws -> CompanySettings {
        try database.read(CompanySettings.read)
    }

    /// Makes every setting what `settings` says, whatever was saved since it
    /// was read: for setting up a database. A form uses
    /// `saveSettings(_:expected:)`, the command line `updateSettings`.
    public func saveSettings(_ settings: CompanySettings) throws {
        try updateSettings { $0 = settings }
    }

    /// Changes the settings that `change` changes, and only those, in one
    /// transaction: what is read, changed and written cannot interleave with
    /// another save, so a value someone else just saved is never written
    /// back (as it would be by saving a copy read earlier). For the command
    /// line; a form, shown for minutes, checks its revision instead.
    /// - Returns: the settings as saved.
    @discardableResult
    public func updateSettings(_ change: (inout CompanySettings) throws -> Void) throws -> CompanySettings {
        try write(.editSettings) { db in
            let old = try CompanySettings.read(db)
            var new = old
            try change(&new)
            if let failure = new.validate() { throw KontorError.invalid(failure) }
            try writeChanges(db, from: old, to: new)
            return new
        }
    }

    /// Writes each setting that differs between `old` and `new`, with an
    /// audit entry each.
    func writeChanges(_ db: Database, from old: CompanySettings, to new: CompanySettings) throws {
        let before = old.values
        let now = Timestamp.now()
        for (key, value) in new.values.sorted(by: { $0.key < $1.key }) where before[key] != value {
            try db.execute(sql: """
                INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, arguments: [key, value, now, username])
            try Audit.record(db, session: self, entity: "settings", id: 0, action: "update", changes: [(key, before[key], value)])
        }
    }
}
