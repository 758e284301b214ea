import Foundation

/// A calendar date as stored: "2026-11-29". Business dates (invoice, due,
/// delivery, close) are days, not instants, in the business's own time zone.
public enum CalendarDate {
    /// Today in the process's time zone (set TZ for the business's zone).
    public static func today() -> String { string(from: Date()) }

    public static func string(from date: Date, timeZone: TimeZone = .current) -> String {
        Timestamp.day(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date))
    }

    /// Whether `text` is a real date in ISO form (no 2026-02-30).
    public static func isValid(_ text: String) -> Bool { components(text) != nil }

    /// The date `days` days after `text` (before, when negative).
    public static func adding(days: Int, to text: String) -> String? {
        Timestamp.epochSeconds(ofDay: text).map { Timestamp.day(epochSeconds: $0 + days * 86_400) }
    }

    /// Days from `a` to `b` (positive when b is later).
    public static func days(from a: String, to b: String) -> Int? {
        guard let x = Timestamp.epochSeconds(ofDay: a), let y = Timestamp.epochSeconds(ofDay: b) else { return nil }
        return (y - x) / 86_400
    }

    static func components(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              y >= 1, (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= lengths[m - 1] ? (y, m, d) : nil
    }
}
