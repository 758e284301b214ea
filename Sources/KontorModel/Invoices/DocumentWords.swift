/// The words of a printed invoice, in German (the default: German customers
/// and tax offices read German invoices) or English (a company setting,
/// `invoice.language = en`). Only the document's own words change; names,
/// descriptions and reasons print as they were written.
public struct DocumentWords: Sendable {
    public enum Language: String, Sendable, CaseIterable {
        case de, en
    }

    let language: Language
    let vatID, taxNumber, customerVATID, draft, invoice, creditNote: String
    let invoiceNumber, creditNoteNumber, assignedWhenIssued, issueDate, creditNoteDate, setWhenIssued, deliveryDate, issueDateUnlessStated: String
    let servicePeriod, periodTo, dueDate, cancelsInvoice, yourReference, yourOrder: String
    let position, description, quantity, unit, unitPrice, vat, lessDiscount: String
    let netAt, vatAt, on, netTotal, vatTotal, grossTotal, zeroVAT, paidOn, balanceDue: String
    let payBy: @Sendable (String) -> String
    let bank, iban, bic, cancelledByCreditNote: String
    let linesTotal, lessAllowance, plusCharge, skontoTaken, skontoTakenBack: String
    /// The same without "less" and "plus", for a credit note, whose signs
    /// are the other way round: "less discount 7,47" on a line of -213,33
    /// read as a discount that added to the credit.
    let discountWord, allowanceWord, chargeWord: String
    /// "Bei Zahlung bis zum 12.11.2026 gewähren wir 2 % Skonto (23,32 €)." from the date, percentage and amount.
    let skontoOffer: @Sendable (_ date: String, _ percent: String, _ amount: String) -> String
    /// Money paid back, a credit note setting off an invoice (and the
    /// invoice it sets off), and what the customer is owed back.
    let refundedOn, settledByCreditNote, settlesInvoice, owedToCustomer: String
    let willRefund: @Sendable (String) -> String
    // The PDF's own words (`InvoiceSheet`): titles in the letter's case, the
    // info block, the amount column and the page numbers.
    let sheetDraft, sheetInvoice, sheetCreditNote, customerNumber, contact, phone, email, amount: String
    let salutation, invoiceIntro, creditNoteIntro: String
    let correcting: @Sendable (_ number: String, _ issued: String?) -> String
    let pageOf: @Sendable (_ page: Int, _ pages: Int) -> String

    public static func of(_ language: Language) -> DocumentWords { language == .en ? english : german }

    static let german = DocumentWords(
        language: .de, vatID: "USt-IdNr.", taxNumber: "Steuernummer", customerVATID: "USt-IdNr. des Kunden",
        draft: "ENTWURF — keine gültige Rechnung: die Rechnungsnummer wird bei der Ausstellung vergeben",
        invoice: "RECHNUNG", creditNote: "RECHNUNGSKORREKTUR / STORNORECHNUNG",
        invoiceNumber: "Rechnungsnummer", creditNoteNumber: "Korrektur-Nr.", assignedWhenIssued: "(wird bei Ausstellung vergeben)",
        issueDate: "Rechnungsdatum", creditNoteDate: "Korrekturdatum", setWhenIssued: "(bei Ausstellung)", deliveryDate: "Lieferdatum",
        issueDateUnlessStated: "(Rechnungsdatum, sofern nicht anders angegeben)",
        servicePeriod: "Leistungszeitraum", periodTo: "bis", dueDate: "Fällig am", cancelsInvoice: "Storno zu Rechnung",
        yourReference: "Ihre Referenz", yourOrder: "Ihre Bestellung",
        position: "Pos", description: "Bezeichnung", quantity: "Menge", unit: "Einh.", unitPrice: "Einzelpreis", vat: "USt",
        lessDiscount: "abzgl. Rabatt",
        netAt: "Netto", vatAt: "USt", on: "auf", netTotal: "Summe netto", vatTotal: "Summe USt", grossTotal: "Gesamtbetrag",
        zeroVAT: "0 % USt", paidOn: "Bezahlt am", balanceDue: "Offener Betrag",
        payBy: { "Bitte zahlen Sie bis zum \($0) ohne Abzug unter Angabe der Rechnungsnummer." },
        bank: "Bankverbindung", iban: "IBAN", bic: "BIC", cancelledByCreditNote: "Diese Rechnung wurde durch eine Stornorechnung aufgehoben.",
        linesTotal: "Summe Positionen", lessAllowance: "abzgl. Nachlass", plusCharge: "zzgl. Zuschlag",
        skontoTaken: "Skonto abgezogen am", skontoTakenBack: "Skonto der Rechnung, nicht erstattet,", discountWord: "Rabatt", allowanceWord: "Nachlass", chargeWord: "Zuschlag",
        skontoOffer: { "Bei Zahlung bis zum \($0) gewähren wir \($1) % Skonto (\($2) €)." },
        refundedOn: "Erstattet am", settledByCreditNote: "Verrechnet mit Stornorechnung", settlesInvoice: "Verrechnet mit Rechnung",
        owedToCustomer: "Guthaben zu Ihren Gunsten",
        willRefund: { "Den Betrag von \($0) erstatten wir Ihnen." },
        sheetDraft: "Rechnungsentwurf", sheetInvoice: "Rechnung", sheetCreditNote: "Rechnungskorrektur (Stornorechnung)",
        customerNumber: "Kundennummer", contact: "Ansprechpartner", phone: "Telefon", email: "E-Mail", amount: "Betrag",
        salutation: "Sehr geehrte Damen und Herren,", invoiceIntro: "für unsere Lieferungen und Leistungen berechnen wir Ihnen:",
        creditNoteIntro: "hiermit korrigieren wir die unten genannte Rechnung und schreiben Ihnen gut:",
        correcting: { number, issued in "zu Rechnung \(number)" + (issued.map { " vom \(CalendarDate.german($0))" } ?? "") },
        pageOf: { "Seite \($0) von \($1)" })

    static let english = DocumentWords(
        language: .en, vatID: "VAT id", taxNumber: "Tax number", customerVATID: "Customer VAT id",
        draft: "DRAFT — not a valid invoice: it has no number until it is issued",
        invoice: "INVOICE", creditNote: "CREDIT NOTE",
        invoiceNumber: "Invoice number", creditNoteNumber: "Credit note no.", assignedWhenIssued: "(assigned when issued)",
        issueDate: "Issue date", creditNoteDate: "Date of credit note", setWhenIssued: "(set when issued)", deliveryDate: "Delivery date",
        issueDateUnlessStated: "(the issue date unless stated)",
        servicePeriod: "Service period", periodTo: "to", dueDate: "Due date", cancelsInvoice: "Cancels invoice",
        yourReference: "Your reference", yourOrder: "Your order",
        position: "Pos", description: "Description", quantity: "Qty", unit: "Unit", unitPrice: "Unit price", vat: "VAT",
        lessDiscount: "less discount",
        netAt: "Net at", vatAt: "VAT", on: "on", netTotal: "Net total", vatTotal: "VAT total", grossTotal: "Gross total",
        zeroVAT: "0 % VAT", paidOn: "Paid on", balanceDue: "Balance due",
        payBy: { "Please pay by \($0) without deduction, quoting the invoice number." },
        bank: "Bank account", iban: "IBAN", bic: "BIC", cancelledByCreditNote: "This invoice was cancelled by credit note.",
        linesTotal: "Lines total", lessAllowance: "less allowance", plusCharge: "plus charge",
        skontoTaken: "Early-payment discount taken on", skontoTakenBack: "Early-payment discount of the invoice, not refunded,", discountWord: "Discount", allowanceWord: "Allowance", chargeWord: "Surcharge",
        skontoOffer: { "Paid by \($0), a \($1) % early-payment discount (\($2) EUR) may be deducted." },
        refundedOn: "Refunded on", settledByCreditNote: "Set off by credit note", settlesInvoice: "Set off against invoice",
        owedToCustomer: "Owed to you",
        willRefund: { "We will refund \($0) to you." },
        sheetDraft: "Draft invoice", sheetInvoice: "Invoice", sheetCreditNote: "Credit note",
        customerNumber: "Customer no.", contact: "Contact", phone: "Phone", email: "E-mail", amount: "Amount",
        salutation: "Dear Sir or Madam,", invoiceIntro: "for our deliveries and services we invoice you:",
        creditNoteIntro: "with this credit note we correct the invoice named below and credit you:",
        correcting: { number, issued in "correcting invoice \(number)" + (issued.map { " of \($0)" } ?? "") },
        pageOf: { "Page \($0) of \($1)" })

    /// A category's name in the document's language.
    func category(_ category: TaxCategory) -> String {
        guard language == .de else { return category.label }
        switch category {
        case .standard: return "Regelsteuersatz"
        case .zeroRated: return "Nullsatz"
        case .exempt: return "steuerfrei"
        case .reverseCharge: return "Steuerschuldnerschaft des Leistungsempfängers"
        case .intraCommunity: return "innergemeinschaftliche Lieferung"
        case .export: return "Ausfuhrlieferung"
        case .notSubject: return "nicht steuerbar"
        }
    }

    /// The words before a line's discount: "abzgl. Rabatt 3,5 %: Mengenrabatt",
    /// the percentage only when it was typed as one.
    func discount(of line: InvoiceLine) -> String {
        let percent = line.discountPercent.map { " " + (language == .de ? $0.description : $0.xml) + " %" } ?? ""
        return "\(line.quantity.milli < 0 ? discountWord : lessDiscount)\(percent): \(line.discountReason)"
    }

    /// A discount or surcharge on the whole document, and its sign as the
    /// column shows it: "abzgl. Nachlass" -10,00 on an invoice; on a credit
    /// note (amounts negated) "Nachlass" +10,00, the sign saying the rest.
    func allowance(_ allowance: InvoiceAllowance, group: String) -> (label: String, cents: Int) {
        let credit = allowance.amountCents < 0
        let word = allowance.isCharge ? (credit ? chargeWord : plusCharge) : (credit ? allowanceWord : lessAllowance)
        let percent = allowance.percentBP.map { InvoiceAllowance.percentText($0, decimalSeparator: language == .de ? "," : ".") + " % " } ?? ""
        return ("\(word): \(percent)\(allowance.reason) (\(group))", allowance.isCharge ? allowance.amountCents : -allowance.amountCents)
    }

    /// A line's discount as its column shows it: negative on an invoice,
    /// positive on a credit note (whose lines are negative), so the line's
    /// amount and its discount add up to its net.
    static func signedDiscount(of line: InvoiceLine) -> Int {
        -line.discountCents * (line.quantity.milli < 0 ? -1 : 1)
    }

    /// A date as the document writes it: "15.12.2026" in German, ISO in English.
    func date(_ iso: String) -> String {
        language == .de ? CalendarDate.german(iso) : iso
    }
}
