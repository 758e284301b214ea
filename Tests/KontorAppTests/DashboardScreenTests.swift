import Foundation
import GRDB
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
@Suite("Dashboard screen")
struct DashboardScreenTests {
    /// However many colleagues watch their dashboards, keeping them current
    /// costs a tenth of a core together: each waits its share longer.
    @Test func dashboardsOpenAtOnceShareTheReadingBudget() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(DashboardLoader.wait(after: start, took: 0.3, sharers: 1, now: start) == 3)
        #expect(DashboardLoader.wait(after: start, took: 0.3, sharers: 20, now: start) == 60)
        #expect(DashboardLoader.wait(after: start, took: 0.3, sharers: 0, now: start) == 3)
        #expect(DashboardLoader.wait(after: start, took: 0.3, sharers: 20, now: start.addingTimeInterval(100)) == 0)
    }

    @Test func theFiguresOnScreenAreTheModelsAndTheDatabases() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedDashboardBusiness()
        let text = try h.openDashboard()
        let reports = h.database.reports
        let today = CalendarDate.today()

        // Tickets, against SQL computed here.
        let open: Int = try h.sql("SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending')")
        let breached: Int = try h.sql("SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending') AND sla_due < ?", [Self.nowStamp()])
        #expect(open == 4 && breached == 1)
        #expect(h.panel("Open tickets").contains(row: "Open", "4"), "\(text)")
        #expect(h.panel("Open tickets").contains(row: "!SLA breached", "1"), "breached is marked, not only coloured:\n\(text)")
        #expect(h.panel("Open tickets").contains(row: "Unassigned", "3"))
        #expect(h.panel("Open tickets").contains(row: "Mine", "1"))
        #expect(h.panel("Open tickets by priority").contains(row: "!Urgent", "2"))
        #expect(h.panel("Open tickets by priority").contains(row: "Low", "1"))
        #expect(h.panel("Open tickets by age").contains(row: "< 1 day", "3"))
        #expect(h.panel("Open tickets by age").contains(row: "> 30 days", "1"))

        // Pipeline: count, value and weighted value (proposal: 50 %).
        #expect(h.panel("Pipeline by stage").contains(row: "Proposal", "1", "12.000,00 €", "6.000,00 €"), "\(text)")
        #expect(h.panel("Pipeline by stage").contains(row: "Won", "1", "3.500,00 €", "3.500,00 €"))
        let pipeline = try reports.pipeline()
        let leadValue: Int = try h.sql("SELECT coalesce(sum(value_cents), 0) FROM deals WHERE stage = 'lead'")
        #expect(pipeline.first { $0.stage == .lead }?.valueCents == leadValue)

        // Revenue this month: the invoice issued today less nothing; net.
        let month = String(today.prefix(7))
        let net: Int = try h.sql("SELECT sum(net_cents) FROM invoices WHERE status <> 'draft' AND substr(issue_date, 1, 7) = ?", [month])
        #expect(net == 1_000_00 + (business.sameMonthAsOverdue ? 500_00 : 0))
        #expect(h.panel("Revenue by month").contains(row: DashboardPanels.monthLabel(month), Format.money(net)), "\(text)")
        #expect(try reports.revenueByMonth(today: today).last?.netCents == net)

        // Receivables: Schäfer's invoice is 1–30 days overdue, gross.
        #expect(h.panel("Receivables").contains(row: "!Overdue", "1", "595,00 €"), "\(text)")
        #expect(h.panel("Receivables").contains(row: "Open", "2", "1.785,00 €"))
        #expect(h.panel("Receivables").contains(row: "1–30 days", "1", "595,00 €"))
        #expect(h.panel("Receivables").contains(row: "Drafts", "1"))

        // Low stock and the top customers.
        #expect(h.panel("Low stock").contains(row: "!Below reorder point", "1 product"))
        #expect(h.panel("Low stock").contains(row: "LOW-1 Filterpapier", "2 / 10"))
        #expect(h.panel("Top customers").contains(row: "1. Müller GmbH", "1.000,00 €"))
        #expect(h.panel("Top customers").contains(row: "2. Schäfer & Söhne KG", "500,00 €"))
    }

    @Test func theCursorMovesBetweenFiguresAndPanels() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        try h.seedDashboardBusiness()
        try h.openDashboard()
        #expect(h.dashboardCursor?.contains("Open") == true, "the first figure:\n\(h.screen)")
        h.press(.char("j"))
        #expect(h.dashboardCursor?.contains("SLA breached") == true)
        h.press(.down, .up, .char("k"))
        #expect(h.dashboardCursor?.contains("Open") == true)
        h.press(.tab)
        #expect(h.dashboardCursor?.contains("Urgent") == true, "Tab: the next panel's first figure:\n\(h.screen)")
        h.press(.backTab)
        #expect(h.dashboardCursor?.contains("Open") == true)
        // Right: the panel beside; at 200 columns three panels stand side by side.
        h.press(.char("l"), .char("l"))
        #expect(h.dashboardCursor?.contains("< 1 day") == true)
        h.press(.char("G"))
        #expect(h.dashboardCursor?.contains("2. Schäfer & Söhne KG") == true)
        h.press(.char("g"))
        #expect(h.dashboardCursor?.contains("Open") == true)
        // A key reads nothing: the figures stay as they were read.
        let screen = try #require(h.dashboard)
        let readAt = screen.figures.readAt
        h.press(.char("j"), .char("j"), .char("k"))
        #expect(screen.figures.readAt == readAt && !screen.loader.isReading)
    }

    @Test func enterOpensTheListOrRecordBehindEachFigure() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        try h.seedDashboardBusiness()
        try h.openDashboard()
        let screen = try #require(h.dashboard)
        let stops = DashboardScreen.stops(screen.panels).map(\.row)
        var expected: [String: DashboardLink] = [
            "tickets.open": .list(.tickets(TicketPlace(view: .allOpen, queue: nil))),
            "tickets.breached": .list(.tickets(TicketPlace(view: .breached, queue: nil))),
            "tickets.unassigned": .list(.tickets(TicketPlace(view: .unassigned, queue: nil))),
            "tickets.mine": .list(.tickets(TicketPlace(view: .mine, queue: nil))),
            "tickets.pending": .list(.tickets(TicketPlace(view: .pending, queue: nil))),
            "receivables.open": .list(.invoices(.open)),
            "receivables.overdue": .list(.invoices(.overdue)),
            "receivables.1": .list(.invoices(.overdue)),
            "receivables.2": .list(.invoices(.overdue)),
            "receivables.3": .list(.invoices(.overdue)),
            "receivables.4": .list(.invoices(.overdue)),
            "receivables.drafts": .list(.invoices(.drafts)),
            "stock.all": .list(.inventory(.lowStock)),
        ]
        for p in TicketPriority.allCases { expected["priority.\(p.rawValue)"] = .list(.tickets(TicketPlace(view: .allOpen, queue: nil, priority: p))) }
        for a in TicketAge.allCases { expected["age.\(a.rawValue)"] = .list(.tickets(TicketPlace(view: .allOpen, queue: nil, age: a))) }
        for s in DealStage.allCases { expected["pipeline.\(s.rawValue)"] = .list(.deals(.board(s))) }
        for m in CalendarMonth.window(endingIn: CalendarDate.today(), count: 12) { expected["revenue.\(m)"] = .list(.invoices(.all)) }
        for row in stops where expected[row.id] != nil {
            #expect(row.link == expected[row.id], "\(row.id)")
        }
        #expect(Set(expected.keys).isSubset(of: Set(stops.map(\.id))), "every figure has a stop")
        #expect(stops.allSatisfy { $0.link != nil })

        // Enter follows the highlighted figure: the screen's own keys, into a host that records.
        let host = RecordingHost()
        for (i, row) in stops.enumerated() {
            try screen.press(.char("g"), host: host)
            for _ in 0..<i { try screen.press(.char("j"), host: host) }
            try screen.press(.enter, host: host)
            #expect(host.opened.last == row.link, "Enter on \(row.id)")
        }
        #expect(host.opened.count == stops.count)

        // And in the App: the breached tickets, then back, then a customer.
        h.press(.char("g"), .char("j"))
        var text = h.press(.enter)
        #expect(h.app.activeScreen.title == "Tickets", "\(text)")
        h.press(.char("0"))
        // The urgent figure opens the urgent tickets alone, as many as it says; another view leaves the priority.
        h.press(.char("g"), .tab)
        let urgent: Int = try h.sql("SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending') AND priority = 'urgent'")
        text = h.press(.enter)
        #expect(text.contains("Tickets · All open · priority Urgent") && text.contains("\(urgent) open"), "\(text)")
        #expect(h.app.activeScreen.title == "Tickets")
        text = h.press(.char("O"))
        #expect(!text.contains("priority Urgent"), "\(text)")
        h.press(.char("0"))
        #expect(h.app.activeScreen.title == "Dashboard")
        h.press(.char("G"))
        text = h.press(.enter)
        #expect(h.app.activeScreen.title == "Customers")
        #expect(text.contains("Schäfer & Söhne KG"), "\(text)")
    }

    @Test func layoutAtEightyByTwentyFourScrollsToTheCursor() throws {
        let h = try ScreenHarness()
        try h.seedDashboardBusiness()
        var text = try h.openDashboard()
        let header = text.split(separator: "\n")[0]
        for tab in ["1 Customers", "2 Tickets", "3 Deals", "4 Invoices", "5 Inventory", "6 Staff", "0 Dashboard"] {
            #expect(header.contains(tab), "the tabs fit at 80 columns: \(header)")
        }
        // Narrow panels pair up; wide ones take a row of their own.
        #expect(text.split(separator: "\n").contains { $0.contains("┌─ Open tickets ─") && $0.contains("┐┌─ Open tickets by priority ─") }, "\(text)")
        #expect(text.contains("┌─ Open tickets by age ─"))
        #expect(!text.contains("Top customers"), "the last panel is below the fold")
        try h.expectBoxesIntact()
        text = h.press(.char("G"))
        #expect(text.contains("Top customers"), "the cursor's panel scrolled into view:\n\(text)")
        #expect(h.dashboardCursor?.contains("2. Schäfer & Söhne KG") == true)
        #expect(!text.contains("┌─ Open tickets ─"))
        try h.expectBoxesIntact()
        // Page by page back up, and every figure on the way is on screen when the cursor is on it.
        for _ in 0..<40 {
            h.press(.char("k"))
            #expect(h.dashboardCursor != nil, "the cursor is always visible:\n\(h.screen)")
            try h.expectBoxesIntact()
        }
        text = h.press(.char("g"))
        #expect(text.contains("┌─ Open tickets ─"))
        h.press(.pageDown)
        #expect(h.dashboardCursor != nil && !h.dashboardCursor!.contains("Open"))
    }

    @Test func layoutAtTwoHundredByFiftyUsesTheRoom() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        try h.seedDashboardBusiness()
        let text = try h.openDashboard()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Three panels side by side, and everything fits without scrolling.
        #expect(lines.contains { $0.components(separatedBy: "┌").count - 1 == 3 }, "\(text)")
        for title in ["Open tickets", "Open tickets by priority", "Open tickets by age", "Pipeline by stage", "Revenue by month",
                      "Receivables by days overdue", "Low stock", "Top customers"] {
            #expect(text.contains("┌─ \(title)"), "\(title) is on screen")
        }
        #expect(!text.contains("▼"), "nothing below the fold")
        try h.expectBoxesIntact()
        // Bars of block characters, with their numbers beside them.
        #expect(h.panel("Pipeline by stage").contains(row: "Proposal", "█", "12.000,00 €"))
        #expect(lines.contains { $0.contains("Urgent") && $0.contains("█") && $0.contains(" 2") })
    }

    @Test func anotherSessionsChangeUpdatesAFigure() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        try h.seedDashboardBusiness()
        try h.openDashboard()
        #expect(h.panel("Open tickets").contains(row: "Open", "4"))
        let other = try KontorDatabase(path: h.database.path)
        let bob = try other.session(for: Actor(username: "bob"))
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        _ = try other.tickets.create(TicketFields(subject: "Drucker offline", customerID: customer.id, priority: .urgent), by: bob)
        h.app.tick()
        let text = try h.waitForDashboard { $0.tickets?.open == 5 }
        #expect(h.panel("Open tickets").contains(row: "Open", "5"), "\(text)")
        #expect(h.panel("Open tickets by priority").contains(row: "Urgent", "3"))
    }

    /// Leaving the dashboard stops its reading after the family under way:
    /// no sum over every invoice for figures nobody will see. Coming back
    /// reads a whole set, even while the stopped reading still runs.
    @Test func leavingStopsTheReadingAndComingBackReadsAWholeSet() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        try h.seedDashboardBusiness()
        try h.openDashboard()
        let screen = try #require(h.dashboard)
        let first = try #require(screen.figures.readAt)
        #expect(!screen.loader.stopRequested)
        h.press(.char("1"))
        #expect(screen.loader.stopRequested, "leaving tells the loader")
        // A reading told to stop before it starts (as one waiting its turn
        // when the person switches there and away) reads nothing and counts
        // for nothing in the wait; the reading itself, called directly, so
        // that no timing of threads decides the outcome.
        let stopped = StopFlag()
        stopped.raise()
        var sent = 0
        DashboardLoader.read(reports: h.database.reports, staffID: h.session.staff.id, now: { Date() }, stopping: stopped) { _ in sent += 1 }
        #expect(sent == 0, "a stopped reading sends no figures and no time taken")
        #expect(screen.figures.readAt == first)
        // Back: a whole set, also when the stopped reading still runs.
        screen.loader.refresh(immediately: true)
        screen.loader.stop()
        h.press(.char("0"))
        try h.waitForDashboard { $0.readAt != first }
        #expect(h.panel("Open tickets").contains(row: "Open", "4"))
    }

    @Test func figuresShowAsTheyArriveWithAnEllipsisUntilThen() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        // A screen whose figures were never read shows where they will be.
        let screen = DashboardScreen(session: h.session)
        var grid = Grid(size: Size(width: 200, height: 40), style: Theme.fallback[.normal])
        _ = screen.draw(in: grid.bounds, grid: &grid, theme: .fallback)
        #expect(grid.text.contains("reading the figures…"))
        #expect(grid.text.contains("┌─ Pipeline by stage"))
        #expect(grid.text.components(separatedBy: "│  …").count - 1 == 8, "\(grid.text)")
        // Enter with nothing known does nothing.
        let host = RecordingHost()
        #expect(screen.actions.action(for: .enter) == nil)
        try screen.press(.enter, host: host)
        #expect(host.opened.isEmpty)
    }

    @Test func barsAreDrawnToTheEighthOfACell() {
        #expect(PanelDrawing.bar(1, width: 4) == "████")
        #expect(PanelDrawing.bar(0.5, width: 4) == "██")
        #expect(PanelDrawing.bar(0.5 + 1.0 / 32, width: 4) == "██▏")
        #expect(PanelDrawing.bar(0.0001, width: 10) == "▏", "above zero is never invisible")
        #expect(PanelDrawing.bar(0, width: 10) == "")
        #expect(PanelDrawing.bar(2, width: 3) == "███")
    }

    static func nowStamp() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }
}

@MainActor
extension Screen {
    /// Runs what `key` does on this screen, as the App would, into `host`.
    func press(_ key: Key, host: ScreenHost) throws {
        try actions.action(for: key)?.run(host)
    }
}

@MainActor
/// A host that records where the screen wanted to go.
final class RecordingHost: ScreenHost {
    func workInBackground(saying first: String,
                          _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void, _ stopped: @escaping @Sendable () -> Bool) throws -> String,
                          then: @escaping () -> Void) {
        show((try? work({ _ in }, { false })) ?? "", isError: false)
        then()
    }
    func readInBackground<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value, receive: @escaping (Result<Value, ReadFailure>) -> Void) {
        receive(Result { try work() }.mapError { ReadFailure(text: "\($0)") })
    }
    var opened: [DashboardLink] = []
    var messages: [String] = []
    func show(_ message: String, isError: Bool) { messages.append(message) }
    func open(_ link: RecordLink) { opened.append(.record(link)) }
    func open(screen: ScreenID, at location: ScreenLocation) { opened.append(.list(location.view)) }
    var presentNow: [PresenceEntry] { [] }
    func offerUndo(_ change: Undoable?) {}
    var panesBesideListsHidden: Bool { false }
}

@MainActor
extension String {
    /// Whether a line holds these pieces in this order (a label, then its numbers).
    func contains(row pieces: String...) -> Bool {
        split(separator: "\n").contains { line in
            var rest = Substring(line)
            for piece in pieces {
                guard let range = rest.range(of: piece) else { return false }
                rest = rest[range.upperBound...]
            }
            return true
        }
    }
}

@MainActor
extension ScreenHarness {
    struct DashboardBusiness {
        /// Whether the overdue invoice (issued 40 days ago) fell in this month too.
        var sameMonthAsOverdue: Bool
    }

    /// Four open tickets (two urgent, one breached, one mine, one a month
    /// old), three deals, two issued invoices (one overdue) and a draft, and
    /// a product below its reorder point.
    @discardableResult
    func seedDashboardBusiness() throws -> DashboardBusiness {
        let mueller = try #require(try customer(named: "Müller GmbH"))
        let schaefer = try #require(try customer(named: "Schäfer & Söhne KG"))
        let zeta = try #require(try customer(named: "Zeta Systems"))
        let tickets = database.tickets
        let a = try tickets.create(TicketFields(subject: "Kaffeemaschine tropft", customerID: mueller.id, priority: .urgent), by: session)
        _ = try tickets.assign(id: a.id, to: session.staff.id, expectedVersion: a.version, by: session)
        let b = try tickets.create(TicketFields(subject: "Rechnung unklar", customerID: schaefer.id, priority: .urgent), by: session)
        _ = try tickets.create(TicketFields(subject: "Neue Filter", customerID: zeta.id, priority: .low), by: session)
        let old = try tickets.create(TicketFields(subject: "Alte Frage", customerID: zeta.id, priority: .normal), by: session)
        let done = try tickets.create(TicketFields(subject: "Erledigt", customerID: zeta.id), by: session)
        _ = try tickets.setStatus(id: done.id, .resolved, expectedVersion: done.version, by: session)
        // Past their deadlines, as time would have it: set as another tool would.
        let raw = try DatabaseQueue(path: database.path)
        try raw.write { db in
            try db.execute(sql: "UPDATE tickets SET first_response_due = '2020-01-01T00:00:00Z', sla_due = '2020-01-01T00:00:00Z' WHERE id = ?", arguments: [b.id])
            let monthAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-40 * 86_400))
            try db.execute(sql: "UPDATE tickets SET created_at = ?, first_response_due = '2099-01-01T00:00:00Z', sla_due = '2099-01-01T00:00:00Z' WHERE id = ?",
                           arguments: [monthAgo, old.id])
        }

        let deals = database.deals
        _ = try deals.create(DealFields(customerID: mueller.id, title: "Kaffeevollautomat", valueCents: 12_000_00), stage: .proposal, by: session)
        _ = try deals.create(DealFields(customerID: zeta.id, title: "Wasserspender", valueCents: 800_00), stage: .lead, by: session)
        let won = try deals.create(DealFields(customerID: schaefer.id, title: "Büromöbel", valueCents: 3_500_00), stage: .negotiation, by: session)
        _ = try deals.moveStage(id: won.id, to: .won, expectedVersion: won.version, by: session)

        var settings = try session.settings()
        settings.vatID = "DE123456788"
        settings.completeForInvoices()
        try session.saveSettings(settings)
        try readyToInvoice()
        let invoices = database.invoices
        let today = CalendarDate.today()
        func issue(_ customer: Customer, net: Int, on day: String) throws {
            let draft = try invoices.createDraft(customerID: customer.id, lines: [
                InvoiceLineInput(description: "Leistung", quantity: 1, unitPriceCents: net, vatRate: .standard),
            ], by: session)
            _ = try invoices.issue(draft.id, issueDate: day, expectedVersion: draft.version, by: session)
        }
        // 14 days' terms: 26 days overdue today. (Issued first: numbers follow the dates.)
        let fortyDaysAgo = CalendarDate.adding(days: -40, to: today)!
        try issue(schaefer, net: 500_00, on: fortyDaysAgo)
        try issue(mueller, net: 1_000_00, on: today)
        _ = try invoices.createDraft(customerID: zeta.id, lines: [InvoiceLineInput(description: "Entwurf", quantity: 1, unitPriceCents: 99_00)], by: session)

        let products = database.products
        let low = try products.create(ProductFields(sku: "LOW-1", name: "Filterpapier", price: "3,50", reorderPoint: "10"), by: session)
        _ = try products.receive(productID: low.id, quantity: 2, by: session)
        let fine = try products.create(ProductFields(sku: "OK-1", name: "Kaffeebohnen", price: "12,00", reorderPoint: "5"), by: session)
        _ = try products.receive(productID: fine.id, quantity: 50, by: session)
        return DashboardBusiness(sameMonthAsOverdue: fortyDaysAgo.prefix(7) == today.prefix(7))
    }

    var dashboard: DashboardScreen? { app.activeScreen as? DashboardScreen }

    /// Switches to the dashboard and waits for its figures.
    @discardableResult
    func openDashboard() throws -> String {
        press(.char("0"))
        return try waitForDashboard { _ in true }
    }

    /// Waits (up to ten seconds) until a complete reading is in and `done`
    /// holds, then returns the screen.
    func waitForDashboard(_ done: (DashboardFigures) -> Bool) throws -> String {
        let screen = try #require(dashboard, "the dashboard is shown")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            // As the loop does: the update step delivers what was read in the background.
            app.update(size: size)
            let figures = screen.figures
            if figures.readAt != nil, !screen.loader.isReading, done(figures) { return self.screen }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("the dashboard's figures did not arrive:\n\(self.screen)")
        return self.screen
    }

    /// The text inside the box of the panel whose title starts so, line by line.
    func panel(_ title: String) -> String {
        guard let screen = dashboard else { return "" }
        let panels = screen.panels
        let grid = self.grid
        let body = screen.lastBody
        let layout = DashboardLayout(panels: panels, width: body.width)
        guard let place = layout.placements.first(where: { panels[$0.panel].title.hasPrefix(title) }) else { return "" }
        var lines: [String] = []
        for line in (place.y + 1)..<(place.y + place.height - 1) {
            let y = body.y + line - screen.scroll
            guard y >= body.y, y < body.maxY else { continue }
            var text = ""
            for x in (place.x + 1)..<(place.x + place.width - 1) { text += grid[body.x + x, y].text }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    /// The line with the dashboard's cursor.
    /// The highlighted figure's line, within its panel.
    var dashboardCursor: String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("│›") }),
              let start = line.range(of: "│›") else { return nil }
        let rest = line[start.upperBound...]
        return String(rest.prefix { $0 != "│" })
    }

    /// One value from SQL computed in the test.
    func sql<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T {
        let queue = try DatabaseQueue(path: database.path)
        return try queue.read { db in try T.fetchOne(db, sql: sql, arguments: arguments)! }
    }

    /// No text runs over a panel's border: on every line of every box on
    /// screen, the left and right borders are where the layout put them.
    func expectBoxesIntact(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let screen = try #require(dashboard)
        let grid = self.grid
        let body = screen.lastBody
        let layout = DashboardLayout(panels: screen.panels, width: body.width)
        var checked = 0
        for place in layout.placements {
            for line in place.y..<(place.y + place.height) {
                let y = body.y + line - screen.scroll
                guard y >= body.y, y < body.maxY else { continue }
                let edge = line == place.y ? ["┌", "┐"] : line == place.y + place.height - 1 ? ["└", "┘"] : ["│", "│"]
                let left = grid[body.x + place.x, y].text, right = grid[body.x + place.x + place.width - 1, y].text
                // The scroll marks sit on the last column.
                let rightOK = right == edge[1] || (place.x + place.width == size.width && ["▲", "▼"].contains(right))
                #expect(left == edge[0] && rightOK, "line \(y) of \(screen.panels[place.panel].title): \(left)…\(right)\n\(grid.text)",
                        sourceLocation: sourceLocation)
                checked += 1
            }
        }
        #expect(checked > 10, sourceLocation: sourceLocation)
    }
}
