import KontorLocale
import KontorModel
import KontorUI

/// The dates and reference an invoice is issued with, when they are not
/// simply today: the date of supply (§14 (4) Nr. 6 UStG), a service period
/// instead of a day, and the buyer's order number, which an e-invoice
/// uses as the buyer reference when the customer has none; and the Skonto
/// it offers, the company's usual terms unless changed here.
struct IssueEditor: FormEditor {
    var invoice: Invoice
    var form: Form

    enum Field: String, CaseIterable {
        case issueDate = "issue date"
        case deliveryDate = "delivery date"
        case periodStart = "service period"
        case periodEnd = "period end"
        case orderReference = "order reference"
        case skonto = "Skonto"

        var label: String {
            switch self {
            case .issueDate: return "Issue date"
            case .deliveryDate: return "Date of supply"
            case .periodStart: return "Service from"
            case .periodEnd: return "Service until"
            case .orderReference: return "Order reference"
            case .skonto: return "Skonto"
            }
        }

        var hint: String {
            switch self {
            case .issueDate, .deliveryDate: return "29.11.2026 or 2026-11-29"
            case .periodStart, .periodEnd: return "a period instead of a day, optional"
            case .orderReference: return "the buyer's order number, optional"
            case .skonto: return "2 % 10 = 2 % within 10 days; empty: none"
            }
        }
    }

    init(invoice: Invoice, usualSkonto: SkontoTerms?, today: String = CalendarDate.today()) {
        self.invoice = invoice
        let values: [Field: String] = [.issueDate: Format.day(today), .deliveryDate: Format.day(today), .skonto: usualSkonto?.typed ?? ""]
        form = Form(title: tr("Issue {0} · it cannot be changed afterwards", invoice.number ?? tr("draft #{0}", invoice.id)), fields: Field.allCases.map {
            let field = Form.Field(id: $0.rawValue, label: $0.label, value: values[$0] ?? "", maxLength: 80, hint: $0.hint)
            // The two days say which day the text typed stands for.
            return $0 == .issueDate || $0 == .deliveryDate ? field.explained(by: Format.typedDay(future: false)) : field
        })
    }

    /// What was typed, read: dates in ISO form, or `.invalid` naming each
    /// field that is not a date. Whether they fit is the model's to say.
    func values() throws -> (issueDate: String, deliveryDate: String?, period: (start: String, end: String)?, orderReference: String,
                             skonto: SkontoOffer) {
        func text(_ field: Field) -> String { form.value(field.rawValue).trimmingCharacters(in: .whitespaces) }
        var issues: [FieldIssue] = []
        func date(_ field: Field, required: Bool) -> String? {
            let typed = text(field)
            if typed.isEmpty {
                if required { issues.append(FieldIssue(field: field.rawValue, message: tr("is required"))) }
                return nil
            }
            guard let iso = CalendarDate.typed(typed, past: true) else {
                issues.append(FieldIssue(field: field.rawValue, message: tr("must be a date like 29.11.2026")))
                return nil
            }
            return iso
        }
        let issueDate = date(.issueDate, required: true)
        let delivery = date(.deliveryDate, required: false)
        let start = date(.periodStart, required: false), end = date(.periodEnd, required: false)
        if (start == nil) != (end == nil), issues.isEmpty {
            issues.append(FieldIssue(field: start == nil ? Field.periodStart.rawValue : Field.periodEnd.rawValue,
                                     message: tr("is required when the other end of the period is given")))
        }
        var skonto = SkontoOffer.none
        switch SkontoTerms.parse(text(.skonto)) {
        case .success(let terms): skonto = terms.map(SkontoOffer.terms) ?? .none
        case .failure(let error): issues.append(FieldIssue(field: Field.skonto.rawValue, message: error.problem))
        }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        return (issueDate!, delivery, start.flatMap { s in end.map { (start: s, end: $0) } }, text(.orderReference), skonto)
    }
}
