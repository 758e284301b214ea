import Foundation
import KontorModel

/// What both syntaxes write the same way: amounts as XML decimals, the
/// buyer reference, the payment terms, and the sign of a credit note.
enum EInvoiceContent {
    /// The XRechnung specification identifier (BT-24).
    static let specification = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    /// The business process (BT-23), as in the XRechnung examples.
    static let process = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

    /// 123450 → "1234.50", -5 → "-0.05": two decimals, a point, no grouping.
    static func amount(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        let rest = a % 100
        return "\(sign)\(a / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// A VAT rate in percent: 1900 → "19", 700 → "7", 0 → "0".
    static func percent(_ rate: VATRate) -> String {
        percent(basisPoints: rate.rawValue)
    }

    /// "5" or "2.50" from basis points.
    static func percent(basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? String(basisPoints / 100) : String(format: "%.2f", Double(basisPoints) / 100)
    }

    /// BT-93/BT-99: what a discount or surcharge typed as a percentage
    /// (BT-94/BT-100) was taken of: the net of its VAT group's lines, with
    /// the sign the lines carry (negative on a credit note). Nil for one
    /// typed as an amount, which names no base.
    static func allowanceBase(_ allowance: InvoiceAllowance, in source: EInvoiceSource) -> Int? {
        guard allowance.percentBP != nil else { return nil }
        return source.lines.filter { $0.taxCategory == allowance.taxCategory && $0.vatRate == allowance.vatRate }.reduce(0) { $0 + $1.netCents }
    }

    /// BT-10: the buyer's reference (a Leitweg-ID for public buyers), else
    /// the order reference given at issue.
    static func buyerReference(_ source: EInvoiceSource) -> String {
        let reference = source.invoice.buyerReference.trimmingCharacters(in: .whitespaces)
        return reference.isEmpty ? source.invoice.orderReference.trimmingCharacters(in: .whitespaces) : reference
    }

    /// A credit note's amounts are stored negative; in an e-invoice the
    /// document type says it is a credit, and its amounts are positive.
    static func sign(_ source: EInvoiceSource) -> Int { source.invoice.kind == .creditNote ? -1 : 1 }

    /// BT-20: when to pay, in words (no '#' in them: XRechnung reads that
    /// as structured terms). Skonto comes first in XRechnung's structured
    /// form (BR-DE-18), "#SKONTO#TAGE=10#PROZENT=2.00#" and a line break,
    /// so the buyer's software can take it; the words repeat it for people.
    static func paymentTerms(_ source: EInvoiceSource) -> String {
        let invoice = source.invoice
        if invoice.kind == .creditNote {
            return "Der Betrag wird Ihnen erstattet bzw. mit offenen Rechnungen verrechnet."
        }
        guard let due = invoice.dueDate else { return "Zahlbar sofort ohne Abzug." }
        let plain = due == invoice.issueDate ? "Zahlbar sofort ohne Abzug." : "Zahlbar ohne Abzug bis \(CalendarDate.german(due))."
        guard let skonto = invoice.skonto, let deadline = invoice.skontoDeadline else { return plain }
        // Basis points are hundredths of a percent: written like cents, "2.00".
        return "#SKONTO#TAGE=\(skonto.days)#PROZENT=\(amount(skonto.percentBP))#\n"
            + "Bei Zahlung bis \(CalendarDate.german(deadline)) \(skonto.percentText) % Skonto (\(Money.format(cents: invoice.skontoCents)) \(invoice.currency)). "
            + plain
    }


    /// The VAT breakdown (BG-23) with amounts in the document's sign.
    static func breakdown(_ source: EInvoiceSource) -> [InvoiceTotals.RateTotal] {
        let s = sign(source)
        return source.totals.byRate.map {
            InvoiceTotals.RateTotal(category: $0.category, rate: $0.rate, netCents: $0.netCents * s, vatCents: $0.vatCents * s)
        }
    }

    /// A period's days, as BG-14 and BG-26 need them: nil unless both are set.
    static func period(_ start: String?, _ end: String?) -> (start: String, end: String)? {
        guard let start, let end else { return nil }
        return (start, end)
    }

    /// The exemption reason of a category, from its lines (BT-120).
    static func exemptionReason(_ source: EInvoiceSource, _ category: TaxCategory) -> String {
        let reasons = Set(source.lines.filter { $0.taxCategory == category }.map(\.vatExemption).filter { !$0.isEmpty })
        return reasons.sorted().joined(separator: "; ")
    }

    /// The seller identified where BR-O-2 forbids the VAT id: an invoice
    /// not subject to VAT names the seller by tax number or VAT id as BT-29.
    static func isNotSubject(_ source: EInvoiceSource) -> Bool { source.lines.contains { $0.taxCategory == .notSubject } }
}

