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

    @Test func whatIsNoDate() {
        for text in ["31.2.", "30.02.2026", "5.12.2026.", "5.12.202", "+", "+3d", "+999999", "übermorgen!", "12/05/2026", "5.12", "", "morgen früh"] {
            #expect(CalendarDate.typed(text, today: today) == nil, "\(text)")
        }
    }
}
