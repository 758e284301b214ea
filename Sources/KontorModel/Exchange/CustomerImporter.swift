import KontorLocale
import GRDB

/// Customers from a file: matched by number, VAT id, e-mail or name; new
/// ones checked by the model's duplicate check (its bulk form: same e-mail,
/// or the same name give or take case, accents and legal form), which is reported (a
/// customer that looks like another is still imported: two firms may share
/// a name, and merging is a person's decision).
struct CustomerImporter: RowImporter {
    let session: Session
    let key: String
    let update: Bool
    /// VAT id → customer, read once: the column has no index, and a lookup
    /// per row would read the whole table each time.
    private var vatIDs: [String: Int64] = [:]
    /// Whether `vatIDs` was read: when a row is first matched by VAT id.
    private var vatIDsRead = false
    /// The model's bulk duplicate check, prepared for the file.
    private let duplicates: ImportDuplicateCheck
    /// The inserts, prepared once for the file.
    private let writer: ImportedCustomerWriter
    /// The new customers' full-text rows, a batch at a time, and their
    /// main contacts' (the contact person a row names).
    private let search: ImportedCustomerSearch
    private let contactSearch: ImportedCustomerSearch
    /// The customer with a number: its name, prepared once (asked once per row).
    private let byNumber: PreparedRows
    /// The list's name index, built at the end of a large import.
    private let listIndex: ImportedCustomerListIndex

    /// Every check comes before the one insert or update (and its audit
    /// line): a refused row has written nothing.
    var needsSavepoint: Bool { false }

    /// `fileBytes` is the file's size, which decides whether the list's
    /// name index is built at the end (`ImportedCustomerListIndex`).
    init(session: Session, key: String, update: Bool, fileBytes: Int, db: Database) throws {
        self.session = session
        self.key = key
        self.update = update
        // (Before the lookups are prepared: it changes the schema.)
        listIndex = try ImportedCustomerListIndex(db, fileBytes: fileBytes)
        duplicates = try ImportDuplicateCheck(db)
        search = try ImportedCustomerSearch(db)
        contactSearch = try ImportedCustomerSearch(db, .contacts)
        writer = try ImportedCustomerWriter(db, by: session)
        byNumber = try PreparedRows(db, sql: "SELECT name FROM customers WHERE id = ?")
    }

    mutating func importRow(_ row: inout ImportRow, _ db: Database, source: String, notices: inout [String]) throws -> RowOutcome {
        var number: Int64?
        if row.has("number"), !row.text("number").isEmpty {
            number = row.number("number", scale: 0)
            if let n = number, n <= 0 { row.failValue("number", tr("must be a customer number above 0")); number = nil }
            if number == nil { return .rejected }
        }
        let (found, matchedBy) = try existing(row, db, number: number)
        if found.count > 1, update {
            row.failValue("name", tr("names more than one customer: give the customer number instead"))
            return .rejected
        }
        let archived = row.has("archived") ? row.flag("archived") : nil
        // Who looks after the customer, by account or name (an export writes the account).
        var owner: Int64?
        if row.has("owner"), !row.text("owner").isEmpty {
            let named = row.text("owner")
            owner = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM staff WHERE username = ? OR full_name = ? COLLATE NOCASE LIMIT 1"),
                                       arguments: [named, named])
            if owner == nil { row.failValue("owner", tr("is nobody on the staff list")); return .rejected }
        }
        if let id = found.first {
            guard update else { return .skipped(id, by: matchedBy) }
            let old = try Customer.existing(db, id: id)
            var fields = Self.fields(row: &row, base: old.fields)
            if let owner { fields.ownerID = owner }
            guard row.issues.isEmpty else { return .rejected }
            // (Its main contact may follow the change: indexed first too.)
            try search.flush()
            try contactSearch.flush()
            let changed = try CustomerRepository.update(db, old, to: fields, action: "import", by: session)
            let archivedChanged = try archived.map { try CustomerRepository.setArchived(db, id: id, $0, was: old.archived, by: session) } ?? false
            guard changed || archivedChanged else { return .unchanged }
            duplicates.add(sortKey: TextFolding.sortKey(fields.name), email: fields.email)
            return .updated(id)
        }
        let new = (row.prepared as? NewCustomer) ?? Self.newCustomer(row)
        row.adopt(issues: new.issues)
        var fields = new.fields
        if let owner { fields.ownerID = owner }
        guard row.issues.isEmpty else { return .rejected }
        // (Matched by number, a free number has been looked up already.)
        if let number, key != "number", let other = try name(number: number) {
            row.failValue("number", tr("is already the number of {0}", ImportProblem.shown(other)))
            return .rejected
        }
        if let twin = try duplicates.twin(of: fields, variants: new.variants, core: new.core) {
            notices.append(tr("{0} may be the same as customer {1} {2} (same e-mail or the same name but for its legal form); imported as a new customer", ImportProblem.shown(fields.name), twin.id, ImportProblem.shown(twin.name)))
        }
        let (id, contact) = try writer.insert(fields, derived: new.derived, id: number, source: source)
        try search.inserted(id)
        if let contact { try contactSearch.inserted(contact) }
        // (The count trigger moves it from the active count, which the
        // writer adds it to at the end, to the archived one.)
        if archived == true { try CustomerRepository.setArchived(db, id: id, true, was: false, by: session) }
        duplicates.add(sortKey: new.derived.sortKey, email: fields.email)
        if !fields.vatID.isEmpty { vatIDs[fields.vatID] = id }
        return .created(id)
    }

    /// The customer the row's key names, if there is one; two when a name
    /// names more than one (which one the row means is not for the import
    /// to guess). A row whose key cell is empty (a customer number not
    /// yet given, an e-mail missing) is matched by the next key after it
    /// that it has (number, VAT id, e-mail, name), so that importing the
    /// same file twice does not make every such row twice; with the key it
    /// was matched by.
    private mutating func existing(_ row: ImportRow, _ db: Database, number: Int64?) throws -> ([Int64], String) {
        let keys = ImportKind.customers.keys
        for candidate in keys[(keys.firstIndex(of: key) ?? 0)...] where Self.hasValue(candidate, row, number: number) {
            return (try existing(row, db, number: number, by: candidate), candidate)
        }
        return ([], key)
    }

    private static func hasValue(_ key: String, _ row: ImportRow, number: Int64?) -> Bool {
        switch key {
        case "number": return number != nil
        case "name": return !rowName(row).isEmpty
        default: return !row.text(key).isEmpty
        }
    }

    /// The name a row gives its customer: the name column, else first and last name.
    static func rowName(_ row: ImportRow) -> String {
        row.text("name").isEmpty ? personName(row) : row.text("name")
    }

    /// "Vorname Nachname" from the two columns, as far as the row has them.
    static func personName(_ row: ImportRow) -> String {
        [row.text("first-name"), row.text("last-name")].filter { !$0.isEmpty }.joined(separator: " ")
    }

    private mutating func existing(_ row: ImportRow, _ db: Database, number: Int64?, by key: String) throws -> [Int64] {
        switch key {
        case "number":
            guard let number else { return [] }
            return try name(number: number) == nil ? [] : [number]
        case "email":
            let email = row.text("email")
            guard !email.isEmpty else { return [] }
            return try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM customers WHERE email = ? COLLATE NOCASE AND email <> '' LIMIT 1"), arguments: [email])
        case "vat-id":
            if !vatIDsRead {
                for row in try Row.fetchAll(db, sql: "SELECT vat_id, id FROM customers WHERE vat_id <> ''") { vatIDs[row[0]] = row[1] }
                vatIDsRead = true
            }
            let vat = row.text("vat-id").uppercased().filter { !$0.isWhitespace }
            return vat.isEmpty ? [] : vatIDs[vat].map { [$0] } ?? []
        default:
            // By name, where the place does not say otherwise: "Bäckerei
            // Schmidt" in Köln is not the one in Berlin, and "Thomas
            // Müller" is many people. A city or postal code missing on
            // either side says nothing. With --update the file's place is
            // a change to make (the customer moved), not a sign of another.
            let name = Self.rowName(row)
            guard !name.isEmpty else { return [] }
            let city = update ? "" : row.text("city").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
            let postalCode = update ? "" : row.text("postal-code").filter { !$0.isWhitespace }
            return try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM customers WHERE archived IN (0, 1) AND sort_key = ?1
                  AND (?2 = '' OR city = '' OR city = ?2 COLLATE NOCASE)
                  AND (?3 = '' OR postal_code = '' OR replace(postal_code, ' ', '') = ?3)
                LIMIT 2
                """), arguments: [TextFolding.sortKey(name.precomposedStringWithCanonicalMapping), city, postalCode])
        }
    }

    /// What a row makes of a new customer, worked out from the row alone:
    /// its fields and the problems they have, the columns derived from
    /// them, and what the duplicate check asks about its name.
    struct NewCustomer: Sendable {
        var fields: CustomerFields
        var issues: [(column: String?, message: String)]
        var derived: (sortKey: String, alias: String, searchText: String)
        var variants: [String]
        var core: [String]
    }

    /// `NewCustomer` for a row, ahead of its turn (`RowFeed`): the row
    /// keeps its own problems until it turns out to be a new customer.
    @Sendable static func prepare(_ row: inout ImportRow) {
        guard row.record.problems.isEmpty, row.record.fields.count == row.mapping.headers.count else { return }
        row.prepared = newCustomer(row)
    }

    static func newCustomer(_ row: ImportRow) -> NewCustomer {
        var copy = row
        let fields = fields(row: &copy, base: CustomerFields())
        guard copy.issues.isEmpty else {
            return NewCustomer(fields: fields, issues: copy.issues, derived: ("", "", ""), variants: [], core: [])
        }
        return NewCustomer(fields: fields, issues: [], derived: CustomerRepository.derivedColumns(fields),
                           variants: DuplicateCheck.sortKeyVariants(fields.name), core: DuplicateCheck.coreWords(fields.name))
    }

    /// The name of the customer with this number, if there is one.
    private func name(number: Int64) throws -> String? {
        byNumber.start([number])
        defer { byNumber.finish() }
        return try byNumber.next() ? byNumber.text(0) : nil
    }

    /// The row's values over `base`: a column the file has replaces the
    /// field, even when empty; fields without a column keep `base`.
    private static func fields(row: inout ImportRow, base: CustomerFields) -> CustomerFields {
        var f = base
        let texts: [(String, WritableKeyPath<CustomerFields, String>)] = [
            ("name", \.name), ("contact", \.contactName), ("email", \.email), ("phone", \.phone), ("street", \.street),
            ("postal-code", \.postalCode), ("city", \.city), ("vat-id", \.vatID), ("buyer-reference", \.buyerReference),
            ("tags", \.tags), ("notes", \.notes),
        ]
        // An empty cell leaves the field as it is (with --update: a column
        // half filled in does not wipe what the rest of the customers hold).
        for (field, path) in texts where row.has(field) && !row.text(field).isEmpty { f[keyPath: path] = row.text(field) }
        // What a spreadsheet of addresses splits, joined as Kontor keeps it.
        let person = Self.personName(row)
        if !person.isEmpty {
            if !row.has("name") || row.text("name").isEmpty {
                if f.name.isEmpty || !row.has("name") { f.name = person }
                if !row.has("kind") || row.text("kind").isEmpty { f.kind = .person }
            } else if !row.has("contact") || row.text("contact").isEmpty {
                f.contactName = person
            }
        }
        if row.has("house-number"), !row.text("house-number").isEmpty, !f.street.isEmpty, !f.street.hasSuffix(" " + row.text("house-number")) {
            f.street += " " + row.text("house-number")
        }
        if row.has("mobile"), !row.text("mobile").isEmpty, f.phone.isEmpty { f.phone = row.text("mobile") }
        if row.has("country"), !row.text("country").isEmpty { f.country = row.country("country") }
        if row.has("kind") {
            switch TextFolding.fold(row.text("kind")) {
            case "": break
            case "company", "firma", "unternehmen", "business", "b2b": f.kind = .company
            case "person", "privat", "privatperson", "privatkunde", "private", "b2c": f.kind = .person
            default: row.failValue("kind", tr("must be company or person (Firma, Privat)"))
            }
        }
        if row.has("payment-terms"), !row.text("payment-terms").isEmpty, let days = row.integer("payment-terms") {
            f.paymentTerms = String(days)
        }
        f = f.normalized()
        if let failure = f.validate() {
            // A country already reported as unknown is not reported twice.
            let known = Set(row.issues.compactMap(\.column))
            let fresh = failure.issues.filter { !known.contains(row.mapping.header(of: Self.field(forIssue: $0.field)) ?? "") }
            if !fresh.isEmpty { row.add(ValidationFailure(fresh), fieldFor: Self.field(forIssue:)) }
        }
        return f
    }

    func finish(_ db: Database) throws {
        try search.finish()
        try contactSearch.finish()
        try writer.finish()
        try listIndex.finish()
    }

    func field(forIssue name: String) -> String {
        Self.field(forIssue: name)
    }

    static func field(forIssue name: String) -> String {
        switch name {
        case "contact": return "contact"
        case "e-mail": return "email"
        case "postal code": return "postal-code"
        case "VAT id": return "vat-id"
        case "buyer reference": return "buyer-reference"
        case "payment terms": return "payment-terms"
        default: return name
        }
    }
}
