/// The VAT category a line should have, from who buys and what is sold, as
/// a German seller's tax advisor would choose it:
///
/// - a small business (§19 UStG) charges no VAT at all: exempt;
/// - a buyer in Germany, or a private person in the EU, pays German VAT;
/// - a business in another EU country with a VAT id: goods go as a
///   tax-free intra-community supply (K), services under reverse charge (AE);
/// - outside the EU, goods are a tax-free export (G); services to a
///   business are not taxable in Germany (O); a private person pays German VAT.
///
/// It is a suggestion: a line may carry another category with a reason,
/// which the invoice keeps.
public struct TaxSuggestion: Equatable, Sendable {
    public var category: TaxCategory
    /// The rate when standard rated, else zero.
    public var rate: VATRate
    /// The exemption reason printed, empty for standard rated.
    public var reason: String

    /// - Parameters:
    ///   - buyerCountry: two-letter code; empty counts as Germany.
    ///   - buyerVATID: the buyer's VAT id; a business abroad is recognised by a valid one.
    ///   - isGoods: goods (stocked products, or a line in pieces, kilos, litres) rather than a service.
    ///   - productRate: the product's own rate when standard rated.
    public static func suggest(sellerCountry: String = "DE", smallBusiness: Bool, buyerCountry: String, buyerVATID: String,
                               buyerIsConsumer: Bool, isGoods: Bool, productRate: VATRate) -> TaxSuggestion {
        if smallBusiness { return TaxSuggestion(category: .exempt, rate: .zero, reason: TaxCategory.smallBusinessReason) }
        let standard = TaxSuggestion(category: .standard, rate: productRate == .zero ? .standard : productRate, reason: "")
        let country = buyerCountry.trimmingCharacters(in: .whitespaces).uppercased()
        if country.isEmpty || country == sellerCountry.uppercased() { return standard }
        let business = !buyerIsConsumer && VATID.isValid(buyerVATID)
        if EUCountries.contains(country) {
            guard business else { return standard }
            let category: TaxCategory = isGoods ? .intraCommunity : .reverseCharge
            return TaxSuggestion(category: category, rate: .zero, reason: category.defaultReason)
        }
        if isGoods { return TaxSuggestion(category: .export, rate: .zero, reason: TaxCategory.export.defaultReason) }
        if !buyerIsConsumer { return TaxSuggestion(category: .notSubject, rate: .zero, reason: TaxCategory.notSubject.defaultReason) }
        return standard
    }

    /// Whether a line of this unit is goods when no product says so.
    public static func isGoods(unit: UnitCode) -> Bool {
        switch unit {
        case .piece, .kilogram, .litre, .metre: return true
        case .hour, .unit, .lumpSum, .day, .month: return false
        }
    }
}
