/// The VAT category of an invoice line, in the codes of EN 16931 (UNCL5305),
/// so that the printed invoice, the rules at issue and the e-invoice speak
/// of the same thing. Only `S` charges VAT; every other category carries
/// the reason no VAT is charged (BT-120), in the words German tax offices
/// expect.
public enum TaxCategory: String, CaseIterable, Sendable, Codable {
    /// Standard rated: 19 % or 7 %.
    case standard = "S"
    /// Zero rated.
    case zeroRated = "Z"
    /// Exempt, with the law that exempts it (e.g. §4 UStG, or §19 UStG for
    /// a small business).
    case exempt = "E"
    /// Reverse charge: the customer owes the VAT (§13b UStG).
    case reverseCharge = "AE"
    /// Intra-community supply of goods to a business in another EU country.
    case intraCommunity = "K"
    /// Export of goods outside the EU.
    case export = "G"
    /// Not subject to German VAT (e.g. a service whose place of supply is abroad).
    case notSubject = "O"

    public var code: String { rawValue }

    /// What the category is called on a draft and in the help.
    public var label: String {
        switch self {
        case .standard: return "standard rate"
        case .zeroRated: return "zero rated"
        case .exempt: return "exempt"
        case .reverseCharge: return "reverse charge"
        case .intraCommunity: return "intra-community supply"
        case .export: return "export outside the EU"
        case .notSubject: return "not subject to VAT"
        }
    }

    /// Whether VAT is charged at the line's rate; every other category is at 0 %.
    public var chargesVAT: Bool { self == .standard }

    /// The exemption reason (BT-120) printed when the user gives none.
    public var defaultReason: String {
        switch self {
        case .standard, .zeroRated: return ""
        case .exempt: return "Steuerbefreit"
        case .reverseCharge: return "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)"
        case .intraCommunity: return "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG)"
        case .export: return "Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a UStG)"
        case .notSubject: return "Nicht im Inland steuerbare Leistung"
        }
    }

    /// The exemption reason code (BT-121, VATEX) where EN 16931 defines one.
    public var reasonCode: String? {
        switch self {
        case .reverseCharge: return "VATEX-EU-AE"
        case .intraCommunity: return "VATEX-EU-IC"
        case .export: return "VATEX-EU-G"
        case .notSubject: return "VATEX-EU-O"
        case .standard, .zeroRated, .exempt: return nil
        }
    }

    /// A category as typed: its code ("AE") or a unique start of its label.
    public init?(typed text: String) {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if let exact = TaxCategory(rawValue: typed.uppercased()) { self = exact; return }
        let matches = Self.allCases.filter { $0.label.hasPrefix(typed.lowercased()) }
        guard !typed.isEmpty, matches.count == 1 else { return nil }
        self = matches[0]
    }

    /// The reason printed for a small business under §19 UStG.
    public static let smallBusinessReason = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmer)."
}

/// The member states of the EU by their two-letter country code (ISO 3166;
/// Greece's VAT ids start with EL, its country code is GR).
public enum EUCountries {
    public static let codes: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
        "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    public static func contains(_ country: String) -> Bool { codes.contains(country.uppercased()) }
}
