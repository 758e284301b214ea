import KontorLocale
import Foundation
import KontorModel
import KontorUI

extension Related {
    /// Customer → contacts, open tickets, open deals, invoices (overdue first), recent activity.
    static func customer(_ id: Int64, session: Session, today: String) throws -> RelatedContent? {
        guard let customer = try session.database.customers.find(id: id) else { return nil }
        let overview = try CustomerOverview(customer, session: session, today: today)
        let dunning = try session.database.invoices.dunning(of: id, today: today)
        var content = RelatedContent(title: customer.name, summary: [moneyLine(dunning)])
        content.sections.append(RelatedSection(heading: tr("Contacts ({0})", overview.contacts.count), rows: overview.contacts.prefix(rowsPerSection).map { c in
            RelatedRow(text: [c.fields.name, c.fields.role, c.fields.phone.isEmpty ? c.fields.email : c.fields.phone].filter { !$0.isEmpty }.joined(separator: " · "),
                       mark: c.fields.isPrimary ? "★" : "", link: nil)
        }))
        // From what the overview has read already: no second round of queries per cursor move.
        content.sections += customerSections(tickets: overview.tickets, deals: overview.deals, invoices: overview.invoices, today: today)
        content.sections.append(RelatedSection(heading: tr("Recent activity"), rows: overview.activity.prefix(rowsPerSection).map { entry in
            let link: RecordLink? = switch entry.subject {
            case .customer: nil
            case let .ticket(id): .ticket(id)
            case let .deal(id): .deal(id)
            case let .invoice(id): .invoice(id)
            }
            return RelatedRow(text: "\(Format.day(entry.at)) \(entry.text)", link: link)
        }, empty: tr("nothing yet")))
        return content
    }

    /// Ticket → the customer's card and dunning state, its other open tickets,
    /// open and overdue invoices, open deals.
    static func ticket(_ id: Int64, session: Session, today: String) throws -> RelatedContent? {
        let db = session.database
        guard let ticket = try db.tickets.find(id: id), let customer = try db.customers.find(id: ticket.customerID) else { return nil }
        let dunning = try db.invoices.dunning(of: customer.id, today: today)
        var content = RelatedContent(title: customer.name, summary: [moneyLine(dunning)])
        let f = customer.fields
        let contact = [f.contactName, f.phone, f.email].filter { !$0.isEmpty }.joined(separator: " · ")
        if !contact.isEmpty { content.summary.append(RelatedRow(text: contact, role: .dim)) }
        content.sections.append(RelatedSection(heading: tr("Customer"), rows: [customerRow(customer)]))
        content.sections += try customerSections(customer.id, session: session, today: today, excludingTicket: id)
        return content
    }

    /// Deal → customer, lines with the stock available per product, the invoice it became.
    static func deal(_ id: Int64, session: Session) throws -> RelatedContent? {
        let db = session.database
        guard let deal = try db.deals.find(id: id), let customer = try db.customers.find(id: deal.fields.customerID ?? -1) else { return nil }
        var content = RelatedContent(title: deal.title, summary: [
            RelatedRow(text: "\(deal.stage.displayName) · \(Format.money(deal.valueCents)) · \(deal.probability) % → \(Format.money(deal.weightedValueCents))", role: .status),
        ])
        content.sections.append(RelatedSection(heading: tr("Customer"), rows: [customerRow(customer)]))
        var short = 0
        let lines = try db.deals.lines(of: id)
        let rows = try lines.prefix(rowsPerSection * 2).map { line -> RelatedRow in
            guard let productID = line.productID, try db.products.find(id: productID)?.fields.stocked ?? false else {
                return RelatedRow(text: "\(line.quantity) × \(line.description)" + (line.productID == nil ? "" : " · service"),
                                  link: line.productID.map { .product($0) })
            }
            let stock = try db.products.stockLevel(of: productID)
            // A won deal not yet invoiced holds its own quantity among the
            // reservations: what it lacks is what the others leave it.
            let holdsItsOwn = deal.stage == .won && deal.invoiceID == nil
            // (A stocked product's line is whole pieces.)
            let pieces = line.quantity.whole
            let free = stock.available + (holdsItsOwn ? pieces : 0)
            let lacking = free < pieces
            if lacking { short += 1 }
            return RelatedRow(text: tr("{0} × {1} · {2} available", pieces, line.description, free)
                                  + (lacking ? " · " + tr("short {0}", pieces - max(0, free)) : ""),
                              role: lacking ? .alert : .normal, mark: lacking ? "!" : "", link: .product(productID))
        }
        content.sections.append(RelatedSection(heading: short > 0 ? tr("Lines ({0}) · {1} short of stock", lines.count, short) : tr("Lines ({0})", lines.count),
                                               rows: rows))
        if let invoiceID = deal.invoiceID, let invoice = try db.invoices.find(id: invoiceID) {
            content.sections.append(RelatedSection(heading: tr("Invoice"), rows: [invoiceRow(invoice, today: CalendarDate.today())]))
        } else {
            content.sections.append(RelatedSection(heading: tr("Invoice"), rows: [], empty: deal.stage == .won ? tr("not invoiced yet") : tr("none")))
        }
        return content
    }

    /// Invoice → customer, the deal it came from, payments, credit notes, products with their stock.
    static func invoice(_ id: Int64, session: Session, today: String) throws -> RelatedContent? {
        let db = session.database
        guard let invoice = try db.invoices.find(id: id), let customer = try db.customers.find(id: invoice.customerID) else { return nil }
        // The title names the invoice; the summary says the rest once.
        var content = RelatedContent(title: invoice.number.map { invoice.kind == .creditNote ? tr("Credit note {0}", $0) : tr("Invoice {0}", $0) } ?? tr("Draft invoice #{0}", id),
                                     summary: [invoiceRow(invoice, today: today, named: false)])
        content.summary[0].link = nil
        content.sections.append(RelatedSection(heading: tr("Customer"), rows: [customerRow(customer)]))
        if let dealID = invoice.dealID, let deal = try db.deals.summary(id: dealID) {
            content.sections.append(RelatedSection(heading: tr("Deal"), rows: [dealRow(deal)]))
        }
        let payments = try db.invoices.payments(of: id)
        content.sections.append(RelatedSection(heading: tr("Payments ({0})", payments.count), rows: payments.suffix(rowsPerSection).map { p in
            RelatedRow(text: "\(Format.day(p.paidOn)) · \(Format.money(p.amountCents)) · \(p.method.displayName)" + (p.reference.isEmpty ? "" : " · \(p.reference)"))
        }))
        if invoice.kind == .invoice, invoice.status != .draft {
            // Dunning: the letters that named it, and a dispute holding it back.
            var rows = try db.dunning.notices(ofInvoice: id).suffix(rowsPerSection).map { notice in
                RelatedRow(text: tr("{0} · {1} · open {2}", Format.day(notice.date), notice.level.displayName, Format.money(notice.openCents)), role: .warning)
            }
            if let dispute = try db.dunning.dispute(ofInvoice: id) {
                rows.insert(RelatedRow(text: tr("disputed on ticket #{0}: left out of dunning", dispute.ticketID), role: .warning,
                                       link: .ticket(dispute.ticketID)), at: 0)
            }
            if !rows.isEmpty { content.sections.append(RelatedSection(heading: tr("Dunning"), rows: rows)) }
        }
        let credits = try db.invoices.creditNotes(for: id)
        if invoice.kind == .creditNote, let original = invoice.correctsID, let corrected = try db.invoices.find(id: original) {
            content.sections.append(RelatedSection(heading: tr("Cancels"), rows: [invoiceRow(corrected, today: today)]))
        } else if !credits.isEmpty {
            content.sections.append(RelatedSection(heading: tr("Credit notes ({0})", credits.count), rows: credits.map { invoiceRow($0, today: today) }))
        }
        let lines = try db.invoices.lines(of: id).filter { $0.productID != nil }
        content.sections.append(RelatedSection(heading: tr("Products ({0})", lines.count), rows: try lines.prefix(rowsPerSection).map { line in
            // A service is not stocked: it has no stock to show.
            guard try db.products.find(id: line.productID!)?.fields.stocked != false else {
                return RelatedRow(text: tr("{0} × {1} · service", line.quantity, line.description), link: .product(line.productID!))
            }
            let stock = try db.products.stockLevel(of: line.productID!)
            return RelatedRow(text: tr("{0} × {1} · {2} on hand, {3} available", line.quantity, line.description, stock.onHand, stock.available), link: .product(line.productID!))
        }))
        return content
    }

    /// Product → the stock ledger, open deals quoting it, recent invoices.
    static func product(_ id: Int64, session: Session) throws -> RelatedContent? {
        let db = session.database
        guard let product = try db.products.find(id: id) else { return nil }
        let stock = try db.products.stockLevel(of: id)
        let low = product.isBelowReorderPoint
        var content = RelatedContent(title: "\(product.fields.sku) · \(product.fields.name)", summary: [
            product.fields.stocked
                ? RelatedRow(text: tr("{0} on hand · {1} reserved · {2} available · reorder at {3}", stock.onHand, stock.reserved, stock.available, product.fields.reorderPoint),
                             role: low ? .alert : .status, mark: low ? "!" : "")
                : RelatedRow(text: tr("service: sold without stock"), role: .status),
        ])
        let moves = try db.products.ledgerEntries(of: id, olderThan: nil, limit: rowsPerSection)
        content.sections.append(RelatedSection(heading: tr("Stock ledger"), rows: moves.map { e in
            let quantity = e.move.quantity > 0 ? "+\(e.move.quantity)" : "\(e.move.quantity)"
            let document = e.invoiceNumber ?? (e.move.reference.isEmpty ? e.move.reason : e.move.reference)
            return RelatedRow(text: "\(Format.day(e.move.createdAt)) \(e.move.kind.displayName) \(quantity) → \(e.move.balance)" + (document.isEmpty ? "" : " · \(document)"),
                              link: e.move.invoiceID.map { .invoice($0) })
        }))
        let deals = try db.products.dealUses(of: id, olderThan: nil, limit: 40).filter { !$0.stage.isClosed || ($0.stage == .won && $0.invoiceID == nil) }
        content.sections.append(RelatedSection(heading: tr("Open deals quoting it ({0})", deals.count), rows: deals.prefix(rowsPerSection).map { d in
            RelatedRow(text: "\(d.title) · \(d.customerName) · \(d.quantity) × · \(d.stage.displayName)", link: .deal(d.dealID))
        }))
        let invoices = try db.products.invoiceUses(of: id, olderThan: nil, limit: rowsPerSection)
        content.sections.append(RelatedSection(heading: tr("Recent invoices"), rows: invoices.map { i in
            RelatedRow(text: "\(i.number ?? tr("draft")) · \(i.customerName) · \(i.quantity) × · \(i.status.displayName)", link: .invoice(i.invoiceID))
        }))
        return content
    }

    /// Staff → their open tickets, open deals, recent activity.
    static func staff(_ id: Int64, session: Session) throws -> RelatedContent? {
        let db = session.database
        guard let member = try session.staffDirectory.find(id: id) else { return nil }
        var content = RelatedContent(title: member.fullName, summary: [
            RelatedRow(text: [member.role.displayName, member.title, member.department].filter { !$0.isEmpty }.joined(separator: " · ") + (member.active ? "" : tr(" · inactive")),
                       role: .status),
        ])
        // From the per-person indexes: a busy colleague has thousands of open items.
        let workload = try session.staffDirectory.row(id: id)
        let tickets = try session.staffDirectory.openTickets(of: id, after: nil, limit: rowsPerSection)
        content.sections.append(RelatedSection(heading: Self.counted(tr("Open tickets"), workload?.openTickets, shown: tickets.count),
                                               rows: tickets.map { ticketRow($0) }))
        let deals = try session.staffDirectory.openDeals(of: id, olderThan: nil, limit: rowsPerSection)
        content.sections.append(RelatedSection(heading: Self.counted(tr("Open deals"), workload?.openDeals, shown: deals.count), rows: deals.map(dealRow)))
        let activity = try db.activity(ofActor: member.username, limit: rowsPerSection)
        content.activity = ActivityMark(actor: member.username, lastID: activity.first?.id)
        content.sections.append(RelatedSection(heading: tr("Recent activity"), rows: activity.map { entry in
            let link: RecordLink? = switch entry.entity {
            case "customer": .customer(entry.entityID)
            case "ticket": .ticket(entry.entityID)
            case "deal": .deal(entry.entityID)
            case "invoice": .invoice(entry.entityID)
            case "product": .product(entry.entityID)
            default: nil
            }
            let what = entry.field.map { ": " + AuditFieldNames.labels(entity: entry.entity, columns: $0) } ?? ""
            return RelatedRow(text: "\(Format.day(entry.at)) \(AuditFieldNames.change(action: entry.action, entity: entry.entity, id: entry.entityID))\(what)",
                              link: link)
        }, empty: tr("nothing recorded")))
        return content
    }

    /// "Open deals (15, first 6)": the pane is a glance; the record holds them all.
    static func counted(_ heading: String, _ total: Int?, shown: Int) -> String {
        guard let total else { return heading }
        return total > shown ? tr("{0} ({1}, first {2})", heading, total, shown) : "\(heading) (\(total))"
    }
}
