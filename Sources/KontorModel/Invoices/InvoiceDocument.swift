import GRDB
import KontorText

/// An invoice as plain text, for printing or mailing: every particular §14
/// (4) UStG asks for — the seller's and buyer's name and address, the seller's
/// VAT id or tax number, the issue date, the number, the delivery date, the
/// quantities and descriptions, the net amount per VAT rate, the rate and the
/// VAT amount — and the gross total, payment terms and bank account.
///
/// An issued invoice prints as it was frozen; a draft prints with today's
/// company settings and customer, marked as a draft without a number.
public struct InvoiceDocument: Equatable, Sendable {
    public var text: String
    /// "2026-00042.txt", "CN-2026-00003.txt", or "draft-17.txt".
    public var fileName: String
}

extension InvoiceRepository {
    public func document(for invoiceID: Int64) throws -> InvoiceDocument {
        try database.read { db in
            let source = try InvoicePrintSource.read(db, invoiceID: invoiceID)
            let text = Self.documentText(source.invoice, lines: source.lines, allowances: source.allowances, payments: source.payments,
                                         seller: source.seller, buyer: source.buyer, bank: source.bank, corrected: source.corrected.map { corrected in
                                             // A correction names the invoice it corrects by number and date (§14 (4) UStG, §31 (5) UStDV).
                                             corrected.issueDate.map { "\(corrected.number) \(source.words.language == .de ? "vom" : "of") \(source.words.date($0))" }
                                                 ?? corrected.number
                                         },
                                         words: source.words)
            return InvoiceDocument(text: Self.printable(text), fileName: (source.invoice.number ?? "draft-\(source.invoice.id)") + ".txt")
        }
    }

    /// The text with control characters and escape sequences shown as
    /// symbols (␛, ␇, …), direction controls as �, and zero-width
    /// formatting dropped, line by line, exactly as the screen shows them
    /// (`VisibleText`): a name imported with terminal codes must not act on
    /// the terminal that prints the file, nor read differently there.
    static func printable(_ text: String) -> String {
        VisibleText.cleanLines(text)
    }

    static func documentText(_ invoice: Invoice, lines: [InvoiceLine], allowances: [InvoiceAllowance] = [], payments: [Payment], seller: Invoice.Party, buyer: Invoice.Party,
                             bank: (name: String, iban: String, bic: String), corrected: String?, words: DocumentWords) -> String {
        var out: [String] = []
        let width = 78
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            let cut = s.count > n ? String(s.prefix(max(0, n - 1))) + "…" : s
            let fill = String(repeating: " ", count: max(0, n - cut.count))
            return right ? fill + cut : cut + fill
        }
        func money(_ cents: Int) -> String { Money.format(cents: cents) }
        func wrap(_ text: String, _ width: Int) -> [String] {
            var lines: [String] = []
            var current = ""
            for word in text.split(separator: " ") {
                var rest = String(word)
                while rest.count > width {
                    if !current.isEmpty { lines.append(current); current = "" }
                    lines.append(String(rest.prefix(width)))
                    rest = String(rest.dropFirst(width))
                }
                if current.isEmpty { current = rest } else if current.count + 1 + rest.count <= width { current += " " + rest } else {
                    lines.append(current)
                    current = rest
                }
            }
            if !current.isEmpty { lines.append(current) }
            return lines.isEmpty ? [""] : lines
        }
        let isCredit = invoice.kind == .creditNote
        let w = words

        out.append(seller.name)
        out += seller.address.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if !seller.vatID.isEmpty { out.append("\(w.vatID): \(seller.vatID)") }
        if !seller.taxNumber.isEmpty { out.append("\(w.taxNumber): \(seller.taxNumber)") }
        out.append("")
        out.append(buyer.name)
        // The country as the PDF writes it (DIN 5008): left out at home, by its name abroad.
        out += InvoiceSheet.postal(buyer.address.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
                                          from: invoice.parties?.seller.address.country ?? "DE", german: w.language == .de)
        if !buyer.vatID.isEmpty { out.append("\(w.customerVATID): \(buyer.vatID)") }
        out.append("")
        out.append("")
        if invoice.status == .draft {
            out.append(w.draft)
        } else {
            out.append(isCredit ? "\(w.creditNote) \(invoice.number ?? "")" : "\(w.invoice) \(invoice.number ?? "")")
        }
        out.append(String(repeating: "=", count: width))
        // The labels in one column, as wide as the longest ("Storno zu Rechnung:").
        var fields: [(head: String, value: String)] = []
        func field(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            fields.append((label + ":", value))
        }
        field(isCredit ? w.creditNoteNumber : w.invoiceNumber, invoice.number ?? w.assignedWhenIssued)
        field(isCredit ? w.creditNoteDate : w.issueDate, invoice.issueDate.map(w.date) ?? w.setWhenIssued)
        field(w.deliveryDate, (invoice.deliveryDate ?? invoice.issueDate).map(w.date) ?? w.issueDateUnlessStated)
        if let start = invoice.periodStart, let end = invoice.periodEnd { field(w.servicePeriod, "\(w.date(start)) \(w.periodTo) \(w.date(end))") }
        if !isCredit { field(w.dueDate, invoice.dueDate.map(w.date)) }
        field(w.cancelsInvoice, corrected)
        field(w.yourReference, invoice.buyerReference)
        field(w.yourOrder, invoice.orderReference)
        let fieldWidth = max(18, (fields.map(\.head.count).max() ?? 0) + 1)
        for (head, value) in fields { out.append(pad(head, fieldWidth) + value) }
        out.append("")

        let header = pad(w.position, 4) + pad(w.description, 30) + pad(w.quantity, 7, right: true) + " " + pad(w.unit, 5) + pad(w.unitPrice, 12, right: true)
            + pad(w.vat, 5, right: true) + pad(w.amount, 14, right: true)
        out.append(header)
        out.append(String(repeating: "-", count: width))
        for line in lines {
            // Long descriptions wrap in their column rather than being cut.
            let parts = wrap(line.description.replacingOccurrences(of: "\n", with: " "), 29)
            let quantity = w.language == .de ? line.quantity.description : line.quantity.xml
            out.append(pad(String(line.position), 4) + pad(parts[0], 30) + pad(quantity, 7, right: true) + " " + pad(line.unit, 5)
                       + pad(money(line.unitPriceCents), 12, right: true)
                       + pad(line.taxCategory == .standard ? "\(line.vatRate.rawValue / 100)%" : line.taxCategory.code, 5, right: true)
                       + pad(money(line.netCents - DocumentWords.signedDiscount(of: line)), 14, right: true))
            for part in parts.dropFirst() { out.append("    " + part) }
            if let start = line.periodStart, let end = line.periodEnd {
                out.append("    \(w.servicePeriod): \(w.date(start)) \(w.periodTo) \(w.date(end))")
            }
            if line.discountCents != 0 {
                out.append(pad("    \(w.discount(of: line))", width - 14) + pad(money(DocumentWords.signedDiscount(of: line)), 14, right: true))
            }
        }
        out.append(String(repeating: "-", count: width))
        let totals = InvoiceTotals(lines: lines, allowances: allowances)
        let labelWidth = width - 16
        // A label longer than its column wraps, the amount on its last line:
        // a cut label hid the amount a VAT line is reckoned on ("auf 377,…").
        func total(_ label: String, _ cents: Int, suffix: String = "") {
            let parts = label.count > labelWidth - 1 ? wrap(label, labelWidth - 1) : [label]
            for part in parts.dropLast() { out.append(pad(part, labelWidth, right: true)) }
            out.append(pad(parts.last ?? "", labelWidth, right: true) + pad(money(cents), 16, right: true) + suffix)
        }
        if !allowances.isEmpty {
            total(w.linesTotal, totals.linesNetCents)
            for allowance in allowances {
                let group = allowance.taxCategory == .standard ? allowance.vatRate.label : allowance.taxCategory.code
                let shown = w.allowance(allowance, group: group)
                total(shown.label, shown.cents)
            }
        }
        for rate in totals.byRate {
            let name = rate.category == .standard ? rate.rate.label : "\(rate.category.code) \(w.category(rate.category))"
            total("\(w.netAt) \(name)", rate.netCents)
            total("\(w.vatAt) \(name) \(w.on) \(money(rate.netCents))", rate.vatCents)
        }
        total(w.netTotal, totals.netCents)
        total(w.vatTotal, totals.vatCents)
        out.append(pad("", labelWidth) + String(repeating: "=", count: 16))
        total("\(w.grossTotal) \(invoice.currency)", totals.grossCents)
        let exemptions = Set(lines.filter { $0.vatRate == .zero && !$0.vatExemption.isEmpty }.map { "\($0.taxCategory.code): \($0.vatExemption)" }).sorted()
        if !exemptions.isEmpty {
            out.append("")
            for reason in exemptions { out.append("\(w.zeroVAT), \(reason)") }
        }
        // Every row of the document's money, so the column adds up: the
        // gross less the rows is the balance under them (`InvoiceSheet.rowCents`).
        let balance = totals.grossCents - invoice.paidCents
        if !payments.isEmpty {
            out.append("")
            for payment in payments {
                let cents = InvoiceSheet.rowCents(payment, isCredit: isCredit)
                switch payment.kind {
                case .payment: total("\(w.paidOn) \(w.date(payment.paidOn))", cents)
                case .refund: total("\(w.refundedOn) \(w.date(payment.paidOn))", cents)
                case .settlement: total("\(isCredit ? w.settlesInvoice : w.settledByCreditNote) \(payment.reference)", cents)
                case .skonto: total("\(isCredit ? w.skontoTakenBack : w.skontoTaken) \(w.date(payment.paidOn))", cents)
                }
            }
            if balance < 0 { total("\(w.owedToCustomer) \(invoice.currency)", -balance) } else { total(w.balanceDue, balance) }
        } else if isCredit, balance < 0, invoice.status != .draft {
            total("\(w.owedToCustomer) \(invoice.currency)", -balance)
        }
        out.append("")
        if !invoice.notes.isEmpty { out.append(invoice.notes) }
        if balance < 0, invoice.status != .draft { out.append(w.willRefund("\(money(-balance)) \(invoice.currency)")) }
        // Asked to pay only what is still to be paid: a paid or overpaid
        // invoice printed again does not ask for money it has or owes back.
        if !isCredit, invoice.status != .cancelled, balance > 0 {
            if let due = invoice.dueDate { out.append(w.payBy(w.date(due))) }
            if let skonto = invoice.skonto, let deadline = invoice.skontoDeadline {
                out.append(w.skontoOffer(w.date(deadline), skonto.percentText, money(invoice.skontoCents)))
            }
            let account = [bank.name, bank.iban.isEmpty ? "" : "\(w.iban) \(bank.iban)", bank.bic.isEmpty ? "" : "\(w.bic) \(bank.bic)"]
                .filter { !$0.isEmpty }
            if !account.isEmpty { out.append("\(w.bank): " + account.joined(separator: " · ")) }
        }
        if invoice.status == .cancelled { out.append(w.cancelledByCreditNote) }
        return out.joined(separator: "\n") + "\n"
    }
}
