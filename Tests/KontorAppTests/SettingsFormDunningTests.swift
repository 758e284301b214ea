import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// The dunning terms in the company settings form (`S` on Invoices), at
/// 80×24 where the form scrolls: typed the German way, saved, used by the
/// next dunning run; a bad value refused beside its field.
@MainActor
@Suite("Dunning terms in the settings form")
struct SettingsFormDunningTests {
    /// Tabs from the company name to the dunning days: the fields above them.
    static let toDunningDays = 18

    func tabs(_ h: ScreenHarness, _ count: Int) {
        for _ in 0..<count { h.press(.tab) }
    }

    @Test func aFeeTypedInTheFormIsSavedAndChargedByTheNextRun() throws {
        let h = try ScreenHarness()
        try h.seedMuellerBusiness()
        h.press(.char("4"), .char("S"))
        tabs(h, Self.toDunningDays)
        // Scrolled down to the dunning terms as they stand, the German way.
        var text = h.screen
        #expect(text.contains("Dunning from day  1 15 31 61"), "\(text)")
        text = h.press(.tab)
        #expect(text.contains("Dunning fees  0,00 5,00 5,00 10,00"), "\(text)")
        h.press(.ctrl("u"))
        h.type("2,50 5,00 7,50 12,00")
        h.press(.tab, .ctrl("u"))
        h.type("14")
        text = h.press(.tab, .tab)
        #expect(text.contains("Base rate %  1,27"), "\(text)")
        h.press(.ctrl("u"))
        h.type("-0,88")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Company settings saved"), "\(text)")

        let terms = try h.session.settings().dunning
        #expect(terms.feesCents == [250, 500, 750, 1200])
        #expect(terms.waitDays == 14)
        #expect(terms.baseRateBP == -88)
        // The run proposes the reminder with the reminder's fee now, and the
        // interest over the new base rate (a business: 9 points over it).
        let letter = try #require(try h.database.dunningRun().letters.first)
        #expect(letter.level == .reminder)
        #expect(letter.feeCents == 250)
        #expect(letter.interestRateBP == 812)
    }

    @Test func badTermsAreRefusedBesideEachFieldAndNothingIsSaved() throws {
        let h = try ScreenHarness()
        try h.seedMuellerBusiness()
        let before = try h.session.settings().dunning
        h.press(.char("4"), .char("S"))
        tabs(h, Self.toDunningDays)
        h.press(.ctrl("u"))
        h.type("1 15 10 61")
        h.press(.tab, .ctrl("u"))
        h.type("5,00 viel")
        h.press(.tab, .tab, .ctrl("u"))
        h.type("120")
        var text = h.press(.ctrl("s"))
        // The form's objection (fees) and the model's (days, pay within) at once, each naming its field;
        // the focus on the first, the others a Tab away on a screen of 24 lines.
        #expect(text.contains("3 fields need attention"), "\(text)")
        #expect(text.contains("Dunning from day must rise from level to level"), "\(text)")
        text = h.press(.tab)
        #expect(text.contains("Dunning fees must be amounts like 0,00 5,00 5,00 10,00"), "\(text)")
        text = h.press(.tab, .tab)
        #expect(text.contains("Days to pay must be 1 to 90 days"), "\(text)")
        #expect(try h.session.settings().dunning == before)
    }

    @Test func aBaseRateFromBeforeTheLastHalfYearlyChangeIsFlagged() throws {
        let h = try ScreenHarness()
        try h.seedMuellerBusiness()
        try h.session.updateSettings { $0.dunning.baseRateFrom = CalendarDate.today() }
        var text = h.press(.char("4"), .char("S"))
        #expect(!text.contains("may be out of date"), "\(text)")
        #expect(text.contains(CalendarDate.german(CalendarDate.today())) || !text.contains(CalendarDate.today()), "the day as German forms write it:\n\(text)")
        tabs(h, Self.toDunningDays + 5)
        h.press(.ctrl("u"))
        text = h.type("01.01.2020")
        #expect(text.contains("⚠ Base rate since 01.01.2020 may be out of date (Bundesbank: 1 Jan, 1 Jul)"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Company settings saved"), "\(text)")
        #expect(try h.session.settings().dunning.baseRateFrom == "2020-01-01")
    }
}
