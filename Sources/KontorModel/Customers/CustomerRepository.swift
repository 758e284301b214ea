import KontorLocale
import Foundation
import KontorText
import GRDB

extension KontorDatabase {
    /// Customer queries and changes.
    public var customers: CustomerRepository { CustomerRepository(database: self) }
}

/// Reads customers a window at a time and saves them with optimistic locking.
///
/// Lists use keyset pagination on `(archived, sort_key, id)`: the next window
/// starts after the last row's key, so fetching rows 999 950–1 000 000 costs
/// what rows 1–50 cost. No method here returns a whole table.
public struct CustomerRepository: Sendable {
    let database: KontorDatabase

    // MARK: Records

    public func find(id: Int64) throws -> Customer? {
        try database.read { db in try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]) }
    }

    /// Customers that may be the same as `fields`: the same e-mail address,
    /// or a name that differs only in legal form, case, accents or a typo.
    /// Shown as a warning before creating a customer; never a refusal, as two
    /// firms may really share a name.
    public func possibleDuplicates(of fields: CustomerFields, excluding id: Int64? = nil, limit: Int = 5) throws -> [CustomerSummary] {
        try database.read { db in try Self.possibleDuplicates(db, of: fields, excluding: id, limit: limit) }
    }

    /// The same, inside the caller's transaction (an import checks each new
    /// customer against those before it, in the file too).
    ///
    /// `forgivingTypos: false` is the check of a bulk import: the same
    /// e-mail, or a name with the same words (legal form, case and accents
    /// aside). Forgiving a typo means comparing with every customer that
    /// shares any one word of the name, hundreds for a "Müller"; a person
    /// saving one form waits for that gladly, a file of 100 000 rows would
    /// take an hour.
    ///
    /// An import runs this check as `ImportDuplicateCheck`: the same
    /// queries, prepared once, behind a sieve.
    static func possibleDuplicates(_ db: Database, of fields: CustomerFields, excluding id: Int64? = nil, limit: Int = 5,
                                   forgivingTypos: Bool = true) throws -> [CustomerSummary] {
        if !forgivingTypos {
            // The importer's fields are normalised (checked) already.
            let core = DuplicateCheck.coreWords(fields.name)
            if !fields.email.isEmpty {
                let sameMail = try CustomerSummary.fetchAll(db.cachedStatement(sql: sameEmailSQL(columns: CustomerSummary.columns, limit: "?")),
                                                            arguments: [fields.email, id, limit])
                if !sameMail.isEmpty { return sameMail }
            }
            guard !core.isEmpty else { return [] }
            // The name's sort key with each common legal form, looked up on
            // the name index: "Müller GmbH" finds "Müller AG" and "MÜLLER".
            let keys = DuplicateCheck.sortKeyVariants(fields.name)
            let candidates = try CustomerSummary.fetchAll(db.cachedStatement(sql: sameSortKeySQL(columns: CustomerSummary.columns, keys: keys.count)),
                                                          arguments: StatementArguments(keys) + [id])
            return Array(candidates.filter { DuplicateCheck.coreWords($0.name) == core }.prefix(limit))
        }
        let fields = fields.normalized()
        let core = DuplicateCheck.coreWords(fields.name)
        do {
            var found: [CustomerSummary] = []
            if !fields.email.isEmpty {
                found += try CustomerSummary.fetchAll(db, sql: """
                    SELECT \(CustomerSummary.columns) FROM customers WHERE email = ? COLLATE NOCASE AND id IS NOT ? LIMIT ?
                    """, arguments: [fields.email, id, limit])
            }
            if !core.isEmpty {
                // Candidates share a core word (a typo spares the others); then compare closely.
                // Each word as typed and in its German transliteration ("müller"
                // also as "mueller"), against the name and its transliteration
                // (search_alias holds "mueller" for a stored "Müller").
                let forms = Set(core + DuplicateCheck.coreWords(TextFolding.searchAlias(fields.name)))
                let match = SQLiteSpecific.customerNames(matchingAnyOf: forms.sorted())
                let candidates = try CustomerSummary.fetchAll(db, SQLRequest<CustomerSummary>(literal: """
                    SELECT \(sql: CustomerSummary.columns) FROM customers
                    WHERE id IN (\(SQLiteSpecific.fullTextHits("customers_fts", matching: match, limit: 500))) AND id IS NOT \(id)
                    """))
                for candidate in candidates where DuplicateCheck.similar(core, DuplicateCheck.coreWords(candidate.name)) {
                    if !found.contains(where: { $0.id == candidate.id }) { found.append(candidate) }
                }
            }
            return Array(found.prefix(limit))
        }
    }

    /// Customers with an e-mail (ASCII case aside), but for one (`?`, or
    /// NULL for none), at most `limit` (a number or `?`): the bulk check's
    /// first query; its arguments are the e-mail, the id, the limit if `?`.
    static func sameEmailSQL(columns: String, limit: String) -> String {
        "SELECT \(columns) FROM customers WHERE email = ? COLLATE NOCASE AND email <> '' AND id IS NOT ? LIMIT \(limit)"
    }

    /// Up to twenty customers with one of `keys` sort keys (bound first),
    /// but for one (the last `?`), in the name index's order: the bulk
    /// check's candidates by name.
    static func sameSortKeySQL(columns: String, keys: Int) -> String {
        let marks = Array(repeating: "?", count: keys).joined(separator: ", ")
        return "SELECT \(columns) FROM customers WHERE archived IN (0, 1) AND sort_key IN (\(marks)) AND id IS NOT ? LIMIT 20"
    }

    /// The contacts of a customer, the primary one first.
    public func contacts(of customerID: Int64) throws -> [Contact] {
        try database.read { db in
            try Contact.fetchAll(db, sql: "SELECT * FROM contacts WHERE customer_id = ? ORDER BY is_primary DESC, name, id", arguments: [customerID])
        }
    }

    // MARK: Changes

    /// Validates and stores a new customer.
    @discardableResult
    public func create(_ fields: CustomerFields, by session: Session) throws -> Customer {
        let fields = try fields.checked(in: database, alsoLooking: [{ db in try Self.checkOwner(db, fields.ownerID) }])
        let now = Timestamp.now()
        return try session.write(.writeFrontOffice) { db in
            let id = try Self.insert(db, fields, at: now, by: session)
            let customer = try Customer.inserted(db, by: session, values: Self.auditValues(fields))
            if let contact = ContactFields.main(of: fields) { try Self.createContact(db, customerID: id, contact, by: session) }
            return customer
        }
    }

    /// Inserts checked fields inside the caller's transaction, with `id` as
    /// the customer number when given; returns the id. The caller writes
    /// the audit log.
    @discardableResult
    static func insert(_ db: Database, _ fields: CustomerFields, id: Int64? = nil, at now: String = Timestamp.now(), by session: Session) throws -> Int64 {
        try checkOwner(db, fields.ownerID)
        try db.cachedStatement(sql: insertSQL).execute(arguments: arguments(fields) + [now, now, session.username, id])
        return db.lastInsertedRowID
    }

    /// The insert of a new customer: the fields, their derived columns
    /// (`derivedColumns`), the timestamps, who, and the number or NULL.
    /// A bulk import binds the same statement itself (`ImportedCustomerWriter`).
    static let insertSQL = """
        INSERT INTO customers (name, contact_name, email, phone, street, postal_code, city, country,
                               vat_id, notes, sort_key, search_alias, search_text,
                               kind, buyer_reference, payment_terms_days, tags, owner_id,
                               created_at, updated_at, updated_by, id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Saves new field values, if nobody else saved the customer since
    /// `expectedVersion` was read; otherwise throws `.conflict` naming who did.
    @discardableResult
    public func update(id: Int64, _ fields: CustomerFields, expectedVersion: Int, by session: Session) throws -> Customer {
        let fields = try fields.checked(in: database, alsoLooking: [{ db in try Self.checkOwner(db, fields.ownerID) }])
        return try session.write(.writeFrontOffice) { db in
            let old = try Customer.current(db, id: id, expectedVersion: expectedVersion)
            try Self.update(db, old, to: fields, action: "update", by: session)
            // A contact name given to a customer without contact persons makes
            // it the first, as on a new customer's form.
            if old.fields.contactName.isEmpty, let contact = ContactFields.main(of: fields),
               try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts WHERE customer_id = ?", arguments: [id]) == 0 {
                try Self.createContact(db, customerID: id, contact, by: session)
            }
            return try Customer.existing(db, id: id)
        }
    }

    /// Saves checked fields over `old` inside the caller's transaction, with
    /// each changed field in the audit log under `action`. Returns whether
    /// anything changed: saving without a change writes nothing, so no new
    /// version makes a colleague's open form conflict for no reason.
    @discardableResult
    static func update(_ db: Database, _ old: Customer, to fields: CustomerFields, action: String, by session: Session) throws -> Bool {
        var fields = fields
        // Another contact person's name typed with other case or spaces
        // names that person, as stored.
        if fields.contactName != old.fields.contactName, let named = try contactNamed(db, old.id, fields.contactName) {
            fields.contactName = named.fields.name
        }
        if old.fields.normalized() == fields { return false }
        try checkOwner(db, fields.ownerID)
        try db.execute(sql: """
            UPDATE customers SET name = ?, contact_name = ?, email = ?, phone = ?, street = ?, postal_code = ?,
                   city = ?, country = ?, vat_id = ?, notes = ?, sort_key = ?, search_alias = ?, search_text = ?,
                   kind = ?, buyer_reference = ?, payment_terms_days = ?, tags = ?, owner_id = ?,
                   version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: arguments(fields) + [Timestamp.now(), session.username, old.id])
        try Audit.recordSave(db, session: session, entity: "customer", id: old.id, action: action, over: old,
                             changes: Audit.differences(auditValues(old.fields), auditValues(fields)))
        try followedByMainContact(db, old.id, from: old.fields, to: fields, by: session)
        return true
    }

    /// The main contact (★) is the person the customer's contact field
    /// names, so the two never disagree. Given another name, the field
    /// names another person: one of its contact persons (starred instead),
    /// or a new one (made, as a form's save makes the first), while the one
    /// starred before stays who they are; only a correction of the same
    /// name (case, spaces, a letter or two) renames them. Their e-mail and
    /// phone follow the customer's where they were the customer's (as the
    /// form's save and an import copy them); one of their own stays.
    private static func followedByMainContact(_ db: Database, _ customerID: Int64, from old: CustomerFields, to new: CustomerFields,
                                              by session: Session) throws {
        guard !old.contactName.isEmpty, !new.contactName.isEmpty,
              old.contactName != new.contactName || old.email != new.email || old.phone != new.phone,
              let main = try Contact.fetchOne(db, sql: "SELECT * FROM contacts WHERE customer_id = ? AND is_primary = 1 AND name = ?",
                                              arguments: [customerID, old.contactName]) else { return }
        if new.contactName != old.contactName {
            let other = try Contact.fetchOne(db, sql: "SELECT * FROM contacts WHERE customer_id = ? AND name = ? AND id <> ? ORDER BY id LIMIT 1",
                                             arguments: [customerID, new.contactName, main.id])
            if other != nil || !isCorrection(of: old.contactName, to: new.contactName) {
                var former = main.fields
                former.isPrimary = false
                try db.execute(sql: updateContactSQL, arguments: updateContactArguments(former, id: main.id, by: session.username))
                try Audit.record(db, session: session, entity: "contact", id: main.id, action: "update", changes: [("is_primary", "1", "0")])
                if let other {
                    var starred = other.fields
                    starred.isPrimary = true
                    try db.execute(sql: updateContactSQL, arguments: updateContactArguments(starred, id: other.id, by: session.username))
                    try Audit.record(db, session: session, entity: "contact", id: other.id, action: "update", changes: [("is_primary", "0", "1")])
                } else if let contact = ContactFields.main(of: new) {
                    try createContact(db, customerID: customerID, contact, by: session)
                }
                return
            }
        }
        var followed = main.fields
        followed.name = new.contactName
        if main.fields.email == old.email { followed.email = new.email }
        if main.fields.phone == old.phone { followed.phone = new.phone }
        guard followed != main.fields else { return }
        try db.execute(sql: updateContactSQL, arguments: updateContactArguments(followed, id: main.id, by: session.username))
        try Audit.record(db, session: session, entity: "contact", id: main.id, action: "update", changes: Audit.differences(
            ["name": main.fields.name, "email": main.fields.email, "phone": main.fields.phone],
            ["name": followed.name, "email": followed.email, "phone": followed.phone]))
    }

    /// A contact person of the customer whose name is `name` but for case
    /// and spaces.
    static func contactNamed(_ db: Database, _ customerID: Int64, _ name: String) throws -> Contact? {
        let wanted = spaced(name)
        guard !wanted.isEmpty else { return nil }
        return try Contact.fetchAll(db, sql: "SELECT * FROM contacts WHERE customer_id = ? ORDER BY is_primary DESC, id", arguments: [customerID])
            .first { spaced($0.fields.name) == wanted }
    }

    /// A name lower-cased, its spaces one each: "Petra  Vogel" is "petra vogel".
    private static func spaced(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `new` corrects `old` rather than naming someone else: the
    /// same letters but for case, accents and spaces, or a letter or two
    /// of a longer name ("Bernd Kraus" → "Bernd Krause").
    static func isCorrection(of old: String, to new: String) -> Bool {
        let a = Array(TextFolding.fold(spaced(old))), b = Array(TextFolding.fold(spaced(new)))
        if a == b { return true }
        return min(a.count, b.count) >= 6 && DuplicateCheck.editDistance(a, b, limit: 2) <= 2
    }

    /// A contact made the main one (★) becomes the customer's contact field
    /// too, in the same transaction: the list, the header and the invoice's
    /// buyer contact name the person the contacts pane stars.
    static func followMainContact(_ db: Database, customerID: Int64, _ contact: ContactFields, by session: Session) throws {
        guard contact.isPrimary else { return }
        let customer = try Customer.existing(db, id: customerID)
        guard customer.fields.contactName != contact.name else { return }
        var fields = customer.fields
        fields.contactName = contact.name
        try update(db, customer, to: fields, action: "update", by: session)
    }

    /// Archives (or restores) a customer: archived customers leave the
    /// everyday list but keep their history.
    @discardableResult
    public func setArchived(id: Int64, _ archived: Bool, expectedVersion: Int, by session: Session) throws -> Customer {
        try session.write(.writeFrontOffice) { db in
            let old = try Customer.current(db, id: id, expectedVersion: expectedVersion)
            try Self.setArchived(db, id: id, archived, was: old.archived, by: session)
            return try Customer.existing(db, id: id)
        }
    }

    /// `setArchived` inside the caller's transaction (an import's), with
    /// its audit entry; nothing when the customer already is so.
    /// - Returns: whether it changed.
    @discardableResult
    static func setArchived(_ db: Database, id: Int64, _ archived: Bool, was: Bool, by session: Session) throws -> Bool {
        guard archived != was else { return false }
        try db.execute(sql: """
            UPDATE customers SET archived = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """, arguments: [archived, Timestamp.now(), session.username, id])
        try Audit.record(db, session: session, entity: "customer", id: id, action: archived ? "archive" : "restore",
                         changes: [("archived", was ? "1" : "0", archived ? "1" : "0")])
        return true
    }

    @discardableResult
    public func addContact(to customerID: Int64, _ fields: ContactFields, by session: Session) throws -> Contact {
        let fields = try fields.checked()
        return try session.write(.writeFrontOffice) { db in
            guard try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [customerID]) != nil else {
                throw KontorError.notFound(entity: "customer", id: customerID)
            }
            let id = try Self.createContact(db, customerID: customerID, fields, by: session)
            try Self.followMainContact(db, customerID: customerID, fields, by: session)
            return try Contact.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id])!
        }
    }

    /// `insertContact` with its audit line: a contact made by a person (the
    /// contacts form, a customer's contact field); returns its id.
    @discardableResult
    static func createContact(_ db: Database, customerID: Int64, _ fields: ContactFields, by session: Session) throws -> Int64 {
        let id = try insertContact(db, customerID: customerID, fields, by: session)
        try Audit.record(db, session: session, entity: "contact", id: id, action: "create",
                         changes: [("customer_id", nil, String(customerID)), ("name", nil, fields.name)])
        return id
    }

    /// Inserts a checked contact of an existing customer inside the caller's
    /// transaction (the one primary contact stays one); returns its id.
    static func insertContact(_ db: Database, customerID: Int64, _ fields: ContactFields, by session: Session) throws -> Int64 {
        let now = Timestamp.now()
        try db.cachedStatement(sql: insertContactSQL).execute(arguments: StatementArguments(
            contactValues(customerID: customerID, fields, at: now, by: session.username).map { $0 as (any DatabaseValueConvertible)? }))
        let id = db.lastInsertedRowID
        if fields.isPrimary { try db.execute(sql: otherContactsNotPrimarySQL, arguments: [customerID, id]) }
        return id
    }

    /// The insert of a new contact, its values from `contactValues`. A bulk
    /// import binds the same statements itself (`ImportedContactWriter`).
    static let insertContactSQL = """
        INSERT INTO contacts (customer_id, name, role, email, phone, is_primary, search_text, created_at, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func contactValues(customerID: Int64, _ f: ContactFields, at now: String, by username: String) -> [(any SQLiteBindable & DatabaseValueConvertible)?] {
        [customerID, f.name, f.role, f.email, f.phone, f.isPrimary, ContactSearch.searchText(name: f.name, email: f.email, phone: f.phone), now, now, username]
    }

    /// Saves a contact's fields and the words it is found by (an import's
    /// update binds the same): the fields, who, the contact's id.
    static let updateContactSQL = """
        UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, is_primary = ?, search_text = ?, version = version + 1,
               updated_at = ?, updated_by = ? WHERE id = ?
        """

    static func updateContactArguments(_ f: ContactFields, id: Int64, by username: String) -> StatementArguments {
        [f.name, f.role, f.email, f.phone, f.isPrimary, ContactSearch.searchText(name: f.name, email: f.email, phone: f.phone), Timestamp.now(), username, id]
    }

    /// A new primary contact is the customer's one: the others (customer,
    /// new contact's id) stop being primary. Run after the insert, so that
    /// a refused insert has changed nothing.
    static let otherContactsNotPrimarySQL = "UPDATE contacts SET is_primary = 0 WHERE customer_id = ? AND id <> ?"

    @discardableResult
    public func updateContact(id: Int64, _ fields: ContactFields, expectedVersion: Int, by session: Session) throws -> Contact {
        let fields = try fields.checked()
        return try session.write(.writeFrontOffice) { db in
            guard let found = try Contact.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id]) else {
                throw KontorError.notFound(entity: "contact", id: id)
            }
            let old = try found.checked(version: expectedVersion, entity: "contact", id: id)
            if fields.isPrimary { try db.execute(sql: "UPDATE contacts SET is_primary = 0 WHERE customer_id = ?", arguments: [old.customerID]) }
            try db.execute(sql: Self.updateContactSQL, arguments: Self.updateContactArguments(fields, id: id, by: session.username))
            try Audit.recordSave(db, session: session, entity: "contact", id: id, over: old, changes: Audit.differences(
                ["name": old.fields.name, "role": old.fields.role, "email": old.fields.email, "phone": old.fields.phone, "is_primary": old.fields.isPrimary ? "1" : "0"],
                ["name": fields.name, "role": fields.role, "email": fields.email, "phone": fields.phone, "is_primary": fields.isPrimary ? "1" : "0"]))
            try Self.followMainContact(db, customerID: old.customerID, fields, by: session)
            return try Contact.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id])!
        }
    }


    static func checkOwner(_ db: Database, _ ownerID: Int64?) throws {
        guard let ownerID else { return }
        guard try Bool.fetchOne(db, sql: "SELECT active FROM staff WHERE id = ?", arguments: [ownerID]) == true else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "owner", message: tr("must be an active member of staff"))]))
        }
    }

    static func auditValues(_ f: CustomerFields) -> [String: String?] {
        ["kind": f.kind.rawValue, "name": f.name, "contact_name": f.contactName, "email": f.email, "phone": f.phone,
         "street": f.street, "postal_code": f.postalCode, "city": f.city, "country": f.country, "vat_id": f.vatID,
         "buyer_reference": f.buyerReference, "payment_terms_days": String(f.paymentTermsDays), "tags": f.tags,
         "notes": f.notes, "owner_id": f.ownerID.map(String.init)]
    }

    static func arguments(_ f: CustomerFields) -> StatementArguments {
        StatementArguments(values(f).map { $0 as (any DatabaseValueConvertible)? })
    }

    /// The first eighteen values of `insertSQL` (and of the update's SET),
    /// in order: what `arguments` hands GRDB and a bulk import binds itself.
    static func values(_ f: CustomerFields) -> [(any SQLiteBindable & DatabaseValueConvertible)?] {
        values(f, derived: derivedColumns(f))
    }

    /// The same with the derived columns worked out already (an import
    /// works them out ahead, on its reading thread).
    static func values(_ f: CustomerFields, derived: (sortKey: String, alias: String, searchText: String))
        -> [(any SQLiteBindable & DatabaseValueConvertible)?] {
        [f.name, f.contactName, f.email, f.phone, f.street, f.postalCode, f.city, f.country,
                f.vatID, f.notes, derived.sortKey, derived.alias, derived.searchText,
                f.kind.rawValue, f.buyerReference, f.paymentTermsDays, f.tags, f.ownerID]
    }

    /// The columns computed from the fields, for sorting and searching.
    ///
    /// The alias holds what people type that the fields do not spell: German
    /// transliterations ("Muenchen"), folds the tokenizer misses ("Kobenhavn"),
    /// the address, the phone number as one run of digits (as caller id shows
    /// it) and within its area (as a caller says it), and the VAT id without
    /// its country prefix.
    ///
    /// The street is there in every spelling people type: as written
    /// ("Königstraße"), transliterated ("Koenigstrasse"), folded
    /// ("Konigstrasse"), and with the street kind inside it as a word of its
    /// own (`TextFolding.streetWords`), since FTS5 matches only the start of
    /// a word and "…straße" is what people type. Names in Chinese, Japanese
    /// or Korean are found by any part of them (`TextFolding.cjkSuffixes`).
    /// The columns `derivedColumns` reads, with the id: what a migration
    /// selects to write a customer's search words again.
    static let searchedColumns = "id, name, contact_name, email, phone, street, postal_code, city, vat_id"

    /// The fields of a row of `searchedColumns`.
    static func searchedFields(_ row: Row) -> CustomerFields {
        CustomerFields(name: row["name"], contactName: row["contact_name"], email: row["email"], phone: row["phone"],
                       street: row["street"], postalCode: row["postal_code"], city: row["city"], vatID: row["vat_id"])
    }

    static func derivedColumns(_ f: CustomerFields) -> (sortKey: String, alias: String, searchText: String) {
        var alias = [TextFolding.searchAlias(f.name, f.contactName, f.city, f.street),
                     TextFolding.undecomposedFolds(f.name, f.contactName, f.city, f.street),
                     f.street, TextFolding.streetWords(f.street), f.postalCode,
                     TextFolding.cjkSuffixes(f.name, f.contactName, f.city, f.street)]
        alias += [TextFolding.phoneDigits(f.phone), TextFolding.localDigits(f.phone)].filter { !$0.isEmpty }
        if f.vatID.count > 2 { alias.append(String(f.vatID.dropFirst(2))) }
        // Each word once, folded: the spellings above repeat one another
        // ("Hauptstraße", "Hauptstrasse"), and the search text's index is
        // read whole by a broad filter. Typed words match folded ones.
        var seen = Set<Substring>()
        let joined = alias.flatMap { TextFolding.tokens($0) }.filter { seen.insert($0).inserted }.joined(separator: " ")
        let text = TextFolding.searchText([f.name, f.contactName, f.email, f.city, f.phone, f.vatID, joined])
        return (TextFolding.sortKey(f.name), joined, text)
    }
}

/// Compares company names the way a person would when asking "is this the
/// same firm?": legal forms, case, accents and punctuation do not count, and
/// one typo is forgiven in longer names.
enum DuplicateCheck {
    static let legalForms: Set<String> = [
        "gmbh", "ag", "kg", "co", "ohg", "ug", "haftungsbeschrankt", "gbr", "ek", "e", "k", "kgaa", "se", "mbh",
        "ltd", "limited", "inc", "llc", "sa", "sarl", "srl", "spa", "bv", "nv", "plc", "eg", "ev", "und", "and",
    ]

    /// The legal forms names most often end in, folded, for
    /// `sortKeyVariants`: each one is an index lookup per imported row.
    static let legalSuffixes = [
        "gmbh & co. kg", "gmbh", "ag", "kg", "ohg", "ug (haftungsbeschrankt)", "ug", "gbr", "e.k.", "se", "ltd", "inc",
    ]

    /// The sort keys a name would have with any common legal form, or none:
    /// what an index lookup needs to find "Müller AG" for "Müller GmbH".
    static func sortKeyVariants(_ name: String) -> [String] {
        let base = strippedSortKey(name)
        return [base] + legalSuffixes.map { "\(base) \($0)" }
    }

    /// The name's sort key without the legal forms it ends in: the first of
    /// `sortKeyVariants`, and what `DuplicateSieve` is asked about.
    static func strippedSortKey(_ name: String) -> String {
        var base = TextFolding.sortKey(name)
        var stripped = true
        while stripped {
            stripped = false
            while let last = base.last, last == " " || last == "," || last == "&" { base.removeLast() }
            for suffix in legalSuffixes where base.hasSuffix(suffix) && base.count > suffix.count
                && [" ", ","].contains(base.dropLast(suffix.count).last) {
                base = String(base.dropLast(suffix.count))
                stripped = true
                break
            }
        }
        return base
    }

    static func coreWords(_ name: String) -> [String] {
        TextFolding.tokens(name).map(String.init).filter { !legalForms.contains($0) }
    }

    static func similar(_ a: [String], _ b: [String]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let x = a.joined(separator: " "), y = b.joined(separator: " ")
        if x == y { return true }
        return x.count >= 6 && editDistance(Array(x), Array(y), limit: 1) <= 1
    }

    /// Levenshtein distance, giving up above `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
