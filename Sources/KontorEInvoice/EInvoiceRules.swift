import KontorLocale
import KontorModel

/// A rule of EN 16931 or of XRechnung that a document would break, by the
/// rule's id and in words, so that a refusal says what to fix.
public struct EInvoiceViolation: Equatable, Sendable, CustomStringConvertible {
    /// "BR-DE-15", "BR-CO-15", "PEPPOL-EN16931-R010".
    public var rule: String
    public var meaning: String

    public init(_ rule: String, _ meaning: String) {
        self.rule = rule
        self.meaning = meaning
    }

    public var description: String { "\(rule): \(meaning)" }
}

/// The rules Kontor checks itself before writing an e-invoice: the ones
/// its own data can break (a missing buyer reference, an address without
/// a postal code, sums that do not add up). The official validator checks
/// far more; these are the ones a user can fix from Kontor, and each
/// refusal names the rule as the validator would.
public enum EInvoiceRules {
    public static func check(_ source: EInvoiceSource) -> [EInvoiceViolation] {
        var found: [EInvoiceViolation] = []
        func require(_ ok: Bool, _ rule: String, _ meaning: String) { if !ok { found.append(EInvoiceViolation(rule, meaning)) } }
        let invoice = source.invoice
        guard let parties = invoice.parties else {
            return [EInvoiceViolation("KONTOR-PARTIES", tr("{0} was issued before Kontor kept the seller and buyer in the detail an e-invoice needs; it cannot be exported", invoice.number ?? tr("this invoice")))]
        }
        let seller = parties.seller, buyer = parties.buyer
        func blank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespaces).isEmpty }

        // An issued invoice keeps the buyer's data it was issued with: what
        // is set on the customer since reaches only a new invoice.
        let issued = invoice.status != .draft
        require(!blank(EInvoiceContent.buyerReference(source)), "BR-DE-15", issued
                ? tr("the buyer reference (BT-10, e.g. a Leitweg-ID) is required, and {0} was issued without one, which cannot change: cancel it by credit note (X) and issue it again with the customer's buyer reference or an order reference", invoice.number ?? "")
                : tr("the buyer reference (BT-10, e.g. a Leitweg-ID) is required: set the customer's buyer reference, or give an order reference, before issuing (the issue form's Order reference)"))
        require(!source.lines.isEmpty, "BR-16", tr("an invoice has at least one line"))
        require(!blank(seller.name), "BR-6", tr("the seller's name is required"))
        require(!blank(buyer.name), "BR-7", tr("the buyer's name is required"))
        require(!blank(seller.address.country), "BR-9", tr("the seller's country is required"))
        require(!blank(buyer.address.country), "BR-11", tr("the buyer's country is required"))
        require(!blank(seller.address.city), "BR-DE-3", tr("the seller's city is required"))
        require(!blank(seller.address.postalCode), "BR-DE-4", tr("the seller's postal code is required"))
        require(!blank(buyer.address.city), "BR-DE-8", tr("the buyer's city is required"))
        require(!blank(buyer.address.postalCode), "BR-DE-9", tr("the buyer's postal code is required"))
        require(!blank(seller.contactName), "BR-DE-5", tr("the seller's contact person is required"))
        require(!blank(seller.phone), "BR-DE-6", tr("the seller's contact phone is required"))
        require(!blank(seller.email), "BR-DE-7", tr("the seller's contact e-mail is required"))
        require(!blank(seller.electronicAddress), "PEPPOL-EN16931-R020", tr("the seller's electronic address (BT-34) is required: the company setting electronic address"))
        require(!blank(buyer.electronicAddress), "PEPPOL-EN16931-R010", issued
                ? tr("the buyer's electronic address (BT-49) is required, and {0} was issued without the customer's e-mail address, which cannot change: cancel it by credit note (X) and issue it again", invoice.number ?? "")
                : tr("the buyer's electronic address (BT-49) is required: the customer's e-mail address"))
        require(!blank(parties.iban), "BR-DE-1", tr("payment instructions (BG-16) are required: set the company's IBAN"))
        require(blank(parties.iban) || IBAN.isValid(parties.iban), "BR-DE-19", tr("the IBAN (BT-84) is not a valid IBAN"))
        if invoice.kind == .creditNote {
            require(!blank(source.precedingNumber ?? ""), "BR-55", tr("a credit note names the invoice it corrects (BT-25)"))
        }

        // The sums, as the validator recomputes them (BR-CO-10, -13, -14, -15).
        let totals = source.totals
        require(totals.linesNetCents - totals.allowancesCents + totals.chargesCents == invoice.netCents, "BR-CO-13",
                tr("the lines less the document's discounts plus its surcharges must equal the invoice's net total"))
        require(totals.vatCents == invoice.vatCents, "BR-CO-14", tr("the VAT total must equal the sum of the VAT per category"))
        require(invoice.netCents + invoice.vatCents == invoice.grossCents, "BR-CO-15", tr("the gross total must equal the net total plus VAT"))

        let categories = Set(source.lines.map(\.taxCategory))
        require(!categories.contains(.notSubject) || categories.count == 1, "BR-O-11",
                tr("an invoice with lines not subject to VAT (O) may not contain other VAT categories"))
        let hasVATID = !blank(seller.vatID), hasTaxNumber = !blank(seller.taxNumber)
        for category in categories {
            switch category {
            case .standard, .exempt:
                require(hasVATID || hasTaxNumber, "BR-\(category.code)-2", tr("a line at {0} needs the seller's VAT id or tax number", tr(category.label)))
            case .zeroRated, .export:
                require(hasVATID, "BR-\(category.code)-2", tr("a line at {0} needs the seller's VAT id", tr(category.label)))
            case .reverseCharge:
                require(hasVATID, "BR-AE-2", tr("reverse charge needs the seller's VAT id"))
                require(!blank(buyer.vatID), "BR-AE-2", tr("reverse charge needs the buyer's VAT id"))
            case .intraCommunity:
                require(hasVATID, "BR-IC-2", tr("an intra-community supply needs the seller's VAT id"))
                require(!blank(buyer.vatID), "BR-IC-2", tr("an intra-community supply needs the buyer's VAT id"))
                require(invoice.deliveryDate != nil || invoice.periodStart != nil, "BR-IC-11",
                        tr("an intra-community supply needs the delivery date or the invoicing period"))
            case .notSubject:
                require(hasVATID || hasTaxNumber, "BR-CO-26", tr("the seller must be identified (VAT id or tax number as seller identifier)"))
            }
        }
        for allowance in source.allowances {
            require(!blank(allowance.reason), allowance.isCharge ? "BR-38" : "BR-33", (allowance.isCharge ? tr("a document surcharge needs its reason") : tr("a document discount needs its reason")))
        }
        for line in source.lines where (line.periodStart == nil) != (line.periodEnd == nil) {
            require(false, "BR-30", tr("line {0}'s period needs its first and last day", line.position))
        }
        for line in source.lines where line.discountCents != 0 {
            require(!blank(line.discountReason), "BR-42", tr("line {0}'s discount needs its reason", line.position))
        }
        for line in source.lines where !line.taxCategory.chargesVAT && line.taxCategory != .zeroRated {
            require(!blank(line.vatExemption), "BR-\(line.taxCategory == .intraCommunity ? "IC" : line.taxCategory.code)-10",
                    tr("line {0} at {1} needs the exemption reason", line.position, tr(line.taxCategory.label)))
        }
        return found
    }
}
