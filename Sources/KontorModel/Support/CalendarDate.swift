import Foundation
import KontorText

/// A calendar date as stored: "2026-11-29". Business dates (invoice, due,
/// delivery, close) are days, not instants, in the business's own time zone.
public enum CalendarDate {
    /// Today in the process's time zone (set TZ for the business's zone).
    public static func today() -> String { string(from: Date()) }

    public static func string(from date: Date, timeZone: TimeZone = .current) -> String {
        Timestamp.day(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date))
    }

    /// A date as people type it, in ISO form; nil for anything else or a
    /// day that does not exist. Accepted, in either language:
    /// - "2026-12-31" as it is;
    /// - "31.12.2026", "1.2.2027", "31.12.26" (20xx), "31.12." (this year),
    ///   as Germans write dates;
    /// - "heute"/"today", "morgen"/"tomorrow", "gestern"/"yesterday",
    ///   "übermorgen";
    /// - "+3" / "-2": days from today ("+3" is the day after tomorrow but one).
    ///
    /// With `future` (a day something waits for: a ticket's pending date,
    /// a deal's close), a day typed without its year that has passed this
    /// year is next year's ("5.1." in December), and a weekday ("Montag",
    /// "nächsten Freitag", "fri") is the next one after today. With `past`
    /// (a day something happened: a payment, a report's "as of"), a weekday
    /// is the last one before today ("Freitag": last Friday).
    public static func typed(_ text: String, today: String = today(), future: Bool = false, past: Bool = false) -> String? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        // "nächsten Freitag" is no day gone by.
        if past, !future, nextWords.contains(where: { typed.lowercased().hasPrefix($0) }) { return nil }
        if future || past, let wanted = weekday(named: typed), let now = weekday(of: today) {
            return future ? adding(days: (wanted - now + 6) % 7 + 1, to: today) : adding(days: -((now - wanted + 6) % 7 + 1), to: today)
        }
        if isValid(typed) { return typed }
        switch typed.lowercased() {
        case "heute", "today": return today
        case "morgen", "tomorrow": return adding(days: 1, to: today)
        case "übermorgen": return adding(days: 2, to: today)
        case "gestern", "yesterday": return adding(days: -1, to: today)
        default: break
        }
        if let sign = typed.first, sign == "+" || sign == "-", typed.count > 1, typed.count <= 5,
           typed.dropFirst().allSatisfy(\.isASCIIDigit), let days = Int(typed.dropFirst()) {
            return adding(days: sign == "+" ? days : -days, to: today)
        }
        var parts = typed.split(separator: ".", omittingEmptySubsequences: false)
        // "24.12" as "24.12.".
        if parts.count == 2, !parts[1].isEmpty { parts.append("") }
        // "31.12." is this year's (or, for a day ahead, the next one's when it has passed).
        let yearLeftOut = parts.count == 3 && parts[2].isEmpty
        if yearLeftOut { parts[2] = Substring(today.prefix(4)) }
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts[2].count == 4 || parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        func two(_ s: Substring) -> String { s.count == 1 ? "0" + s : String(s) }
        let year = parts[2].count == 2 ? "20" + parts[2] : String(parts[2])
        let iso = "\(year)-\(two(parts[1]))-\(two(parts[0]))"
        if future, yearLeftOut, iso < today, let next = Int(year).map({ "\($0 + 1)-\(two(parts[1]))-\(two(parts[0]))" }), isValid(next) {
            return next
        }
        return isValid(iso) ? iso : nil
    }

    /// Monday 0 … Sunday 6: the weekday of a day in ISO form; nil for anything else.
    public static func weekday(of iso: String) -> Int? {
        guard isValid(iso), let seconds = Timestamp.epochSeconds(ofDay: iso) else { return nil }
        // 1970-01-01 was a Thursday.
        return ((seconds / 86_400 + 3) % 7 + 7) % 7
    }

    /// The words that put a weekday ahead ("nächsten Freitag").
    static let nextWords = ["nächsten ", "naechsten ", "nächster ", "kommenden ", "next "]

    /// Monday 0 … Sunday 6 for a weekday's name in German or English, full
    /// or short, with "nächsten"/"next" before it; nil for anything else.
    static func weekday(named text: String) -> Int? {
        var word = text.lowercased()
        for prefix in nextWords where word.hasPrefix(prefix) {
            word = String(word.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        let names: [[String]] = [["montag", "mo", "monday", "mon"], ["dienstag", "di", "tuesday", "tue"], ["mittwoch", "mi", "wednesday", "wed"],
                                 ["donnerstag", "do", "thursday", "thu"], ["freitag", "fr", "friday", "fri"], ["samstag", "sa", "saturday", "sat"],
                                 ["sonntag", "so", "sunday", "sun"]]
        return names.firstIndex { $0.contains(word.hasSuffix(".") ? String(word.dropLast()) : word) }
    }

    /// Whether `text` is a real date in ISO form (no 2026-02-30).
    /// "2026-12-15" as German documents write it, "15.12.2026"; anything else as it is.
    public static func german(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2]).\(parts[1]).\(parts[0])" : iso
    }

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
