import Foundation

/// Timestamps as stored: ISO 8601 in UTC, to the second.
enum Timestamp {
    static func now() -> String { string(from: Date()) }

    static func string(from date: Date) -> String {
        string(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The instant a stored timestamp names; nil if it is not one.
    static func date(from text: String) -> Date? {
        guard text.count == 20, text.hasSuffix("Z"), let t = text.firstIndex(of: "T"),
              let day = epochSeconds(ofDay: String(text[..<t])) else { return nil }
        let clock = text[text.index(after: t)..<text.index(before: text.endIndex)].split(separator: ":").map { Int($0) }
        guard clock.count == 3, let h = clock[0], let m = clock[1], let s = clock[2],
              (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(day + h * 3600 + m * 60 + s))
    }
}

extension Timestamp {
    /// Seconds since 1970 as "2026-11-29T10:15:00Z", without Foundation:
    /// the demo seeder writes millions of these.
    static func string(epochSeconds t: Int) -> String {
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secondsOfDay = t - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        let h = secondsOfDay / 3600, min = (secondsOfDay / 60) % 60, s = secondsOfDay % 60
        return "\(pad4(y))-\(pad2(m))-\(pad2(d))T\(pad2(h)):\(pad2(min)):\(pad2(s))Z"
    }

    /// The date part of `string(epochSeconds:)`.
    static func day(epochSeconds t: Int) -> String {
        let (y, m, d) = civil(fromDays: t >= 0 ? t / 86_400 : (t - 86_399) / 86_400)
        return "\(pad4(y))-\(pad2(m))-\(pad2(d))"
    }

    /// Seconds since 1970 at midnight UTC of an ISO date.
    static func epochSeconds(ofDay text: String) -> Int? {
        guard let (y, m, d) = CalendarDate.components(text) else { return nil }
        return days(fromCivil: y, m, d) * 86_400
    }

    /// Howard Hinnant's days-from-civil and civil-from-days algorithms.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func pad4(_ n: Int) -> String { n < 10 ? "000\(n)" : n < 100 ? "00\(n)" : n < 1000 ? "0\(n)" : "\(n)" }
}
