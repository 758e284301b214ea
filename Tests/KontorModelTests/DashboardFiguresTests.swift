import Foundation
import GRDB
@testable import KontorModel
import Testing

/// The dashboard's figures against the same figures computed here in plain
/// SQL, written differently on purpose (date arithmetic with julianday and
/// strftime instead of the model's precomputed boundaries, grouping instead
/// of index ranges), on a seeded business; and the rules behind each figure
/// on a few records made by hand.
@Suite("Dashboard figures")
struct DashboardFiguresTests {
    // MARK: Against SQL, on the demo business

    /// One seeded business for the comparisons: a copy of the one seeded
    /// for the whole run (seeding takes a moment).
    final class Demo: @unchecked Sendable {
        let db: TestDatabase
        init() throws {
            db = try TestDatabase(demoScale: 800)
        }
        func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
            try db.database.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
        }
    }

    /// Days (and instants) at which the figures are compared: now, and a
    /// day in the past year, so that the windows cut through the data.
    static let offsets = [0, -75]
    /// The same for open tickets: the demo keeps none open longer than
    /// `DemoBusiness.oldestOpenTicketDays`, so the past day lies inside that.
    static let ticketOffsets = [0, -20]

    @Test func openTicketsMatchSQL() throws {
        let demo = try Demo()
        let staffIDs = try demo.rows("SELECT DISTINCT assignee_id FROM tickets WHERE assignee_id IS NOT NULL LIMIT 2").map { $0[0] as Int64 }
        for offset in Self.ticketOffsets {
            let now = Date().addingTimeInterval(TimeInterval(offset) * 86_400)
            let nowText = Timestamp.string(from: now)
            for staff in staffIDs + [nil] {
                let figures = try demo.db.database.reports.openTickets(now: now, staffID: staff)
                var expected = OpenTicketFigures()
                let rows = try demo.rows("""
                    SELECT priority,
                           CASE WHEN julianday(?1) - julianday(created_at) < 1 THEN 0
                                WHEN julianday(?1) - julianday(created_at) < 3 THEN 1
                                WHEN julianday(?1) - julianday(created_at) < 7 THEN 2
                                WHEN julianday(?1) - julianday(created_at) < 30 THEN 3
                                ELSE 4 END AS age,
                           count(*) AS n
                    FROM tickets WHERE status IN ('new', 'open', 'pending') GROUP BY 1, 2
                    """, [nowText])
                for row in rows {
                    expected.counts[TicketPriority(rawValue: row["priority"])!]![TicketAge(rawValue: row["age"])!] = row["n"]
                }
                let totals = try demo.rows("""
                    SELECT count(*), sum(CASE WHEN assignee_id = ?2 THEN 1 ELSE 0 END), sum(CASE WHEN assignee_id IS NULL THEN 1 ELSE 0 END),
                           sum(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
                           sum(CASE WHEN (CASE WHEN status = 'pending' THEN pending_until || 'T00:00:00Z'
                                               WHEN first_response_at IS NULL THEN first_response_due ELSE resolution_due END) < ?1 THEN 1 ELSE 0 END)
                    FROM tickets WHERE status IN ('new', 'open', 'pending')
                    """, [nowText, staff])[0]
                (expected.open, expected.mine, expected.unassigned, expected.pending, expected.breached) =
                    (totals[0], totals[1] ?? 0, totals[2] ?? 0, totals[3] ?? 0, totals[4] ?? 0)
                #expect(figures == expected, "at \(nowText), staff \(staff.map(String.init) ?? "none")")
                #expect(figures.open > 20 && figures.breached > 0 && figures.unassigned > 0, "the demo has tickets of every kind: \(figures)")
                if staff != nil { #expect(figures.mine > 0) }
                #expect(TicketAge.allCases.map { figures.count($0) }.reduce(0, +) == figures.open)
                #expect(TicketPriority.allCases.map { figures.count($0) }.reduce(0, +) == figures.open)
                // The queue a figure opens holds as many tickets as the figure says.
                let queue = demo.db.database.tickets(at: now)
                for age in TicketAge.allCases {
                    #expect(try queue.count(TicketQueueQuery(age: age), matching: "") == figures.count(age), "\(age) at \(nowText)")
                }
                for priority in TicketPriority.allCases {
                    #expect(try queue.count(TicketQueueQuery(priority: priority), matching: "") == figures.count(priority), "\(priority)")
                }
            }
        }
    }

    @Test func pipelineMatchesSQL() throws {
        let demo = try Demo()
        let figures = try demo.db.database.reports.pipeline()
        #expect(figures.map(\.stage) == DealStage.allCases)
        let rows = try demo.rows("""
            SELECT stage, count(*) AS n, sum(value_cents) AS value,
                   sum(value_cents * CASE
                       WHEN stage = 'won' THEN 100 WHEN stage = 'lost' THEN 0
                       WHEN probability IS NOT NULL THEN probability
                       WHEN stage = 'lead' THEN 10 WHEN stage = 'qualified' THEN 25
                       WHEN stage = 'proposal' THEN 50 ELSE 75 END) AS weighted100
            FROM deals GROUP BY stage
            """)
        #expect(rows.count == 6, "the demo has deals in every stage")
        for row in rows {
            let stage = DealStage(rawValue: row["stage"])!
            let figure = try #require(figures.first { $0.stage == stage })
            #expect(figure.count == row["n"])
            #expect(figure.valueCents == row["value"])
            // Summed exactly, rounded half up once.
            #expect(figure.weightedValueCents == ((row["weighted100"] as Int) + 50) / 100)
        }
    }

    @Test func revenueByMonthMatchesSQL() throws {
        let demo = try Demo()
        for offset in Self.offsets {
            let today = CalendarDate.adding(days: offset, to: CalendarDate.today())!
            let figures = try demo.db.database.reports.revenueByMonth(today: today)
            #expect(figures.count == 12)
            #expect(figures.last?.month == String(today.prefix(7)))
            let rows = try demo.rows("""
                SELECT strftime('%Y-%m', issue_date) AS month, sum(net_cents) AS net, count(*) AS n
                FROM invoices
                WHERE status <> 'draft' AND date(issue_date) >= date(?1, 'start of month', '-11 months')
                  AND date(issue_date) < date(?1, 'start of month', '+1 month')
                GROUP BY 1 ORDER BY 1
                """, [today])
            var expected = Dictionary(uniqueKeysWithValues: figures.map { ($0.month, MonthRevenue(month: $0.month)) })
            for row in rows { expected[row["month"]] = MonthRevenue(month: row["month"], netCents: row["net"], documents: row["n"]) }
            #expect(figures == expected.values.sorted { $0.month < $1.month }, "months ending \(today)")
            #expect(figures.filter { $0.netCents > 0 }.count >= (offset == 0 ? 10 : 8), "the demo has a year of invoices")
        }
    }

    @Test func topCustomersMatchSQL() throws {
        let demo = try Demo()
        for offset in Self.offsets {
            let today = CalendarDate.adding(days: offset, to: CalendarDate.today())!
            let figures = try demo.db.database.reports.topCustomers(today: today, limit: 10)
            let rows = try demo.rows("""
                SELECT i.customer_id, c.name, sum(i.net_cents) AS net
                FROM invoices i JOIN customers c ON c.id = i.customer_id
                WHERE i.status <> 'draft' AND date(i.issue_date) >= date(?1, 'start of month', '-11 months')
                  AND date(i.issue_date) < date(?1, 'start of month', '+1 month')
                GROUP BY i.customer_id ORDER BY net DESC, i.customer_id LIMIT 10
                """, [today])
            #expect(rows.count == 10)
            #expect(figures == rows.map { CustomerRevenue(customerID: $0["customer_id"], name: $0["name"], netCents: $0["net"]) })
        }
    }

    @Test func receivablesMatchSQL() throws {
        let demo = try Demo()
        for offset in Self.offsets {
            let today = CalendarDate.adding(days: offset, to: CalendarDate.today())!
            let figures = try demo.db.database.reports.receivables(today: today)
            let rows = try demo.rows("""
                SELECT CASE WHEN julianday(?1) - julianday(due_date) <= 0 THEN 0
                            WHEN julianday(?1) - julianday(due_date) <= 30 THEN 1
                            WHEN julianday(?1) - julianday(due_date) <= 60 THEN 2
                            WHEN julianday(?1) - julianday(due_date) <= 90 THEN 3
                            ELSE 4 END AS age,
                       count(*) AS n, sum(gross_cents - paid_cents) AS open
                FROM invoices WHERE kind = 'invoice' AND status = 'issued' AND paid_cents < gross_cents
                GROUP BY 1
                """, [today])
            var expected = ReceivableFigures()
            for row in rows { expected.buckets[ReceivableAge(rawValue: row["age"])!] = .init(count: row["n"], openCents: row["open"]) }
            expected.drafts = try demo.rows("SELECT count(*) FROM invoices WHERE number IS NULL")[0][0]
            #expect(figures == expected, "on \(today)")
            // The same overdue total as the invoice list's overdue view.
            let view = InvoiceRepository.condition(InvoiceQuery(view: .overdue, today: today))
            let overdue = try demo.db.database.read { db in
                try Row.fetchOne(db, SQLRequest<Row>(literal: "SELECT count(*), sum(gross_cents - paid_cents) FROM invoices i WHERE \(view)"))!
            }
            #expect(figures.overdue.count == overdue[0] as Int)
            #expect(figures.overdue.openCents == (overdue[1] as Int?) ?? 0)
        }
        let now = try demo.db.database.reports.receivables()
        #expect(ReceivableAge.allCases.allSatisfy { now[$0].count > 0 }, "the demo has receivables of every age")
        #expect(now.drafts > 0)
    }

    @Test func lowStockMatchesSQL() throws {
        let demo = try Demo()
        let figures = try demo.db.database.reports.lowStock(limit: 5)
        let count: Int = try demo.rows("SELECT count(*) FROM products WHERE active = 1 AND on_hand < reorder_point")[0][0]
        let worst = try demo.rows("""
            SELECT id FROM products WHERE active = 1 AND on_hand < reorder_point
            ORDER BY reorder_point - on_hand DESC, id LIMIT 5
            """).map { $0[0] as Int64 }
        #expect(count > 0, "the demo has products below their reorder point")
        #expect(figures.count == count)
        #expect(figures.worst.map(\.productID) == worst)
        #expect(figures.worst.allSatisfy { $0.onHand < $0.reorderPoint })
    }

    /// Every figure is read from an index, never from the rows of a table.
    @Test func figuresAreReadFromIndexes() throws {
        let demo = try Demo()
        let reports = demo.db.database.reports
        let today = CalendarDate.today()
        func plan(_ sql: String, _ arguments: StatementArguments = []) throws -> String {
            try reports.plan(sql, arguments).joined(separator: " | ")
        }
        let (tickets, ticketArguments) = ReportRepository.openTicketsSQL(now: Date(), staffID: 1)
        let ticketPlan = try plan(tickets, ticketArguments)
        #expect(ticketPlan.contains("COVERING INDEX tickets_open_by_priority") && !ticketPlan.contains("TEMP B-TREE"), "\(ticketPlan)")

        let monthPlan = try plan(ReportRepository.monthRevenueSQL, ["2026-01-01", "2026-02-01"])
        #expect(monthPlan.contains("COVERING INDEX invoices_revenue_by_month (issue_date>? AND issue_date<?)"), "\(monthPlan)")

        let topPlan = try plan(ReportRepository.topCustomersSQL, ["2026-01-01", "2027-01-01", 10])
        #expect(topPlan.contains("SCAN i USING COVERING INDEX invoices_revenue_by_customer") && !topPlan.contains("FOR GROUP BY"), "\(topPlan)")

        let (receivables, receivableArguments) = ReportRepository.receivablesSQL(today: today)
        let receivablePlan = try plan(receivables, receivableArguments)
        #expect(receivablePlan.contains("COVERING INDEX invoices_receivable"), "\(receivablePlan)")
        let draftPlan = try plan(ReportRepository.draftsSQL)
        #expect(draftPlan.contains("INDEX") && !draftPlan.contains("SCAN invoices"), "\(draftPlan)")

        let pipelinePlan = try plan("""
            SELECT d.stage, count(*) AS n, coalesce(sum(d.value_cents), 0) AS value, \(DealSQL.weightedSum) AS weighted
            FROM deals d GROUP BY d.stage
            """)
        #expect(pipelinePlan.contains("COVERING INDEX deals_by_stage_value"), "\(pipelinePlan)")

        // Low stock reads the products table, which stays small (a thousand
        // products at a million customers): SQLite may scan it or use
        // `products_low_stock`, whichever it finds cheaper.
        for stockPlan in [try plan(ReportRepository.lowStockCountSQL), try plan(ReportRepository.lowStockWorstSQL, [8])] {
            #expect(stockPlan.contains("products"), "\(stockPlan)")
        }
    }

    // MARK: The rules, on records made by hand

    @Test func revenueIsNetByIssueMonthWithCreditNotesNegativeAndNoDrafts() throws {
        let f = try Fixture()
        let march = try f.issuedInvoice(net: 100_00, on: "2026-03-10")
        _ = try f.issuedInvoice(net: 50_00, on: "2026-03-31")
        let april = try f.issuedInvoice(net: 70_00, on: "2026-04-01")
        _ = try f.invoices.createDraft(customerID: f.customer.id, lines: [f.line(net: 999_00)], by: f.db.carol)
        // Cancelled in April: March keeps its revenue, April's credit note takes it back.
        _ = try f.invoices.cancel(march.id, reason: "wrong customer", on: "2026-04-15", expectedVersion: march.version, by: f.db.carol)
        // Paid in full: still revenue.
        _ = try f.invoices.recordPayment(to: april.id, amountCents: april.grossCents, paidOn: "2026-04-20", by: f.db.carol)

        let months = try f.reports.revenueByMonth(today: "2026-04-30", months: 3)
        #expect(months == [
            MonthRevenue(month: "2026-02"),
            MonthRevenue(month: "2026-03", netCents: 150_00, documents: 2),
            MonthRevenue(month: "2026-04", netCents: 70_00 - 100_00, documents: 2),
        ])
        #expect(try f.reports.revenueByMonth(today: "2027-01-05", months: 12).map(\.month).first == "2026-02")
        let top = try f.reports.topCustomers(today: "2026-04-30", months: 3)
        #expect(top == [CustomerRevenue(customerID: f.customer.id, name: "Müller GmbH", netCents: 120_00)])
        // A window that starts after the invoices: nothing.
        #expect(try f.reports.topCustomers(today: "2027-12-31", months: 12).isEmpty)
    }

    @Test func receivablesAreBucketedByDaysOverdue() throws {
        let f = try Fixture() // the customer pays in 0 days: due on the day of issue
        let due = "2026-05-01"
        // Issued oldest first: numbers follow the dates.
        _ = try f.issuedInvoice(net: 300_00, on: "2026-01-01")
        let b = try f.issuedInvoice(net: 200_00, on: "2026-04-01")
        let a = try f.issuedInvoice(net: 100_00, on: due)
        _ = try f.invoices.createDraft(customerID: f.customer.id, lines: [f.line(net: 1_00)], by: f.db.carol)
        _ = try f.invoices.recordPayment(to: b.id, amountCents: 38_00, by: f.db.carol)
        let paidInFull = try f.issuedInvoice(net: 10_00, on: due)
        _ = try f.invoices.recordPayment(to: paidInFull.id, amountCents: paidInFull.grossCents, by: f.db.carol)

        func figures(_ today: String) throws -> ReceivableFigures { try f.reports.receivables(today: today) }
        // On the due date nothing is overdue yet.
        var onDue = try figures(due)
        #expect(onDue[.notDue] == .init(count: 1, openCents: a.grossCents))
        #expect(onDue.drafts == 1)
        // 30 days overdue is still the first bucket; 31 is the second.
        let thirty = try figures("2026-05-31")
        #expect(thirty[.upTo30Days] == .init(count: 1, openCents: a.grossCents))
        #expect(thirty[.upTo60Days] == .init(count: 1, openCents: b.grossCents - 38_00))
        let thirtyOne = try figures("2026-06-01")
        #expect(thirtyOne[.upTo30Days].count == 0)
        #expect(thirtyOne[.upTo60Days].count == 1 && thirtyOne[.upTo90Days].count == 1)
        #expect(thirtyOne[.over90Days] == .init(count: 1, openCents: 357_00)) // 300 + 19 % VAT
        #expect(thirtyOne.overdue.count == 3 && thirtyOne.open.count == 3)
        #expect(thirtyOne.open.openCents == a.grossCents + b.grossCents - 38_00 + 357_00)
        onDue = try figures("2025-12-31")
        #expect(onDue.overdue.count == 0 && onDue.open.count == 3)
    }

    @Test func openTicketsByPriorityAgeAndPerson() throws {
        let f = try Fixture()
        let now = TicketTime.date(from: "2026-11-29T12:00:00Z")!
        func ticket(_ hoursAgo: Int, _ priority: TicketPriority) throws -> Ticket {
            try f.db.database.tickets(at: now.addingTimeInterval(TimeInterval(-hoursAgo) * 3600))
                .create(TicketFields(subject: "Case \(hoursAgo)h", customerID: f.customer.id, priority: priority), by: f.db.bob)
        }
        let fresh = try ticket(2, .urgent)        // < 1 day, urgent: first response due after 1 h → breached
        _ = try ticket(23, .low)                   // < 1 day, low: 24 h to respond
        let day = try ticket(24, .normal)          // exactly a day: 1–3 days; breached
        _ = try ticket(24 * 5, .high)              // 3–7 days
        _ = try ticket(24 * 40, .normal)           // > 30 days
        let resolved = try ticket(3, .normal)
        let tickets = f.db.database.tickets(at: now)
        _ = try tickets.setStatus(id: resolved.id, .resolved, expectedVersion: resolved.version, by: f.db.bob)
        let bobID = f.db.bob.staff.id
        _ = try tickets.assign(id: fresh.id, to: bobID, expectedVersion: fresh.version, by: f.db.bob)
        _ = try tickets.setStatus(id: day.id, .pending, pendingUntil: now.addingTimeInterval(86_400), expectedVersion: day.version, by: f.db.bob)

        let figures = try f.reports.openTickets(now: now, staffID: bobID)
        #expect(figures.open == 5)
        #expect(figures.mine == 1 && figures.unassigned == 4 && figures.pending == 1)
        #expect(figures.count(.underOneDay) == 2 && figures.count(.oneToThreeDays) == 1 && figures.count(.threeToSevenDays) == 1)
        #expect(figures.count(.sevenToThirtyDays) == 0 && figures.count(.overThirtyDays) == 1)
        #expect(figures.count(.urgent, .underOneDay) == 1 && figures.count(.low, .underOneDay) == 1 && figures.count(.normal) == 2)
        // The same "breached" as the queue's breached view.
        #expect(figures.breached == (try tickets.count(.breached)))
        #expect(figures.breached >= 2)
        #expect(try f.reports.openTickets(now: now, staffID: nil).mine == 0)
    }

    @Test func lowStockIsActiveProductsBelowTheirReorderPoint() throws {
        let f = try Fixture()
        let products = f.db.database.products
        func product(_ sku: String, reorder: Int, onHand: Int, active: Bool = true) throws -> Product {
            let p = try products.create(ProductFields(sku: sku, name: "Product \(sku)", price: "1,00", reorderPoint: String(reorder), active: active), by: f.db.carol)
            if onHand > 0 { _ = try products.receive(productID: p.id, quantity: onHand, by: f.db.carol) }
            return p
        }
        _ = try product("AT", reorder: 5, onHand: 5)      // at the point: not below it
        let one = try product("ONE", reorder: 5, onHand: 4)
        let empty = try product("EMPTY", reorder: 10, onHand: 0)
        _ = try product("OLD", reorder: 10, onHand: 0, active: false)
        let figures = try f.reports.lowStock()
        #expect(figures.count == 2)
        #expect(figures.worst.map(\.productID) == [empty.id, one.id])
        #expect(figures.worst.first?.shortfall == 10)
        #expect(try f.reports.lowStock(limit: 1).worst.count == 1)
    }

    @Test func monthWindows() {
        #expect(CalendarMonth.window(endingIn: "2026-02-15", count: 3) == ["2025-12", "2026-01", "2026-02"])
        #expect(CalendarMonth.window(endingIn: "2026-12-31", count: 12).first == "2026-01")
        #expect(CalendarMonth.adding(1, to: "2026-12") == "2027-01")
        #expect(CalendarMonth.adding(-13, to: "2026-01") == "2024-12")
    }

    /// A customer who pays on the day (terms 0), and the repositories.
    struct Fixture {
        let db: TestDatabase
        let customer: Customer
        init() throws {
            db = try TestDatabase()
            var settings = try db.alice.settings()
            settings.vatID = "DE123456788"
            settings.completeForInvoices()
            try db.alice.saveSettings(settings)
            customer = try db.database.customers.create(CustomerFields(name: "Müller GmbH", paymentTerms: "0"), by: db.bob)
            try db.readyToInvoice()
        }
        var reports: ReportRepository { db.database.reports }
        var invoices: InvoiceRepository { db.database.invoices }

        func line(net: Int) -> InvoiceLineInput {
            InvoiceLineInput(description: "Beratung", quantity: 1, unitPriceCents: net, vatRate: .standard)
        }

        func issuedInvoice(net: Int, on day: String) throws -> Invoice {
            let draft = try invoices.createDraft(customerID: customer.id, lines: [line(net: net)], by: db.carol)
            return try invoices.issue(draft.id, issueDate: day, expectedVersion: draft.version, by: db.carol)
        }
    }
}
