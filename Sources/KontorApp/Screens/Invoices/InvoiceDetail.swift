import KontorLocale
import KontorModel
import KontorText
import KontorUI

@MainActor
/// Everything the record view of one invoice shows, read at once: the
/// invoice, its lines and payments, the credit notes against it (or, for a
/// credit note, the invoice it cancels), its customer and its deal.
struct InvoiceDetail {
    var invoice: Invoice
    var lines: [InvoiceLine]
    /// Discounts and surcharges on the whole document.
    var allowances: [InvoiceAllowance]
    var payments: [Payment]
    var creditNotes: [Invoice]
    /// For a credit note: the invoice it cancels.
    var corrected: Invoice?
    var customer: Customer?
    var dealTitle: String?
    /// The seller a draft will carry when issued (an issued invoice carries its own).
    var settings: CompanySettings?
    /// The dunning letters that named it, oldest first.
    var dunning: [DunningNoticeRecord] = []
    /// The ticket that marked it disputed, while it is.
    var dispute: InvoiceDispute?
    /// The highlighted line (drafts edit it).
    var lineCursor = 0
    /// What was sent of it by mail, oldest first.
    var mail: [OutboxEntry] = []

    static func load(_ id: Int64, session: Session) throws -> InvoiceDetail? {
        let database = session.database
        guard let invoice = try database.invoices.find(id: id) else { return nil }
        return InvoiceDetail(
            invoice: invoice,
            lines: try database.invoices.lines(of: id),
            allowances: try database.invoices.allowances(of: id),
            payments: try database.invoices.payments(of: id),
            creditNotes: invoice.kind == .invoice ? try database.invoices.creditNotes(for: id) : [],
            corrected: try invoice.correctsID.flatMap { try database.invoices.find(id: $0) },
            customer: try database.customers.find(id: invoice.customerID),
            dealTitle: try invoice.dealID.flatMap { try database.deals.find(id: $0)?.title },
            settings: invoice.status == .draft ? try session.settings() : nil,
            dunning: invoice.kind == .invoice && invoice.status != .draft ? try database.dunning.notices(ofInvoice: id) : [],
            dispute: invoice.kind == .invoice && invoice.status != .draft ? try database.dunning.dispute(ofInvoice: id) : nil,
            mail: invoice.status == .draft ? [] : try database.mail.entries(ofInvoice: id))
    }

    /// The same invoice read again, the cursor kept on its line.
    func reloaded(session: Session) throws -> InvoiceDetail? {
        guard var fresh = try Self.load(invoice.id, session: session) else { return nil }
        let keep = selectedLine?.id
        fresh.lineCursor = fresh.lines.firstIndex { $0.id == keep } ?? min(lineCursor, max(0, fresh.lines.count - 1))
        return fresh
    }

    var selectedLine: InvoiceLine? { lines.indices.contains(lineCursor) ? lines[lineCursor] : nil }
    var isDraft: Bool { invoice.status == .draft }
    var totals: InvoiceTotals { InvoiceTotals(lines: lines, allowances: allowances) }
    /// The VAT groups of the lines alone: where a discount or surcharge may go.
    var lineGroups: [InvoiceTotals.RateTotal] { InvoiceTotals(lines: lines).byRate }

    /// "2026-00042", or "draft #17" before it has a number.
    var name: String { invoice.number ?? tr("draft #{0}", invoice.id) }
    var customerName: String { invoice.buyer.name.isEmpty ? (customer?.name ?? tr("customer {0}", invoice.customerID)) : invoice.buyer.name }

    /// A seller or buyer block as drawn.
    struct Party {
        var name: String
        var address: String
        var vatID: String
        var taxNumber: String

        init(name: String, address: String, vatID: String, taxNumber: String) {
            self.name = name
            self.address = address
            self.vatID = vatID
            self.taxNumber = taxNumber
        }

        init(_ frozen: Invoice.Party) {
            self.init(name: frozen.name, address: frozen.address, vatID: frozen.vatID, taxNumber: frozen.taxNumber)
        }
    }

    var seller: Party {
        guard isDraft, let settings else { return Party(invoice.seller) }
        return Party(name: settings.name, address: settings.address, vatID: settings.vatID, taxNumber: settings.taxNumber)
    }

    var buyer: Party {
        guard isDraft, let customer else { return Party(invoice.buyer) }
        return Party(name: customer.name,
                             address: ([customer.fields.contactName].filter { !$0.isEmpty } + customer.fields.addressLines).joined(separator: "\n"),
                             vatID: customer.fields.vatID, taxNumber: "")
    }

    /// The state in words, with the days overdue: never shown by colour alone.
    static func statusText(_ invoice: Invoice, today: String = CalendarDate.today()) -> String {
        if invoice.kind == .creditNote {
            return invoice.owedToCustomerCents > 0
                ? tr("Credit note · owed to customer {0} {1}", Money.format(cents: invoice.owedToCustomerCents), invoice.currency) : tr("Credit note · settled")
        }
        if invoice.owedToCustomerCents > 0 {
            return tr("Overpaid · owed to customer {0} {1}", Money.format(cents: invoice.owedToCustomerCents), invoice.currency)
        }
        if invoice.isOverdue(today: today) {
            let days = invoice.daysOverdue(today: today)
            return "! " + Wording.count(days, one: "{0} day overdue", other: "{0} days overdue")
        }
        // The list's words for it ("Anbezahlt"), not a second name.
        return invoice.status.displayName(paidCents: invoice.paidCents)
    }

    // MARK: Drawing

    /// The line's VAT as the draft shows it: the rate when standard rated
    /// ("19%"), else the EN 16931 category ("AE", "K"), so a draft to an EU
    /// business shows reverse charge before it is issued.
    static func taxCell(_ line: InvoiceLine) -> String {
        line.taxCategory == .standard ? "\(line.vatRate.rawValue / 100)%" : line.taxCategory.code
    }

    /// The description, and a discount with its reason when the line has
    /// one, so the net beside it adds up.
    static func descriptionCell(_ line: InvoiceLine) -> String {
        var text = line.description
        if let start = line.periodStart, let end = line.periodEnd { text += " [\(InvoiceLineFields.periodText(start, end))]" }
        if line.discountCents != 0 {
            let percent = line.discountPercent.map { " (\($0.description) %)" } ?? ""
            text += " (−\(Money.format(cents: line.discountCents))\(percent) \(line.discountReason))"
        }
        return text
    }

    /// Made where it is drawn, in the person's language.
    static var linesTable: TableView {
        TableView(columns: [
            .init("#", .fixed(3), alignRight: true),
            .init(tr("Description"), .flexible(min: 14, weight: 1)),
            .init(tr("Qty"), .fixed(6), alignRight: true),
            .init(tr("Unit"), .fixed(5)),
            .init(tr("Price"), .fixed(11), alignRight: true),
            .init(tr("VAT"), .fixed(4), alignRight: true),
            .init(tr("Net"), .fixed(12), alignRight: true),
        ])
    }

    /// Draws the record; `compact` leaves out what a preview beside the list has no room for.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme, focused: Bool = true, compact: Bool = false) {
        grid.fill(rect, style: theme[.normal])
        guard rect.height > 3, rect.width > 20 else { return }
        let x = rect.x + (compact ? 0 : 1)
        let width = rect.maxX - x - 1
        var y = rect.y
        let today = CalendarDate.today()

        // Title: what it is and its state, in words.
        let kind = invoice.kind == .creditNote ? tr("Credit note") : (isDraft ? tr("Draft invoice") : tr("Invoice"))
        var used = grid.write("\(kind) \(invoice.number ?? "#\(invoice.id)")", x: x, y: y, maxWidth: width, style: theme[.title])
        if isDraft {
            grid.write("  " + tr("editable; it gets its number when issued"), x: x + used, y: y, maxWidth: width - used, style: theme[.dim])
        } else if invoice.kind == .creditNote {
            let state = invoice.owedToCustomerCents > 0
                ? tr("owed to customer {0} {1} (R records the refund)", Money.format(cents: invoice.owedToCustomerCents), invoice.currency) : tr("settled")
            grid.write(" · \(state)\(corrected.map { ", " + tr("cancels {0}", $0.number ?? "") } ?? "")", x: x + used, y: y, maxWidth: width - used,
                       style: theme[invoice.owedToCustomerCents > 0 ? .warning : .marked])
        } else {
            let state = Self.statusText(invoice, today: today)
            let stateRole: Theme.Role = invoice.isOverdue(today: today) ? .alert : (invoice.status == .cancelled ? .dim : .marked)
            used += grid.write(" · \(state)", x: x + used, y: y, maxWidth: width - used, style: theme[stateRole].adding(.bold))
            if invoice.status == .cancelled {
                let note = creditNotes.first?.number
                grid.write("  " + (note.map { tr("(settled by credit note {0}; kept as issued)", $0) } ?? tr("(settled by credit note; kept as issued)")), x: x + used, y: y, maxWidth: width - used, style: theme[.dim])
            }
        }
        y += 2

        // Seller and buyer side by side.
        let half = (width - 2) / 2
        let partyHeight = compact ? 4 : 5
        drawParty(tr("Seller"), seller, isSeller: true, x: x, y: y, width: half, height: partyHeight, grid: &grid, theme: theme)
        drawParty(tr("Buyer"), buyer, isSeller: false, x: x + half + 2, y: y, width: width - half - 2, height: partyHeight, grid: &grid, theme: theme)
        y += partyHeight

        // Dates and where it came from.
        var facts: [String] = []
        if let d = invoice.issueDate { facts.append(tr("Issued {0}", Format.day(d))) }
        if let d = invoice.deliveryDate, d != invoice.issueDate { facts.append(tr("Delivered {0}", Format.day(d))) }
        if let d = invoice.dueDate, invoice.kind == .invoice { facts.append(tr("Due {0}", Format.day(d))) }
        if let corrected { facts.append(tr("Cancels {0}", corrected.number ?? "#\(corrected.id)")) }
        if let dealTitle { facts.append(tr("Deal: {0}", dealTitle)) }
        if isDraft { facts.append(tr("Issue date, number and due date are set when issued")) }
        grid.write(facts.joined(separator: " · "), x: x, y: y, maxWidth: width, style: theme[.normal])
        y += 1

        // The blocks under the lines, measured first so the lines get the rest.
        let totals = self.totals
        var below: [(String, Theme.Role)] = []
        if !allowances.isEmpty {
            let list = allowances.map { allowance in
                let group = allowance.taxCategory == .standard ? allowance.vatRate.label : allowance.taxCategory.code
                // Its effect on the net: a credit note's discount (stored
                // negative, as its lines are) gives back, so it adds.
                let effect = allowance.isCharge ? allowance.amountCents : -allowance.amountCents
                let percent = allowance.percentText.map { " (\($0) %)" } ?? ""
                return "\(effect < 0 ? "−" : "+")\(Money.format(cents: abs(effect)))\(percent) \(allowance.reason) (\(group))"
            }
            below.append((tr("Lines {0} · on the whole invoice: {1}", Money.format(cents: totals.linesNetCents), list.joined(separator: "; "))
                          + (isDraft ? "  " + tr("(% changes)") : ""), .normal))
            // Said on the draft, not only when issuing: a discount whose lines went.
            if isDraft {
                for problem in InvoiceRepository.allowanceProblems(allowances, lines: lines) {
                    below.append(("! " + VisibleText.clean("\(problem.field): \(problem.message)"), .warning))
                }
            }
        }
        for rate in totals.byRate {
            if rate.category == .standard {
                below.append((tr("Net at {0}: {1}   VAT {0}: {2}", rate.rate.label, Money.format(cents: rate.netCents), Money.format(cents: rate.vatCents)), .normal))
            } else {
                // A draft shows why no VAT is charged before it is issued.
                let reasons = Set(lines.filter { $0.taxCategory == rate.category }.map(\.vatExemption).filter { !$0.isEmpty }).sorted()
                below.append((tr("{0} {1}: net {2}, no VAT", rate.category.code, tr(rate.category.label), Money.format(cents: rate.netCents))
                              + (reasons.isEmpty ? "" : " · " + reasons.joined(separator: "; ")), .normal))
            }
        }
        var sums = tr("Net {0} · VAT {1} · Gross {2} {3}", Money.format(cents: totals.netCents), Money.format(cents: totals.vatCents),
                      Money.format(cents: totals.grossCents), invoice.currency)
        if !isDraft { sums += " · " + Self.moneyState(invoice, payments: payments) }
        below.append((sums, .title))
        // Offered while it is open: a paid or cancelled invoice offers nothing more (the payments say what was taken).
        if let skonto = invoice.skonto, let deadline = invoice.skontoDeadline, invoice.kind == .invoice, invoice.status == .issued {
            below.append((tr("Skonto {0} % ({1}) if paid by {2}", skonto.percentText, Money.format(cents: invoice.skontoCents), Format.day(deadline)), .normal))
        }
        if !payments.isEmpty {
            below.append((tr("Payments: {0}", payments.map(Self.paymentText).joined(separator: "; ")), .normal))
        }
        if let dispute {
            below.append((tr("Disputed since {0} (ticket #{1}): dunning runs leave it out", Format.localTime(dispute.since), dispute.ticketID), .warning))
        }
        if !dunning.isEmpty {
            below.append((VisibleText.clean(tr("Dunning: {0}", dunning.map(Self.dunningText).joined(separator: "; "))), .warning))
        }
        if !creditNotes.isEmpty {
            let list = creditNotes.map { tr("{0} of {1} over {2}", $0.number ?? "#\($0.id)", Format.day($0.issueDate), Money.format(cents: $0.grossCents)) }
            below.append((tr("Credit notes: {0}", list.joined(separator: "; ")), .marked))
        }
        for entry in mail.suffix(2) {
            below.append(("✉ " + MailWording.report(entry.report), MailWording.isTrouble(entry.report) ? .error : .normal))
        }
        if !compact {
            below.append((tr("Changed {0} by {1} · created {2} · #{3}", Format.localTime(invoice.updatedAt), invoice.updatedBy,
                             Format.localTime(invoice.createdAt), invoice.id), .dim))
        }

        // Under the facts: the lines (a header and at least two rows), a
        // blank row, then the blocks.
        let pieces = Self.fitted(below, width: width, rows: rect.maxY - y - 2 - min(3, lines.count + 1), compact: compact)
        let linesHeight = max(2, rect.maxY - y - pieces.count - 2)
        let area = Rect(x: x, y: y + 1, width: width + 1, height: min(linesHeight, lines.count + 1))
        if lines.isEmpty {
            grid.write(isDraft ? tr("No lines yet: a adds a product from inventory, t a free-text line.") : tr("No lines."),
                       x: x + 2, y: y + 1, maxWidth: width - 2, style: theme[.dim])
        } else {
            let visible = max(1, area.height - 1)
            let top = lineCursor < visible ? 0 : lineCursor - visible + 1
            let shown = lines.dropFirst(top).prefix(visible).map { line in
                TableView.Line(cells: [String(line.position), Self.descriptionCell(line), line.quantity.description, line.unit,
                                       Money.format(cents: line.unitPriceCents), Self.taxCell(line), Money.format(cents: line.netCents)])
            }
            Self.linesTable.draw(Array(shown), cursor: focused && isDraft ? lineCursor - top : nil, in: area, grid: &grid, theme: theme,
                                 focused: focused, scrollInfo: (top == 0, top + visible >= lines.count))
        }
        y = max(y + 2, area.maxY) + 1
        for (piece, role) in pieces where y < rect.maxY {
            grid.write(piece, x: x, y: y, maxWidth: width, style: theme[role])
            y += 1
        }
    }

    /// The rows under the lines in at most `rows` rows (the lines keep a
    /// few of their own): each block wrapped to two rows where there is
    /// room, else cut to one with "…"; a block that finds no row at all
    /// (the last ones: payments, dunning, mail) is never dropped without a
    /// word: the last row says how many more a taller window shows.
    static func fitted(_ blocks: [(String, Theme.Role)], width: Int, rows: Int, compact: Bool) -> [(String, Theme.Role)] {
        let wrapped = blocks.map { text, role in (TextWidth.wrap(text, to: width, lines: compact ? 1 : 2), role) }
        let all = wrapped.flatMap { lines, role in lines.map { ($0, role) } }
        if all.count <= rows { return all }
        if blocks.count <= rows {
            // A row each, then two again for as many as fit, the totals
            // (what is still owed) first: their end is what matters.
            var counts = Array(repeating: 1, count: blocks.count)
            var spare = rows - blocks.count
            let order = blocks.indices.sorted { (blocks[$0].1 == .title ? 0 : 1, $0) < (blocks[$1].1 == .title ? 0 : 1, $1) }
            for index in order where spare > 0 {
                let extra = wrapped[index].0.count - 1
                if extra > 0, extra <= spare { counts[index] += extra; spare -= extra }
            }
            return blocks.indices.flatMap { index in
                counts[index] == 1 ? [(TextWidth.truncate(blocks[index].0, to: width), blocks[index].1)] : wrapped[index].0.map { ($0, blocks[index].1) }
            }
        }
        let single = blocks.map { text, role in (TextWidth.truncate(text, to: width), role) }
        // The changed-by line is the first to go, as it says the least.
        let kept = single.filter { $0.1 != .dim }
        if kept.count <= rows { return kept }
        guard rows > 0 else { return [] }
        let more = kept.count - (rows - 1)
        return Array(kept.prefix(rows - 1)) + [(Wording.count(more, one: "… {0} more line below: a taller window shows it",
                                                             other: "… {0} more lines below: a taller window shows them"), .dim)]
    }

    private func drawParty(_ label: String, _ party: Party, isSeller: Bool, x: Int, y: Int, width: Int, height: Int, grid: inout Grid, theme: Theme) {
        var rows = [party.name]
        let address = party.address.split(separator: "\n").map(String.init)
        if address.count > height - 3 {
            rows += address.prefix(height - 3 - 1) + [address.dropFirst(height - 3 - 1).joined(separator: ", ")]
        } else {
            rows += address
        }
        var ids: [String] = []
        if !party.vatID.isEmpty { ids.append(tr("VAT id {0}", party.vatID)) }
        if !party.taxNumber.isEmpty { ids.append(tr("Tax no. {0}", party.taxNumber)) }
        if isSeller, ids.isEmpty { ids.append("✗ " + tr("no VAT id or tax number: an admin adds one (S)")) }
        // Side by side where they fit; else one a line, the address on one
        // line to make room if need be: a tax number cut off is none.
        if !ids.isEmpty {
            let joined = ids.joined(separator: " · ")
            if TextWidth.of(joined) <= width {
                rows.append(joined)
            } else {
                if rows.count + ids.count > height - 1, address.count > 1 { rows = [party.name, address.joined(separator: ", ")] }
                rows += ids
            }
        }
        grid.write(label, x: x, y: y, maxWidth: width, style: theme[.label])
        for (i, row) in rows.prefix(height - 1).enumerated() {
            let role: Theme.Role = row.hasPrefix("✗") ? .error : (i == 0 ? .normal : .normal)
            grid.write(row, x: x, y: y + 1 + i, maxWidth: width, style: i == 0 ? theme[role].adding(.bold) : theme[role])
        }
    }

    /// What was paid, set off and paid back, and what that leaves, in
    /// words: "Paid 150,00 · Credited 250,74 · Balance 0,00", "Owed to
    /// customer 150,00". A settled document never shows a negative balance.
    /// "1st dunning notice 20.10.2026 (open 347,71, interest 1,86)".
    static func dunningText(_ notice: DunningNoticeRecord) -> String {
        let money = notice.interestCents > 0
            ? tr("open {0}, interest {1}", Money.format(cents: notice.openCents), Money.format(cents: notice.interestCents))
            : tr("open {0}", Money.format(cents: notice.openCents))
        return "\(notice.level.displayName) \(CalendarDate.german(notice.date)) (\(money))"
    }

    static func moneyState(_ invoice: Invoice, payments: [Payment]) -> String {
        func sum(_ kind: Payment.Kind) -> Int { payments.filter { $0.kind == kind }.reduce(0) { $0 + $1.amountCents } }
        var parts: [String] = []
        if invoice.kind == .invoice { parts.append(tr("Paid {0}", Money.format(cents: sum(.payment)))) }
        let settled = sum(.settlement)
        if settled != 0 { parts.append(tr("Credited {0}", Money.format(cents: abs(settled)))) }
        let skonto = sum(.skonto)
        if skonto != 0 { parts.append(tr("Skonto {0}", Money.format(cents: abs(skonto)))) }
        let refunded = -sum(.refund)
        if refunded != 0 { parts.append(tr("Refunded {0}", Money.format(cents: refunded))) }
        if invoice.owedToCustomerCents > 0 {
            parts.append(tr("Owed to customer {0}", Money.format(cents: invoice.owedToCustomerCents)))
        } else {
            parts.append(tr("Balance {0}", Money.format(cents: invoice.openCents)))
        }
        return parts.joined(separator: " · ")
    }

    /// One row of the document's money: "2026-11-05 100,00 transfer",
    /// "2026-11-20 refund 150,00 transfer", "2026-11-20 credited 250,74 by CN-2026-00001".
    static func paymentText(_ payment: Payment) -> String {
        // Quoted as the language quotes („…“ in German).
        let reference = payment.reference.isEmpty ? "" : " " + tr("“{0}”", payment.reference)
        switch payment.kind {
        case .payment: return "\(Format.day(payment.paidOn)) \(Money.format(cents: payment.amountCents)) \(payment.method.displayName)\(reference)"
        case .refund: return "\(Format.day(payment.paidOn)) " + tr("refund {0}", Money.format(cents: -payment.amountCents)) + " \(payment.method.displayName)\(reference)"
        case .settlement:
            let amount = Money.format(cents: abs(payment.amountCents))
            return "\(Format.day(payment.paidOn)) " + (payment.amountCents > 0 ? tr("credited {0} by {1}", amount, payment.reference)
                                                                   : tr("credited {0} against {1}", amount, payment.reference))
        case .skonto:
            let amount = Money.format(cents: abs(payment.amountCents))
            return "\(Format.day(payment.paidOn)) " + (payment.amountCents > 0 ? tr("Skonto {0} taken", amount) : tr("Skonto {0} of the invoice, not refunded", amount))
        }
    }
}
