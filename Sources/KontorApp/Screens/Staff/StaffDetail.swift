import KontorLocale
import KontorModel
import KontorUI

/// A member of staff's record: contact data (when the reader may see it),
/// manager, and panes with their open tickets, their open deals and the
/// people who report to them.
final class StaffDetail: Layer {
    enum Pane: Int, CaseIterable {
        case tickets, deals, reports

        var title: String {
            switch self {
            case .tickets: return tr("Open tickets")
            case .deals: return tr("Open deals")
            case .reports: return tr("Reports")
            }
        }
    }

    private(set) var row: StaffListRow
    var member: StaffMember { row.member }
    var pane: Pane = .tickets
    let tickets: WindowedList<TicketSummary>
    let deals: WindowedList<DealSummary>
    private(set) var reports: [StaffListRow] = []
    private(set) var reportCursor = 0
    private let directory: StaffRepository
    private let showsDetails: Bool
    private let times = LocalTimes()

    private unowned let screen: StaffScreen

    init(row: StaffListRow, screen: StaffScreen) throws {
        let session = screen.session
        self.screen = screen
        self.row = row
        directory = session.staffDirectory
        showsDetails = session.may(.readStaffDetails)
        let id = row.id
        let directory = self.directory
        // The person's own index of open tickets, in the queue's SLA order.
        tickets = WindowedList(
            fetchAfter: { row, inclusive, limit in
                try directory.openTickets(of: id, after: row?.queueKey, inclusive: inclusive, limit: limit)
            },
            fetchBefore: { row, limit in try directory.openTickets(of: id, before: row?.queueKey, limit: limit) })
        deals = RecordPanes.newestFirst(
            older: { try directory.openDeals(of: id, olderThan: $0, limit: $1) },
            newer: { try directory.openDeals(of: id, newerThan: $0, limit: $1) })
        try tickets.loadFirst()
        try deals.loadFirst()
        reports = try directory.reports(of: id)
    }

    override func dataChanged(_ host: ScreenHost) throws { try reload() }

    override var actions: [Action] {
        [
            Action("detail.back", [.escape, .backspace], "back", help: "Back to the directory", group: "Person") { [unowned self] _ in close() },
            Action("detail.open", [.enter], "open", help: "Open the highlighted ticket, deal or colleague", group: "Person") { [unowned self] host in
                try openSelected(host)
            },
            Action("detail.pane", [.tab], "next pane", help: "Next pane: open tickets, open deals, reports", group: "Person") { [unowned self] _ in
                turn(by: 1)
            },
            Action("detail.panePrevious", [.backTab], "previous pane", help: "Previous pane", group: "Person", inFooter: false) { [unowned self] _ in
                turn(by: Pane.allCases.count - 1)
            },
        ] + screen.changeActions(onRecord: true) + ListKeys.actions { [unowned self] in try move($0) }
    }

    private func turn(by step: Int) {
        pane = Pane(rawValue: (pane.rawValue + step) % Pane.allCases.count)!
    }

    /// A colleague opens in place of this record; a ticket or deal on its own screen.
    private func openSelected(_ host: ScreenHost) throws {
        guard let link = selectedLink else { return }
        if case let .staff(staffID) = link, let row = try directory.row(id: staffID) {
            try screen.showInList(row)
            stack?.replace(self, with: try StaffDetail(row: row, screen: screen))
        } else {
            host.open(link)
        }
    }

    func reload() throws {
        guard let fresh = try directory.row(id: row.id) else { throw KontorError.notFound(entity: "staff member", id: row.id) }
        row = fresh
        try tickets.reload()
        try deals.reload()
        let keep = reports.indices.contains(reportCursor) ? reports[reportCursor].id : nil
        reports = try directory.reports(of: row.id)
        reportCursor = reports.firstIndex { $0.id == keep } ?? min(reportCursor, max(0, reports.count - 1))
    }

    func move(_ step: ListMove) throws {
        switch pane {
        case .tickets: try step.apply(to: tickets)
        case .deals: try step.apply(to: deals)
        case .reports:
            // A handful of people: moving needs no paging.
            switch step {
            case .down: reportCursor = min(reportCursor + 1, max(0, reports.count - 1))
            case .up: reportCursor = max(0, reportCursor - 1)
            case .pageDown, .bottom: reportCursor = max(0, reports.count - 1)
            case .pageUp, .top: reportCursor = 0
            }
        }
    }

    /// What Enter opens: a ticket, a deal, or a colleague's record (staff).
    var selectedLink: RecordLink? {
        switch pane {
        case .tickets: return tickets.selected.map { .ticket($0.id) }
        case .deals: return deals.selected.map { .deal($0.id) }
        case .reports: return reports.indices.contains(reportCursor) ? .staff(reports[reportCursor].id) : nil
        }
    }

    // MARK: Drawing

    // The panes' tables, made where they are drawn, in the person's language.
    static var ticketTable: TableView {
        TableView(columns: [
            .init("#", .fixed(8), alignRight: true), .init(tr("Subject"), .flexible(min: 14, weight: 3)),
            .init(tr("Customer"), .flexible(min: 12, weight: 2)), .init(tr("Priority"), .fixed(max(8, TextWidth.of(tr("Priority"))))),
            .init(tr("Status"), .fixed(8)), .init(tr("Due"), .fixed(16)),
        ])
    }
    static var dealTable: TableView {
        TableView(columns: [
            .init(tr("Deal"), .flexible(min: 14, weight: 3)), .init(tr("Customer"), .flexible(min: 12, weight: 2)),
            .init(tr("Stage"), .fixed(max(11, DashboardPanels.stageWidth))), .init(tr("Value"), .fixed(13), alignRight: true), .init(tr("Close"), .fixed(10)),
        ])
    }
    static var reportTable: TableView {
        TableView(columns: [
            .init(tr("Name"), .flexible(min: 14, weight: 2)), .init(tr("Title"), .flexible(min: 10, weight: 2)),
            .init(tr("Role"), .fixed(max(8, Role.allCases.map { TextWidth.of(StaffScreen.roleWord($0)) }.max() ?? 0))),
            .init(tr("Tickets"), .fixed(7), alignRight: true), .init(tr("Deals"), .fixed(6), alignRight: true),
        ])
    }

    /// The lines of the record above the panes: the name and its fields.
    private var headerLines: Int { showsDetails ? 8 : 7 }

    /// The update step: the focused pane reads the rows that fit under the record.
    override func layout(_ rect: Rect) throws {
        guard let (_, area) = RecordPanes.paneArea(in: rect, headerLines: headerLines) else { return }
        switch pane {
        case .tickets:
            try RecordPanes.layout(tickets, in: area)
            times.learn(tickets.visibleRows.map(\.slaDue))
        case .deals: try RecordPanes.layout(deals, in: area)
        case .reports: break
        }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        drawRecord(in: rect, grid: &grid, theme: theme)
        return nil
    }

    private func drawRecord(in rect: Rect, grid: inout Grid, theme: Theme) {
        grid.fill(rect, style: theme[.normal])
        let x = rect.x + 2
        let width = rect.maxX - x - 1
        var y = rect.y
        let m = member
        var cx = x + grid.write(m.fullName, x: x, y: y, maxWidth: width, style: theme[.title])
        if !m.active {
            cx += grid.write("  × " + tr("inactive: cannot log in"), x: cx, y: y, maxWidth: max(0, x + width - cx), style: theme[.marked])
        }
        y += 1
        func field(_ label: String, _ value: String) {
            guard y < rect.maxY else { return }
            grid.write(label, x: x, y: y, width: 12, style: theme[.label])
            grid.write(value, x: x + 13, y: y, maxWidth: width - 13, style: theme[.normal])
            y += 1
        }
        field(tr("Account"), m.username)
        field(tr("Role"), Language.current == .english ? "\(m.role.rawValue) · \(m.role.displayName)" : m.role.displayName)
        field(tr("Title"), [m.title, m.department].filter { !$0.isEmpty }.joined(separator: " · "))
        if showsDetails {
            field(tr("Phone"), m.phone.isEmpty ? "—" : m.phone)
            field(tr("E-mail"), m.email.isEmpty ? "—" : m.email)
        } else {
            field(tr("Contact"), tr("phone and e-mail: visible to back office, managers and admins"))
        }
        field(StaffScreen.managerWord, row.managerName ?? "—")
        field(tr("Workload"), Wording.count(row.openTickets, one: "{0} open ticket", other: "{0} open tickets") + " · "
              + Wording.count(row.openDeals, one: "{0} open deal", other: "{0} open deals"))
        guard let (tabRow, area) = RecordPanes.paneArea(in: rect, headerLines: headerLines) else { return }
        let titles = Pane.allCases.map { pane -> String in
            switch pane {
            case .tickets: return "\(pane.title) \(row.openTickets)"
            case .deals: return "\(pane.title) \(row.openDeals)"
            case .reports: return "\(pane.title) \(reports.count)"
            }
        }
        RecordPanes.drawTabs(titles, focused: pane.rawValue, at: tabRow, x: x, maxX: rect.maxX - 1, grid: &grid, theme: theme)
        switch pane {
        case .tickets:
            RecordPanes.draw(tickets, table: Self.ticketTable, lines: { t in
                let breached = t.isBreached()
                return TableView.Line(cells: ["\(t.id)", t.subject, t.customerName, t.priority.displayName, t.status.displayName,
                                              t.slaDue.map(times.callAsFunction) ?? ""],
                                      role: breached ? .alert : nil, mark: breached ? "!" : nil)
            }, empty: tr("No open tickets assigned."), in: area, grid: &grid, theme: theme)
        case .deals:
            RecordPanes.draw(deals, table: Self.dealTable, lines: { d in
                TableView.Line(cells: [d.title, d.customerName, d.stage.displayName, Format.money(d.valueCents), d.expectedClose ?? ""],
                               mark: d.isStale ? "~" : nil)
            }, empty: tr("No open deals owned."), in: area, grid: &grid, theme: theme)
        case .reports:
            guard area.height > 1 else { return }
            let visible = area.height - 1
            let top = reportCursor < visible ? 0 : reportCursor - visible + 1
            let lines = reports.dropFirst(top).prefix(visible).map { r in
                TableView.Line(cells: [r.member.fullName, r.member.title, StaffScreen.roleWord(r.member.role), "\(r.openTickets)", "\(r.openDeals)"],
                               role: r.member.active ? nil : .dim, mark: r.member.active ? nil : "×")
            }
            Self.reportTable.draw(Array(lines), cursor: reports.isEmpty ? nil : reportCursor - top, in: area, grid: &grid, theme: theme)
            if reports.isEmpty {
                grid.write(tr("Nobody reports to {0}.", m.fullName), x: area.x + 2, y: area.y + 1, maxWidth: area.width - 4, style: theme[.dim])
            }
        }
    }
}
