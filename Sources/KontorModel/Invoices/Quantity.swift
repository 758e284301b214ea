import Foundation
import KontorText

/// A quantity with up to three decimals, kept exactly as thousandths (2,5
/// hours is 2 500), never as a floating-point number: a line's net amount is
/// quantity × price, and money must come out to the cent every time.
public struct Quantity: Equatable, Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The quantity in thousandths.
    public var milli: Int

    public init(milli: Int) { self.milli = milli }
    public init(_ whole: Int) { milli = whole * 1000 }
    public init(integerLiteral value: Int) { milli = value * 1000 }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.milli < b.milli }
    public static prefix func - (q: Quantity) -> Quantity { Quantity(milli: -q.milli) }

    public var isWhole: Bool { milli % 1000 == 0 }
    /// The whole part, toward zero: what the stock ledger counts.
    public var whole: Int { milli / 1000 }

    /// "2,5" (German) or "2.5" → 2 500; "1.500" and "1.000,5" as Germans
    /// group thousands (1 500, 1 000,5); "-3" or "−3" below zero; nil for
    /// anything else or more than three decimals.
    public static func parse(_ text: String) -> Quantity? {
        var s = text.filter { !$0.isWhitespace }
        guard !s.isEmpty else { return nil }
        // A point is a thousands separator beside a comma, or before exactly three digits.
        let groups = s.split(separator: Character("."), omittingEmptySubsequences: false)
        if s.contains(",") || (groups.count > 1 && groups.dropFirst().allSatisfy { $0.count == 3 }) {
            s = s.filter { $0 != "." }
        }
        var negative = false
        // The minus sign as Kontor shows it (U+2212) reads as typed "-".
        if s.hasPrefix("-") || s.hasPrefix("\u{2212}") { negative = true; s.removeFirst() }
        let parts = s.split(separator: Character(s.contains(",") ? "," : "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 3, parts.count == 1 || !fraction.isEmpty else { return nil }
        let milli = Int(parts[0])! * 1000 + Int((fraction + "000").prefix(3))!
        return Quantity(milli: negative ? -milli : milli)
    }

    /// "2,5" as Germans write it; "3" for a whole number.
    public var description: String { formatted(decimalSeparator: ",") }

    /// "2.5" as XML wants it.
    public var xml: String { formatted(decimalSeparator: ".") }

    func formatted(decimalSeparator: String) -> String {
        let sign = milli < 0 ? "-" : ""
        let a = abs(milli)
        var fraction = String(a % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(a / 1000) + (fraction.isEmpty ? "" : decimalSeparator + fraction)
    }

    /// quantity × price in cents, rounded half away from zero: the line's net amount.
    public func times(cents: Int) -> Int {
        let product = milli * cents
        return product >= 0 ? (product + 500) / 1000 : -((-product + 500) / 1000)
    }
}

/// The unit of a line in the codes of UN/ECE Recommendation 20, which
/// e-invoices require (BT-130), with the short German word printed beside
/// the quantity.
public enum UnitCode: String, CaseIterable, Sendable, Codable {
    case piece = "H87"
    case hour = "HUR"
    case kilogram = "KGM"
    case litre = "LTR"
    case unit = "C62"
    case lumpSum = "LS"
    case day = "DAY"
    case month = "MON"
    case metre = "MTR"

    /// What is printed beside the quantity.
    public var label: String {
        switch self {
        case .piece: return "Stk."
        case .hour: return "Std."
        case .kilogram: return "kg"
        case .litre: return "l"
        case .unit: return "Einh."
        case .lumpSum: return "Psch."
        case .day: return "Tag"
        case .month: return "Mon."
        case .metre: return "m"
        }
    }

    /// A unit as people type it: the code ("HUR"), the label ("Std."), or a
    /// common word ("h", "Stk", "Stunde", "kg", "Psch").
    public init?(typed text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let code = UnitCode(rawValue: t.uppercased()) { self = code; return }
        let word = t.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        switch word {
        case "stk", "stück", "st", "pc", "pcs", "piece", "pck", "pack", "karton", "rolle", "dose", "flasche", "set", "paar": self = .piece
        case "h", "std", "stunde", "stunden", "hour", "hours": self = .hour
        case "kg", "kilogramm": self = .kilogram
        case "l", "liter", "litre": self = .litre
        case "einh", "einheit", "unit", "": self = .unit
        case "psch", "pauschale", "pauschal", "lump sum": self = .lumpSum
        case "tag", "tage", "day", "days", "d": self = .day
        case "mon", "monat", "monate", "month": self = .month
        case "m", "meter", "metre": self = .metre
        default: return nil
        }
    }

    /// The code for a unit stored as free text before units had codes; a
    /// word nobody recognises is a unit ("C62").
    public static func fromLegacy(_ text: String) -> UnitCode { UnitCode(typed: text) ?? .unit }

    /// The units people choose from, for help texts.
    public static let typedHint = "Stk, Std, kg, l, Einh., Psch, Tag, Mon, m"
}

