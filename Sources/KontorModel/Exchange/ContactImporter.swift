import KontorLocale
import GRDB

/// Contact people from a file, each under the customer its row names by
/// number or by name; matched within that customer by name or e-mail.
struct ContactImporter: RowImporter {
    let session: Session
    let key: String
    let update: Bool
    /// The lookups and inserts, prepared once for the file.
    private let writer: ImportedContactWriter
    /// The new contacts' full-text rows, a batch at a time.
    private let search: ImportedCustomerSearch

    /// Every check comes before the contact's insert, and the insert before
    /// anything else it changes: a refused row has written nothing.
    var needsSavepoint: Bool { false }

    init(session: Session, key: String, update: Bool, db: Database) throws {
        self.session = session
        self.key = key
        self.update = update
        // (Before the inserts are prepared: it changes the schema.)
        search = try ImportedCustomerSearch(db, .contacts)
        writer = try ImportedContactWriter(db, by: session)
    }

    mutating func importRow(_ row: inout ImportRow, _ db: Database, source: String, notices: inout [String]) throws -> RowOutcome {
        guard let customerID = try customer(&row, db) else { return .rejected }
        var fields = ContactFields(name: row.text("name"), role: row.text("role"), email: row.text("email"), phone: row.text("phone"))
        if row.has("primary"), let primary = row.flag("primary") { fields.isPrimary = primary }
        fields = fields.normalized()
        if let failure = fields.validate() { row.add(failure, fieldFor: field(forIssue:)) }
        guard row.issues.isEmpty else { return .rejected }
        let match = key == "email" ? fields.email : fields.name
        let found = match.isEmpty ? nil
            : try key == "email" ? writer.contact(of: customerID, email: match) : writer.contact(of: customerID, name: match)
        if let found {
            let old = try Contact.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [found])!
            // The person the customer was entered with, as its own fields made
            // them (a form's save, a customer import), is filled in from the
            // file as if updating: the file knows their own e-mail, phone and
            // role. Without a column saying so, they stay the main contact.
            let isCustomersCopy = try isCopyOfCustomerFields(old, db)
            guard update || isCustomersCopy else { return .skipped(found) }
            if !(isCustomersCopy && row.has("primary")) {
                // A value in the file replaces the stored one; an empty cell or
                // a column the file lacks leaves it as it is, as for customers.
                fields = Self.merged(&row, over: old.fields)
            }
            // A row that says whether the person is the main contact (the
            // Primary column, as Kontor's export writes one) describes the
            // person the customer was entered with whole: its empty cells are
            // empty, so an export imports back as it was. (What the copy held
            // stays the customer's own e-mail and phone.)
            if old.fields == fields { return .unchanged }
            // It may be one this file added, not yet indexed: the update
            // trigger must find it in the index.
            try search.flush()
            try db.execute(sql: CustomerRepository.updateContactSQL,
                           arguments: CustomerRepository.updateContactArguments(fields, id: old.id, by: session.username))
            if fields.isPrimary { try db.execute(sql: CustomerRepository.otherContactsNotPrimarySQL, arguments: [customerID, old.id]) }
            try Audit.record(db, session: session, entity: "contact", id: old.id, action: "import", changes: Audit.differences(
                ["name": old.fields.name, "role": old.fields.role, "email": old.fields.email, "phone": old.fields.phone],
                ["name": fields.name, "role": fields.role, "email": fields.email, "phone": fields.phone]))
            return .updated(old.id)
        }
        let id = try writer.insert(fields, customerID: customerID, source: source)
        try search.inserted(id)
        return .created(id)
    }

    func finish(_ db: Database) throws {
        try search.finish()
    }

    /// `stored` with the row's non-empty cells put in, normalized.
    static func merged(_ row: inout ImportRow, over stored: ContactFields) -> ContactFields {
        var fields = stored
        for (column, path) in [("name", \ContactFields.name), ("role", \.role), ("email", \.email), ("phone", \.phone)]
        where row.has(column) && !TextFolding.trimmed(row.text(column)).isEmpty {
            fields[keyPath: path] = row.text(column)
        }
        if row.has("primary"), let primary = row.flag("primary") { fields.isPrimary = primary }
        return fields.normalized()
    }

    /// Whether `contact` is what its customer's contact field, e-mail and
    /// phone make (`ContactFields.main(of:)`), nothing added since.
    private func isCopyOfCustomerFields(_ contact: Contact, _ db: Database) throws -> Bool {
        guard contact.fields.role.isEmpty, contact.fields.isPrimary,
              let customer = try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [contact.customerID])
        else { return false }
        return ContactFields.main(of: customer.fields)?.normalized() == contact.fields
    }

    /// The customer the row names: by number if the file has one, else by
    /// name, which must name exactly one customer.
    private func customer(_ row: inout ImportRow, _ db: Database) throws -> Int64? {
        if row.has("customer-number"), !row.text("customer-number").isEmpty {
            guard let number = row.number("customer-number", scale: 0) else { return nil }
            guard try writer.customerExists(number: number) else {
                row.failValue("customer-number", tr("is no customer's number"))
                return nil
            }
            return number
        }
        let name = row.text("customer")
        guard !name.isEmpty else { row.fail("customer", tr("is required: the customer the contact belongs to")); return nil }
        let ids = try writer.customers(sortKey: TextFolding.sortKey(name.precomposedStringWithCanonicalMapping))
        if ids.isEmpty { row.failValue("customer", tr("is no customer's name (import the customers first)")); return nil }
        if ids.count > 1 { row.failValue("customer", tr("names more than one customer: give the customer number instead")); return nil }
        return ids[0]
    }

    func field(forIssue name: String) -> String {
        name == "e-mail" ? "email" : name
    }
}
