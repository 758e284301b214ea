import KontorModel
import KontorLocale
import KontorUI

/// How the Deals screen writes amounts and dates in the little room a card has.
enum DealsFormat {
    /// "2026-12-31" → "31.12.26"; empty when there is no date.
    static func shortDay(_ iso: String?) -> String {
        guard let iso, iso.count >= 10 else { return iso ?? "" }
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2]).\(parts[1]).\(parts[0].suffix(2))"
    }

    /// Whole euros, grouped: 1234550 → "12.345".
    static func euros(_ cents: Int) -> String {
        let text = Money.format(cents: (cents + (cents >= 0 ? 50 : -50)) / 100 * 100)
        return String(text.dropLast(3))
    }

    /// Millions and thousands for column heads: "26,7 M", "912 k", "740".
    static func compact(_ cents: Int) -> String {
        let euros = Double(cents) / 100
        func decimal(_ value: Double, _ digits: Int) -> String {
            var scaled = value
            for _ in 0..<digits { scaled *= 10 }
            let rounded = Int(scaled.rounded())
            guard digits > 0 else { return String(rounded) }
            var unit = 1
            for _ in 0..<digits { unit *= 10 }
            let fraction = String(abs(rounded) % unit)
            return "\(rounded / unit),\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
        }
        if abs(euros) >= 1_000_000 { return tr("{0} M", decimal(euros / 1_000_000, abs(euros) >= 100_000_000 ? 0 : 1)) }
        if abs(euros) >= 10_000 { return tr("{0} k", decimal(euros / 1_000, 0)) }
        return euros_(cents)
    }

    private static func euros_(_ cents: Int) -> String { euros(cents) }

    /// The first of `candidates` that fits `width` cells, else the last one.
    static func fitting(_ candidates: [String], _ width: Int) -> String {
        candidates.first { TextWidth.of($0) <= width } ?? candidates.last ?? ""
    }

    /// "Anna Schäfer" → "A. Schäfer", for cards with little room; a name
    /// with another writing of it in brackets without that ("王梅 (Wang
    /// Mei)" → "王梅").
    static func shortName(_ name: String) -> String {
        let parts = ownName(name).split(separator: " ")
        guard parts.count > 1, let first = parts.first?.first(where: \.isLetter) else { return ownName(name) }
        return "\(first). " + parts.dropFirst().joined(separator: " ")
    }

    /// "Anna Schäfer" → "AS"; a name of one word written without spaces
    /// between its parts ("王梅") is short already and stays whole.
    static func initials(_ name: String) -> String {
        let parts = ownName(name).split(separator: " ")
        if parts.count == 1, let only = parts.first, TextWidth.of(String(only)) > only.count, only.count <= 3 { return String(only) }
        return String(parts.prefix(2).compactMap { $0.first(where: \.isLetter) })
    }

    /// The name before a part in brackets, which writes it another way.
    private static func ownName(_ name: String) -> String {
        guard let open = name.firstIndex(of: "("), open != name.startIndex else { return name }
        let own = name[..<open].trimmingCharacters(in: .whitespaces)
        return own.isEmpty ? name : own
    }

    /// Why a deal is marked stale, in words.
    static func staleReason(nextActivity: String?, today: String) -> String? {
        guard let next = nextActivity, !next.isEmpty else { return tr("nothing planned (no next activity)") }
        return next < today ? tr("next activity {0} is past", Format.day(next)) : nil
    }
}
