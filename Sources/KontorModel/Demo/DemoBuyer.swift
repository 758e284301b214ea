import GRDB

/// How a demo customer is taxed, in one byte per customer (a million of
/// them fit in a megabyte): at home, a business elsewhere in the EU, a
/// business or a private person outside it. The demo's invoices take their
/// lines' categories from it as `TaxSuggestion` would.
enum DemoBuyer: UInt8 {
    case domestic, euBusiness, foreignBusiness, foreignConsumer

    init(_ f: CustomerFields) {
        let country = f.country.uppercased()
        if country == "DE" || country.isEmpty {
            self = .domestic
        } else if EUCountries.contains(country) {
            self = f.kind == .company && VATID.isValid(f.vatID) ? .euBusiness : .domestic
        } else {
            self = f.kind == .company ? .foreignBusiness : .foreignConsumer
        }
    }

    /// The category, rate and exemption text of a demo line.
    func tax(isGoods: Bool, rate: VATRate) -> (category: TaxCategory, rate: VATRate, exemption: String) {
        let category: TaxCategory
        switch self {
        case .domestic: category = rate == .zero ? .exempt : .standard
        case .euBusiness: category = isGoods ? .intraCommunity : .reverseCharge
        case .foreignBusiness: category = isGoods ? .export : .notSubject
        case .foreignConsumer: category = isGoods ? .export : .standard
        }
        if category == .standard { return (category, rate, "") }
        return (category, .zero, category == .exempt ? "Steuerfrei" : category.defaultReason)
    }

    /// A VAT id in the country's format; a German one with a valid check digit.
    static func vatID(country: String, random: inout DemoRandom) -> String {
        switch country {
        case "DE":
            let stem = random.digits(8)
            let check = (0...9).first { VATID.germanCheckDigitHolds(stem + String($0)) }!
            return "DE\(stem)\(check)"
        case "AT": return "ATU\(random.digits(8))"
        case "FR", "IT": return "\(country)\(random.digits(11))"
        case "NL": return "NL\(random.digits(9))B\(random.digits(2))"
        case "PL": return "PL\(random.digits(10))"
        case "CZ", "DK": return "\(country)\(random.digits(8))"
        case "CH": return "CHE\(random.digits(9))"
        default: return "\(country)\(random.digits(9))"
        }
    }

    /// The seller part of `invoices.parties` as the demo company's settings
    /// give it (the buyer is filled in per invoice by SQL).
    static func sellerParties(_ db: Database) throws -> String {
        let settings = try CompanySettings.read(db)
        let nobody = Customer(id: 0, fields: CustomerFields(name: ""), archived: false, version: 1, createdAt: "", updatedAt: "", updatedBy: "")
        return InvoiceParties.current(settings: settings, customer: nobody).json
    }
}
