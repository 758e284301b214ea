/// A part of the business a commit can change, as the screens show it: the
/// unit in which open sessions learn what a colleague's save changed.
///
/// `PRAGMA data_version` says only that something was committed; with two
/// hundred sessions open, each reading again whatever it shows after every
/// colleague's save costs more than all the typing. Each write therefore
/// marks the areas its tables belong to (`ChangeMarks`), and a session reads
/// again only when an area it shows was marked.
public enum DataArea: String, CaseIterable, Sendable, Hashable {
    case customers, tickets, mail, deals, invoices, inventory, bank, staff, preferences, settings, activity

    /// Every table the schema holds that a write can change, and the area it
    /// belongs to. A table missing here counts as every area (a test makes
    /// sure none is missing).
    static let tables: [String: DataArea] = [
        "customers": .customers, "contacts": .customers, "customer_counts": .customers, "datev_debtors": .customers,
        "tickets": .tickets, "ticket_messages": .tickets, "ticket_attachments": .tickets,
        "mail_outbox": .mail,
        "deals": .deals, "deal_lines": .deals, "deal_stage_totals": .deals,
        "invoices": .invoices, "invoice_parties": .invoices, "invoice_lines": .invoices, "invoice_allowances": .invoices,
        "invoice_numbers": .invoices, "invoice_totals": .invoices, "payments": .invoices, "invoice_disputes": .invoices,
        "payment_plans": .invoices, "dunning_letters": .invoices, "dunning_notices": .invoices, "dunning_fees": .invoices,
        "dunning_fee_payments": .invoices, "interest_received": .invoices,
        "products": .inventory, "stock_moves": .inventory, "reservation_totals": .inventory,
        "bank_entries": .bank, "bank_entry_matches": .bank, "bank_counterparties": .bank,
        "staff": .staff, "staff_keys": .staff, "staff_workload": .staff,
        "staff_preferences": .preferences,
        "settings": .settings,
        "audit_log": .activity,
    ]

    /// Tables that only mirror others (full-text indexes, the marks
    /// themselves, SQLite's and GRDB's own): a write to them never stands alone.
    static func isMirror(_ table: String) -> Bool {
        table == ChangeMarks.table || table.hasPrefix("sqlite_") || table == "grdb_migrations" || table.contains("_fts")
    }

    /// What the business's own screens show: every area but a person's
    /// list preferences, the outbox and the activity log.
    public static let business: Set<DataArea> = [.customers, .tickets, .deals, .invoices, .inventory, .bank, .staff, .settings]
}

/// What was committed since a session last looked: the areas marked, or
/// everything when a write left no marks (made past Kontor, with `sqlite3`)
/// or came from a bulk load (which marks every area).
public struct DataChanges: Sendable, Equatable {
    public let areas: Set<DataArea>

    public init(_ areas: Set<DataArea>) { self.areas = areas }

    public static let everything = DataChanges(Set(DataArea.allCases))

    /// Whether something shown from `shown` may have changed.
    public func touches(_ shown: Set<DataArea>) -> Bool { !areas.isDisjoint(with: shown) }

    public func union(_ other: DataChanges) -> DataChanges { DataChanges(areas.union(other.areas)) }
}
