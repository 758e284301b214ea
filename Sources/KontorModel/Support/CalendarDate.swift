import Foundation

/// A calendar date as stored: "2026-11-29". Business dates (invoice, due,
/// delivery, close) are days, not instants, in the business's own time zone.
public enum CalendarDate {
    /// Today in the process's time zone (set TZ for the business's zone).
    public static func today() -> String { string(from: Date()) }

    public static func string(from date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Whether `text` is a real date in ISO form (no 2026-02-30).
    public static func isValid(_ text: String) -> Bool { components(text) != nil }

    /// The date `days` days after `text` (before, when negative).
    public static func adding(days: Int, to text: String) -> String? {
        guard let (y, m, d) = components(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              let moved = calendar.date(byAdding: .day, value: days, to: date) else { return nil }
        return string(from: moved, timeZone: TimeZone(identifier: "UTC")!)
    }

    /// Days from `a` to `b` (positive when b is later).
    public static func days(from a: String, to b: String) -> Int? {
        guard let (y1, m1, d1) = components(a), let (y2, m2, d2) = components(b) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let x = calendar.date(from: DateComponents(year: y1, month: m1, day: d1)),
              let y = calendar.date(from: DateComponents(year: y2, month: m2, day: d2)) else { return nil }
        return calendar.dateComponents([.day], from: x, to: y).day
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
