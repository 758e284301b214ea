import Foundation
@testable import KontorApp
@testable import KontorModel
import KontorUI
import TestSupport
import Testing

/// The open items (OP-Liste) from the Invoices screen: what is open as of
/// today adds up to the customers' balances; another day, the CSV, and
/// Enter to the document.
@MainActor
@Suite("Open items on the screen")
struct OpenItemsScreenTests {
    @Test func theOpenItemsShowWhatIsOpenAsOfADayAndAddUpToTheBalances() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        let data = try h.seedInvoices()
        let overdue = try h.invoice(data.overdue.id) // Müller GmbH, 106,98, issued 05.01.2026
        let open = try h.invoice(data.open.id)       // Weiß Logistik AG, 238,00, issued today
        try h.database.invoices.recordPayment(to: overdue.id, amountCents: 5_000, paidOn: "2026-02-01", by: data.carol)

        h.press(.char("4"))
        var text = h.press(.char("o"))
        #expect(text.contains("Open items as of \(CalendarDate.german(CalendarDate.today())): 2"), "\(text)")
        #expect(text.contains(overdue.number!) && text.contains("56,98"), "\(text)")
        #expect(text.contains(open.number!) && text.contains("238,00"), "\(text)")
        let balances = try [overdue.customerID, open.customerID].map { try h.database.invoices.balance(of: $0).openCents }.reduce(0, +)
        #expect(balances == 5_698 + 23_800)
        #expect(text.contains("Total \(Money.format(cents: balances)) EUR"), "\(text)")
        // The list's moving keys: G to the last item, g back to the first.
        h.press(.char("G"))
        #expect(h.cursorLine?.contains(open.number!) == true || h.cursorLine?.contains(overdue.number!) == true, "\(h.cursorLine ?? "")")
        let last = h.cursorLine
        h.press(.char("g"))
        #expect(h.cursorLine != last, "g goes back to the first item")

        // As of 15.01.2026: the overdue invoice whole, the other not yet issued.
        // The field shows the day as the screen writes it; typing replaces it.
        text = h.press(.char("d"))
        #expect(text.contains(CalendarDate.german(CalendarDate.today())), "\(text)")
        h.type("15.01.2026")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Open items as of 15.01.2026: 1"), "\(text)")
        #expect(text.contains("106,98") && !text.contains(open.number!), "\(text)")
        #expect(text.contains("Total 106,98 EUR"), "\(text)")

        text = h.press(.char("w"))
        #expect(text.contains("Wrote 1 open items to"), "\(text)")
        let written = h.folder.appendingPathComponent("exports/open-items-2026-01-15.csv").path
        #expect(FileManager.default.fileExists(atPath: written) || text.contains("open-items-2026-01-15.csv"), "\(text)")

        text = h.press(.enter)
        #expect(!text.contains("Open items as of"), "\(text)")
        #expect(text.contains(overdue.number!) && text.contains("Müller GmbH"), "\(text)")
        // Esc comes back to the list as it was, not to the invoices.
        text = h.press(.escape)
        #expect(text.contains("Open items as of 15.01.2026: 1"), "\(text)")
    }

    @Test func theFrontOfficeIsToldWhoMaySeeThem() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        let app = App(session: h.bob, theme: .fallback)
        let size = Size(width: 120, height: 30)
        for key in [Key.char("4"), .char("o")] {
            _ = app.frame(size: size)
            app.handle(key)
        }
        let text = app.frame(size: size).0.text
        #expect(text.contains("o open items — back office, managers and admins only"), "\(text)")
        #expect(!text.contains("Open items as of"), "\(text)")
    }
}

/// The tax advisor's numbers in the company settings (`S` on Invoices),
/// as `kontor settings --set datev-…` sets them.
@MainActor
@Suite("DATEV settings on the screen")
struct DATEVSettingsScreenTests {
    @Test func anAdminSetsTheAdvisorsNumbersWithTheModelsVerdictBesideTheField() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        h.press(.char("4"))
        var text = h.press(.char("S"))
        #expect(text.contains("Company settings"), "\(text)")
        // The first DATEV field follows the 18 of the company and the 6 of the dunning terms.
        h.press(Array(repeating: .tab, count: 24))
        h.type("999")
        h.press(.tab)
        h.type("10001")
        h.press(.tab, .ctrl("u"))
        h.type("07-01")
        h.press(.tab, .ctrl("u"))
        h.type("skr04")
        text = h.press(.ctrl("s"))
        #expect(text.contains("must be 1001 to 9999999"), "\(text)")
        #expect(try h.session.settings().datev.consultant == nil)
        h.press(.ctrl("u"))
        h.type("1234567")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Company settings saved"), "\(text)")
        let datev = try h.session.settings().datev
        #expect(datev == DATEVSettings(consultant: 1_234_567, client: 10_001, fiscalYearStart: MonthDay(month: 7, day: 1), chart: .skr04,
                                       accountLength: 4))
    }
}
