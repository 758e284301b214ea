import Foundation
import KontorModel

/// An issued invoice as an XRechnung 3.0 document in UBL 2.1: an `Invoice`
/// (type 380) or, for a credit note, a `CreditNote` (381) that names the
/// invoice it corrects. Elements follow the order the UBL schema demands.
enum UBLWriter {
    static let cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    static let cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

    static func document(_ source: EInvoiceSource) -> Data {
        let invoice = source.invoice
        let credit = invoice.kind == .creditNote
        let parties = invoice.parties!
        let currency = [("currencyID", invoice.currency)]
        let s = EInvoiceContent.sign(source)
        let notSubject = EInvoiceContent.isNotSubject(source)
        func money(_ name: String, _ cents: Int) -> XML.Element? { XML.text(name, EInvoiceContent.amount(cents), currency) }

        var children: [XML.Element?] = [
            XML.text("cbc:CustomizationID", EInvoiceContent.specification),
            XML.text("cbc:ProfileID", EInvoiceContent.process),
            XML.text("cbc:ID", invoice.number),
            XML.text("cbc:IssueDate", invoice.issueDate),
        ]
        if !credit { children.append(XML.text("cbc:DueDate", invoice.dueDate)) }
        children += [
            XML.text(credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", credit ? "381" : "380"),
            XML.text("cbc:Note", invoice.notes.replacingOccurrences(of: "#", with: "Nr. ")),
            XML.text("cbc:DocumentCurrencyCode", invoice.currency),
            XML.text("cbc:BuyerReference", EInvoiceContent.buyerReference(source)),
            XML.node("cac:InvoicePeriod", [XML.text("cbc:StartDate", invoice.periodStart), XML.text("cbc:EndDate", invoice.periodEnd)]),
            XML.node("cac:OrderReference", [XML.text("cbc:ID", invoice.orderReference)]),
            XML.node("cac:BillingReference", [XML.node("cac:InvoiceDocumentReference", [
                XML.text("cbc:ID", source.precedingNumber), XML.text("cbc:IssueDate", source.precedingIssueDate),
            ])]),
            XML.node("cac:AccountingSupplierParty", [party(parties.seller, seller: true, notSubject: notSubject)]),
            XML.node("cac:AccountingCustomerParty", [party(parties.buyer, seller: false, notSubject: notSubject)]),
            XML.node("cac:Delivery", [
                XML.text("cbc:ActualDeliveryDate", invoice.deliveryDate),
                XML.node("cac:DeliveryLocation", [address("cac:Address", parties.buyer.address)]),
            ]),
            XML.node("cac:PaymentMeans", [
                XML.text("cbc:PaymentMeansCode", "58", [("name", "SEPA credit transfer")]),
                XML.text("cbc:PaymentID", invoice.number),
                XML.node("cac:PayeeFinancialAccount", [
                    XML.text("cbc:ID", parties.iban),
                    XML.text("cbc:Name", parties.seller.name),
                    XML.node("cac:FinancialInstitutionBranch", [XML.text("cbc:ID", parties.bic)]),
                ]),
            ]),
            XML.node("cac:PaymentTerms", [XML.text("cbc:Note", EInvoiceContent.paymentTerms(source))]),
        ]
        // BG-20, BG-21: discounts and surcharges on the whole document, each in its VAT group.
        children += source.allowances.map { allowance in
            XML.node("cac:AllowanceCharge", [
                XML.text("cbc:ChargeIndicator", allowance.isCharge ? "true" : "false"),
                XML.text("cbc:AllowanceChargeReason", allowance.reason),
                allowance.percentBP.map { XML.text("cbc:MultiplierFactorNumeric", EInvoiceContent.percent(basisPoints: $0)) } ?? nil,
                money("cbc:Amount", allowance.amountCents * s),
                EInvoiceContent.allowanceBase(allowance, in: source).map { money("cbc:BaseAmount", $0 * s) } ?? nil,
                taxCategory("cac:TaxCategory", allowance.taxCategory, allowance.vatRate,
                            withPercent: allowance.taxCategory != .notSubject, reason: ""),
            ])
        }
        let totals = source.totals
        let breakdown = EInvoiceContent.breakdown(source)
        children.append(XML.node("cac:TaxTotal", [money("cbc:TaxAmount", invoice.vatCents * s)] + breakdown.map { group in
            XML.node("cac:TaxSubtotal", [
                money("cbc:TaxableAmount", group.netCents),
                money("cbc:TaxAmount", group.vatCents),
                taxCategory("cac:TaxCategory", group.category, group.rate, withPercent: true,
                            reason: group.category.chargesVAT || group.category == .zeroRated ? "" : EInvoiceContent.exemptionReason(source, group.category)),
            ])
        }))
        let hasAllowances = source.allowances.contains { !$0.isCharge }, hasCharges = source.allowances.contains(where: \.isCharge)
        children.append(XML.node("cac:LegalMonetaryTotal", [
            money("cbc:LineExtensionAmount", totals.linesNetCents * s),
            money("cbc:TaxExclusiveAmount", invoice.netCents * s),
            money("cbc:TaxInclusiveAmount", invoice.grossCents * s),
            hasAllowances ? money("cbc:AllowanceTotalAmount", totals.allowancesCents * s) : nil,
            hasCharges ? money("cbc:ChargeTotalAmount", totals.chargesCents * s) : nil,
            source.setOffCents == 0 ? nil : money("cbc:PrepaidAmount", source.setOffCents * s),
            money("cbc:PayableAmount", (invoice.grossCents - source.setOffCents) * s),
        ]))
        for line in source.lines {
            children.append(XML.node(credit ? "cac:CreditNoteLine" : "cac:InvoiceLine", [
                XML.text("cbc:ID", String(line.position)),
                XML.text(credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", Quantity(milli: line.quantity.milli * s).xml,
                         [("unitCode", line.unitCode.rawValue)]),
                money("cbc:LineExtensionAmount", line.netCents * s),
                XML.node("cac:InvoicePeriod", [XML.text("cbc:StartDate", line.periodStart), XML.text("cbc:EndDate", line.periodEnd)]),
                line.discountCents == 0 ? nil : XML.node("cac:AllowanceCharge", [
                    XML.text("cbc:ChargeIndicator", "false"),
                    XML.text("cbc:AllowanceChargeReason", line.discountReason),
                    money("cbc:Amount", line.discountCents),
                ]),
                XML.node("cac:Item", [
                    XML.text("cbc:Name", line.description),
                    XML.node("cac:SellersItemIdentification", [XML.text("cbc:ID", line.productID.flatMap { source.skus[$0] })]),
                    taxCategory("cac:ClassifiedTaxCategory", line.taxCategory, line.vatRate, withPercent: line.taxCategory != .notSubject, reason: ""),
                ]),
                XML.node("cac:Price", [money("cbc:PriceAmount", line.unitPriceCents)]),
            ]))
        }
        let root = XML.node(credit ? "CreditNote" : "Invoice", children)!
        return XML.document(root: root, namespaces: [
            ("", credit ? "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" : "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
            ("cac", cac), ("cbc", cbc),
        ])
    }

    static func taxCategory(_ name: String, _ category: TaxCategory, _ rate: VATRate, withPercent: Bool, reason: String) -> XML.Element? {
        XML.node(name, [
            XML.text("cbc:ID", category.code),
            withPercent ? XML.text("cbc:Percent", EInvoiceContent.percent(rate)) : nil,
            reason.isEmpty ? nil : XML.text("cbc:TaxExemptionReasonCode", category.reasonCode),
            XML.text("cbc:TaxExemptionReason", reason),
            XML.node("cac:TaxScheme", [XML.text("cbc:ID", "VAT")]),
        ])
    }

    static func address(_ name: String, _ address: PostalAddress) -> XML.Element? {
        XML.node(name, [
            XML.text("cbc:StreetName", address.street),
            XML.text("cbc:AdditionalStreetName", address.additionalLine),
            XML.text("cbc:CityName", address.city),
            XML.text("cbc:PostalZone", address.postalCode),
            XML.node("cac:Country", [XML.text("cbc:IdentificationCode", address.country)]),
        ])
    }

    /// A seller or buyer (BG-4, BG-7). Where lines are not subject to VAT
    /// (BR-O-2) no VAT id is given; a seller without one on the document
    /// is identified by the tax number (or VAT id) as BT-29 instead.
    static func party(_ party: PartyDetails, seller: Bool, notSubject: Bool) -> XML.Element? {
        // BR-CO-26: a seller without a VAT id on the document is identified by its tax number.
        let identifier = seller && (notSubject || party.vatID.isEmpty) ? (party.taxNumber.isEmpty ? party.vatID : party.taxNumber) : ""
        return XML.node("cac:Party", [
            XML.text("cbc:EndpointID", party.electronicAddress, [("schemeID", "EM")]),
            XML.node("cac:PartyIdentification", [XML.text("cbc:ID", identifier)]),
            XML.node("cac:PartyName", [XML.text("cbc:Name", party.name)]),
            address("cac:PostalAddress", party.address),
            notSubject || party.vatID.isEmpty ? nil : XML.node("cac:PartyTaxScheme", [
                XML.text("cbc:CompanyID", party.vatID), XML.node("cac:TaxScheme", [XML.text("cbc:ID", "VAT")]),
            ]),
            !seller || party.taxNumber.isEmpty ? nil : XML.node("cac:PartyTaxScheme", [
                XML.text("cbc:CompanyID", party.taxNumber), XML.node("cac:TaxScheme", [XML.text("cbc:ID", "FC")]),
            ]),
            XML.node("cac:PartyLegalEntity", [XML.text("cbc:RegistrationName", party.name)]),
            seller ? XML.node("cac:Contact", [
                XML.text("cbc:Name", party.contactName), XML.text("cbc:Telephone", party.phone), XML.text("cbc:ElectronicMail", party.email),
            ]) : nil,
        ])
    }
}
