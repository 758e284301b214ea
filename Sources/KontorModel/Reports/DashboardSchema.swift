import GRDB

/// The indexes that let the dashboard add up a million-customer business
/// from indexes alone, never reading a table row.
///
/// - `tickets_open_by_priority`: every open ticket with what the ticket
///   figures group and count by (priority, age, status, assignee, deadline).
///   It holds open tickets only, a tenth of the table, and replaces a row
///   read per open ticket.
/// - `invoices_revenue_by_month`: issued documents by issue date with their
///   net, so a month's revenue is a range of the index.
/// - `invoices_revenue_by_customer`: the same by customer, read in customer
///   order so that the revenue per customer is summed as it streams past,
///   without sorting every issued invoice into groups first.
/// - `invoices_receivable`: the unpaid issued invoices with due date and
///   amounts: what the receivables by age are summed from.
enum DashboardSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX tickets_open_by_priority ON tickets (priority, created_at, status, assignee_id, sla_due) WHERE sla_due IS NOT NULL;
            CREATE INDEX invoices_revenue_by_month ON invoices (issue_date, net_cents) WHERE issue_date IS NOT NULL;
            CREATE INDEX invoices_revenue_by_customer ON invoices (customer_id, issue_date, net_cents) WHERE issue_date IS NOT NULL;
            CREATE INDEX invoices_receivable ON invoices (due_date, gross_cents, paid_cents, status, kind) WHERE status = 'issued' AND kind = 'invoice';
            """)
    }
}
