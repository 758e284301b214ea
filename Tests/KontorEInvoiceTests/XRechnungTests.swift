import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KontorEInvoice
import KontorLocale
import KontorModel
import TestSupport
import Testing

/// Every kind of invoice Kontor issues, written as XRechnung and proven
/// against the official rules: the validator runs once over all files.
@Suite("XRechnung e-invoices")
struct XRechnungTests {
    /// The invoices of every case, issued on one business, and a small business's.
    struct Cases {
        let business = try! InvoiceBusiness()
        let smallBusiness = try! InvoiceBusiness(smallBusiness: true)
        var documents: [(name: String, source: EInvoiceSource)] = []

        init() throws {
            let f = business
            let mueller = try f.customer("Müller & Söhne <Bau> GmbH", street: "Lindenallee 3", postalCode: "50667", city: "Köln",
                                         country: "DE", vatID: "DE129273398", buyerReference: "04011000-12345-03")
            let tokyo = try f.customer("東京貿易 Schäfer & Co. KG", street: "Friedrichstraße 5", postalCode: "10117", city: "Berlin",
                                       country: "DE", buyerReference: "991-33344-55")
            let rossi = try f.customer("Studio Rossi S.r.l.", street: "Via Roma 1", postalCode: "20121", city: "Milano", country: "IT",
                                       vatID: "IT12345678901")
            let vries = try f.customer("Bakkerij de Vries B.V.", street: "Damrak 1", postalCode: "1012 LG", city: "Amsterdam", country: "NL",
                                       vatID: "NL123456789B01", buyerReference: "DV-2026-17")
            let zurich = try f.customer("Käserei Zürich AG", street: "Bahnhofstrasse 1", postalCode: "8001", city: "Zürich", country: "CH",
                                        vatID: "CHE123456789", buyerReference: "KZ-4411")

            var discounted = f.line(f.coffee, 10)
            discounted.discountCents = 1_250
            discounted.discountReason = "Mengenrabatt 10 %"
            let mixed = try f.issue(mueller, [discounted, f.line(f.grinder, 2)])
            documents.append(("19 % and 7 % mixed, a line discount", try f.invoices.eInvoiceSource(id: mixed.id)))
            let hours = try f.issue(tokyo, [
                f.line(f.consulting, Quantity.parse("2,5")!, unit: "Std"),
                InvoiceLineInput(description: "Support <Netzwerk> & Drucker für 山田", quantity: Quantity.parse("0,75")!, unit: "Std",
                                 unitPriceCents: 8_000, vatRate: .standard),
            ], delivery: nil, period: ("2026-10-01", "2026-10-31"))
            documents.append(("hours with decimals, service period, & < umlauts CJK", try f.invoices.eInvoiceSource(id: hours.id)))
            let reverse = try f.issue(rossi, [f.line(f.consulting, Quantity.parse("3,5")!, unit: "Std")], orderReference: "PO-7781")
            documents.append(("reverse charge to an EU business", try f.invoices.eInvoiceSource(id: reverse.id)))
            let intra = try f.issue(vries, [f.line(f.coffee, 40), f.line(f.grinder, 3)])
            documents.append(("intra-community supply of goods", try f.invoices.eInvoiceSource(id: intra.id)))
            let export = try f.issue(zurich, [f.line(f.grinder, 5)])
            documents.append(("export to Switzerland", try f.invoices.eInvoiceSource(id: export.id)))
            let abroad = try f.issue(zurich, [f.line(f.consulting, 8, unit: "Std")])
            documents.append(("a service to a Swiss business, not subject to German VAT", try f.invoices.eInvoiceSource(id: abroad.id)))
            let cancelled = try f.invoices.cancel(mixed.id, reason: "Falsche Menge", on: "2026-11-05",
                                                  expectedVersion: try f.invoices.eInvoiceSource(id: mixed.id).invoice.version, by: f.alice)
            documents.append(("credit note", try f.invoices.eInvoiceSource(id: cancelled.id)))

            let s = smallBusiness
            let baker = try s.customer("Bäckerei Weiß", street: "Marktplatz 2", postalCode: "01067", city: "Dresden", country: "DE",
                                       buyerReference: "BW-1")
            let small = try s.issue(baker, [s.line(s.coffee, 4), s.line(s.consulting, Quantity.parse("1,5")!, unit: "Std")])
            documents.append(("small business (§ 19 UStG)", try s.invoices.eInvoiceSource(id: small.id)))

            var maintenance = InvoiceLineInput(description: "Wartung Kaffeevollautomat", quantity: 3, unit: "Mon", unitPriceCents: 4_500)
            maintenance.periodStart = "2026-08-01"
            maintenance.periodEnd = "2026-10-31"
            let terms = try f.issue(mueller, [f.line(f.coffee, 20), f.line(f.grinder, 1), maintenance], allowances: [
                InvoiceAllowanceInput(isCharge: false, percentBP: 500, reason: "Treuerabatt", vatRate: .standard),
                InvoiceAllowanceInput(isCharge: true, amountCents: 490, reason: "Versandkosten", vatRate: .reduced),
            ], skonto: .terms(SkontoTerms(percentBP: 200, days: 10)))
            documents.append(("document discount and surcharge, Skonto, a line's own period", try f.invoices.eInvoiceSource(id: terms.id)))
            let termsCredit = try f.invoices.cancel(terms.id, on: "2026-11-06", expectedVersion: terms.version, by: f.alice)
            documents.append(("credit note of discounts and surcharges", try f.invoices.eInvoiceSource(id: termsCredit.id)))
            let skonto = try f.issue(mueller, [f.line(f.grinder, 2)], skonto: .terms(SkontoTerms(percentBP: 200, days: 10)))
            let paid = try f.invoices.recordPayment(to: skonto.id, amountCents: skonto.grossCents - skonto.skontoCents,
                                                    paidOn: skonto.issueDate!, takingSkonto: true, by: f.alice)
            let skontoCredit = try f.invoices.cancel(skonto.id, on: paid.issueDate!, expectedVersion: paid.version, by: f.alice)
            documents.append(("credit note of an invoice paid less Skonto", try f.invoices.eInvoiceSource(id: skontoCredit.id)))
        }
    }

    @Test func theCategoriesAreTheOnesTheLawAsks() throws {
        let cases = try Cases()
        let categories = cases.documents.map { ($0.name, Set($0.source.lines.map(\.taxCategory.code)).sorted()) }
        #expect(categories.map(\.1) == [["S"], ["S"], ["AE"], ["K"], ["G"], ["O"], ["S"], ["E"], ["S"], ["S"], ["S"]], "\(categories)")
        let mixed = cases.documents[0].source
        #expect(mixed.lines.map(\.netCents) == [11_250, 17_980])
        #expect(mixed.invoice.vatCents == 788 + 3_416)
        let hours = cases.documents[1].source
        #expect(hours.lines.map(\.quantity.description) == ["2,5", "0,75"])
        #expect(hours.lines.map(\.netCents) == [23_750, 6_000])
        #expect(hours.lines.map(\.unitCode) == [.hour, .hour])
        #expect(cases.documents[2].source.lines[0].vatExemption.contains("Steuerschuldnerschaft des Leistungsempfängers"))
        #expect(cases.documents[3].source.lines[0].vatExemption.contains("Steuerfreie innergemeinschaftliche Lieferung"))
        #expect(cases.documents[7].source.lines[0].vatExemption.contains("§ 19 UStG"))
        #expect(cases.documents[7].source.invoice.vatCents == 0)
    }

    @Test func everyCaseInBothSyntaxesPassesTheOfficialValidator() throws {
        let cases = try Cases()
        let folder = cases.business.folder.appendingPathComponent("einvoices")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [URL] = []
        for (index, document) in cases.documents.enumerated() {
            for syntax in EInvoiceSyntax.allCases {
                let data = try EInvoiceExport.document(document.source, syntax: syntax)
                let url = folder.appendingPathComponent("\(index + 1)-" + EInvoiceExport.fileName(document.source.invoice.number!, syntax: syntax))
                try data.write(to: url)
                files.append(url)
            }
        }
        guard OfficialValidator.ready() else { return }
        let result = OfficialValidator.validate(files)
        print(result.output)
        #expect(result.status == 0, "\(result.output)")
        for file in files {
            #expect(result.verdicts[file.lastPathComponent] == "PASS", "\(file.lastPathComponent): \(result.output)")
        }
        #expect(!result.findings.contains { $0.contains("[fatal]") || $0.contains("[error]") }, "\(result.findings)")
    }

    @Test func discountsSurchargesSkontoAndLinePeriodsAreWrittenAndSummed() throws {
        let cases = try Cases()
        let source = cases.documents[8].source
        let totals = source.totals
        // 20 × coffee and the maintenance at 7 % / 19 %: the discount is 5 % of the 19 % lines, the surcharge at 7 %.
        #expect(source.allowances.count == 2)
        #expect(totals.netCents == totals.linesNetCents - totals.allowancesCents + totals.chargesCents)
        #expect(totals.chargesCents == 490)
        #expect(source.invoice.netCents == totals.netCents)
        let ubl = String(decoding: try EInvoiceExport.document(source, syntax: .ubl), as: UTF8.self)
        #expect(ubl.contains("#SKONTO#TAGE=10#PROZENT=2.00#\n"))
        #expect(ubl.contains("<cbc:AllowanceChargeReason>Treuerabatt</cbc:AllowanceChargeReason>"))
        // Typed as 5 %: the percentage and the lines it was taken of (BT-94, BT-93); the surcharge typed as an amount names neither.
        let discount = source.allowances[0], base = source.lines.filter { $0.vatRate == .standard }.reduce(0) { $0 + $1.netCents }
        #expect(discount.amountCents == Money.share(500, of: base))
        #expect(ubl.contains("<cbc:MultiplierFactorNumeric>5</cbc:MultiplierFactorNumeric>"))
        #expect(ubl.contains("<cbc:BaseAmount currencyID=\"EUR\">\(Self.amount(base))</cbc:BaseAmount>"))
        #expect(ubl.components(separatedBy: "<cbc:BaseAmount").count == 2)
        #expect(ubl.contains("<cbc:AllowanceTotalAmount currencyID=\"EUR\">\(Self.amount(totals.allowancesCents))</cbc:AllowanceTotalAmount>"))
        #expect(ubl.contains("<cbc:StartDate>2026-08-01</cbc:StartDate>"))
        let cii = String(decoding: try EInvoiceExport.document(source, syntax: .cii), as: UTF8.self)
        #expect(cii.contains("<ram:ChargeTotalAmount>4.90</ram:ChargeTotalAmount>"))
        #expect(cii.contains("<ram:CalculationPercent>5</ram:CalculationPercent>"))
        #expect(cii.contains("<ram:BasisAmount>\(Self.amount(base))</ram:BasisAmount>"))
        #expect(cii.contains("<udt:DateTimeString format=\"102\">20261031</udt:DateTimeString>"))
        // The credit note takes them back: the same amounts, positive in the document, negative as stored.
        let credit = cases.documents[9].source
        #expect(credit.allowances.map(\.amountCents) == source.allowances.map { -$0.amountCents })
        #expect(credit.invoice.grossCents == -source.invoice.grossCents)
        #expect(credit.invoice.skonto == nil)
    }

    @Test func escapingIsTheLibrarysAndTextArrivesWhole() throws {
        let cases = try Cases()
        let source = cases.documents[1].source
        let xml = String(decoding: try EInvoiceExport.document(source, syntax: .ubl), as: UTF8.self)
        #expect(xml.contains("東京貿易 Schäfer &amp; Co. KG"))
        #expect(xml.contains("Support &lt;Netzwerk&gt; &amp; Drucker für 山田"))
        #expect(xml.contains("<cbc:InvoicedQuantity unitCode=\"HUR\">2.5</cbc:InvoicedQuantity>"))
        #expect(xml.contains("<cbc:StartDate>2026-10-01</cbc:StartDate>"))
        let back = try XMLDocument(data: Data(xml.utf8))
        #expect(try back.nodes(forXPath: "//*[local-name()='RegistrationName']").map { $0.stringValue ?? "" }
            .contains("Kaffee & Co. <Rösterei> GmbH"))
    }

    @Test func aCreditNoteNamesTheInvoiceItCorrectsWithPositiveAmounts() throws {
        let cases = try Cases()
        let note = cases.documents[6].source
        let xml = String(decoding: try EInvoiceExport.document(note, syntax: .ubl), as: UTF8.self)
        #expect(xml.contains("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""))
        #expect(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))
        #expect(xml.contains("<cbc:ID>\(cases.documents[0].source.invoice.number!)</cbc:ID>"))
        // The invoice was open: the credit note set it off whole, and owes nothing back.
        #expect(xml.contains("<cbc:TaxInclusiveAmount currencyID=\"EUR\">\(Self.amount(-note.invoice.grossCents))</cbc:TaxInclusiveAmount>"))
        #expect(xml.contains("<cbc:PrepaidAmount currencyID=\"EUR\">\(Self.amount(-note.invoice.grossCents))</cbc:PrepaidAmount>"))
        #expect(xml.contains("<cbc:PayableAmount currencyID=\"EUR\">0.00</cbc:PayableAmount>"))
        #expect(!xml.contains(">-"))
    }

    /// Paid less Skonto, then cancelled: the credit note is for the whole
    /// gross, and owes back what was paid, as its print says; the Skonto
    /// not refunded is its paid amount, in both syntaxes.
    @Test func aCreditNoteAfterSkontoOwesWhatItsPrintSays() throws {
        let cases = try Cases()
        let note = cases.documents[10].source
        let gross = -note.invoice.grossCents
        let owed = try cases.business.invoices.sheet(for: note.invoice.id).payments.last!
        let skonto = note.setOffCents
        #expect(skonto < 0 && -skonto < gross / 10)
        let ubl = String(decoding: try EInvoiceExport.document(note, syntax: .ubl), as: UTF8.self)
        #expect(ubl.contains("<cbc:TaxInclusiveAmount currencyID=\"EUR\">\(Self.amount(gross))</cbc:TaxInclusiveAmount>"))
        #expect(ubl.contains("<cbc:PrepaidAmount currencyID=\"EUR\">\(Self.amount(-skonto))</cbc:PrepaidAmount>"))
        #expect(ubl.contains("<cbc:PayableAmount currencyID=\"EUR\">\(Self.amount(gross + skonto))</cbc:PayableAmount>"))
        #expect(owed.amount == Money.format(cents: gross + skonto))
        let cii = String(decoding: try EInvoiceExport.document(note, syntax: .cii), as: UTF8.self)
        #expect(cii.contains("<ram:TotalPrepaidAmount>\(Self.amount(-skonto))</ram:TotalPrepaidAmount>"))
        #expect(cii.contains("<ram:DuePayableAmount>\(Self.amount(gross + skonto))</ram:DuePayableAmount>"))
    }

    @Test func whatBreaksARuleIsRefusedByItsIDAndNothingIsWritten() throws {
        let f = try InvoiceBusiness()
        let noReference = try f.customer("Ohne Referenz GmbH", street: "Weg 1", postalCode: "10115", city: "Berlin", country: "DE")
        let invoice = try f.issue(noReference, [f.line(f.grinder, 1)])
        let out = f.folder.appendingPathComponent("out")
        #expect { try EInvoiceExport.write(numbers: [invoice.number!], syntax: .ubl, to: out, from: f.invoices) } throws: { error in
            // Issued: the buyer's data are the invoice's, so the way out is a credit note, not the customer's record.
            "\(error)".contains("BR-DE-15: the buyer reference (BT-10") && "\(error)".contains("was issued without one, which cannot change: cancel it by credit note")
                && !"\(error)".contains("set the customer's buyer reference, or give")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // In German, in German: the rule's id, then what to do.
        Language.$scoped.withValue(.german) {
            #expect { try EInvoiceExport.write(numbers: [invoice.number!], syntax: .ubl, to: out, from: f.invoices) } throws: { error in
                "\(error)".contains("\(invoice.number!) kann keine E-Rechnung werden: BR-DE-15: die Käuferreferenz (BT-10")
            }
        }
        #expect { try EInvoiceExport.write(numbers: ["2026-99999"], syntax: .ubl, to: out, from: f.invoices) } throws: { error in
            "\(error)".contains("no invoice or credit note is numbered 2026-99999") && !"\(error)".contains("none of the")
        }
        // With a good one beside it: neither is written, and that is said.
        let good = try f.issue(f.customer("Mit Referenz GmbH", street: "Weg 2", postalCode: "10115", city: "Berlin", country: "DE",
                                          buyerReference: "04011000-12345-67"), [f.line(f.grinder, 1)])
        #expect { try EInvoiceExport.write(numbers: [good.number!, invoice.number!], syntax: .ubl, to: out, from: f.invoices) } throws: { error in
            "\(error)".contains("BR-DE-15") && "\(error)".contains("none of the 2 e-invoices was written")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    static func amount(_ cents: Int) -> String { String(format: "%d.%02d", cents / 100, cents % 100) }
}
