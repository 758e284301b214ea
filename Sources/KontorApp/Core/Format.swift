import KontorLocale
import Foundation
import Synchronization
import KontorModel

/// How numbers and times read on screen.
enum Format {
    /// "2026-11-29T01:09:53Z" → "29.11.2026 02:09" in the local time zone;
    /// the text unchanged if it is not such a timestamp.
    static func localTime(_ iso: String) -> String {
        formatters.withLock { f in
            guard let date = f.parser.date(from: iso) else { return iso }
            return f.printer.string(from: date)
        }
    }

    /// A day ("2026-12-15" → "15.12.2026") or a moment (as `localTime`),
    /// whichever the text is: a pending ticket's date is kept as a day.
    static func dayOrTime(_ iso: String) -> String {
        iso.count == 10 ? day(iso) : localTime(iso)
    }

    /// "2026-11-29T01:09:53Z" → "02:09" when it is today, else the date and time.
    static func shortTime(_ iso: String) -> String {
        let full = localTime(iso)
        let today = formatters.withLock { $0.printer.string(from: Date()) }
        return full.prefix(10) == today.prefix(10) ? String(full.suffix(5)) : full
    }

    /// Formatters cost more to make than a page of rows costs to read, so
    /// they are made once. The screens and the related pane's background
    /// reading share them, one at a time.
    private struct Formatters {
        let parser = ISO8601DateFormatter()
        let printer: DateFormatter = {
            let formatter = DateFormatter()
            formatter.dateFormat = "dd.MM.yyyy HH:mm"
            formatter.timeZone = .current
            return formatter
        }()
    }
    private static let formatters = Mutex(Formatters())

    /// 1234567 → "1 234 567": grouped with thin spaces, as in German and
    /// international usage, without depending on the process locale.
    static func count(_ n: Int) -> String { Wording.grouped(n) }

    /// 123450 → "1.234,50 €", as German invoices write amounts.
    static func money(_ cents: Int) -> String { Money.format(cents: cents) + " €" }

    /// "2026-11-29" (or a timestamp starting so) → "29.11.2026"; anything else unchanged.
    static func day(_ iso: String?) -> String {
        guard let iso, iso.count >= 10 else { return iso ?? "" }
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// The short names of the weekdays, Monday first.
    static var weekdays: [String] { [tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")] }

    /// "2026-12-10" → "Thu 10.12.2026": a day with its weekday, for a date
    /// typed as "+3" or "Friday" to show which day it is.
    static func dayWithWeekday(_ iso: String) -> String {
        guard let weekday = CalendarDate.weekday(of: iso) else { return day(iso) }
        return "\(weekdays[weekday]) \(day(iso))"
    }

    /// For a form's date field: what a typed date stands for ("+3" →
    /// "= Thu 10.12.2026"), read as `CalendarDate.typed` reads it for a day
    /// ahead (`future`) or one gone by; nothing while the text is no date yet.
    static func typedDay(future: Bool) -> @Sendable (String) -> String? {
        { typed in CalendarDate.typed(typed, future: future, past: !future).map { "= " + dayWithWeekday($0) } }
    }

    /// A span of time in its largest sensible units: "45m", "3h 05m", "2d 4h".
    static func duration(seconds: Int) -> String {
        let s = abs(seconds)
        if s < 3600 { return tr("{0}m", max(0, s / 60)) }
        if s < 86_400 { return tr("{0}h {1}m", s / 3600, String(format: "%02d", (s % 3600) / 60)) }
        return tr("{0}d {1}h", s / 86_400, (s % 86_400) / 3600)
    }
}

