import KontorLocale
import Foundation
import KontorModel
import KontorUI

/// What the related pane shows about one record: the records it touches on
/// both sides of the business, in sections, each row a link.
struct RelatedContent: Sendable {
    /// The record's name, first line of the pane.
    var title: String
    /// A line or two a busy person reads first (what is owed, what is late).
    var summary: [RelatedRow] = []
    var sections: [RelatedSection] = []
    /// Whose activity the content lists and the newest entry it read (a
    /// member of staff's): every save anywhere writes activity, so rather
    /// than read the pane again after each, the pane asks whether this
    /// person's newest entry moved.
    var activity: ActivityMark?
}

/// A person's newest audit entry as a pane read it.
struct ActivityMark: Sendable, Equatable {
    var actor: String
    var lastID: Int64?
}

/// "Open tickets (3)" and its rows.
struct RelatedSection: Sendable {
    var heading: String
    var rows: [RelatedRow]
    /// Shown when there are no rows.
    var empty = tr("none")
}

struct RelatedRow: Sendable {
    var text: String
    var role: Theme.Role = .normal
    /// A one-cell mark before the row ("!" late, "★" primary) so that a state
    /// never rests on colour alone.
    var mark = ""
    /// Where Enter goes; nil for rows that only inform.
    var link: RecordLink?
}

/// Builds the related pane's content for any record, through the model's
/// queries: a handful of indexed reads, each cut to a few rows. Runs away
/// from the keyboard (see `RelatedPane`), so it touches no screen state.
enum Related {
    /// Rows per section: the pane is a glance; the full lists are one Enter away.
    static let rowsPerSection = 6

    static func content(for link: RecordLink, session: Session, today: String = CalendarDate.today()) throws -> RelatedContent? {
        switch link {
        case let .customer(id): return try customer(id, session: session, today: today)
        case let .ticket(id): return try ticket(id, session: session, today: today)
        case let .deal(id): return try deal(id, session: session)
        case let .invoice(id): return try invoice(id, session: session, today: today)
        case let .product(id): return try product(id, session: session)
        case let .staff(id): return try staff(id, session: session)
        }
    }

    // MARK: Shared rows

    /// The customer's money in one line: "⚠ 2 invoices overdue, 1.840,00 € · 1st dunning notice".
    static func moneyLine(_ dunning: CustomerDunning) -> RelatedRow {
        let b = dunning.balance
        // What dunning did and what holds it back: the last letter, disputes, a payment plan, fees.
        var held = ""
        if let last = dunning.lastLetter { held += tr(" · sent {0} {1}", last.level.displayName, Format.day(last.date)) }
        if dunning.disputedCount > 0 { held += tr(" · {0} disputed", dunning.disputedCount) }
        if let until = dunning.paymentPlanUntil { held += tr(" · payment plan until {0}", Format.day(until)) }
        if b.openFeesCents > 0 { held += tr(" · fees {0}", Format.money(b.openFeesCents)) }
        if b.overdueCount > 0 {
            let overdue = Wording.count(b.overdueCount, one: "⚠ {0} invoice overdue, {1} · {2} ({3} days)", other: "⚠ {0} invoices overdue, {1} · {2} ({3} days)",
                                        [Format.money(b.overdueCents), dunning.level.displayName, String(dunning.oldestDaysOverdue)])
            return RelatedRow(text: overdue + held, role: .alert)
        }
        if b.openCents < 0 { return RelatedRow(text: tr("we owe {0} (refund or credit)", Format.money(-b.openCents)), role: .warning) }
        let refund = b.owedBackCents > 0 ? tr(" · {0} to refund", Format.money(b.owedBackCents)) : ""
        return RelatedRow(text: (b.openCents == 0 ? tr("nothing owed") : tr("open {0}, nothing overdue", Format.money(b.openCents))) + refund + held,
                          role: b.owedBackCents > 0 ? .warning : .status)
    }

    static func customerRow(_ c: Customer) -> RelatedRow {
        RelatedRow(text: [c.name, c.fields.city, c.fields.phone].filter { !$0.isEmpty }.joined(separator: " · "), link: .customer(c.id))
    }

    static func ticketRow(_ t: TicketSummary, now: Date = Date()) -> RelatedRow {
        let breached = t.status.isOpen && t.isBreached(at: now)
        let state = breached ? tr("late") : t.status.displayName
        return RelatedRow(text: "#\(t.id) \(t.subject) · \(state) · \(t.priority.displayName)", role: breached ? .alert : .normal,
                          mark: breached ? "!" : "", link: .ticket(t.id))
    }

    static func dealRow(_ d: DealSummary) -> RelatedRow {
        RelatedRow(text: "\(d.title) · \(d.stage.displayName) · \(Format.money(d.valueCents))" + (d.isStale ? tr(" · stale") : ""),
                   mark: d.isStale ? "~" : "", link: .deal(d.id))
    }

    /// `named: false` leaves out the number (or "draft"), for a row under a title that names the invoice.
    static func invoiceRow(_ i: Invoice, today: String, named: Bool = true) -> RelatedRow {
        let overdue = i.isOverdue(today: today)
        let state = overdue ? tr("late {0}d", i.daysOverdue(today: today)) : i.status.displayName(paidCents: i.paidCents)
        let open = i.owedToCustomerCents > 0 ? tr(" · owed back {0}", Format.money(i.owedToCustomerCents))
            : i.status == .issued && i.openCents > 0 ? tr(" · open {0}", Format.money(i.openCents)) : ""
        let name = named ? "\(i.number ?? tr("draft")) · " : ""
        return RelatedRow(text: "\(name)\(Format.money(i.grossCents)) · \(state)\(open)", role: overdue ? .alert : .normal,
                          mark: overdue ? "!" : "", link: .invoice(i.id))
    }

    /// Open tickets, open deals and invoices (overdue first) of a customer.
    static func customerSections(_ customerID: Int64, session: Session, today: String, excludingTicket: Int64? = nil) throws -> [RelatedSection] {
        let db = session.database
        return customerSections(tickets: try db.tickets.page(ofCustomer: customerID, openOnly: true, limit: rowsPerSection + 1),
                                deals: try db.deals.ofCustomer(customerID, limit: 40),
                                invoices: try db.invoices.of(customer: customerID, limit: 40),
                                today: today, excludingTicket: excludingTicket)
    }

    /// The same sections from records already read (the 360° view's).
    static func customerSections(tickets: [TicketSummary], deals: [DealSummary], invoices: [Invoice], today: String,
                                 excludingTicket: Int64? = nil) -> [RelatedSection] {
        let tickets = tickets.filter { $0.status.isOpen && $0.id != excludingTicket }
        let deals = deals.filter { !$0.stage.isClosed }
        // Invoices that are owed: a credit note is not one, whatever its status.
        let owing = invoices.filter { $0.isOverdue(today: today) }
            + invoices.filter { !$0.isOverdue(today: today) && $0.status == .issued && $0.kind == .invoice }
        return [
            RelatedSection(heading: excludingTicket == nil ? tr("Open tickets ({0})", tickets.count) : tr("Other open tickets ({0})", tickets.count),
                           rows: tickets.prefix(rowsPerSection).map { ticketRow($0) }),
            RelatedSection(heading: tr("Open and overdue invoices ({0})", owing.count), rows: owing.prefix(rowsPerSection).map { invoiceRow($0, today: today) }),
            RelatedSection(heading: tr("Open deals ({0})", deals.count), rows: deals.prefix(rowsPerSection).map(dealRow)),
        ]
    }
}
