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
            return [EInvoiceViolation("KONTOR-PARTIES", "\(invoice.number ?? "this invoice") was issued before Kontor kept the seller and buyer in the detail an e-invoice needs; it cannot be exported")]
        }
        let seller = parties.seller, buyer = parties.buyer
        func blank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespaces).isEmpty }

        require(!blank(EInvoiceContent.buyerReference(source)), "BR-DE-15",
                "the buyer reference (BT-10, e.g. a Leitweg-ID) is required: set the customer's buyer reference, or give an order reference, before issuing (the issue form's Order reference)")
        require(!source.lines.isEmpty, "BR-16", "an invoice has at least one line")
        require(!blank(seller.name), "BR-6", "the seller's name is required")
        require(!blank(buyer.name), "BR-7", "the buyer's name is required")
        require(!blank(seller.address.country), "BR-9", "the seller's country is required")
        require(!blank(buyer.address.country), "BR-11", "the buyer's country is required")
        require(!blank(seller.address.city), "BR-DE-3", "the seller's city is required")
        require(!blank(seller.address.postalCode), "BR-DE-4", "the seller's postal code is required")
        require(!blank(buyer.address.city), "BR-DE-8", "the buyer's city is required")
        require(!blank(buyer.address.postalCode), "BR-DE-9", "the buyer's postal code is required")
        require(!blank(seller.contactName), "BR-DE-5", "the seller's contact person is required")
        require(!blank(seller.phone), "BR-DE-6", "the seller's contact phone is required")
        require(!blank(seller.email), "BR-DE-7", "the seller's contact e-mail is required")
        require(!blank(seller.electronicAddress), "PEPPOL-EN16931-R020", "the seller's electronic address (BT-34) is required: the company setting electronic address")
        require(!blank(buyer.electronicAddress), "PEPPOL-EN16931-R010", "the buyer's electronic address (BT-49) is required: the customer's e-mail address")
        require(!blank(parties.iban), "BR-DE-1", "payment instructions (BG-16) are required: set the company's IBAN")
        require(blank(parties.iban) || IBAN.isValid(parties.iban), "BR-DE-19", "the IBAN (BT-84) is not a valid IBAN")
        if invoice.kind == .creditNote {
            require(!blank(source.precedingNumber ?? ""), "BR-55", "a credit note names the invoice it corrects (BT-25)")
        }

        // The sums, as the validator recomputes them (BR-CO-10, -13, -14, -15).
        let totals = source.totals
        require(totals.linesNetCents - totals.allowancesCents + totals.chargesCents == invoice.netCents, "BR-CO-13",
                "the lines less the document's discounts plus its surcharges must equal the invoice's net total")
        require(totals.vatCents == invoice.vatCents, "BR-CO-14", "the VAT total must equal the sum of the VAT per category")
        require(invoice.netCents + invoice.vatCents == invoice.grossCents, "BR-CO-15", "the gross total must equal the net total plus VAT")

        let categories = Set(source.lines.map(\.taxCategory))
        require(!categories.contains(.notSubject) || categories.count == 1, "BR-O-11",
                "an invoice with lines not subject to VAT (O) may not contain other VAT categories")
        let hasVATID = !blank(seller.vatID), hasTaxNumber = !blank(seller.taxNumber)
        for category in categories {
            switch category {
            case .standard, .exempt:
                require(hasVATID || hasTaxNumber, "BR-\(category.code)-2", "a line at \(category.label) needs the seller's VAT id or tax number")
            case .zeroRated, .export:
                require(hasVATID, "BR-\(category.code)-2", "a line at \(category.label) needs the seller's VAT id")
            case .reverseCharge:
                require(hasVATID, "BR-AE-2", "reverse charge needs the seller's VAT id")
                require(!blank(buyer.vatID), "BR-AE-2", "reverse charge needs the buyer's VAT id")
            case .intraCommunity:
                require(hasVATID, "BR-IC-2", "an intra-community supply needs the seller's VAT id")
                require(!blank(buyer.vatID), "BR-IC-2", "an intra-community supply needs the buyer's VAT id")
                require(invoice.deliveryDate != nil || invoice.periodStart != nil, "BR-IC-11",
                        "an intra-community supply needs the delivery date or the invoicing period")
            case .notSubject:
                require(hasVATID || hasTaxNumber, "BR-CO-26", "the seller must be identified (VAT id or tax number as seller identifier)")
            }
        }
        for allowance in source.allowances {
            require(!blank(allowance.reason), allowance.isCharge ? "BR-38" : "BR-33", "a document \(allowance.kindLabel) needs its reason")
        }
        for line in source.lines where (line.periodStart == nil) != (line.periodEnd == nil) {
            require(false, "BR-30", "line \(line.position)'s period needs its first and last day")
        }
        for line in source.lines where line.discountCents != 0 {
            require(!blank(line.discountReason), "BR-42", "line \(line.position)'s discount needs its reason")
        }
        for line in source.lines where !line.taxCategory.chargesVAT && line.taxCategory != .zeroRated {
            require(!blank(line.vatExemption), "BR-\(line.taxCategory == .intraCommunity ? "IC" : line.taxCategory.code)-10",
                    "line \(line.position) at \(line.taxCategory.label) needs the exemption reason")
        }
        return found
    }
}
