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

    public func saveSettings(_ settings: CompanySettings) throws {
        if let failure = settings.validate() { throw KontorError.invalid(failure) }
        try write(.editSettings) { db in
            let old = try CompanySettings.read(db).values
            let now = Timestamp.now()
            for (key, value) in settings.values where old[key] != value {
                try db.execute(sql: """
                    INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """, arguments: [key, value, now, username])
                try Audit.record(db, session: self, entity: "settings", id: 0, action: "update", changes: [(key, old[key], value)])
            }
        }
    }
}
