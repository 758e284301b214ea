import KontorModel
import Testing

/// Dates as people type them, in either language, to the ISO day stored.
@Suite("Typed dates")
struct DateInputTests {
    let today = "2026-12-05"

    @Test func germanWritingsShortAndLong() {
        #expect(CalendarDate.typed("05.12.2026", today: today) == "2026-12-05")
        #expect(CalendarDate.typed("5.12.2026", today: today) == "2026-12-05")
        #expect(CalendarDate.typed("5.12.26", today: today) == "2026-12-05")
        #expect(CalendarDate.typed("5.12.", today: today) == "2026-12-05")
        #expect(CalendarDate.typed("31.1.", today: today) == "2026-01-31")
        #expect(CalendarDate.typed("24.12", today: today) == "2026-12-24", "without the last point, as typed in a hurry")
        #expect(CalendarDate.typed(" 2026-12-05 ", today: today) == "2026-12-05")
    }

    @Test func wordsAndDaysFromToday() {
        #expect(CalendarDate.typed("heute", today: today) == today)
        #expect(CalendarDate.typed("Today", today: today) == today)
        #expect(CalendarDate.typed("morgen", today: today) == "2026-12-06")
        #expect(CalendarDate.typed("tomorrow", today: today) == "2026-12-06")
        #expect(CalendarDate.typed("übermorgen", today: today) == "2026-12-07")
        #expect(CalendarDate.typed("gestern", today: today) == "2026-12-04")
        #expect(CalendarDate.typed("+3", today: today) == "2026-12-08")
        #expect(CalendarDate.typed("+30", today: today) == "2027-01-04")
        #expect(CalendarDate.typed("-5", today: today) == "2026-11-30")
    }

    @Test("a day ahead: a day without its year that has passed is next year's, a weekday the next one")
    func aDayAhead() {
        #expect(CalendarDate.typed("5.1.", today: today, future: true) == "2027-01-05")
        #expect(CalendarDate.typed("1.1", today: today, future: true) == "2027-01-01")
        #expect(CalendarDate.typed("24.12.", today: today, future: true) == "2026-12-24")
        #expect(CalendarDate.typed("5.12.", today: today, future: true) == "2026-12-05", "today is not past")
        #expect(CalendarDate.typed("4.12.2026", today: today, future: true) == "2026-12-04", "a year typed is the year meant")
        #expect(CalendarDate.typed("29.2.", today: "2027-03-01", future: true) == "2028-02-29", "the next 29 February")
        // 2026-12-05 is a Saturday.
        #expect(CalendarDate.typed("Montag", today: today, future: true) == "2026-12-07")
        #expect(CalendarDate.typed("nächsten Freitag", today: today, future: true) == "2026-12-11")
        #expect(CalendarDate.typed("sa", today: today, future: true) == "2026-12-12", "the next Saturday, not today")
        #expect(CalendarDate.typed("So.", today: today, future: true) == "2026-12-06")
        #expect(CalendarDate.typed("next monday", today: today, future: true) == "2026-12-07")
        // Elsewhere (a payment's day) a day without its year stays this year's.
        #expect(CalendarDate.typed("5.1.", today: today) == "2026-01-05")
    }

    @Test("a day gone by: a weekday the last one before today")
    func aDayGoneBy() {
        // 2026-12-05 is a Saturday.
        #expect(CalendarDate.typed("Freitag", today: today, past: true) == "2026-12-04")
        #expect(CalendarDate.typed("sa", today: today, past: true) == "2026-11-28", "the last Saturday, not today")
        #expect(CalendarDate.typed("Mo.", today: today, past: true) == "2026-11-30")
        #expect(CalendarDate.typed("nächsten Freitag", today: today, past: true) == nil, "no day gone by")
        #expect(CalendarDate.typed("gestern", today: today, past: true) == "2026-12-04")
        #expect(CalendarDate.weekday(of: "2026-12-05") == 5 && CalendarDate.weekday(of: "1969-12-29") == 0)
        #expect(CalendarDate.weekday(of: "2026-02-30") == nil)
    }

    @Test func whatIsNoDate() {
        for text in ["31.2.", "30.02.2026", "5.12.2026.", "5.12.202", "+", "+3d", "+999999", "übermorgen!", "12/05/2026", "5.", "", "morgen früh", "Montag"] {
            #expect(CalendarDate.typed(text, today: today) == nil, "\(text)")
        }
    }
}
