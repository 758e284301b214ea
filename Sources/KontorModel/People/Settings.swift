import KontorLocale
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
    /// Two-letter country code of the company's address; DE unless set.
    public var country: String
    /// Who the buyer's accounts department may call about an invoice (an
    /// e-invoice names them: BT-41, BT-42, BT-43).
    public var contactName: String
    public var phone: String
    public var email: String
    /// Where e-invoices reach the company (BT-34): an e-mail address.
    public var electronicAddress: String
    /// The account for payments by transfer (BT-84, BT-86).
    public var iban: String
    public var bic: String
    /// A small business under §19 UStG: no VAT is charged on any invoice.
    public var smallBusiness: Bool
    /// The language printed invoices are written in: German unless set to English.
    public var documentLanguage: DocumentWords.Language
    /// The Skonto an invoice offers unless changed when it is issued; nil for none.
    public var skonto: SkontoTerms?
    /// When dunning letters fall due, their fees and the base rate of default interest.
    public var dunning: DunningTerms
    /// What the tax advisor's DATEV needs (consultant and client number, fiscal year, chart, account length).
    public var datev: DATEVSettings

    static let keys = ["company.name", "company.address", "company.vat_id", "company.tax_number", "company.bank",
                       "invoice.payment_terms_days", "stock.allow_negative", "company.country", "company.contact_name",
                       "company.phone", "company.email", "company.electronic_address", "company.iban", "company.bic",
                       "company.small_business", "invoice.language", "invoice.skonto_bp", "invoice.skonto_days"] + DunningTerms.keys + DATEVSettings.keys

    /// The sample data a new database starts with: an invoice must never
    /// go out with it.
    public static let sampleName = "Meine Firma GmbH"
    public static let sampleAddress = "Hauptstraße 1\n10115 Berlin\nDeutschland"

    init(_ values: [String: String]) {
        name = values["company.name"] ?? ""
        address = values["company.address"] ?? ""
        vatID = values["company.vat_id"] ?? ""
        taxNumber = values["company.tax_number"] ?? ""
        bank = values["company.bank"] ?? ""
        paymentTermsDays = Int(values["invoice.payment_terms_days"] ?? "") ?? 14
        allowNegativeStock = values["stock.allow_negative"] == "1"
        country = values["company.country"].flatMap { $0.isEmpty ? nil : $0 } ?? "DE"
        contactName = values["company.contact_name"] ?? ""
        phone = values["company.phone"] ?? ""
        email = values["company.email"] ?? ""
        electronicAddress = values["company.electronic_address"] ?? ""
        iban = values["company.iban"] ?? ""
        bic = values["company.bic"] ?? ""
        smallBusiness = values["company.small_business"] == "1"
        documentLanguage = DocumentWords.Language(rawValue: values["invoice.language"] ?? "") ?? .de
        let skontoBP = Int(values["invoice.skonto_bp"] ?? "") ?? 0
        skonto = skontoBP == 0 ? nil : SkontoTerms(percentBP: skontoBP, days: Int(values["invoice.skonto_days"] ?? "") ?? 0)
        dunning = DunningTerms(values)
        datev = DATEVSettings(values)
    }

    var values: [String: String] {
        ["company.name": name, "company.address": address, "company.vat_id": vatID, "company.tax_number": taxNumber,
         "company.bank": bank, "invoice.payment_terms_days": String(paymentTermsDays), "stock.allow_negative": allowNegativeStock ? "1" : "0",
         "company.country": country, "company.contact_name": contactName, "company.phone": phone, "company.email": email,
         "company.electronic_address": electronicAddress, "company.iban": iban, "company.bic": bic,
         "company.small_business": smallBusiness ? "1" : "0", "invoice.language": documentLanguage.rawValue,
         "invoice.skonto_bp": String(skonto?.percentBP ?? 0), "invoice.skonto_days": String(skonto?.days ?? 0)]
            .merging(dunning.values) { $1 }
            .merging(datev.values) { own, _ in own }
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue(field: "name", message: tr("is required"))) }
        if !(0...365).contains(paymentTermsDays) { issues.append(FieldIssue(field: "payment terms", message: tr("must be 0 to 365 days"))) }
        if !vatID.isEmpty, let problem = VATID.problem(vatID) { issues.append(FieldIssue(field: "VAT id", message: problem)) }
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            issues.append(FieldIssue(field: "country", message: tr("must be a two-letter code like DE")))
        } else if let problem = Countries.unknownCodeProblem(country) {
            // The seller's country decides every invoice's VAT: "XX" made them all exports.
            issues.append(FieldIssue(field: "country", message: problem))
        }
        if !email.isEmpty, !CustomerFields.looksLikeEmail(email) {
            issues.append(FieldIssue(field: "e-mail", message: tr("must look like name@example.com")))
        }
        if let problem = skonto?.problem {
            issues.append(FieldIssue(field: "Skonto", message: problem))
        } else if let skonto, !skonto.endsBeforeDueDate(paymentDays: paymentTermsDays), (0...365).contains(paymentTermsDays) {
            issues.append(FieldIssue(field: "Skonto", message: tr("{0} days do not end before the usual payment terms of {1} days; shorten them or offer none",
                                                                  skonto.days, paymentTermsDays)))
        }
        issues += dunning.problems.map { FieldIssue(field: $0.field, message: $0.message) }
        issues += datev.issues
        if !iban.isEmpty, !IBAN.isValid(iban) { issues.append(FieldIssue(field: "IBAN", message: tr("is not a valid IBAN (check digits)"))) }
        for (field, value, multiline) in [("name", name, false), ("address", address, true), ("VAT id", vatID, false),
                                          ("tax number", taxNumber, false), ("bank", bank, false), ("contact", contactName, false),
                                          ("phone", phone, false), ("e-mail", email, false), ("e-invoice address", electronicAddress, false),
                                          ("IBAN", iban, false), ("BIC", bic, false)] {
            if let reason = VisibleText.forbiddenReason(in: value, multiline: multiline) { issues.append(FieldIssue(field: field, message: reason)) }
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    /// The language of words stored for everyone to read (what the mail
    /// intake adds to a message): the business's, as its documents are,
    /// not the locale of the process that wrote them.
    static func storedWordsLanguage(_ db: Database) throws -> Language {
        try read(db).documentLanguage == .en ? .english : .german
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
        try writeSettings(db, from: old.values, to: new.values)
    }

    /// Writes each value of `after` that differs from `before` into the
    /// settings table, with an audit entry each: for every group of settings.
    func writeSettings(_ db: Database, from before: [String: String], to after: [String: String]) throws {
        let now = Timestamp.now()
        for (key, value) in after.sorted(by: { $0.key < $1.key }) where before[key] != value {
            try db.execute(sql: """
                INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, arguments: [key, value, now, username])
            try Audit.record(db, session: self, entity: "settings", id: 0, action: "update", changes: [(key, before[key], value)])
        }
    }
}

/// The company settings as last saved: a number that grows with every
/// change, and who made the last one. A settings form compares it before
/// saving, so two admins never overwrite each other unnoticed.
public struct SettingsRevision: Equatable, Sendable {
    public var number: Int
    public var updatedBy: String
    public var updatedAt: String
}

extension Session {
    public func settingsRevision() throws -> SettingsRevision {
        try database.read(Self.settingsRevision)
    }

    static func settingsRevision(_ db: Database) throws -> SettingsRevision {
        // Who changed them last is the audit log's latest settings entry:
        // several saves within one second share a timestamp in the table.
        let number = try Int.fetchOne(db, sql: "SELECT coalesce(sum(version), 0) FROM settings") ?? 0
        let log = Audit.byEntity()
        let last = try Row.fetchOne(db, sql: "SELECT actor, at FROM \(log) WHERE entity = 'settings' ORDER BY id DESC LIMIT 1")
        return SettingsRevision(number: number, updatedBy: last?["actor"] ?? "kontor", updatedAt: last?["at"] ?? "")
    }

    /// Saves the settings if nobody saved them since `expected` was read;
    /// otherwise throws `.conflict` naming who did.
    public func saveSettings(_ settings: CompanySettings, expected: SettingsRevision) throws {
        if let failure = settings.validate() { throw KontorError.invalid(failure) }
        try write(.editSettings) { db in
            let current = try Self.settingsRevision(db)
            guard current.number == expected.number else {
                throw KontorError.conflict(entity: "settings", id: 0, changedBy: current.updatedBy, changedAt: current.updatedAt)
            }
            try writeChanges(db, from: try CompanySettings.read(db), to: settings)
        }
    }
}
