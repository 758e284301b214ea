import KontorLocale
/// What a file is imported as, with the fields each kind takes from its
/// columns, the keys that find an existing record, and the permission the
/// import needs (the same as adding one such record by hand).
public enum ImportKind: String, CaseIterable, Sendable {
    case customers, contacts, products, staff

    /// Who may import it: the role that may add one such record.
    public var permission: Permission {
        switch self {
        case .customers, .contacts: return .writeFrontOffice
        case .products: return .writeBackOffice
        case .staff: return .manageStaff
        }
    }

    /// What the records are called, in the person's language ("Kunden").
    public var displayName: String {
        switch self {
        case .customers: return tr("Customers")
        case .contacts: return tr("Contacts")
        case .products: return tr("Products")
        case .staff: return tr("Staff")
        }
    }

    /// The audit log's name for one record of this kind.
    var entity: String {
        switch self {
        case .customers: return "customer"
        case .contacts: return "contact"
        case .products: return "product"
        case .staff: return "staff"
        }
    }

    /// The keys `--key` accepts, the natural ones first.
    public var keys: [String] {
        switch self {
        case .customers: return ["number", "vat-id", "email", "name"]
        case .contacts: return ["name", "email"]
        case .products: return ["sku", "ean"]
        case .staff: return ["username"]
        }
    }

    /// The fields a file's columns can fill, in the order the mapping is shown.
    public var fields: [ImportField] {
        switch self {
        case .customers: return ImportField.customerFields
        case .contacts: return ImportField.contactFields
        case .products: return ImportField.productFields
        case .staff: return ImportField.staffFields
        }
    }

    /// A field (or key) by its name with what it holds in the person's
    /// words where those differ: "postal-code (PLZ)", "name".
    public func gloss(_ name: String) -> String {
        guard let field = fields.first(where: { $0.name == keyField(name) }),
              ColumnMapping.normalized(field.label) != ColumnMapping.normalized(name) else { return name }
        return "\(name) (\(field.label))"
    }

    /// The field a key is read from.
    func keyField(_ key: String) -> String {
        switch key {
        case "vat-id": return "vat-id"
        default: return key
        }
    }
}

/// A field a column can fill: its name (as `--map` names it), the headers
/// German and English spreadsheets give it, and whether a row needs it.
public struct ImportField: Equatable, Sendable {
    public var name: String
    public var headers: [String]
    public var required: Bool
    /// Fields whose column stands in for a required one's: a sheet of
    /// private customers has first and last names, not a company column.
    public var standIns: [String]
    /// What the field holds, in English words (`label` in the person's).
    public var what: String

    /// What the field holds in the person's language ("Postleitzahl"):
    /// the mapping shows it beside the field's name, and `--map` takes it.
    public var label: String { Wording.text(what) }

    init(_ name: String, required: Bool = false, standIns: [String] = [], what: String, _ headers: [String]) {
        self.name = name
        self.what = what
        self.headers = headers
        self.required = required
        self.standIns = standIns
    }

    static let customerFields: [ImportField] = [
        ImportField("number", what: "Customer number", ["Kundennummer", "Kundennr", "Kunden-Nr", "Kd-Nr", "KdNr", "Nummer", "Nr", "Customer Number", "Customer No", "Number", "No", "Id"]),
        ImportField("kind", what: "Kind of customer", ["Art", "Typ", "Kundenart", "Kind", "Type"]),
        ImportField("name", required: true, standIns: ["first-name", "last-name"], what: "Name",
                    ["Firma", "Firmenname", "Name", "Kunde", "Kundenname", "Unternehmen", "Company", "Company Name", "Customer", "Customer Name"]),
        // A person's name in two columns: the name of a private customer
        // (no company given), else the contact of the company.
        ImportField("first-name", what: "First name", ["Vorname", "First Name", "Given Name", "Firstname"]),
        ImportField("last-name", what: "Last name", ["Nachname", "Familienname", "Last Name", "Surname", "Family Name", "Lastname"]),
        ImportField("contact", what: "Contact person", ["Ansprechpartner", "Kontakt", "Kontaktperson", "Contact", "Contact Name", "Contact Person"]),
        ImportField("email", what: "E-mail", ["E-Mail", "Email", "Mail", "E-Mail-Adresse", "Email Address"]),
        ImportField("phone", what: "Phone", ["Telefon", "Tel", "Telefonnummer", "Phone", "Telephone", "Phone Number"]),
        // The phone when the row has no other.
        ImportField("mobile", what: "Mobile", ["Mobil", "Mobiltelefon", "Handy", "Mobilnummer", "Mobile", "Mobile Phone", "Cell", "Cell Phone"]),
        ImportField("street", what: "Street", ["Straße", "Strasse", "Str", "Adresse", "Anschrift", "Straße und Hausnummer", "Address", "Street", "Address Line 1"]),
        // Joined onto the street, as an address is written.
        ImportField("house-number", what: "House number", ["Hausnummer", "Hausnr", "Haus-Nr", "House Number", "Street Number"]),
        ImportField("postal-code", what: "Postal code", ["PLZ", "Postleitzahl", "Postal Code", "Postcode", "Post Code", "Zip", "ZIP Code", "Zipcode"]),
        ImportField("city", what: "City", ["Ort", "Stadt", "Wohnort", "City", "Town"]),
        ImportField("country", what: "Country", ["Land", "Staat", "Country"]),
        ImportField("vat-id", what: "VAT ID", ["USt-IdNr", "UStIdNr", "USt-ID", "UStID", "Umsatzsteuer-ID", "Umsatzsteuer-Identifikationsnummer", "VAT", "VAT ID", "VAT Number", "VAT No"]),
        ImportField("buyer-reference", what: "Buyer reference", ["Leitweg-ID", "Käuferreferenz", "Buyer Reference"]),
        ImportField("payment-terms", what: "Payment terms", ["Zahlungsziel", "Zahlungsziel Tage", "Zahlungsziel in Tagen", "Payment Terms", "Payment Terms Days"]),
        ImportField("tags", what: "Tags", ["Tags", "Schlagworte", "Schlagwörter", "Stichworte"]),
        ImportField("notes", what: "Notes", ["Notizen", "Notiz", "Bemerkung", "Bemerkungen", "Anmerkungen", "Notes", "Note", "Comments"]),
        ImportField("archived", what: "Archived", ["Archiviert", "Archived"]),
        ImportField("owner", what: "Owner", ["Betreuer", "Zuständig", "Owner", "Account Manager"]),
    ]

    static let contactFields: [ImportField] = [
        ImportField("customer-number", what: "Customer number", ["Kundennummer", "Kundennr", "Kunden-Nr", "Customer Number", "Customer No"]),
        ImportField("customer", what: "Customer", ["Firma", "Kunde", "Company", "Customer"]),
        ImportField("name", required: true, what: "Name", ["Name", "Ansprechpartner", "Kontakt", "Contact", "Contact Name"]),
        ImportField("role", what: "Role", ["Funktion", "Rolle", "Position", "Abteilung", "Role", "Title", "Contact Title", "Job Title"]),
        ImportField("email", what: "E-mail", ["E-Mail", "Email", "Mail"]),
        ImportField("phone", what: "Phone", ["Telefon", "Tel", "Phone", "Telephone"]),
        ImportField("primary", what: "Main contact", ["Hauptkontakt", "Hauptansprechpartner", "Primary", "Main Contact"]),
    ]

    static let productFields: [ImportField] = [
        ImportField("sku", what: "Item number", ["Artikelnummer", "Artikelnr", "Art-Nr", "ArtNr", "Produktnummer", "SKU", "Item Number", "Item No", "Product Code"]),
        ImportField("ean", what: "EAN", ["EAN", "EAN-13", "GTIN", "Barcode", "Strichcode"]),
        ImportField("name", required: true, what: "Name", ["Artikel", "Bezeichnung", "Artikelbezeichnung", "Produkt", "Name", "Product", "Product Name", "Description"]),
        ImportField("unit", what: "Unit", ["Einheit", "Mengeneinheit", "ME", "Unit"]),
        ImportField("price", required: true, what: "Price", ["Einzelpreis", "Preis", "VK", "Verkaufspreis", "Nettopreis", "Price", "Unit Price", "Sales Price"]),
        ImportField("vat", what: "VAT rate", ["MwSt", "MwSt-Satz", "USt", "USt-Satz", "Steuersatz", "VAT", "VAT Rate", "Tax Rate"]),
        ImportField("cost", what: "Cost price", ["EK", "Einkaufspreis", "Cost", "Purchase Price", "Cost Price"]),
        ImportField("reorder-point", what: "Reorder point", ["Meldebestand", "Mindestbestand", "Reorder Point", "Reorder Level"]),
        ImportField("stock", what: "Stock", ["Bestand", "Lagerbestand", "Anfangsbestand", "Menge", "Stock", "On Hand", "Units In Stock", "Opening Stock"]),
        ImportField("active", what: "Active", ["Aktiv", "Active"]),
        ImportField("discontinued", what: "Discontinued", ["Ausgelaufen", "Auslaufartikel", "Discontinued"]),
        ImportField("service", what: "Service", ["Dienstleistung", "Service"]),
    ]

    static let staffFields: [ImportField] = [
        ImportField("username", required: true, what: "User name", ["Benutzer", "Benutzername", "Konto", "Account", "Username", "User", "Login"]),
        ImportField("name", required: true, what: "Name", ["Name", "Vollständiger Name", "Mitarbeiter", "Full Name", "Employee"]),
        ImportField("role", what: "Role", ["Rolle", "Role"]),
        ImportField("title", what: "Title", ["Titel", "Position", "Stelle", "Title", "Job Title"]),
        ImportField("department", what: "Department", ["Abteilung", "Department"]),
        ImportField("phone", what: "Phone", ["Telefon", "Tel", "Phone"]),
        ImportField("email", what: "E-mail", ["E-Mail", "Email", "Mail"]),
        ImportField("manager", what: "Reports to", ["Vorgesetzter", "Vorgesetzte", "Vorgesetzte(r)", "Manager", "Reports To"]),
        ImportField("active", what: "Active", ["Aktiv", "Active"]),
    ]
}
