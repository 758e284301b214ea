/// Each general-ledger account the DATEV export books onto, by what it is
/// for. The chart (`ChartOfAccounts`) gives every one's standard number;
/// the tax advisor may keep some elsewhere (a revenue account of its own
/// for one line of business, a second bank account), and an admin sets
/// that one account in the settings (`datev.account.revenue19`, …).
public enum DATEVAccount: String, CaseIterable, Sendable {
    case revenue19, revenue7
    case revenueReverseCharge = "revenue-reverse-charge"
    case revenueIntraCommunity = "revenue-intra-community"
    case revenueExport = "revenue-export"
    case revenueExempt = "revenue-exempt"
    case revenueZeroRated = "revenue-zero-rated"
    case revenueNotSubject = "revenue-not-subject"
    case revenueSmallBusiness = "revenue-small-business"
    case skonto19, skonto7
    case skontoReverseCharge = "skonto-reverse-charge"
    case skontoIntraCommunity = "skonto-intra-community"
    /// Skonto on every other group, and a small business's.
    case skonto
    case bank, cash
    case dunningFees = "dunning-fees"

    /// The key in the settings table: `datev.account.revenue_reverse_charge`.
    public var settingsKey: String { "datev.account." + rawValue.replacingOccurrences(of: "-", with: "_") }
    /// The name `kontor settings --set` takes: `datev-account-revenue-reverse-charge`.
    public var optionName: String { "datev-account-" + rawValue }
    /// The field the settings name in a refusal.
    public var field: String { "DATEV account " + rawValue }

    /// What is booked onto it, for `kontor settings`.
    public var meaning: String {
        switch self {
        case .revenue19: return "revenue 19 % VAT"
        case .revenue7: return "revenue 7 % VAT"
        case .revenueReverseCharge: return "revenue, reverse charge (AE)"
        case .revenueIntraCommunity: return "revenue, intra-community supply (K)"
        case .revenueExport: return "revenue, export (G)"
        case .revenueExempt: return "revenue, exempt (E)"
        case .revenueZeroRated: return "revenue, zero rated (Z)"
        case .revenueNotSubject: return "revenue, not subject to VAT (O)"
        case .revenueSmallBusiness: return "revenue of a small business (§ 19 UStG)"
        case .skonto19: return "Skonto granted on 19 %"
        case .skonto7: return "Skonto granted on 7 %"
        case .skontoReverseCharge: return "Skonto granted on reverse charge"
        case .skontoIntraCommunity: return "Skonto granted on intra-community supply"
        case .skonto: return "Skonto granted on the other groups"
        case .bank: return "payments and refunds by transfer, card, direct debit"
        case .cash: return "payments and refunds in cash"
        case .dunningFees: return "dunning fees"
        }
    }

    /// The revenue account of a VAT group.
    public static func revenue(_ category: TaxCategory, _ rate: VATRate, smallBusiness: Bool = false) -> DATEVAccount {
        switch category {
        case _ where smallBusiness: return .revenueSmallBusiness
        case .standard: return rate == .reduced ? .revenue7 : .revenue19
        case .reverseCharge: return .revenueReverseCharge
        case .intraCommunity: return .revenueIntraCommunity
        case .export: return .revenueExport
        case .exempt: return .revenueExempt
        case .zeroRated: return .revenueZeroRated
        case .notSubject: return .revenueNotSubject
        }
    }

    /// The account for Skonto granted on a VAT group.
    public static func skonto(_ category: TaxCategory, _ rate: VATRate, smallBusiness: Bool = false) -> DATEVAccount {
        switch category {
        case _ where smallBusiness: return .skonto
        case .standard: return rate == .reduced ? .skonto7 : .skonto19
        case .reverseCharge: return .skontoReverseCharge
        case .intraCommunity: return .skontoIntraCommunity
        case .export, .exempt, .zeroRated, .notSubject: return .skonto
        }
    }
}

/// The accounts one export books onto, as the advisor numbers them: the
/// chart's, lengthened to the account length, unless the settings name
/// another.
public struct BookingAccounts: Sendable {
    public var chart: ChartOfAccounts
    public var accountLength: Int
    /// Accounts set in the settings, at the account length already.
    public var overrides: [DATEVAccount: Int]

    public init(chart: ChartOfAccounts, accountLength: Int = 4, overrides: [DATEVAccount: Int] = [:]) {
        self.chart = chart
        self.accountLength = accountLength
        self.overrides = overrides
    }

    init(_ settings: DATEVSettings) {
        self.init(chart: settings.chart, accountLength: settings.accountLength, overrides: settings.accounts)
    }

    /// The number written into the Gegenkonto column for `account`.
    public func number(_ account: DATEVAccount) -> Int {
        overrides[account] ?? GeneralAccount.number(chart.standard(account), length: accountLength)
    }

    func revenue(_ category: TaxCategory, _ rate: VATRate, smallBusiness: Bool) -> Int {
        number(.revenue(category, rate, smallBusiness: smallBusiness))
    }

    func skonto(_ category: TaxCategory, _ rate: VATRate, smallBusiness: Bool) -> Int {
        number(.skonto(category, rate, smallBusiness: smallBusiness))
    }

    var bank: Int { number(.bank) }
    var cash: Int { number(.cash) }
    var dunningFees: Int { number(.dunningFees) }
}
