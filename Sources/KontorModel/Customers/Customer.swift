import GRDB

/// A customer: a company or a person the business sells to.
public struct Customer: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var fields: CustomerFields
    public var archived: Bool
    /// Bumped by every save; a save that names an older version is refused.
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    public var updatedBy: String

    public var name: String { fields.name }
}

/// Whether a customer is a company or a private person.
public enum CustomerKind: String, CaseIterable, Sendable {
    case company, person
}

/// The part of a customer a person edits in a form.
public struct CustomerFields: Equatable, Sendable {
    public var kind: CustomerKind = .company
    public var name = ""
    public var contactName = ""
    public var email = ""
    public var phone = ""
    public var street = ""
    public var postalCode = ""
    public var city = ""
    public var country = ""
    public var vatID = ""
    /// The buyer's own reference for invoices (Leitweg-ID, order number).
    public var buyerReference = ""
    /// Days from the invoice date to its due date, as typed ("14").
    public var paymentTerms = "14"
    /// Space-separated tags, e.g. "vip wholesale".
    public var tags = ""
    public var notes = ""
    /// The member of staff who looks after the customer.
    public var ownerID: Int64?

    public init(
        kind: CustomerKind = .company, name: String = "", contactName: String = "", email: String = "", phone: String = "",
        street: String = "", postalCode: String = "", city: String = "", country: String = "",
        vatID: String = "", buyerReference: String = "", paymentTerms: String = "14", tags: String = "",
        notes: String = "", ownerID: Int64? = nil
    ) {
        self.kind = kind
        self.name = name
        self.contactName = contactName
        self.email = email
        self.phone = phone
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.country = country
        self.vatID = vatID
        self.buyerReference = buyerReference
        self.paymentTerms = paymentTerms
        self.tags = tags
        self.notes = notes
        self.ownerID = ownerID
    }

    /// The text fields, in form order. The raw values are the names used in
    /// validation messages.
    public enum Field: String, CaseIterable, Sendable {
        case name, contactName = "contact", email = "e-mail", phone, street
        case postalCode = "postal code", city, country, vatID = "VAT id"
        case buyerReference = "buyer reference", paymentTerms = "payment terms", tags, notes

        /// The longest value the field accepts, in characters.
        public var maxLength: Int {
            switch self {
            case .name, .contactName, .street: return 120
            case .email: return 254
            case .phone: return 40
            case .postalCode: return 16
            case .city: return 80
            case .country: return 56
            case .vatID: return 20
            case .buyerReference: return 80
            case .paymentTerms: return 3
            case .tags: return 200
            case .notes: return 4000
            }
        }

        public var isMultiline: Bool { self == .notes }
    }

    public subscript(field: Field) -> String {
        get {
            switch field {
            case .name: return name
            case .contactName: return contactName
            case .email: return email
            case .phone: return phone
            case .street: return street
            case .postalCode: return postalCode
            case .city: return city
            case .country: return country
            case .vatID: return vatID
            case .buyerReference: return buyerReference
            case .paymentTerms: return paymentTerms
            case .tags: return tags
            case .notes: return notes
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .contactName: contactName = newValue
            case .email: email = newValue
            case .phone: phone = newValue
            case .street: street = newValue
            case .postalCode: postalCode = newValue
            case .city: city = newValue
            case .country: country = newValue
            case .vatID: vatID = newValue
            case .buyerReference: buyerReference = newValue
            case .paymentTerms: paymentTerms = newValue
            case .tags: tags = newValue
            case .notes: notes = newValue
            }
        }
    }

    /// Payment terms in days, once validated.
    public var paymentTermsDays: Int { Int(paymentTerms) ?? 14 }

    /// The postal address as lines, for invoices and cards.
    public var addressLines: [String] {
        let town = [postalCode, city].filter { !$0.isEmpty }.joined(separator: " ")
        return [street, town, country].filter { !$0.isEmpty }
    }
}

/// One row of the customer list: what the list shows, nothing more.
public struct CustomerSummary: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var name: String
    public var contactName: String
    public var email: String
    public var phone: String
    public var city: String
    public var country: String
    public var archived: Bool
    /// Where the row sits in the list's order; the key for the next window.
    public var listKey: CustomerListKey { CustomerListKey(sortKey: sortKey, id: id, value: sortValue) }
    var sortKey: String
    /// The value of the column the list is sorted by, when the person chose one.
    var sortValue: SortValue?

    /// The list row of a customer just read or saved, to place the cursor on it.
    public init(_ customer: Customer) {
        id = customer.id
        name = customer.fields.name
        contactName = customer.fields.contactName
        email = customer.fields.email
        phone = customer.fields.phone
        city = customer.fields.city
        country = customer.fields.country
        archived = customer.archived
        sortKey = TextFolding.sortKey(customer.fields.name)
    }
}

/// A position in the customer list: rows are ordered by folded name, then id.
public struct CustomerListKey: Equatable, Hashable, Sendable, Comparable {
    public var sortKey: String
    public var id: Int64
    /// In a list sorted by a chosen column, the row's value of it; read
    /// from the row when a key comes without it (a record just saved).
    public var value: SortValue?

    public init(sortKey: String, id: Int64, value: SortValue? = nil) {
        self.sortKey = sortKey
        self.id = id
        self.value = value
    }

    /// The order SQLite sorts in: sort keys by their UTF-8 bytes (BINARY
    /// collation), then ids.
    public static func < (a: Self, b: Self) -> Bool {
        if a.sortKey == b.sortKey { return a.id < b.id }
        return a.sortKey.utf8.lexicographicallyPrecedes(b.sortKey.utf8)
    }
}

/// Which customers a list shows.
public struct CustomerQuery: Equatable, Sendable {
    /// Words typed into the filter; each must start a word of the name,
    /// contact, e-mail, city, phone or VAT id, or all of them a word of the
    /// name or e-mail of one of the customer's contact persons. Case and
    /// accents are ignored.
    public var text: String
    /// Archived customers instead of active ones.
    public var archived: Bool
    /// A column the person sorts by; nil for the list's own order, by name.
    /// See `CustomerRepository.sortableColumns`.
    public var sort: ListSort?

    public init(text: String = "", archived: Bool = false, sort: ListSort? = nil) {
        self.text = text
        self.archived = archived
        self.sort = sort
    }
}

extension Customer: FetchableRecord {
    public init(row: Row) {
        id = row["id"]
        fields = CustomerFields(
            kind: CustomerKind(rawValue: row["kind"] ?? "company") ?? .company,
            name: row["name"], contactName: row["contact_name"], email: row["email"],
            phone: row["phone"], street: row["street"], postalCode: row["postal_code"],
            city: row["city"], country: row["country"], vatID: row["vat_id"],
            buyerReference: row["buyer_reference"] ?? "", paymentTerms: String(row["payment_terms_days"] as Int? ?? 14),
            tags: row["tags"] ?? "", notes: row["notes"], ownerID: row["owner_id"])
        archived = row["archived"]
        version = row["version"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }
}

extension CustomerSummary: FetchableRecord {
    static let columns = "id, name, contact_name, email, phone, city, country, archived, sort_key"

    public init(row: Row) {
        id = row["id"]
        name = row["name"]
        contactName = row["contact_name"]
        email = row["email"]
        phone = row["phone"]
        city = row["city"]
        country = row["country"]
        archived = row["archived"]
        sortKey = row["sort_key"]
        sortValue = row.sortValue
    }
}

/// A customer query made ready for paging: how it will be searched, and how
/// many customers it matches. Prepare once per change of the filter, then
/// page as often as the user moves.
public struct PreparedCustomerQuery: Sendable {
    enum Plan: Sendable {
        case all
        /// Few matches: their list keys, in order, read once.
        case keys([CustomerListKey])
        /// Many matches: walk the name index and test each row's words
        /// (LIKE patterns), or its id against the customers of the contact
        /// persons who match (an FTS5 query), when they are few.
        case scan([String], contacts: String?)
    }

    /// Contact persons a broad filter still looks up: their customers are
    /// one list SQLite builds for each window it reads, a row read each
    /// (2 000 cost about 2 ms at a million customers). Past that, a word is
    /// so common among people that the customers' own words (which hold
    /// their main contact's) find them densely; contact persons alone are
    /// found once the filter narrows. Testing each row's contacts instead
    /// would read the contacts of every customer the walk passes: 47 ms a
    /// window for "muller".
    static let broadContactLimit = 2_000

    /// Above this many FTS matches a filter is searched by scanning.
    ///
    /// Sorting the keys of h hits costs about h index lookups; scanning for a
    /// window of w rows costs about w·N/h cheaper index steps (N customers).
    /// They meet near h = √(30·N): 2 450 hits at 200 000 customers, 5 500 at
    /// a million, where either costs a few milliseconds.
    public static func narrowLimit(total: Int) -> Int {
        max(500, Int((30 * Double(total)).squareRoot()))
    }

    public let query: CustomerQuery
    let plan: Plan
    /// The number of matching customers; for a broad filter, a lower bound.
    public let count: Int
    /// True when `count` is a lower bound ("2 000+").
    public let isCountCapped: Bool
    /// The column asked for that the list is not sorted by, because it
    /// holds too many customers for that column
    /// (`CustomerRepository.sortableWhenFew`).
    public internal(set) var refusedSort: ListSort? = nil

    /// The order the rows come in: the one asked for, unless refused.
    var sort: ListSort? { refusedSort == nil ? query.sort : nil }

    /// Up to this many customers are sorted by any column (in memory).
    var fewLimit = CustomerRepository.sortNarrowLimit

    /// The customers a keyed filter looked at: every hit of its words,
    /// archived or not, whose keys (those in the list) it holds.
    var examined: Set<Int64> = []

    /// The keys of `hits`, taken from this filter's in its order, when it
    /// looked at every one of them with the same list order and archive:
    /// a filter typed one letter further finds a subset of what it found,
    /// and its keys need not be read and sorted again (2 959 of them cost
    /// 4 ms at a million customers). nil when it did not.
    func keys(narrowedTo hits: Set<Int64>, for query: CustomerQuery) -> [CustomerListKey]? {
        guard case let .keys(keys) = plan, !examined.isEmpty, self.query.archived == query.archived, self.query.sort == query.sort,
              hits.isSubset(of: examined) else { return nil }
        return keys.filter { hits.contains($0.id) }
    }

    /// Whether every column may sort it: it holds few enough customers to
    /// sort in memory (`fewLimit`).
    public var sortsEveryColumn: Bool {
        switch plan {
        case .all, .keys: return !isCountCapped && count <= fewLimit
        case .scan: return false
        }
    }
}

extension CustomerListKey: ValuedListKey {}
