import KontorText

extension InvoiceRepository {
    /// The invoice or credit note as a letter to lay out (`InvoiceSheet`),
    /// from the same reading as `document(for:)`.
    public func sheet(for invoiceID: Int64) throws -> InvoiceSheet {
        try database.read { db in InvoiceSheet(try InvoicePrintSource.read(db, invoiceID: invoiceID)) }
    }
}

extension InvoiceSheet {
    /// Every text is cleaned as it is taken from the source, one line at a
    /// time (`VisibleText.clean`), so no field can carry a control character
    /// or an escape sequence into the PDF.
    init(_ source: InvoicePrintSource) {
        let invoice = source.invoice
        let w = source.words
        let isCredit = invoice.kind == .creditNote
        func clean(_ text: String) -> String { VisibleText.clean(text) }
        func lines(_ text: String) -> [String] {
            text.split(whereSeparator: \.isNewline).map { clean(String($0)).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func money(_ cents: Int) -> String { Money.format(cents: cents) }
        let seller = source.seller
        let buyer = source.buyer
        let number = invoice.number.map(clean)

        fileName = (number ?? "draft-\(invoice.id)") + ".pdf"
        documentTitle = invoice.status == .draft ? "\(w.sheetDraft) \(invoice.id)" : (number ?? "")
        author = clean(seller.name)
        issueDate = invoice.status == .draft ? nil : invoice.issueDate

        letterhead = [clean(seller.name)] + lines(seller.address)
        senderLine = ([clean(seller.name)] + lines(seller.address)).joined(separator: " · ")
        recipient = [clean(buyer.name)] + Self.postal(lines(buyer.address), from: invoice.parties?.seller.address.country ?? "DE", german: w.language == .de)

        var info: [Field] = []
        func field(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            info.append(Field(label: clean(label), value: clean(value)))
        }
        field(isCredit ? w.creditNoteNumber : w.invoiceNumber, number ?? w.assignedWhenIssued)
        field(isCredit ? w.creditNoteDate : w.issueDate, invoice.issueDate.map(w.date) ?? w.setWhenIssued)
        field(w.deliveryDate, (invoice.deliveryDate ?? invoice.issueDate).map(w.date) ?? w.issueDateUnlessStated)
        if let start = invoice.periodStart, let end = invoice.periodEnd { field(w.servicePeriod, "\(w.date(start)) \(w.periodTo) \(w.date(end))") }
        if !isCredit { field(w.dueDate, invoice.dueDate.map(w.date)) }
        field(w.customerNumber, String(invoice.customerID))
        field(w.cancelsInvoice, source.corrected?.number)
        field(w.customerVATID, buyer.vatID)
        field(w.yourReference, invoice.buyerReference)
        field(w.yourOrder, invoice.orderReference)
        field(w.contact, source.sellerContact.name)
        field(w.phone, source.sellerContact.phone)
        field(w.email, source.sellerContact.email)
        self.info = info

        switch (invoice.status, isCredit) {
        case (.draft, _): title = w.sheetDraft
        case (_, true): title = "\(w.sheetCreditNote) \(number ?? "")"
        case (_, false): title = "\(w.sheetInvoice) \(number ?? "")"
        }
        if invoice.status == .draft {
            subtitle = w.draft
        } else if let corrected = source.corrected {
            subtitle = clean(w.correcting(corrected.number, corrected.issueDate))
        } else {
            subtitle = nil
        }
        intro = [w.salutation, isCredit ? w.creditNoteIntro : w.invoiceIntro]

        columns = Columns(position: w.position, description: w.description, quantity: w.quantity, unit: w.unit,
                          unitPrice: w.unitPrice, vat: w.vat, amount: w.amount)
        rows = source.lines.map { line in
            let quantity = w.language == .de ? line.quantity.description : line.quantity.xml
            // The line's amount before its discount, the discount under it:
            // the column adds up to the net, as a reader sums it (the net
            // above "less discount" read as taken off twice).
            let discountValue = DocumentWords.signedDiscount(of: line)
            let discount = line.discountCents == 0 ? nil : Field(label: clean(w.discount(of: line)), value: money(discountValue))
            var period: String?
            if let start = line.periodStart, let end = line.periodEnd {
                period = "\(w.servicePeriod): \(w.date(start)) \(w.periodTo) \(w.date(end))"
            }
            return Row(position: String(line.position), description: lines(line.description).joined(separator: " "),
                       quantity: quantity, unit: clean(line.unit), unitPrice: money(line.unitPriceCents),
                       vat: line.taxCategory == .standard ? line.vatRate.label : line.taxCategory.code,
                       amount: money(line.netCents - discountValue), period: period, discount: discount)
        }

        let sums = InvoiceTotals(lines: source.lines, allowances: source.allowances)
        var totals: [Total] = []
        if !source.allowances.isEmpty {
            totals.append(Total(label: w.linesTotal, amount: money(sums.linesNetCents), isEmphasised: false))
            for allowance in source.allowances {
                let group = allowance.taxCategory == .standard ? allowance.vatRate.label : allowance.taxCategory.code
                let shown = w.allowance(allowance, group: group)
                totals.append(Total(label: clean(shown.label), amount: money(shown.cents), isEmphasised: false))
            }
        }
        for rate in sums.byRate {
            let name = rate.category == .standard ? rate.rate.label : "\(rate.category.code) \(w.category(rate.category))"
            totals.append(Total(label: "\(w.netAt) \(name)", amount: money(rate.netCents), isEmphasised: false))
            totals.append(Total(label: "\(w.vatAt) \(name) \(w.on) \(money(rate.netCents))", amount: money(rate.vatCents), isEmphasised: false))
        }
        totals.append(Total(label: w.netTotal, amount: money(sums.netCents), isEmphasised: false))
        totals.append(Total(label: w.vatTotal, amount: money(sums.vatCents), isEmphasised: false))
        totals.append(Total(label: "\(w.grossTotal) \(clean(invoice.currency))", amount: money(sums.grossCents), isEmphasised: true))
        self.totals = totals

        // Payments, refunds and settlements so that the column adds up to
        // the balance under it, as in the text print (`rowCents`).
        let balance = sums.grossCents - invoice.paidCents
        let owed = Total(label: "\(w.owedToCustomer) \(clean(invoice.currency))", amount: money(-balance), isEmphasised: true)
        if !source.payments.isEmpty {
            payments = source.payments.map { payment in
                let label: String
                switch payment.kind {
                case .payment: label = "\(w.paidOn) \(w.date(payment.paidOn))"
                case .refund: label = "\(w.refundedOn) \(w.date(payment.paidOn))"
                case .settlement: label = "\(isCredit ? w.settlesInvoice : w.settledByCreditNote) \(clean(payment.reference))"
                case .skonto: label = "\(isCredit ? w.skontoTakenBack : w.skontoTaken) \(w.date(payment.paidOn))"
                }
                return Total(label: label, amount: money(Self.rowCents(payment, isCredit: isCredit)), isEmphasised: false)
            } + [balance < 0 ? owed : Total(label: w.balanceDue, amount: money(balance), isEmphasised: true)]
        } else if isCredit, balance < 0, invoice.status != .draft {
            payments = [owed]
        } else {
            payments = []
        }

        var notes: [String] = []
        let exemptions = Set(source.lines.filter { $0.vatRate == .zero && !$0.vatExemption.isEmpty }
            .map { "\($0.taxCategory.code): \(clean($0.vatExemption))" }).sorted()
        notes += exemptions.map { "\(w.zeroVAT), \($0)" }
        notes += lines(invoice.notes)
        if balance < 0, invoice.status != .draft { notes.append(w.willRefund("\(money(-balance)) \(clean(invoice.currency))")) }
        let bank = source.bank
        let account = [clean(bank.name), bank.iban.isEmpty ? "" : "\(w.iban) \(Self.grouped(clean(bank.iban)))", bank.bic.isEmpty ? "" : "\(w.bic) \(clean(bank.bic))"]
            .filter { !$0.isEmpty }
        // Asked to pay only what is still to be paid (see the text print).
        if !isCredit, invoice.status != .cancelled, balance > 0 {
            if let due = invoice.dueDate { notes.append(w.payBy(w.date(due))) }
            if let skonto = invoice.skonto, let deadline = invoice.skontoDeadline {
                notes.append(w.skontoOffer(w.date(deadline), skonto.percentText, money(invoice.skontoCents)))
            }
            if !account.isEmpty { notes.append("\(w.bank): " + account.joined(separator: " · ")) }
        }
        if invoice.status == .cancelled { notes.append(w.cancelledByCreditNote) }
        self.notes = notes

        let contact = source.sellerContact
        footer = [
            letterhead,
            [seller.vatID.isEmpty ? "" : "\(w.vatID): \(clean(seller.vatID))",
             seller.taxNumber.isEmpty ? "" : "\(w.taxNumber): \(clean(seller.taxNumber))",
             contact.phone.isEmpty ? "" : "\(w.phone): \(clean(contact.phone))",
             contact.email.isEmpty ? "" : "\(w.email): \(clean(contact.email))"].filter { !$0.isEmpty },
            account.isEmpty ? [] : [w.bank] + account,
        ].filter { !$0.isEmpty }
        pageWords = PageWords(de: w.language == .de)
    }

    /// An IBAN in groups of four, as DIN 5008 writes it on paper: "DE02 2005 0550 1015 8713 93".
    static func grouped(_ iban: String) -> String {
        let plain = IBAN.normalized(iban)
        return stride(from: 0, to: plain.count, by: 4).map { start in
            String(plain.dropFirst(start).prefix(4))
        }.joined(separator: " ")
    }

    /// The buyer's address lines as a letter goes out (DIN 5008): a last
    /// line that is a country's code is left out for the seller's own
    /// country and written as the country's name in capitals abroad
    /// ("JAPAN", "ÖSTERREICH"), as the post reads it.
    static func postal(_ lines: [String], from sellerCountry: String, german: Bool) -> [String] {
        guard let last = lines.last, last.count == 2, last.allSatisfy({ $0.isASCII && $0.isUppercase }),
              let names = Countries.names[last] else { return lines }
        if last == sellerCountry.uppercased() { return Array(lines.dropLast()) }
        let name = german && names.count > 1 ? names[1] : names[0]
        return Array(lines.dropLast()) + [name.uppercased()]
    }
}

extension InvoiceSheet {
    /// A payment's row under the gross, so that the gross less the rows
    /// is the balance: on an invoice as stored (paid 500,00; refunded
    /// −20,00); on a credit note, whose gross and rows are stored negative,
    /// as the customer's credit goes (refunded 1.139,99; the invoice's
    /// Skonto, not refunded, 23,27), where stored signs beside a negative
    /// gross read as if the column did not add up.
    static func rowCents(_ payment: Payment, isCredit: Bool) -> Int {
        isCredit ? -payment.amountCents : payment.amountCents
    }
}
