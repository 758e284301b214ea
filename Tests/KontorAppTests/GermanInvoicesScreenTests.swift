import Foundation
@testable import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The Invoices screen in German at 80×24: the list, a record, a form, a
/// question, the help, and a choice typed in German.
@MainActor
@Suite("Invoices in German")
struct GermanInvoicesScreenTests {
    @Test func theListSpeaksGerman() throws {
        let h = try ScreenHarness(language: .german)
        _ = try h.seedInvoices()
        let text = h.press(.char("4"))
        for word in ["[Alle]", "Entwürfe", "Offen", "Überfällig", "Bezahlt", "Storniert", "Gutschriften",
                     "Nummer", "Kunde", "Datum", "Fällig", "Brutto", "Status", "Entwurf", "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        #expect(text.contains("Überf. "), "\(text)") // the overdue invoice, in the narrow status column
        #expect(text.contains("Rechnungen"), "\(text)")
        let open = h.press(.char("v"), .char("v"))
        #expect(open.contains("[Offen]") && open.contains("offen "), "\(open)")
    }

    @Test func aRecordAndItsHelpSpeakGerman() throws {
        let h = try ScreenHarness(language: .german)
        _ = try h.seedInvoices()
        let text = h.openInvoice("2026-00001")
        for word in ["Rechnung 2026-00001", "Tage überfällig", "Rechnungssteller", "Rechnungsempfänger", "USt-IdNr.", "Ausgestellt 05.01.2026",
                     "Beschreibung", "Menge", "Preis", "Netto", "Brutto", "Restbetrag", "Zahlung", "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        let help = h.press(.char("?"))
        for word in ["Eine Zahlung erfassen, teilweise oder voll", "Durch eine Gutschrift über den ganzen Betrag stornieren", "Zum Kunden wechseln"] {
            #expect(help.contains(word), "\(word) missing:\n\(help)")
        }
        #expect(!help.contains("Record a payment"), "\(help)")
    }

    @Test func aPaymentFormTakesTheMethodInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let data = try h.seedInvoices()
        h.openInvoice("2026-00002")
        var text = h.press(.char("r"))
        for word in ["Zahlung zu 2026-00002", "Betrag", "Bezahlt am", "Zahlungsart", "Überweisung", "Referenz"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        h.press(.ctrl("u"))
        h.type("100")
        // A day typed in words says which day it is.
        h.press(.tab, .ctrl("u"))
        text = h.type("gestern")
        let yesterday = try #require(CalendarDate.adding(days: -1, to: CalendarDate.today()))
        Language.$scoped.withValue(.german) {
            #expect(text.contains("= " + Format.dayWithWeekday(yesterday)), "\(text)")
            #expect(Format.dayWithWeekday("2026-12-07") == "Mo 07.12.2026")
        }
        h.press(.ctrl("u"))
        h.type("heute")
        h.press(.tab)
        text = h.type("bar")
        #expect(text.contains("bar"), "\(text)")
        h.press(.tab)
        h.type("Beleg 1")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Zahlung über 100,00 erfasst · Restbetrag 138,00 EUR"), "\(text)")
        #expect(try h.database.invoices.payments(of: data.open.id).first?.method == .cash)
        // Its reference quoted as German quotes.
        #expect(text.contains("„Beleg 1“") && !text.contains("“Beleg 1”"), "\(text)")
    }

    @Test func theIssueQuestionAndAFreeTextLineSpeakGerman() throws {
        let h = try ScreenHarness(language: .german)
        let data = try h.seedInvoices()
        var text = h.openInvoice("Schäfer")
        #expect(text.contains("Rechnungsentwurf #\(data.draft.id)"), "\(text)")
        #expect(text.contains("ausstellen"), "\(text)")
        text = h.press(.char("i"))
        #expect(text.contains("Rechnung ausstellen") && text.contains("Entwurf behalten"), "\(text)")
        h.press(.char("n"))
        text = h.press(.char("t"))
        for word in ["Neue Position auf Entwurf #\(data.draft.id)", "Beschreibung", "Menge", "Einzelpreis", "USt.-Satz %"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
    }

    @Test func aDiscountIsChosenInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: .german)
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        var text = h.press(.char("%"))
        #expect(text.contains("Rabatt oder Zuschlag auf Entwurf #\(data.draft.id) insgesamt"), "\(text)")
        text = h.type("Zuschlag")
        h.press(.tab)
        h.type("4,90")
        h.press(.tab)
        h.type("Versand")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Zuschlag hinzugefügt · brutto jetzt"), "\(text)")
        #expect(try h.database.invoices.allowances(of: data.draft.id).first?.isCharge == true)
    }

    @Test func theCompanySettingsFitInGerman() throws {
        let h = try ScreenHarness(language: .german)
        _ = try h.seedInvoices()
        h.press(.char("4"))
        let text = h.press(.char("S"))
        for word in ["Firmeneinstellungen", "Firmenname", "Anschrift", "USt-IdNr.", "Steuernummer", "Bankverbindung", "Zahlungsziel"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        // A choice shows its German: § 19 UStG "nein", the invoice language "Deutsch".
        #expect(text.contains("nein") && text.contains("Deutsch"), "\(text)")
    }
}
