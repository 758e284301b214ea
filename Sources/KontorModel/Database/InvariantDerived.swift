import GRDB

/// The tables triggers keep (so that a list's title or the board's column
/// heads cost a row, not a count), the audit log, and the triggers
/// themselves. The customers' search columns are left out: they are
/// derived in Swift (`TextFolding`), and deriving them again would read
/// every customer into Swift — not one query.
extension Invariant {
    /// `invoice_totals` holds, per status and kind, what `invoices` sums to.
    static let invoiceTotalsTable = Invariant(name: "invoice-totals-table", rule: "invoice_totals equals the invoices it sums") { db in
        try Row.fetchAll(db, sql: """
            WITH actual AS (
                SELECT status, kind, count(*) AS n, sum(gross_cents) AS gross, sum(paid_cents) AS paid FROM invoices GROUP BY status, kind
            ), keys AS (SELECT status, kind FROM actual UNION SELECT status, kind FROM invoice_totals)
            SELECT k.status, k.kind, coalesce(t.n, 0) AS kept_n, coalesce(t.gross_cents, 0) AS kept_gross, coalesce(t.paid_cents, 0) AS kept_paid,
                   coalesce(a.n, 0) AS n, coalesce(a.gross, 0) AS gross, coalesce(a.paid, 0) AS paid
            FROM keys k LEFT JOIN actual a ON a.status = k.status AND a.kind = k.kind
                        LEFT JOIN invoice_totals t ON t.status = k.status AND t.kind = k.kind
            WHERE coalesce(t.n, 0) <> coalesce(a.n, 0) OR coalesce(t.gross_cents, 0) <> coalesce(a.gross, 0)
               OR coalesce(t.paid_cents, 0) <> coalesce(a.paid, 0)
            ORDER BY k.kind, k.status
            """).map { row in
            "invoice_totals \(row["kind"] as String) \(row["status"] as String): kept \(row["kept_n"] as Int) documents, gross \(InvariantWords.cents(row["kept_gross"])), paid \(InvariantWords.cents(row["kept_paid"])); the invoices give \(row["n"] as Int), gross \(InvariantWords.cents(row["gross"])), paid \(InvariantWords.cents(row["paid"]))"
        }
    }

    /// `deal_stage_totals` holds, per stage, what `deals` sums to.
    static let dealStageTotals = Invariant(name: "deal-stage-totals", rule: "deal_stage_totals equals the deals it sums") { db in
        try Row.fetchAll(db, sql: """
            WITH actual AS (
                SELECT d.stage, count(*) AS n, coalesce(sum(d.value_cents), 0) AS value, coalesce(sum(d.value_cents * \(DealSQL.probability)), 0) AS weighted
                FROM deals d GROUP BY d.stage
            ), keys AS (SELECT stage FROM actual UNION SELECT stage FROM deal_stage_totals)
            SELECT k.stage, coalesce(t.n, 0) AS kept_n, coalesce(t.value_cents, 0) AS kept_value, coalesce(t.weighted, 0) AS kept_weighted,
                   coalesce(a.n, 0) AS n, coalesce(a.value, 0) AS value, coalesce(a.weighted, 0) AS weighted
            FROM keys k LEFT JOIN actual a ON a.stage = k.stage LEFT JOIN deal_stage_totals t ON t.stage = k.stage
            WHERE coalesce(t.n, 0) <> coalesce(a.n, 0) OR coalesce(t.value_cents, 0) <> coalesce(a.value, 0)
               OR coalesce(t.weighted, 0) <> coalesce(a.weighted, 0)
            ORDER BY k.stage
            """).map { row in
            "deal_stage_totals \(row["stage"] as String): kept \(row["kept_n"] as Int) deals worth \(InvariantWords.cents(row["kept_value"])) (weighted sum \(row["kept_weighted"] as Int)); the deals give \(row["n"] as Int) worth \(InvariantWords.cents(row["value"])) (weighted sum \(row["weighted"] as Int))"
        }
    }

    /// `reservation_totals` holds, per product, what the open documents
    /// reserve of it (`ReservationSQL.summed`).
    static let reservationTotals = Invariant(name: "reservation-totals", rule: "reservation_totals equals the open lines it sums") { db in
        try Row.fetchAll(db, sql: """
            WITH actual AS (\(ReservationSQL.summed)),
                 keys AS (SELECT product_id FROM actual UNION SELECT product_id FROM reservation_totals)
            SELECT k.product_id, p.sku, coalesce(t.quantity, 0) AS kept, coalesce(a.quantity, 0) AS summed
            FROM keys k LEFT JOIN actual a ON a.product_id = k.product_id
                        LEFT JOIN reservation_totals t ON t.product_id = k.product_id
                        LEFT JOIN products p ON p.id = k.product_id
            WHERE coalesce(t.quantity, 0) <> coalesce(a.quantity, 0)
            ORDER BY k.product_id
            """).map { row in
            let product = (row["sku"] as String?).map { "product \($0)" } ?? "product #\(row["product_id"] as Int64)"
            return "reservation_totals \(product): kept \(row["kept"] as Int) reserved; the draft invoices and won deals not yet invoiced give \(row["summed"] as Int)"
        }
    }

    /// `staff_workload` holds each member's open tickets and deals.
    static let staffWorkload = Invariant(name: "staff-workload", rule: "staff_workload equals the open tickets and deals it counts") { db in
        try Row.fetchAll(db, sql: """
            WITH actual AS (\(StaffWorkloadSchema.summed)),
                 keys AS (SELECT staff_id FROM actual UNION SELECT staff_id FROM staff_workload)
            SELECT k.staff_id, s.username, coalesce(w.open_tickets, 0) AS kept_tickets, coalesce(w.open_deals, 0) AS kept_deals,
                   coalesce(a.open_tickets, 0) AS tickets, coalesce(a.open_deals, 0) AS deals
            FROM keys k LEFT JOIN actual a ON a.staff_id = k.staff_id
                        LEFT JOIN staff_workload w ON w.staff_id = k.staff_id
                        LEFT JOIN staff s ON s.id = k.staff_id
            WHERE coalesce(w.open_tickets, 0) <> coalesce(a.open_tickets, 0) OR coalesce(w.open_deals, 0) <> coalesce(a.open_deals, 0)
            ORDER BY k.staff_id
            """).map { row in
            let who = (row["username"] as String?) ?? "staff #\(row["staff_id"] as Int64)"
            return "staff_workload \(who): kept \(row["kept_tickets"] as Int) open tickets and \(row["kept_deals"] as Int) open deals; there are \(row["tickets"] as Int) and \(row["deals"] as Int)"
        }
    }

    /// `customer_counts` holds the number of active and archived customers.
    static let customerCounts = Invariant(name: "customer-counts", rule: "customer_counts equals the customers it counts") { db in
        try Row.fetchAll(db, sql: """
            SELECT k.archived, k.n AS kept, (SELECT count(*) FROM customers c WHERE c.archived = k.archived) AS n
            FROM customer_counts k
            WHERE k.n <> (SELECT count(*) FROM customers c WHERE c.archived = k.archived)
            """).map { row in
            "customer_counts \(row["archived"] as Int == 1 ? "archived" : "active"): kept \(row["kept"] as Int), there are \(row["n"] as Int)"
        }
    }

    /// The audit log is append-only: its ids run from 1 without a gap (a
    /// row deleted leaves one, as SQLite gives each new row the highest id
    /// plus one), and time never runs backwards along them. A clock put
    /// back on the server shows here too; that is worth knowing as well.
    static let auditLog = Invariant(name: "audit-log", rule: "the audit log is unbroken") { db in
        var problems: [String] = []
        let span = try Row.fetchOne(db, sql: "SELECT count(*) AS n, min(id) AS lowest, max(id) AS highest FROM audit_log")!
        let n: Int = span["n"]
        if n > 0, let lowest = span["lowest"] as Int?, let highest = span["highest"] as Int?, lowest != 1 || highest - lowest + 1 != n {
            problems.append("audit log: \(n) entries but ids run from \(lowest) to \(highest) — \(highest - n) entries missing")
        }
        problems += try Row.fetchAll(db, sql: """
            SELECT id, at, previous_at FROM (SELECT id, at, lag(at) OVER (ORDER BY id) AS previous_at FROM audit_log)
            WHERE at < previous_at LIMIT \(InvariantWords.limit)
            """).map { row in
            "audit log entry \(row["id"] as Int64): written at \(row["at"] as String), before the entry ahead of it (\(row["previous_at"] as String))"
        }
        return problems
    }

    /// Every trigger a new database has is there: the ones that refuse
    /// changes to issued invoices, payments, the stock ledger and the
    /// audit log, and the ones that keep the derived tables. The list
    /// comes from a new database built in memory by the same migrations,
    /// so it cannot fall behind the schema.
    static let triggers = Invariant(name: "triggers", rule: "every rule and derived table has its trigger") { db in
        let present = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        let expected = try KontorDatabase.inMemory().read { fresh in
            try String.fetchAll(fresh, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        }
        return expected.filter { !present.contains($0) }.map { name in
            let guarding = name.hasPrefix("audit_log_append_only") ? " — the audit log can be changed or deleted" : ""
            return "trigger \(name) is missing\(guarding)"
        }
    }
}
