import KontorLocale
import Foundation
import GRDB

/// One event in a customer's history, from either side of the business: a
/// ticket opened, a note written, a deal moved, an invoice issued or paid.
public struct ActivityEntry: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case customerCreated, customerChanged
        case contactCreated, contactChanged
        case ticketOpened, customerWrote, replied, noted
        case dealCreated, dealMoved
        case invoiceIssued, creditNoteIssued, paymentReceived
    }

    /// The record the entry is about, to jump to it.
    public enum Subject: Equatable, Hashable, Sendable {
        case customer(Int64), ticket(Int64), deal(Int64), invoice(Int64)
    }

    /// An ISO timestamp, or an ISO day for events that only have a date.
    public var at: String
    public var kind: Kind
    public var subject: Subject
    /// Who did it, when known.
    public var actor: String
    /// One line saying what happened, e.g. "Invoice 2026-00042 issued, 1.190,00".
    public var text: String
}

extension CustomerRepository {
    /// The latest `limit` events of a customer's history, newest first.
    ///
    /// Each source is read newest first through its per-customer index and
    /// cut at `limit`, then the sources are merged: the cost follows the
    /// customer's own records, never the size of the tables.
    public func activity(of customerID: Int64, limit: Int = 40) throws -> [ActivityEntry] {
        try database.read { db in
            var entries: [ActivityEntry] = []
            let args: StatementArguments = [customerID, limit]

            for row in try Row.fetchAll(db, sql: """
                SELECT at, actor, action, max(new_value) AS value,
                       max(CASE WHEN field = 'source' THEN new_value END) AS source,
                       group_concat(CASE WHEN field NOT IN ('\(Audit.overwrittenVersion)', '\(Audit.overwrittenBy)', 'source') THEN field END, ', ') AS fields,
                       max(CASE WHEN field = '\(Audit.overwrittenBy)' THEN old_value END) AS overwritten_by
                FROM \(Audit.byEntity())
                WHERE entity = 'customer' AND entity_id = ?1
                GROUP BY at, actor, action ORDER BY max(id) DESC LIMIT ?2
                """, arguments: args) {
                let action: String = row["action"]
                let fields: String? = (row["fields"] as String?).map { AuditFieldNames.labels(entity: "customer", columns: $0) }
                // An import's own line names the file the customer came from.
                let source: String? = row["source"]
                let imported = action == "import" ? source : nil
                let created = action == "create" || imported != nil
                let text = action == "create" ? tr("Customer created")
                    : imported != nil ? tr("Customer imported from {0}", imported!)
                    : action == Audit.overwrite
                    ? tr("Customer changed over {0}'s save: {1}", try Self.fullName(db, row["overwritten_by"]), fields ?? "")
                    : Self.dunningText(action: action, value: row["value"]) ?? Self.changeText(action: action, fields: fields)
                entries.append(ActivityEntry(
                    at: row["at"], kind: created ? .customerCreated : .customerChanged, subject: .customer(customerID), actor: row["actor"],
                    text: text))
            }

            // The customer's contact persons: each one's lines of the log,
            // read through `contacts_by_customer` and `audit_by_entity`.
            for row in try Row.fetchAll(db, sql: """
                SELECT a.at, a.actor, a.action, c.name,
                       group_concat(CASE WHEN a.field NOT IN ('customer_id', 'source', '\(Audit.overwrittenVersion)', '\(Audit.overwrittenBy)')
                                         THEN a.field END, ', ') AS fields
                FROM contacts c JOIN \(Audit.byEntity("a")) ON a.entity = 'contact' AND a.entity_id = c.id
                WHERE c.customer_id = ?1
                GROUP BY a.entity_id, a.at, a.actor, a.action ORDER BY max(a.id) DESC LIMIT ?2
                """, arguments: args) {
                let name: String = row["name"]
                let action: String = row["action"]
                let fields = (row["fields"] as String?).map { AuditFieldNames.labels(entity: "contact", columns: $0) }
                let kind: ActivityEntry.Kind
                let text: String
                switch action {
                case "create": kind = .contactCreated; text = tr("Contact created: {0}", name)
                case "import": kind = .contactChanged; text = tr("Contact imported: {0}", name)
                default: kind = .contactChanged; text = fields.map { tr("Contact changed: {0} · {1}", name, $0) } ?? tr("Contact changed: {0}", name)
                }
                entries.append(ActivityEntry(at: row["at"], kind: kind, subject: .customer(customerID), actor: row["actor"], text: text))
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT id, created_at, subject FROM tickets WHERE customer_id = ?1 ORDER BY id DESC LIMIT ?2
                """, arguments: args) {
                let id: Int64 = row["id"]
                entries.append(ActivityEntry(at: row["created_at"], kind: .ticketOpened, subject: .ticket(id), actor: "",
                                             text: tr("Ticket #{0} opened: {1}", id, row["subject"] as String)))
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT m.created_at, m.kind, m.author_name, m.ticket_id, substr(m.body, 1, 200) AS body
                FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id
                WHERE t.customer_id = ?1 ORDER BY m.id DESC LIMIT ?2
                """, arguments: args) {
                let ticket: Int64 = row["ticket_id"]
                let body = Self.firstLine(row["body"])
                let kind: ActivityEntry.Kind
                let text: String
                switch row["kind"] as String {
                case "note": kind = .noted; text = tr("Note on #{0}: {1}", ticket, body)
                case "reply": kind = .replied; text = tr("Reply on #{0}: {1}", ticket, body)
                default: kind = .customerWrote; text = tr("Customer wrote on #{0}: {1}", ticket, body)
                }
                entries.append(ActivityEntry(at: row["created_at"], kind: kind, subject: .ticket(ticket), actor: row["author_name"], text: text))
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT id, title, created_at, updated_by FROM deals WHERE customer_id = ?1 ORDER BY id DESC LIMIT ?2
                """, arguments: args) {
                let id: Int64 = row["id"]
                entries.append(ActivityEntry(at: row["created_at"], kind: .dealCreated, subject: .deal(id), actor: "",
                                             text: tr("Deal created: {0}", row["title"] as String)))
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT a.at, a.actor, a.entity_id, a.old_value, a.new_value, d.title
                FROM deals d JOIN \(Audit.byEntity("a")) ON a.entity = 'deal' AND a.entity_id = d.id
                WHERE d.customer_id = ?1 AND a.field = 'stage' AND coalesce(a.old_value, '') <> '' ORDER BY a.id DESC LIMIT ?2
                """, arguments: args) {
                let old = (row["old_value"] as String?).flatMap(DealStage.init(rawValue:))?.displayName ?? "?"
                let new = (row["new_value"] as String?).flatMap(DealStage.init(rawValue:))?.displayName ?? "?"
                entries.append(ActivityEntry(at: row["at"], kind: .dealMoved, subject: .deal(row["entity_id"]), actor: row["actor"],
                                             text: tr("Deal {0}: {1} → {2}", row["title"] as String, old, new)))
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT id, kind, number, issue_date, gross_cents, updated_by FROM invoices
                WHERE customer_id = ?1 AND status <> 'draft' ORDER BY id DESC LIMIT ?2
                """, arguments: args) {
                let credit = (row["kind"] as String) == InvoiceKind.creditNote.rawValue
                let number: String = row["number"] ?? "?"
                let gross = Money.format(cents: row["gross_cents"])
                entries.append(ActivityEntry(
                    at: row["issue_date"] ?? "", kind: credit ? .creditNoteIssued : .invoiceIssued, subject: .invoice(row["id"]), actor: row["updated_by"],
                    text: credit ? tr("Credit note {0} issued, {1} €", number, gross) : tr("Invoice {0} issued, {1} €", number, gross)))
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT p.created_at, p.created_by, p.amount_cents, p.invoice_id, i.number
                FROM invoices i JOIN payments p ON p.invoice_id = i.id
                WHERE i.customer_id = ?1 ORDER BY p.id DESC LIMIT ?2
                """, arguments: args) {
                entries.append(ActivityEntry(
                    at: row["created_at"], kind: .paymentReceived, subject: .invoice(row["invoice_id"]), actor: row["created_by"],
                    text: tr("Payment {0} € for {1}", Money.format(cents: row["amount_cents"]), row["number"] as String? ?? "?")))
            }

            // Newest first; an event known only by its day sorts after that
            // day's timed events, as the end of the day it happened on.
            return Array(entries.sorted { Self.sortKey($0.at) > Self.sortKey($1.at) }.prefix(limit))
        }
    }

    /// An event known only by its day (an invoice's issue date) sorts at the
    /// start of that day: what followed it that day (a payment) comes above.
    private static func sortKey(_ at: String) -> String { at.count == 10 ? at + "T00:00:00" : at }

    /// Dunning's entries in the customer's log say what was done, with the
    /// value: "Dunning letter sent: Mahnung-00002 first".
    private static func dunningText(action: String, value: String?) -> String? {
        switch action {
        case "dunning letter": return tr("Dunning letter sent: {0}", value ?? "")
        case "payment plan": return value.map { tr("Payment plan until {0}", CalendarDate.german($0)) } ?? tr("Payment plan ended")
        case "fee payment": return tr("Dunning fee paid: {0}", value ?? "")
        case "waive fee": return tr("Dunning fee waived: {0}", value ?? "")
        default: return nil
        }
    }

    private static func firstLine(_ text: String?) -> String {
        let text = text ?? ""
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }

    /// "Customer changed: city", in the person's language; an action
    /// without words of its own is named as stored.
    private static func changeText(action: String, fields: String?) -> String {
        switch (action, fields) {
        case ("update", nil): return tr("Customer changed")
        case let ("update", fields?): return tr("Customer changed: {0}", fields)
        case ("archive", nil): return tr("Customer archived")
        case let ("archive", fields?): return tr("Customer archived: {0}", fields)
        case ("import", nil): return tr("Customer changed by an import")
        case let ("import", fields?): return tr("Customer changed by an import: {0}", fields)
        case ("restore", nil): return tr("Customer restored")
        case let ("restore", fields?): return tr("Customer restored: {0}", fields)
        case let (action, nil): return tr("Customer {0}", action)
        case let (action, fields?): return tr("Customer {0}: {1}", action, fields)
        }
    }

    /// A member of staff by full name, as people read them ("Bob Front",
    /// not "bob"); the login itself when no such member is left. The
    /// version an overwrite replaced stays in the audit log, but is no
    /// one's word on screen.
    static func fullName(_ db: Database, _ username: String?) throws -> String {
        guard let username else { return "?" }
        return try String.fetchOne(db, sql: "SELECT full_name FROM staff WHERE username = ?", arguments: [username]) ?? username
    }
}

extension InvoiceRepository {
    /// What each of these customers owes: for a column of the customer
    /// list, one query over the `invoices_by_customer` index for a whole
    /// window of rows. Customers who owe nothing are left out.
    public func balances(ofCustomers ids: [Int64], today: String = CalendarDate.today()) throws -> [Int64: CustomerBalance] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        let placeholders = Array(repeating: "?", count: unique.count).joined(separator: ",")
        return try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT customer_id,
                       sum(gross_cents - paid_cents) AS open,
                       count(CASE WHEN kind = 'invoice' AND status = 'issued' AND due_date < ?1 THEN 1 END) AS overdue_count,
                       coalesce(sum(CASE WHEN kind = 'invoice' AND status = 'issued' AND due_date < ?1 THEN gross_cents - paid_cents END), 0) AS overdue,
                       coalesce(sum(CASE WHEN paid_cents > gross_cents THEN paid_cents - gross_cents END), 0) AS owed_back
                FROM invoices WHERE customer_id IN (\(placeholders)) AND status <> 'draft'
                GROUP BY customer_id
                """, arguments: StatementArguments([today] as [any DatabaseValueConvertible]) + StatementArguments(unique))
            // Open dunning fees are receivables too, of the same customers.
            var fees: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT customer_id, sum(amount_cents - paid_cents) AS open FROM dunning_fees
                WHERE customer_id IN (\(placeholders)) AND paid_cents < amount_cents GROUP BY customer_id
                """, arguments: StatementArguments(unique)) {
                fees[row["customer_id"]] = row["open"]
            }
            var result: [Int64: CustomerBalance] = [:]
            for row in rows {
                let fee = fees.removeValue(forKey: row["customer_id"]) ?? 0
                let balance = CustomerBalance(openCents: row["open"] + fee, overdueCount: row["overdue_count"], overdueCents: row["overdue"],
                                              owedBackCents: row["owed_back"], openFeesCents: fee)
                if balance.openCents != 0 || balance.overdueCount > 0 { result[row["customer_id"]] = balance }
            }
            for (customer, fee) in fees {
                result[customer] = CustomerBalance(openCents: fee, overdueCount: 0, overdueCents: 0, owedBackCents: 0, openFeesCents: fee)
            }
            return result
        }
    }
}
