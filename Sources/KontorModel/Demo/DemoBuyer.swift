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

    /// A VAT id in the country's format; a German one with a valid check
    /// digit. Made from one draw of nine digits, as the demo always drew,
    /// so that the rest of the demo stays the same business.
    static func vatID(country: String, random: inout DemoRandom) -> String {
        let nine = random.digits(9)
        let eight = String(nine.prefix(8))
        switch country {
        case "DE":
            let check = (0...9).first { VATID.germanCheckDigitHolds(eight + String($0)) }!
            return "DE\(eight)\(check)"
        case "AT": return "ATU\(eight)"
        case "FR", "IT": return "\(country)\(nine)01"
        case "NL": return "NL\(nine)B01"
        case "PL": return "PL\(nine)0"
        case "CZ", "DK": return "\(country)\(eight)"
        case "CH": return "CHE\(nine)"
        default: return "\(country)\(nine)"
        }
    }

    /// The seller part of `invoice_parties.parties` as the demo company's settings
    /// give it (the buyer is filled in per invoice by SQL).
    static func sellerParties(_ db: Database) throws -> String {
        let settings = try CompanySettings.read(db)
        let nobody = Customer(id: 0, fields: CustomerFields(name: ""), archived: false, version: 1, createdAt: "", updatedAt: "", updatedBy: "")
        return InvoiceParties.current(settings: settings, customer: nobody).json
    }
}
