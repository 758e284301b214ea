import Foundation
import KontorModel
import KontorLocale
import KontorUI

/// Everything the 360° view shows about one customer, read in one go when
/// the view opens or the data changes, never on a key press.
struct CustomerOverview: Sendable {
    var customer: Customer
    var ownerName: String?
    var contacts: [Contact]
    var balance: CustomerBalance
    var tickets: [TicketSummary]
    var deals: [DealSummary]
    var invoices: [Invoice]
    var activity: [ActivityEntry]
    /// Dunning letters sent, newest first; fees still open; the payment plan.
    var letters: [DunningLetterSummary]
    var openFees: [DunningFee]
    var paymentPlan: (until: String, note: String)?

    /// Rows per section: enough for a screen, the rest is one key away on the other screen.
    static let sectionLimit = 15

    init(_ customer: Customer, session: Session, today: String = CalendarDate.today()) throws {
        let database = session.database
        self.customer = customer
        ownerName = try customer.fields.ownerID.flatMap { try session.staffDirectory.find(id: $0)?.fullName }
        contacts = try database.customers.contacts(of: customer.id)
        balance = try database.invoices.balance(of: customer.id, today: today)
        // Open tickets first (they need work), then the latest closed ones.
        let open = try database.tickets.page(ofCustomer: customer.id, openOnly: true, limit: Self.sectionLimit)
        let recent = try database.tickets.page(ofCustomer: customer.id, limit: Self.sectionLimit)
        tickets = Array((open + recent.filter { !$0.status.isOpen }).prefix(Self.sectionLimit))
        deals = Array(try database.deals.ofCustomer(customer.id, limit: Self.sectionLimit))
        // Overdue first: that is what the front desk must not miss.
        let invoices = try database.invoices.of(customer: customer.id, limit: Self.sectionLimit * 2)
        self.invoices = Array((invoices.filter { $0.isOverdue(today: today) } + invoices.filter { !$0.isOverdue(today: today) }).prefix(Self.sectionLimit))
        activity = try database.customers.activity(of: customer.id, limit: 30)
        letters = try database.dunning.letters(ofCustomer: customer.id, limit: Self.sectionLimit)
        openFees = try database.dunning.openFees(ofCustomer: customer.id)
        paymentPlan = try database.dunning.paymentPlan(ofCustomer: customer.id)
        self.today = today
    }

    let today: String
    var openTicketCount: Int { tickets.filter(\.status.isOpen).count }
    var openDeals: [DealSummary] { deals.filter { !$0.stage.isClosed } }

    /// The one line a busy person reads first: what is owed and what is open.
    var summary: (text: String, alert: Bool) {
        var parts: [String] = []
        if balance.overdueCount > 0 {
            parts.append(Wording.count(balance.overdueCount, one: "⚠ {0} invoice overdue, {1}", other: "⚠ {0} invoices overdue, {1}",
                                       [Format.money(balance.overdueCents)]))
        }
        parts.append(balance.openCents == 0 ? tr("nothing owed")
                     : balance.openCents < 0 ? tr("we owe {0} (refund or credit)", Format.money(-balance.openCents))
                     : balance.owedBackCents > 0 ? tr("open {0}, {1} to refund", Format.money(balance.openCents), Format.money(balance.owedBackCents))
                     : tr("open {0}", Format.money(balance.openCents)))
        let open = openTicketCount
        let more = tickets.count >= Self.sectionLimit && open >= Self.sectionLimit ? "+" : ""
        parts.append(open == 0 ? tr("no open tickets") : Wording.count(open, one: "{0}{1} open ticket", other: "{0}{1} open tickets", [more]))
        let deals = openDeals.count
        parts.append(deals == 0 ? tr("no open deals") : Wording.count(deals, one: "{0} open deal", other: "{0} open deals"))
        return (parts.joined(separator: " · "), balance.overdueCount > 0)
    }
}

@MainActor
/// One row of the 360° view's sections: a heading, or a record one can open.
struct OverviewRow {
    enum Target: Equatable {
        case contact(Int64)
        case record(RecordLink)
    }

    var text: String
    var role: Theme.Role
    var mark: String
    /// Nil for headings and blank lines, which the cursor skips.
    var target: Target?

    static func heading(_ text: String) -> OverviewRow { OverviewRow(text: text, role: .label, mark: "", target: nil) }
    static func note(_ text: String) -> OverviewRow { OverviewRow(text: text, role: .dim, mark: "", target: nil) }
    static let blank = OverviewRow(text: "", role: .normal, mark: "", target: nil)
}

@MainActor
extension CustomerOverview {
    /// The sections as rows, for a column `width` cells wide.
    func rows(width: Int) -> [OverviewRow] {
        var rows: [OverviewRow] = []
        func cells(_ parts: [(String, Int)]) -> String {
            parts.map { TextWidth.fit($0.0, to: $0.1) }.joined(separator: " ")
        }
        let wide = width >= 70

        rows.append(.heading(tr("Contacts ({0})", contacts.count)))
        if contacts.isEmpty { rows.append(.note(tr("none yet: c adds one"))) }
        // Wide, the columns take the width there is: the phone as wide as
        // the longest, the e-mail the rest, so that an address shows whole.
        let longest = { (text: (ContactFields) -> String, least: Int, most: Int) in
            min(most, max(least, contacts.map { TextWidth.of(text($0.fields)) }.max() ?? 0))
        }
        let nameWidth = longest({ $0.name }, 24, 32), roleWidth = longest({ $0.role }, 16, 24), phoneWidth = longest({ $0.phone }, 8, 24)
        let emailWidth = max(32, width - 5 - nameWidth - roleWidth - phoneWidth)
        // Narrow, a phone (or else the e-mail) as wide as the longest, the role the rest.
        let reach = { (f: ContactFields) in f.phone.isEmpty ? f.email : f.phone }
        let reachWidth = min(max(8, width - 42), max(8, contacts.map { TextWidth.of(reach($0.fields)) }.max() ?? 0))
        for contact in contacts {
            let f = contact.fields
            let line = width >= 100
                ? cells([(f.name, nameWidth), (f.role, roleWidth), (f.email, emailWidth), (f.phone, phoneWidth)])
                : cells([(f.name, 22), (f.role, max(14, width - 28 - reachWidth)), (reach(f), reachWidth)])
            rows.append(OverviewRow(text: line, role: .normal, mark: f.isPrimary ? "★" : "", target: .contact(contact.id)))
        }

        rows.append(.blank)
        rows.append(.heading(tr("Tickets ({0} open)", openTicketCount)))
        if tickets.isEmpty { rows.append(.note(tr("none"))) }
        let now = Date()
        // As wide as the longest status and priority in the person's language ("Geschlossen").
        let longestStatus = TicketStatus.allCases.map { TextWidth.of($0.displayName) }.max() ?? 0
        let statusWidth = max(9, longestStatus)
        let narrowStatusWidth = max(8, longestStatus)
        let priorityWidth = max(7, TicketPriority.allCases.map { TextWidth.of($0.displayName) }.max() ?? 0)
        let dues = tickets.map { ticket in
            ticket.status.isOpen ? (ticket.isBreached(at: now) ? tr("breached") : ticket.slaDue.map { tr("due {0}", Format.shortTime($0)) } ?? "")
                : Format.day(ticket.createdAt)
        }
        // Wide, the deadline as wide as its longest ("bis 08.12.2026 03:00"), the subject the rest.
        let dueWidth = max(18, dues.map(TextWidth.of).max() ?? 0)
        for (ticket, due) in zip(tickets, dues) {
            let breached = ticket.status.isOpen && ticket.isBreached(at: now)
            let line = wide
                ? cells([("#\(ticket.id)", 8), (ticket.subject, max(10, width - 14 - statusWidth - priorityWidth - dueWidth)),
                         (ticket.status.displayName, statusWidth), (ticket.priority.displayName, priorityWidth), (due, dueWidth)])
                : cells([("#\(ticket.id)", 7), (ticket.subject, max(8, width - 28 - narrowStatusWidth)), (ticket.status.displayName, narrowStatusWidth), (due, 11)])
            rows.append(OverviewRow(text: line, role: breached ? .alert : (ticket.status.isOpen ? .normal : .dim), mark: breached ? "!" : "", target: .record(.ticket(ticket.id))))
        }

        rows.append(.blank)
        rows.append(.heading(tr("Deals ({0} open)", openDeals.count)))
        if deals.isEmpty { rows.append(.note(tr("none"))) }
        for deal in deals {
            let close = deal.expectedClose.map { tr("close {0}", Format.day($0)) } ?? ""
            // Stale: nothing planned next. Said in words, not only by the mark.
            let stage = deal.isStale ? tr("{0} · stale", deal.stage.displayName) : deal.stage.displayName
            let line = wide
                ? cells([(deal.title, max(10, width - 51)), (stage, 17), (Format.money(deal.valueCents), 15), (close, 16)])
                : cells([(deal.title, max(8, width - 36)), (stage, 17), (Format.money(deal.valueCents), 14)])
            rows.append(OverviewRow(text: line, role: deal.stage.isClosed ? .dim : .normal, mark: deal.isStale ? "~" : "", target: .record(.deal(deal.id))))
        }

        rows.append(.blank)
        rows.append(.heading(balance.openCents < 0 ? tr("Invoices (we owe {0})", Format.money(-balance.openCents))
                                                   : tr("Invoices (open {0})", Format.money(balance.openCents))))
        if invoices.isEmpty { rows.append(.note(tr("none"))) }
        // The invoice list's words for the same states, in its narrow form.
        let states = invoices.map { invoice in
            invoice.isOverdue(today: today) ? tr("late {0}d", invoice.daysOverdue(today: today))
                : invoice.owedToCustomerCents > 0 ? tr("owed {0}", Format.money(invoice.owedToCustomerCents))
                : invoice.kind == .creditNote ? tr("credit note") : invoice.status.displayName(paidCents: invoice.paidCents)
        }
        // Wide, the state as wide as its longest ("geschuldet 1.025,85"), where there is room.
        let stateWidth = min(max(14, width - 57), max(14, states.map(TextWidth.of).max() ?? 0))
        for (invoice, status) in zip(invoices, states) {
            let overdue = invoice.isOverdue(today: today)
            let number = invoice.number ?? tr("draft")
            let line = wide
                ? cells([(number, 14), (Format.day(invoice.issueDate), 10), (tr("due {0}", Format.day(invoice.dueDate)), 14), (Format.money(invoice.grossCents), 15), (status, stateWidth)])
                : cells([(number, 14), (Format.money(invoice.grossCents), 14), (status, max(8, width - 30))])
            rows.append(OverviewRow(text: line, role: overdue ? .alert : (invoice.status == .issued ? .normal : .dim), mark: overdue ? "!" : "", target: .record(.invoice(invoice.id))))
        }

        if !letters.isEmpty || !openFees.isEmpty || paymentPlan != nil {
            rows.append(.blank)
            let fees = openFees.reduce(0) { $0 + $1.openCents }
            rows.append(.heading(fees > 0
                ? Wording.count(letters.count, one: "Dunning ({0} letter, fees open {1})", other: "Dunning ({0} letters, fees open {1})", [Format.money(fees)])
                : Wording.count(letters.count, one: "Dunning ({0} letter)", other: "Dunning ({0} letters)")))
            if let plan = paymentPlan {
                let running = plan.until >= today
                let until = Format.day(plan.until) + (plan.note.isEmpty ? "" : " · \(plan.note)")
                rows.append(OverviewRow(text: running ? tr("Payment plan until {0}: dunning leaves the customer out", until) : tr("Payment plan until {0} (ended)", until),
                                        role: running ? .warning : .dim, mark: "", target: nil))
            }
            for letter in letters {
                let line = cells([(letter.fileName, 14), (Format.day(letter.date), 10), (letter.level.displayName, 19),
                                  (tr("{0} inv.", letter.invoiceCount), 7), (Format.money(letter.openCents), 12)])
                    + (letter.feeCents > 0 ? " " + tr("fee {0}", Format.money(letter.feeCents)) : "")
                rows.append(OverviewRow(text: line, role: .normal, mark: "", target: nil))
            }
            for fee in openFees {
                rows.append(OverviewRow(text: tr("Fee of {0}: {1} open, due {2}", fee.reference, Format.money(fee.openCents), Format.day(fee.dueDate)),
                                        role: fee.dueDate < today ? .alert : .warning, mark: "", target: nil))
            }
        }

        rows.append(.blank)
        rows.append(.heading(tr("Activity")))
        if activity.isEmpty { rows.append(.note(tr("nothing yet"))) }
        for entry in activity {
            let when = entry.at.count == 10 ? Format.day(entry.at) : Format.localTime(entry.at)
            let who = entry.actor.isEmpty ? "" : " · \(entry.actor)"
            let target: OverviewRow.Target? = switch entry.subject {
            case .customer: nil
            case let .ticket(id): .record(.ticket(id))
            case let .deal(id): .record(.deal(id))
            case let .invoice(id): .record(.invoice(id))
            }
            rows.append(OverviewRow(text: TextWidth.fit(when, to: 16) + " " + entry.text + who, role: .normal, mark: "", target: target))
        }
        return rows
    }
}
