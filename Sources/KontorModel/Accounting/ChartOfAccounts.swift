/// DATEV's standard charts of accounts, as far as Kontor books into them:
/// revenue per tax category and rate, the Skonto granted, the bank and the
/// cash box. The numbers are DATEV's four-digit ones; `GeneralAccount`
/// lengthens them to the advisor's account length.
///
/// Revenue goes onto DATEV's automatic accounts (8400 "Erlöse 19 % USt"
/// and so on), which carry their VAT themselves: a booking names the gross
/// amount and no tax key, and DATEV splits off the VAT. So one booking line
/// per VAT group of an invoice is the whole booking. Sources and the table
/// are in docs/DECISIONS.md and README.md.
public enum ChartOfAccounts: String, CaseIterable, Sendable {
    case skr03 = "SKR03"
    case skr04 = "SKR04"

    /// "SKR03", "skr04", "03" or "4".
    public init?(typed text: String) {
        switch text.uppercased().replacingOccurrences(of: "SKR", with: "").trimmingCharacters(in: .whitespaces) {
        case "03", "3": self = .skr03
        case "04", "4": self = .skr04
        default: return nil
        }
    }

    /// The chart's code in the EXTF header (field 27, Sachkontenrahmen).
    public var code: String { self == .skr03 ? "03" : "04" }

    /// The bank account payments and refunds by transfer, card or direct debit go through.
    public var bank: Int { self == .skr03 ? 1200 : 1800 }
    /// The cash box, for payments in cash.
    public var cash: Int { self == .skr03 ? 1000 : 1600 }

    /// Dunning fees charged ("Sonstige Zinsen und ähnliche Erträge"): a fee
    /// is damages for the delay, not the price of a supply (UStAE 1.3
    /// (6)), so it carries no VAT and goes onto a plain account with no tax
    /// key, where the default interest a customer pays goes too. A fee let
    /// go is taken back from the same account.
    public var dunningFees: Int { self == .skr03 ? 2650 : 7100 }

    /// The revenue account of a VAT group. A small business (§ 19 UStG)
    /// books everything onto its own account.
    public func revenue(_ category: TaxCategory, _ rate: VATRate, smallBusiness: Bool = false) -> Int {
        standard(.revenue(category, rate, smallBusiness: smallBusiness))
    }

    /// The account for Skonto granted on a VAT group, which takes back the
    /// revenue (and DATEV its VAT) in the group's proportion.
    public func skonto(_ category: TaxCategory, _ rate: VATRate, smallBusiness: Bool = false) -> Int {
        standard(.skonto(category, rate, smallBusiness: smallBusiness))
    }

    /// The chart's standard number of `account`, DATEV's four digits.
    public func standard(_ account: DATEVAccount) -> Int {
        let skr03: Int
        switch account {
        case .revenueSmallBusiness: skr03 = 8195   // Erlöse als Kleinunternehmer (§ 19 Abs. 1 UStG)
        case .revenue19: skr03 = 8400              // Erlöse 19 % USt
        case .revenue7: skr03 = 8300               // Erlöse 7 % USt
        case .revenueReverseCharge: skr03 = 8336   // im anderen EU-Land steuerpflichtige sonstige Leistungen (Leistungsempfänger schuldet die USt)
        case .revenueIntraCommunity: skr03 = 8125  // steuerfreie innergemeinschaftliche Lieferungen (§ 4 Nr. 1b UStG)
        case .revenueExport: skr03 = 8120          // steuerfreie Umsätze (§ 4 Nr. 1a UStG: Ausfuhr)
        case .revenueExempt: skr03 = 8100          // steuerfreie Umsätze (§ 4 Nr. 8 ff. UStG)
        case .revenueZeroRated: skr03 = 8290       // Erlöse 0 % USt
        case .revenueNotSubject: skr03 = 8338      // im Drittland steuerbare Leistungen, im Inland nicht steuerbar
        case .skonto: skr03 = 8730                 // Gewährte Skonti
        case .skonto7: skr03 = 8731                // Gewährte Skonti 7 % USt
        case .skonto19: skr03 = 8736               // Gewährte Skonti 19 % USt
        case .skontoReverseCharge: skr03 = 8742    // Gewährte Skonti aus im anderen EU-Land steuerpflichtigen sonstigen Leistungen
        case .skontoIntraCommunity: skr03 = 8743   // Gewährte Skonti aus steuerfreien innergemeinschaftlichen Lieferungen
        case .bank: return bank
        case .cash: return cash
        case .dunningFees: return dunningFees
        }
        return self == .skr03 ? skr03 : Self.skr04(skr03)
    }

    /// SKR04 keeps SKR03's revenue and Skonto accounts in class 4 under the
    /// same last three digits, except the small business's revenue (4185).
    private static func skr04(_ skr03: Int) -> Int {
        switch skr03 {
        case 8195: return 4185
        default: return skr03 - 4000
        }
    }

    /// Every account of a VAT group, for the documentation's table and the tests.
    public static let groups: [(category: TaxCategory, rate: VATRate, name: String)] = [
        (.standard, .standard, "19 % VAT"), (.standard, .reduced, "7 % VAT"), (.reverseCharge, .zero, "reverse charge (AE)"),
        (.intraCommunity, .zero, "intra-community supply (K)"), (.export, .zero, "export (G)"), (.exempt, .zero, "exempt (E)"),
        (.zeroRated, .zero, "zero rated (Z)"), (.notSubject, .zero, "not subject to VAT (O)"),
    ]
}

/// A general-ledger account as the advisor's DATEV numbers it: DATEV's
/// four-digit account followed by zeros up to the account length (8400
/// is 84000 with five digits).
struct GeneralAccount {
    static func number(_ account: Int, length: Int) -> Int {
        var number = account
        for _ in 0 ..< max(0, length - 4) { number *= 10 }
        return number
    }
}
