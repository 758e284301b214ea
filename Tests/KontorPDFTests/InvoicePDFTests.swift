import Foundation
import GRDB
import KontorModel
import KontorPDF
import Testing

/// Invoices printed as PDF from a real database and read back with
/// poppler's `pdftotext`, as a tax office or a customer's bookkeeping
/// would read them.
@Suite("Invoices as PDF")
struct InvoicePDFTests {
    /// pdftotext -layout keeps columns apart with runs of spaces; the
    /// particulars are searched in the text with every run made one space,
    /// and "7 %" as "7%" (pdftotext keeps the narrow gap or drops it, by
    /// where the column stands).
    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ").replacingOccurrences(of: " %", with: "%")
    }

    static func contains(_ text: String, _ particular: String) -> Bool {
        text.contains(particular.replacingOccurrences(of: " %", with: "%"))
    }

    @Test func everyParticularTheLawAsksForCanBeReadBack() throws {
        let f = try PDFFixture()
        let buyer = try f.customer("Müller & Söhne <Feinkost> GmbH")
        let invoice = try f.issue(buyer, [f.line(f.coffee, 10), f.line(f.grinder, 2),
                                          f.line(f.consulting, Quantity.parse("2,5")!, unit: "Std")], orderReference: "PO-4711")
        let text = Self.words(try Poppler.text(try f.pdf(of: invoice.id)))
        let number = try #require(invoice.number)
        let particulars = [
            // The seller, its address and VAT id and tax number.
            "Kaffee & Co. <Rösterei> GmbH", "Speicherstraße 12", "20457 Hamburg", "USt-IdNr.: DE136695976", "Steuernummer: 27/123/45678",
            // The buyer, with the return address above it.
            "Müller & Söhne <Feinkost> GmbH", "Großer Burstah 7", "Kaffee & Co. <Rösterei> GmbH · Speicherstraße 12 · 20457 Hamburg",
            // Number, issue date, date of supply, customer number, order.
            "Rechnung \(number)", "Rechnungsnummer \(number)", "Rechnungsdatum 02.11.2026", "Lieferdatum 30.10.2026",
            "Kundennummer \(buyer.id)", "Ihre Bestellung PO-4711",
            // Quantities, units, descriptions, prices, amounts.
            "Kaffee Crema 500 g 10 Stk 12,50 7 % 125,00", "Kaffeemühle 2 Stk 89,90 19 % 179,80", "Beratung 2,5 Std 95,00 19 % 237,50",
            // Net per rate, the rate, the VAT, the totals.
            "Netto 19 % 417,30", "USt 19 % auf 417,30 79,29", "Netto 7 % 125,00", "USt 7 % auf 125,00 8,75",
            "Summe netto 542,30", "Summe USt 88,04", "Gesamtbetrag EUR 630,34",
            // Payment terms and the account.
            "Bitte zahlen Sie bis zum", "IBAN DE02 2005 0550 1015 8713 93", "BIC HASPDEHHXXX", "Hamburger Sparkasse",
            "Seite 1 von 1",
        ]
        for particular in particulars {
            #expect(Self.contains(text, particular), "missing \(particular) in \(text)")
        }
    }

    @Test func documentDiscountsSurchargesSkontoAndALinesPeriodAreThere() throws {
        let f = try PDFFixture()
        var grinder = f.line(f.grinder, 2)
        grinder.periodStart = "2026-08-01"
        grinder.periodEnd = "2026-10-31"
        var draft = try f.invoices.createDraft(customerID: try f.customer("Café Übersee").id, lines: [f.line(f.coffee, 10), grinder], by: f.alice)
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, percentBP: 1_000, reason: "Treuerabatt",
                                                                                 vatRate: .standard), expectedVersion: draft.version, by: f.alice)
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: true, amountCents: 490, reason: "Versandkosten",
                                                                                 vatRate: .reduced), expectedVersion: draft.version, by: f.alice)
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", skonto: .terms(SkontoTerms(percentBP: 200, days: 10)),
                                          expectedVersion: draft.version, by: f.alice)
        let text = Self.words(try Poppler.text(try f.pdf(of: issued.id)))
        // 19 %: 179,80 − 17,98 = 161,82, VAT 30,75; 7 %: 125,00 + 4,90 = 129,90, VAT 9,09.
        for particular in ["Leistungszeitraum: 01.08.2026 bis 31.10.2026", "Summe Positionen 304,80",
                           "abzgl. Nachlass: 10 % Treuerabatt (19 %) -17,98", "zzgl. Zuschlag: Versandkosten (7 %) 4,90",
                           "Netto 19 % 161,82", "USt 19 % auf 161,82 30,75", "Netto 7 % 129,90", "USt 7 % auf 129,90 9,09",
                           "Gesamtbetrag EUR 331,56",
                           "Bei Zahlung bis zum 12.11.2026 gewähren wir 2 % Skonto (\(Money.format(cents: issued.skontoCents)) €)."] {
            #expect(Self.contains(text, particular), "missing \(particular) in \(text)")
        }
    }

    @Test func aLinesDiscountIsTakenOffItsAmountOnceInTheColumn() throws {
        let f = try PDFFixture()
        var coffee = f.line(f.coffee, 10)
        coffee.discountCents = 277
        coffee.discountReason = "Treue"
        let draft = try f.invoices.createDraft(customerID: try f.customer("Café Übersee").id, lines: [coffee], by: f.alice)
        let gross = 10 * Money.parse(f.coffee.fields.price)!
        let text = Self.words(try Poppler.text(try f.pdf(of: draft.id)))
        // The line at quantity × price, the discount under it: the column sums to the net.
        #expect(Self.contains(text, Money.format(cents: gross)), "\(text)")
        #expect(Self.contains(text, "abzgl. Rabatt: Treue -2,77"), "\(text)")
        #expect(Self.contains(text, "Summe Positionen \(Money.format(cents: gross - 277))") || Self.contains(text, "Netto 7 % \(Money.format(cents: gross - 277))"), "\(text)")
    }

    @Test func theFileIsA4WithTheInvoiceNumberAsTitle() throws {
        let f = try PDFFixture()
        let invoice = try f.issue(try f.customer("Bäckerei Weiß"), [f.line(f.coffee, 1)])
        let url = try f.pdf(of: invoice.id)
        #expect(url.lastPathComponent == "\(invoice.number!).pdf")
        let info = try Poppler.info(url)
        #expect(info["Page size"] == "595.28 x 841.89 pts (A4)", "\(info)")
        #expect(info["Title"] == invoice.number)
        #expect(info["Creator"] == "Kontor")
        #expect(info["Author"] == "Kaffee & Co. <Rösterei> GmbH")
        #expect(info["Pages"] == "1")
    }

    @Test func aCreditNoteSaysWhatItIsAndWhichInvoiceItCorrects() throws {
        let f = try PDFFixture()
        let invoice = try f.issue(try f.customer("Jäger Feinkost"), [f.line(f.grinder, 1)])
        let credit = try f.invoices.cancel(invoice.id, reason: "Falsche Menge", on: "2026-11-05", expectedVersion: invoice.version, by: f.alice)
        let text = Self.words(try Poppler.text(try f.pdf(of: credit.id)))
        #expect(text.contains("Rechnungskorrektur (Stornorechnung) \(credit.number!)"), "\(text)")
        #expect(text.contains("zu Rechnung \(invoice.number!) vom 02.11.2026"), "\(text)")
        #expect(text.contains("Storno zu Rechnung \(invoice.number!)"), "\(text)")
        #expect(text.contains("Gesamtbetrag EUR -106,98"), "\(text)")
        // What was cancelled prints as it was issued: the credit note is the document that cancels it.
        let original = Self.words(try Poppler.text(try f.pdf(of: invoice.id)))
        #expect(!original.contains("aufgehoben") && original.contains("Bitte zahlen Sie bis zum"), "\(original)")
    }

    @Test func aPartPaidInvoiceCancelledShowsWhatIsOwedBackAsTheTextPrintDoes() throws {
        let f = try PDFFixture()
        let invoice = try f.issue(try f.customer("Jäger Feinkost"), [f.line(f.grinder, 1)])
        let paid = try f.invoices.recordPayment(to: invoice.id, amountCents: 5_000, paidOn: "2026-11-03", by: f.alice)
        let credit = try f.invoices.cancel(invoice.id, on: "2026-11-05", expectedVersion: paid.version, by: f.alice)
        // The credit note: every line of its set-off block and the refund sentence, as the text print has them.
        let pdf = Self.words(try Poppler.text(try f.pdf(of: credit.id)))
        let printed = try f.invoices.document(for: credit.id).text.split(separator: "\n").map { Self.words(String($0)) }
        let money = printed.filter { ["Verrechnet mit", "Guthaben", "erstatten wir"].contains(where: $0.contains) }
        #expect(money.count >= 3, "\(printed)")
        for line in money { #expect(Self.contains(pdf, line), "missing \(line) in \(pdf)") }
        #expect(pdf.contains("Den Betrag von 50,00 EUR erstatten wir Ihnen."), "the 50,00 paid is owed back to the customer")
        // The invoice, paid in part and cancelled, prints as issued, in the PDF as in the text.
        let original = Self.words(try Poppler.text(try f.pdf(of: invoice.id)))
        #expect(!original.contains("Bezahlt am") && !original.contains("Verrechnet mit"), "\(original)")
    }

    @Test func reverseChargeNamesBothVATIdsAndTheReason() throws {
        let f = try PDFFixture()
        let rossi = try f.customer("Studio Rossi S.r.l.", street: "Via Roma 1", postalCode: "20121", city: "Milano", country: "IT",
                                   vatID: "IT12345678901")
        let invoice = try f.issue(rossi, [f.line(f.consulting, Quantity.parse("3,5")!, unit: "Std")])
        let text = Self.words(try Poppler.text(try f.pdf(of: invoice.id)))
        for particular in ["USt-IdNr. des Kunden IT12345678901", "USt-IdNr.: DE136695976", "Steuerschuldnerschaft des Leistungsempfängers",
                           "Beratung 3,5 Std 95,00 AE 332,50", "Gesamtbetrag EUR 332,50", "Via Roma 1", "20121 Milano"] {
            #expect(Self.contains(text, particular), "missing \(particular) in \(text)")
        }
    }

    @Test func aLongInvoiceBreaksAcrossNumberedPagesWithTheTableHeadOnEach() throws {
        let f = try PDFFixture()
        let lines = (1...120).map { index in
            InvoiceLineInput(description: String(format: "Posten %03d: Rohkaffee Äthiopien Yirgacheffe, handverlesen, schonend geröstet, ", index)
                             + (index % 3 == 0 ? "mit Aromaschutzventil und Lieferung frei Haus an die Filiale" : "Sack"),
                             quantity: 1, unit: "Stk", unitPriceCents: 1_000 + index, vatRate: .reduced)
        }
        let invoice = try f.issue(try f.customer("Großhandel Süß & Sauer"), lines)
        let url = try f.pdf(of: invoice.id)
        let pages = try #require(Int(try Poppler.info(url)["Pages"] ?? ""))
        #expect(pages >= 3, "120 lines fit on \(pages) pages")
        var seen: [Int] = []
        for page in 1...pages {
            let text = try Poppler.text(url, page: page)
            #expect(text.contains("Seite \(page) von \(pages)"), "page \(page): \(text)")
            #expect(text.contains("USt-IdNr.: DE136695976"), "the footer on page \(page)")
            let rows = text.matches(of: /Posten (\d{3}):/).map { Int($0.1)! }
            if !rows.isEmpty {
                #expect(text.contains("Bezeichnung") && text.contains("Einzelpreis"), "the table's head on page \(page)")
            }
            seen += rows
        }
        #expect(seen == Array(1...120), "every line once, in order: \(seen)")
        let last = Self.words(try Poppler.text(url, page: pages))
        #expect(last.contains("Gesamtbetrag EUR"), "\(last)")
    }

    @Test func escapeSequencesInANameArePrintedAsSymbols() throws {
        let f = try PDFFixture()
        let customer = try f.customer("Placeholder")
        let hostile = "Evil\u{1B}[31mRED\u{07}\rX\u{1B}]0;pwned\u{07} GmbH"
        // As a raw import could store it, past the form's validation.
        try DatabaseQueue(path: f.database.path).write { db in
            try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ?", arguments: [hostile, customer.id])
        }
        let draft = try f.invoices.createDraft(customerID: customer.id, lines: [f.line(f.coffee, 1)], by: f.alice)
        let url = try f.pdf(of: draft.id)
        #expect(url.lastPathComponent == "draft-\(draft.id).pdf")
        let text = try Poppler.text(url)
        #expect(text.contains("Evil␛[31mRED␇␍X␛]0;pwned␇ GmbH"), "\(text)")
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\u{0C}") || $0.value == 0x7F })
        #expect(Self.words(text).contains("Rechnungsentwurf"), "\(text)")
    }

    @Test func chineseJapaneseAndKoreanAreDrawnWithAFontThatHasThem() throws {
        let f = try PDFFixture()
        let invoice = try f.issue(try f.customer("大阪貿易有限会社 서울상사 Müller"), [f.line(f.grinder, 1)])
        let url = try f.pdf(of: invoice.id)
        let fonts = try Poppler.fonts(url)
        #expect(fonts.contains { $0.contains("WenQuanYi") } && fonts.contains { $0.contains("DejaVuSans") }, "\(fonts)")
        let text = try Poppler.text(url)
        #expect(text.contains("大阪貿易有限会社 서울상사 Müller"), "\(text)")
    }

    @Test func englishInvoicesUseEnglishWords() throws {
        let f = try PDFFixture(language: .en)
        let invoice = try f.issue(try f.customer("東京貿易 Schäfer & Co. KG"), [f.line(f.grinder, 1)])
        let text = Self.words(try Poppler.text(try f.pdf(of: invoice.id)))
        // CJK has no glyphs in DejaVu Sans but is still there to be read.
        for particular in ["Invoice \(invoice.number!)", "Issue date 2026-11-02", "東京貿易 Schäfer & Co. KG", "Gross total EUR 106,98", "Page 1 of 1"] {
            #expect(Self.contains(text, particular), "missing \(particular) in \(text)")
        }
    }
}
