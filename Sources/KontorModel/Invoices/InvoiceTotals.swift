/// An invoice's totals as EN 16931 computes them: the lines' net amounts
/// summed per VAT category and rate (BG-23: reverse charge and an exempt
/// line are two groups even at the same 0 %), VAT computed once on each
/// group's sum and rounded half up (away from zero, so a credit note is
/// exactly the negative of its invoice), gross = net + VAT. Discounts and
/// surcharges on the whole document (BG-20, BG-21) lower or raise their
/// group's taxable amount before its VAT is computed.
public struct InvoiceTotals: Equatable, Sendable {
    public struct RateTotal: Equatable, Sendable {
        public var category: TaxCategory
        public var rate: VATRate
        public var netCents: Int
        public var vatCents: Int

        public init(category: TaxCategory, rate: VATRate, netCents: Int, vatCents: Int) {
            self.category = category
            self.rate = rate
            self.netCents = netCents
            self.vatCents = vatCents
        }
    }

    /// Highest rate first, as invoices usually print them; then by category code.
    public var byRate: [RateTotal]
    /// The lines' net amounts summed (BT-106).
    public var linesNetCents: Int
    /// The document's discounts (BT-107) and surcharges (BT-108), summed, in the document's sign.
    public var allowancesCents: Int
    public var chargesCents: Int
    /// The taxable amount: lines less discounts plus surcharges (BT-109).
    public var netCents: Int { byRate.reduce(0) { $0 + $1.netCents } }
    public var vatCents: Int { byRate.reduce(0) { $0 + $1.vatCents } }
    public var grossCents: Int { netCents + vatCents }

    struct Group: Hashable {
        var category: TaxCategory
        var rate: VATRate
    }

    /// `adjustments` are the document's discounts and surcharges, their
    /// amounts in the document's sign (negative on a credit note), as stored.
    public init(lines: [(netCents: Int, rate: VATRate, category: TaxCategory)],
                adjustments: [(amountCents: Int, isCharge: Bool, rate: VATRate, category: TaxCategory)] = []) {
        var sums: [Group: Int] = [:]
        for line in lines { sums[Group(category: line.category, rate: line.rate), default: 0] += line.netCents }
        for adjustment in adjustments {
            sums[Group(category: adjustment.category, rate: adjustment.rate), default: 0] += adjustment.isCharge ? adjustment.amountCents : -adjustment.amountCents
        }
        linesNetCents = lines.reduce(0) { $0 + $1.netCents }
        allowancesCents = adjustments.filter { !$0.isCharge }.reduce(0) { $0 + $1.amountCents }
        chargesCents = adjustments.filter(\.isCharge).reduce(0) { $0 + $1.amountCents }
        byRate = sums.keys.sorted { ($0.rate.rawValue, $1.category.rawValue) > ($1.rate.rawValue, $0.category.rawValue) }.map { group in
            RateTotal(category: group.category, rate: group.rate, netCents: sums[group]!, vatCents: Self.vat(on: sums[group]!, rate: group.rate))
        }
    }

    /// Lines known only by rate: standard rated above 0 %, exempt at 0 %.
    public init(lines: [(netCents: Int, rate: VATRate)]) {
        self.init(lines: lines.map { ($0.netCents, $0.rate, $0.rate == .zero ? TaxCategory.exempt : .standard) })
    }

    public init(lines: [InvoiceLine], allowances: [InvoiceAllowance] = []) {
        self.init(lines: lines.map { ($0.netCents, $0.vatRate, $0.taxCategory) },
                  adjustments: allowances.map { ($0.amountCents, $0.isCharge, $0.vatRate, $0.taxCategory) })
    }

    /// VAT on a net amount in cents, rounded half away from zero.
    public static func vat(on net: Int, rate: VATRate) -> Int {
        Money.share(rate.rawValue, of: net)
    }
}
