import KontorLocale
import GRDB

/// A line as it is stored: its category chosen (the one suggested for the
/// customer and product unless the line names another), the rate that goes
/// with it, the exemption text and the reason for an override.
struct StoredLineTax {
    var category: TaxCategory
    var rate: VATRate
    var exemption: String
    var reason: String
    var unit: String
    var unitCode: UnitCode
}

extension InvoiceRepository {
    /// The category suggested for a line of this invoice: from its customer
    /// as they are now, the company (a small business?) and the product
    /// (goods or a service).
    public func suggestedTax(invoiceID: Int64, productID: Int64?, unit: String, rate: VATRate) throws -> TaxSuggestion {
        try database.read { db in try Self.suggestion(db, invoiceID: invoiceID, productID: productID, unitCode: UnitCode.fromLegacy(unit), rate: rate) }
    }

    static func suggestion(_ db: Database, invoiceID: Int64, productID: Int64?, unitCode: UnitCode, rate: VATRate) throws -> TaxSuggestion {
        let settings = try CompanySettings.read(db)
        let customer = try Customer.fetchOne(db, sql: "SELECT c.* FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE i.id = ?",
                                             arguments: [invoiceID])
        var isGoods = TaxSuggestion.isGoods(unit: unitCode)
        if let productID, let stocked = try Bool.fetchOne(db, sql: "SELECT stocked FROM products WHERE id = ?", arguments: [productID]) {
            isGoods = stocked
        }
        return TaxSuggestion.suggest(sellerCountry: settings.country, smallBusiness: settings.smallBusiness,
                                     buyerCountry: customer?.fields.country ?? "", buyerVATID: customer?.fields.vatID ?? "",
                                     buyerIsConsumer: customer?.fields.kind == .person, isGoods: isGoods, productRate: rate)
    }

    /// What a line will be stored as, or `.invalid` naming the field: a
    /// category other than the suggested one needs a reason (an exemption
    /// text is its own reason), a stocked product whole pieces.
    static func resolve(_ db: Database, invoiceID: Int64, _ line: InvoiceLineInput) throws -> StoredLineTax {
        let unitCode = line.unitCode
        let suggestion = try suggestion(db, invoiceID: invoiceID, productID: line.productID, unitCode: unitCode, rate: line.vatRate)
        let category = line.taxCategory ?? suggestion.category
        var issues: [FieldIssue] = []
        let rate: VATRate = category.chargesVAT ? (line.taxCategory == nil ? suggestion.rate : line.vatRate) : .zero
        if category.chargesVAT && rate == .zero { issues.append(FieldIssue(field: "VAT rate", message: tr("must be 19 or 7 for the standard rate"))) }
        let typedExemption = TextFolding.trimmed(line.vatExemption)
        let exemption: String
        switch category {
        case .standard, .zeroRated: exemption = ""
        default: exemption = !typedExemption.isEmpty ? typedExemption : (category == suggestion.category ? suggestion.reason : category.defaultReason)
        }
        let reason = TextFolding.trimmed(line.taxReason)
        if category != suggestion.category, category != .exempt, category != .zeroRated, reason.isEmpty {
            issues.append(FieldIssue(field: "tax reason", message: tr("is required: {0} ({1}) is suggested for this customer and product, not {2}", suggestion.category.code, tr(suggestion.category.label), category.code)))
        }
        if reason.count > 200 { issues.append(FieldIssue(field: "tax reason", message: tr("is too long: {0} characters, at most 200", reason.count))) }
        if let productID = line.productID, !line.quantity.isWhole,
           try Bool.fetchOne(db, sql: "SELECT stocked FROM products WHERE id = ?", arguments: [productID]) == true {
            issues.append(FieldIssue(field: "quantity", message: tr("must be whole pieces for a product kept in stock")))
        }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        let typedUnit = TextFolding.trimmed(line.unit)
        return StoredLineTax(category: category, rate: rate, exemption: exemption, reason: reason,
                             unit: typedUnit.isEmpty ? unitCode.label : typedUnit, unitCode: unitCode)
    }

    /// Why a draft cannot become a valid invoice, field by field: the
    /// seller's data as §14 UStG and an e-invoice need it (never the sample
    /// a new database starts with), the buyer's full address, a description
    /// on every line, and a tax category on every line that fits the
    /// customer. Empty when it can be issued.
    static func issueProblems(settings: CompanySettings, customer: Customer, lines: [InvoiceLine]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func need(_ field: String, _ value: String, _ what: String) {
            if TextFolding.trimmed(value).isEmpty { issues.append(FieldIssue(field: field, message: tr("is not set: {0}", what))) }
        }
        let adminSets = tr("an admin sets it in the company settings (S on Invoices, or kontor settings)")
        if settings.name == CompanySettings.sampleName || settings.address == CompanySettings.sampleAddress {
            issues.append(FieldIssue(field: "company", message: tr("still holds the sample data ({0}, Hauptstraße 1); {1}", CompanySettings.sampleName, adminSets)))
        }
        need("company name", settings.name, adminSets)
        let address = PostalAddress(lines: settings.address, country: settings.country)
        for part in address.missing { issues.append(FieldIssue(field: "company address", message: tr("has no {0}: write street, then postal code and city, on lines of their own; {1}", tr(part), adminSets))) }
        if settings.vatID.isEmpty && settings.taxNumber.isEmpty {
            issues.append(FieldIssue(field: "company VAT id or tax number", message: tr("is not set, and an invoice must show one; {0}", adminSets)))
        }
        need("company contact", settings.contactName, adminSets)
        need("company phone", settings.phone, adminSets)
        need("company e-mail", settings.email, adminSets)
        need("company electronic address", settings.electronicAddress, tr("where e-invoices reach the company; {0}", adminSets))

        let f = customer.fields
        let buyerAddress = PostalAddress(street: f.street, postalCode: f.postalCode, city: f.city, country: f.country)
        for part in buyerAddress.missing {
            issues.append(FieldIssue(field: "customer \(part)", message: tr("is empty: {0} needs a full address on an invoice", customer.name)))
        }

        let buyerCountry = f.country.uppercased()
        let buyerInEU = EUCountries.contains(buyerCountry)
        let abroad = !buyerCountry.isEmpty && buyerCountry != settings.country.uppercased()
        let categories = Set(lines.map(\.taxCategory))
        for line in lines {
            let name = "line \(line.position)"
            if TextFolding.trimmed(line.description).isEmpty { issues.append(FieldIssue(field: name, message: tr("has no description"))) }
            let why: String?
            switch line.taxCategory {
            case _ where settings.smallBusiness && line.taxCategory != .exempt:
                why = tr("the company is a small business (§ 19 UStG) and charges no VAT: the line must be exempt (E)")
            case .reverseCharge, .intraCommunity:
                if !buyerInEU || !abroad { why = tr("{0} is only for a business in another EU country", tr(line.taxCategory.label)) }
                else if let problem = f.vatID.isEmpty ? tr("has none") : VATID.problem(f.vatID) { why = tr("{0} needs the customer's VAT id, which {1}", tr(line.taxCategory.label), problem) }
                else if settings.vatID.isEmpty { why = tr("{0} needs the company's own VAT id", tr(line.taxCategory.label)) }
                else if f.kind == .person { why = tr("{0} is not for a private person", tr(line.taxCategory.label)) }
                else { why = nil }
            case .export:
                why = buyerInEU || !abroad ? tr("an export (G) is only to a customer outside the EU") : nil
            case .notSubject:
                why = categories.count > 1 ? tr("a line not subject to VAT (O) cannot share an invoice with other categories") : nil
            case .standard, .zeroRated, .exempt:
                why = nil
            }
            if let why { issues.append(FieldIssue(field: name, message: tr("tax category {0} does not fit: {1}", line.taxCategory.code, why))) }
        }
        return issues
    }
}
