import KontorLocale
import Foundation
import KontorText

/// Numbers and dates as spreadsheets write them in German and English
/// offices, read strictly: a value that could mean two things, or that is
/// not a number at all, is refused with the reason rather than guessed.
public enum CellNumber {
    /// Why a text is not the number it should be.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notANumber
        case tooLarge
        case decimalCommaInCommaFile
        case misplacedGrouping
        case tooManyDecimals(allowed: Int)
        case negative

        public var description: String {
            switch self {
            case .notANumber: return tr("is not a number")
            case .tooLarge: return tr("is too large (beyond what 64 bits hold)")
            case .decimalCommaInCommaFile: return tr("has a comma, but commas separate the cells of this file: write the number with a decimal point (12.50) and no thousands separator")
            case .misplacedGrouping: return tr("has thousands separators in the wrong places")
            case let .tooManyDecimals(allowed): return allowed == 0 ? tr("must be a whole number") : tr("has more than {0} decimal places", allowed)
            case .negative: return tr("must not be negative")
            }
        }
    }

    /// A cell of nothing but a few ASCII digits ("14", "100234"), the most
    /// common number by far, read without the general path's Foundation
    /// trimming and slicing; the same value `parse` gives it. Nil for
    /// anything else: more than 15 digits or a scale above 3 (where the
    /// general path checks for overflow), or any other character.
    @inline(__always)
    static func plainDigits(_ text: String, scale: Int) -> Int64? {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 15, (0...3).contains(scale) else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        for _ in 0..<scale { value *= 10 }
        return value
    }

    /// `text` as an integer in units of 10^-`scale` (cents for scale 2).
    ///
    /// - `decimalComma`: the file writes `1.234,56` (a `;` or tab file);
    ///   `1234.56` is accepted there too. Otherwise (a `,` file) the point is
    ///   the decimal separator and any comma is refused: it would have split
    ///   the cell had it not been quoted, and nobody can tell what it meant.
    /// - A single point followed by exactly three digits in a decimal-comma
    ///   file is a thousands separator (`1.500` is fifteen hundred), as a
    ///   German reader means it.
    /// - `€` and `EUR` around the number, blanks and a leading sign are allowed.
    public static func parse(_ text: String, scale: Int, decimalComma: Bool, allowNegative: Bool = false) -> Result<Int64, Problem> {
        if let whole = plainDigits(text, scale: scale) { return .success(whole) }
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        for affix in ["€", "EUR"] {
            if s.hasSuffix(affix) { s = s.dropLast(affix.count) }
            if s.hasPrefix(affix) { s = s.dropFirst(affix.count) }
        }
        s = Substring(s.trimmingCharacters(in: .whitespaces))
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }),
              s.contains(where: \.isASCIIDigit) else { return .failure(.notANumber) }
        if !decimalComma && s.contains(",") { return .failure(.decimalCommaInCommaFile) }
        let points = s.filter { $0 == "." }.count, commas = s.filter { $0 == "," }.count
        var integer = s, fraction: Substring = "", grouping: Character? = nil
        if points > 0 && commas > 0 {
            let last = s.lastIndex { $0 == "." || $0 == "," }!
            let decimal = s[last]
            grouping = decimal == "," ? "." : ","
            guard s.filter({ $0 == decimal }).count == 1 else { return .failure(.misplacedGrouping) }
            integer = s[..<last]; fraction = s[s.index(after: last)...]
        } else if commas > 0 {
            if commas == 1 {
                let at = s.firstIndex(of: ",")!
                integer = s[..<at]; fraction = s[s.index(after: at)...]
            } else { grouping = "," }
        } else if points > 0 {
            let at = s.firstIndex(of: ".")!
            let tail = s[s.index(after: at)...]
            if points > 1 || (decimalComma && tail.count == 3 && scale < 3 && isGrouped(s, by: ".")) {
                grouping = "."
            } else {
                integer = s[..<at]; fraction = tail
            }
        }
        if let grouping {
            guard isGrouped(integer, by: grouping) else { return .failure(.misplacedGrouping) }
            integer = Substring(integer.filter { $0 != grouping })
        }
        guard integer.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              !(integer.isEmpty && fraction.isEmpty) else { return .failure(.notANumber) }
        if fraction.count > scale {
            guard fraction.dropFirst(scale).allSatisfy({ $0 == "0" }) else { return .failure(.tooManyDecimals(allowed: scale)) }
            fraction = fraction.prefix(scale)
        }
        let digits = integer.drop { $0 == "0" } + fraction + String(repeating: "0", count: scale - fraction.count)
        var value: Int64 = 0
        for digit in digits {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(Int64(digit.asciiValue! - 48))
            if overflow1 || overflow2 { return .failure(.tooLarge) }
            value = plus
        }
        if negative && value != 0 && !allowNegative { return .failure(.negative) }
        return .success(negative ? -value : value)
    }

    /// Whether `text` is digits in groups of three after the first (1–3
    /// digits, not starting with 0: "0.125" is an eighth, never 125).
    static func isGrouped(_ text: Substring, by separator: Character) -> Bool {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), first.first != "0" || groups.count == 1 else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 } && groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) }
    }
}

/// Dates as German offices write them (`31.12.2026`, `1.2.2026`) and as ISO
/// 8601 (`2026-12-31`).
public enum CellDate {
    /// The ISO form of the date, or nil if `text` is no real date in either form.
    public static func parse(_ text: String) -> String? {
        let s = text.trimmingCharacters(in: .whitespaces)
        var year = 0, month = 0, day = 0
        if s.contains("-") {
            let parts = s.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            (year, month, day) = (y, m, d)
        } else {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
                  let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
            (year, month, day) = (y, m, d)
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
