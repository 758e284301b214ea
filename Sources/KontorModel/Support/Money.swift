import KontorText

/// Money as integer cents, and its text form as people type and read it:
/// German style, "1.234,50", with "1234.50" accepted too.
public enum Money {
    /// "1.234,50" → 123450; nil for anything that is not an amount.
    public static func parse(_ text: String) -> Int? {
        var s = text.filter { !$0.isWhitespace && $0 != "€" }
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() }
        // A comma is the decimal separator (German); so is the last point
        // when one or two digits follow it ("1234.50"), while a point before
        // three digits groups thousands ("1.234"). "0,125" has a third
        // decimal place, so it is no amount, not 125,00.
        var euros = s, cents = ""
        if let index = s.lastIndex(where: { $0 == "," || $0 == "." }) {
            let tail = s[s.index(after: index)...]
            if s[index] == "," || tail.count <= 2 {
                guard tail.count <= 2 else { return nil }
                euros = String(s[..<index])
                cents = String(tail)
            }
        }
        euros = euros.filter { $0 != "." && $0 != "," }
        guard !euros.isEmpty || !cents.isEmpty, euros.allSatisfy(\.isASCIIDigit), cents.allSatisfy(\.isASCIIDigit),
              euros.count <= 12 else { return nil }
        let whole = Int(euros.isEmpty ? "0" : euros)!
        let fraction = cents.isEmpty ? 0 : Int(cents.count == 1 ? cents + "0" : cents)!
        let value = whole * 100 + fraction
        return negative ? -value : value
    }

    /// A share of an amount in basis points (1900 = 19 %), rounded half away
    /// from zero to the cent, so that a credit note's share is exactly the
    /// negative of its invoice's: VAT, Skonto, a percentage discount.
    public static func share(_ basisPoints: Int, of cents: Int) -> Int {
        let magnitude = (abs(cents) * basisPoints + 5_000) / 10_000
        return cents < 0 ? -magnitude : magnitude
    }

    /// 123450 → "1.234,50".
    public static func format(cents: Int, grouping: Bool = true) -> String {
        let sign = cents < 0 ? "-" : ""
        let absolute = abs(cents)
        var euros = String(absolute / 100)
        if grouping {
            var grouped = ""
            for (i, ch) in euros.enumerated() {
                if i > 0, (euros.count - i) % 3 == 0 { grouped.append(".") }
                grouped.append(ch)
            }
            euros = grouped
        }
        let rest = absolute % 100
        return "\(sign)\(euros),\(rest < 10 ? "0" : "")\(rest)"
    }
}
