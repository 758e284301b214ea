/// An invoice's totals as EN 16931 computes them: the lines' net amounts
/// summed per VAT rate, VAT computed once on each rate's sum and rounded half
/// up (away from zero, so a credit note is exactly the negative of its
/// invoice), gross = net + VAT.
public struct InvoiceTotals: Equatable, Sendable {
    public struct RateTotal: Equatable, Sendable {
        public var rate: VATRate
        public var netCents: Int
        public var vatCents: Int
    }

    /// Highest rate first, as invoices usually print them.
    public var byRate: [RateTotal]
    public var netCents: Int { byRate.reduce(0) { $0 + $1.netCents } }
    public var vatCents: Int { byRate.reduce(0) { $0 + $1.vatCents } }
    public var grossCents: Int { netCents + vatCents }

    public init(lines: [(netCents: Int, rate: VATRate)]) {
        var sums: [VATRate: Int] = [:]
        for line in lines { sums[line.rate, default: 0] += line.netCents }
        byRate = sums.keys.sorted { $0.rawValue > $1.rawValue }.map { rate in
            RateTotal(rate: rate, netCents: sums[rate]!, vatCents: Self.vat(on: sums[rate]!, rate: rate))
        }
    }

    public init(lines: [InvoiceLine]) {
        self.init(lines: lines.map { ($0.netCents, $0.vatRate) })
    }

    /// VAT on a net amount in cents, rounded half away from zero.
    public static func vat(on net: Int, rate: VATRate) -> Int {
        let magnitude = (abs(net) * rate.rawValue + 5_000) / 10_000
        return net < 0 ? -magnitude : magnitude
    }
}
