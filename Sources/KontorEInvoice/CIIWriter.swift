import Foundation
import KontorModel

/// An issued invoice as an XRechnung 3.0 document in UN/CEFACT Cross
/// Industry Invoice D16B (type 380, or 381 for a credit note naming the
/// invoice it corrects). The same content as the UBL document, in the
/// element order the CII schema demands.
enum CIIWriter {
    static func document(_ source: EInvoiceSource) -> Data {
        let invoice = source.invoice
        let credit = invoice.kind == .creditNote
        let parties = invoice.parties!
        let s = EInvoiceContent.sign(source)
        let notSubject = EInvoiceContent.isNotSubject(source)
        func amount(_ name: String, _ cents: Int, currency: Bool = false) -> XML.Element? {
            XML.text(name, EInvoiceContent.amount(cents), currency ? [("currencyID", invoice.currency)] : [])
        }

        let context = XML.node("rsm:ExchangedDocumentContext", [
            XML.node("ram:BusinessProcessSpecifiedDocumentContextParameter", [XML.text("ram:ID", EInvoiceContent.process)]),
            XML.node("ram:GuidelineSpecifiedDocumentContextParameter", [XML.text("ram:ID", EInvoiceContent.specification)]),
        ])
        let header = XML.node("rsm:ExchangedDocument", [
            XML.text("ram:ID", invoice.number),
            XML.text("ram:TypeCode", credit ? "381" : "380"),
            date("ram:IssueDateTime", invoice.issueDate),
            XML.node("ram:IncludedNote", [XML.text("ram:Content", invoice.notes.replacingOccurrences(of: "#", with: "Nr. "))]),
        ])
        var transaction: [XML.Element?] = source.lines.map { line in
            XML.node("ram:IncludedSupplyChainTradeLineItem", [
                XML.node("ram:AssociatedDocumentLineDocument", [XML.text("ram:LineID", String(line.position))]),
                XML.node("ram:SpecifiedTradeProduct", [
                    XML.text("ram:SellerAssignedID", line.productID.flatMap { source.skus[$0] }),
                    XML.text("ram:Name", line.description),
                ]),
                XML.node("ram:SpecifiedLineTradeAgreement", [
                    XML.node("ram:NetPriceProductTradePrice", [amount("ram:ChargeAmount", line.unitPriceCents)]),
                ]),
                XML.node("ram:SpecifiedLineTradeDelivery", [
                    XML.text("ram:BilledQuantity", Quantity(milli: line.quantity.milli * s).xml, [("unitCode", line.unitCode.rawValue)]),
                ]),
                XML.node("ram:SpecifiedLineTradeSettlement", [
                    XML.node("ram:ApplicableTradeTax", [
                        XML.text("ram:TypeCode", "VAT"),
                        XML.text("ram:CategoryCode", line.taxCategory.code),
                        line.taxCategory == .notSubject ? nil : XML.text("ram:RateApplicablePercent", EInvoiceContent.percent(line.vatRate)),
                    ]),
                    XML.node("ram:BillingSpecifiedPeriod", [date("ram:StartDateTime", line.periodStart), date("ram:EndDateTime", line.periodEnd)]),
                    line.discountCents == 0 ? nil : XML.node("ram:SpecifiedTradeAllowanceCharge", [
                        XML.node("ram:ChargeIndicator", [XML.text("udt:Indicator", "false")]),
                        amount("ram:ActualAmount", line.discountCents),
                        XML.text("ram:Reason", line.discountReason),
                    ]),
                    XML.node("ram:SpecifiedTradeSettlementLineMonetarySummation", [amount("ram:LineTotalAmount", line.netCents * s)]),
                ]),
            ])
        }
        transaction.append(XML.node("ram:ApplicableHeaderTradeAgreement", [
            XML.text("ram:BuyerReference", EInvoiceContent.buyerReference(source)),
            party("ram:SellerTradeParty", parties.seller, seller: true, notSubject: notSubject),
            party("ram:BuyerTradeParty", parties.buyer, seller: false, notSubject: notSubject),
            XML.node("ram:BuyerOrderReferencedDocument", [XML.text("ram:IssuerAssignedID", invoice.orderReference)]),
        ]))
        let delivery = XML.node("ram:ApplicableHeaderTradeDelivery", [
            XML.node("ram:ShipToTradeParty", [XML.text("ram:Name", parties.buyer.name), address(parties.buyer.address)]),
            XML.node("ram:ActualDeliverySupplyChainEvent", [date("ram:OccurrenceDateTime", invoice.deliveryDate)]),
        ]) ?? XML.Element(name: "ram:ApplicableHeaderTradeDelivery")
        transaction.append(delivery)
        let breakdown = EInvoiceContent.breakdown(source)
        var settlement: [XML.Element?] = [
            XML.text("ram:PaymentReference", invoice.number),
            XML.text("ram:InvoiceCurrencyCode", invoice.currency),
            XML.node("ram:SpecifiedTradeSettlementPaymentMeans", [
                XML.text("ram:TypeCode", "58"),
                XML.node("ram:PayeePartyCreditorFinancialAccount", [XML.text("ram:IBANID", parties.iban), XML.text("ram:AccountName", parties.seller.name)]),
                XML.node("ram:PayeeSpecifiedCreditorFinancialInstitution", [XML.text("ram:BICID", parties.bic)]),
            ]),
        ]
        settlement += breakdown.map { group in
            let reason = group.category.chargesVAT || group.category == .zeroRated ? "" : EInvoiceContent.exemptionReason(source, group.category)
            return XML.node("ram:ApplicableTradeTax", [
                amount("ram:CalculatedAmount", group.vatCents),
                XML.text("ram:TypeCode", "VAT"),
                XML.text("ram:ExemptionReason", reason),
                amount("ram:BasisAmount", group.netCents),
                XML.text("ram:CategoryCode", group.category.code),
                reason.isEmpty ? nil : XML.text("ram:ExemptionReasonCode", group.category.reasonCode),
                XML.text("ram:RateApplicablePercent", EInvoiceContent.percent(group.rate)),
            ])
        }
        settlement.append(XML.node("ram:BillingSpecifiedPeriod", [date("ram:StartDateTime", invoice.periodStart), date("ram:EndDateTime", invoice.periodEnd)]))
        // BG-20, BG-21: discounts and surcharges on the whole document, each in its VAT group.
        settlement += source.allowances.map { allowance in
            XML.node("ram:SpecifiedTradeAllowanceCharge", [
                XML.node("ram:ChargeIndicator", [XML.text("udt:Indicator", allowance.isCharge ? "true" : "false")]),
                allowance.percentBP.map { XML.text("ram:CalculationPercent", EInvoiceContent.percent(basisPoints: $0)) } ?? nil,
                EInvoiceContent.allowanceBase(allowance, in: source).map { amount("ram:BasisAmount", $0 * s) } ?? nil,
                amount("ram:ActualAmount", allowance.amountCents * s),
                XML.text("ram:Reason", allowance.reason),
                XML.node("ram:CategoryTradeTax", [
                    XML.text("ram:TypeCode", "VAT"),
                    XML.text("ram:CategoryCode", allowance.taxCategory.code),
                    allowance.taxCategory == .notSubject ? nil : XML.text("ram:RateApplicablePercent", EInvoiceContent.percent(allowance.vatRate)),
                ]),
            ])
        }
        let totals = source.totals
        let hasAllowances = source.allowances.contains { !$0.isCharge }, hasCharges = source.allowances.contains(where: \.isCharge)
        settlement += [
            XML.node("ram:SpecifiedTradePaymentTerms", [
                XML.text("ram:Description", EInvoiceContent.paymentTerms(source)),
                credit ? nil : date("ram:DueDateDateTime", invoice.dueDate),
            ]),
            XML.node("ram:SpecifiedTradeSettlementHeaderMonetarySummation", [
                amount("ram:LineTotalAmount", totals.linesNetCents * s),
                hasCharges ? amount("ram:ChargeTotalAmount", totals.chargesCents * s) : nil,
                hasAllowances ? amount("ram:AllowanceTotalAmount", totals.allowancesCents * s) : nil,
                amount("ram:TaxBasisTotalAmount", invoice.netCents * s),
                amount("ram:TaxTotalAmount", invoice.vatCents * s, currency: true),
                amount("ram:GrandTotalAmount", invoice.grossCents * s),
                source.setOffCents == 0 ? nil : amount("ram:TotalPrepaidAmount", source.setOffCents * s),
                amount("ram:DuePayableAmount", (invoice.grossCents - source.setOffCents) * s),
            ]),
            XML.node("ram:InvoiceReferencedDocument", [
                XML.text("ram:IssuerAssignedID", source.precedingNumber),
                source.precedingNumber == nil ? nil : date("ram:FormattedIssueDateTime", source.precedingIssueDate, prefix: "qdt"),
            ]),
        ]
        transaction.append(XML.node("ram:ApplicableHeaderTradeSettlement", settlement))
        let root = XML.node("rsm:CrossIndustryInvoice", [context, header, XML.node("rsm:SupplyChainTradeTransaction", transaction)])!
        return XML.document(root: root, namespaces: [
            ("rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"),
            ("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"),
            ("qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"),
            ("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
        ])
    }

    /// A date as CII writes it: format 102, "20261102".
    static func date(_ name: String, _ iso: String?, prefix: String = "udt") -> XML.Element? {
        guard let iso, !iso.isEmpty else { return nil }
        return XML.node(name, [XML.text("\(prefix):DateTimeString", iso.replacingOccurrences(of: "-", with: ""), [("format", "102")])])
    }

    static func address(_ address: PostalAddress) -> XML.Element? {
        XML.node("ram:PostalTradeAddress", [
            XML.text("ram:PostcodeCode", address.postalCode),
            XML.text("ram:LineOne", address.street),
            XML.text("ram:LineTwo", address.additionalLine),
            XML.text("ram:CityName", address.city),
            XML.text("ram:CountryID", address.country),
        ])
    }

    /// A seller or buyer, identified as in the UBL document (see `UBLWriter.party`).
    static func party(_ name: String, _ party: PartyDetails, seller: Bool, notSubject: Bool) -> XML.Element? {
        let identifier = seller && (notSubject || party.vatID.isEmpty) ? (party.taxNumber.isEmpty ? party.vatID : party.taxNumber) : ""
        return XML.node(name, [
            XML.text("ram:ID", identifier),
            XML.text("ram:Name", party.name),
            seller ? XML.node("ram:DefinedTradeContact", [
                XML.text("ram:PersonName", party.contactName),
                XML.node("ram:TelephoneUniversalCommunication", [XML.text("ram:CompleteNumber", party.phone)]),
                XML.node("ram:EmailURIUniversalCommunication", [XML.text("ram:URIID", party.email)]),
            ]) : nil,
            address(party.address),
            XML.node("ram:URIUniversalCommunication", [XML.text("ram:URIID", party.electronicAddress, [("schemeID", "EM")])]),
            notSubject || party.vatID.isEmpty ? nil : XML.node("ram:SpecifiedTaxRegistration", [XML.text("ram:ID", party.vatID, [("schemeID", "VA")])]),
            !seller || party.taxNumber.isEmpty ? nil : XML.node("ram:SpecifiedTaxRegistration", [XML.text("ram:ID", party.taxNumber, [("schemeID", "FC")])]),
        ])
    }
}
