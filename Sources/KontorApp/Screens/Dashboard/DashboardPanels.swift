import KontorLocale
import KontorModel
import KontorUI

/// Where a figure leads: the list behind it, filtered, or a record.
enum DashboardLink: Equatable {
    /// A screen's list in one of its views (tickets past their SLA, the
    /// board on Won, …), in that screen's own types.
    case list(ListPlace)
    case record(RecordLink)
}

/// One line of a panel: a figure with its label, its bar and its numbers,
/// or a heading over the numbers' columns.
struct PanelRow: Equatable {
    /// Stable across readings, so the cursor stays on the same figure when
    /// the numbers change ("tickets.breached", "top.4711").
    var id: String
    var label: String
    /// The bar's length as a share of the longest possible (0…1); nil: no bar.
    var fraction: Double?
    /// Right-aligned columns beside the bar.
    var values: [String]
    /// nil for headings and notes: the cursor passes them by.
    var link: DashboardLink?
    /// A mark before the label for a figure that needs attention, so that
    /// it never depends on colour alone.
    var mark: Character?
    var isHeading = false

    static func heading(_ id: String, _ values: [String]) -> PanelRow {
        PanelRow(id: id, label: "", fraction: nil, values: values, link: nil, mark: nil, isHeading: true)
    }

    static func note(_ id: String, _ text: String) -> PanelRow {
        PanelRow(id: id, label: text, fraction: nil, values: [], link: nil, mark: nil)
    }
}

/// A box of the dashboard: a title and its rows.
struct Panel: Equatable {
    var id: String
    var title: String
    var rows: [PanelRow]
}

/// Turns the figures into panels. Pure: the same figures give the same
/// panels, whatever the terminal's size.
enum DashboardPanels {
    static let waiting = "…"

    static func build(_ figures: DashboardFigures) -> [Panel] {
        // The narrow panels first, so that on a narrow terminal they pair up.
        [tickets(figures.tickets), priorities(figures.tickets), ages(figures.tickets), revenue(figures.revenue),
         pipeline(figures.pipeline), receivables(figures.receivables), lowStock(figures.lowStock), topCustomers(figures.topCustomers)]
    }

    private static func tickets(_ figures: OpenTicketFigures?) -> Panel {
        guard let f = figures else { return pending("tickets", tr("Open tickets")) }
        let whole = Double(max(f.open, 1))
        func row(_ id: String, _ label: String, _ n: Int, _ view: QueueView, mark: Bool = false) -> PanelRow {
            PanelRow(id: "tickets.\(id)", label: label, fraction: Double(n) / whole, values: [Format.count(n)],
                     link: .list(.tickets(TicketPlace(view: view, queue: nil))), mark: mark && n > 0 ? "!" : nil)
        }
        return Panel(id: "tickets", title: tr("Open tickets"), rows: [
            row("open", tr("Open"), f.open, .allOpen),
            row("breached", tr("SLA breached"), f.breached, .breached, mark: true),
            row("unassigned", tr("Unassigned"), f.unassigned, .unassigned),
            row("mine", tr("Mine"), f.mine, .mine),
            row("pending", tr("Pending"), f.pending, .pending),
        ])
    }

    private static func priorities(_ figures: OpenTicketFigures?) -> Panel {
        guard let f = figures else { return pending("priority", tr("Open tickets by priority")) }
        let priorities = TicketPriority.allCases.reversed()
        let most = Double(max(priorities.map { f.count($0) }.max() ?? 0, 1))
        return Panel(id: "priority", title: tr("Open tickets by priority"), rows: priorities.map { p in
            PanelRow(id: "priority.\(p.rawValue)", label: p.displayName, fraction: Double(f.count(p)) / most, values: [Format.count(f.count(p))],
                     link: .list(.tickets(TicketPlace(view: .allOpen, queue: nil, priority: p))), mark: p == .urgent && f.count(p) > 0 ? "!" : nil)
        })
    }

    private static func ages(_ figures: OpenTicketFigures?) -> Panel {
        guard let f = figures else { return pending("age", tr("Open tickets by age")) }
        let most = Double(max(TicketAge.allCases.map { f.count($0) }.max() ?? 0, 1))
        return Panel(id: "age", title: tr("Open tickets by age"), rows: TicketAge.allCases.map { age in
            PanelRow(id: "age.\(age.rawValue)", label: age.label, fraction: Double(f.count(age)) / most, values: [Format.count(f.count(age))],
                     link: .list(.tickets(TicketPlace(view: .allOpen, queue: nil, age: age))), mark: nil)
        })
    }

    private static func pipeline(_ figures: [DealStageTotal]?) -> Panel {
        guard let stages = figures else { return pending("pipeline", tr("Pipeline by stage")) }
        let most = Double(max(stages.map(\.valueCents).max() ?? 0, 1))
        var rows = [PanelRow.heading("pipeline.head", [tr("deals"), tr("value"), tr("weighted")])]
        rows += stages.map { s in
            PanelRow(id: "pipeline.\(s.stage.rawValue)", label: s.stage.displayName, fraction: Double(s.valueCents) / most,
                     values: [Format.count(s.count), Format.money(s.valueCents), Format.money(s.weightedValueCents)],
                     link: .list(.deals(.board(s.stage))), mark: nil)
        }
        return Panel(id: "pipeline", title: tr("Pipeline by stage"), rows: rows)
    }

    /// The months, short, in the person's language.
    static var monthNames: [String] {
        [tr("Jan"), tr("Feb"), tr("Mar"), tr("Apr"), tr("May"), tr("Jun"), tr("Jul"), tr("Aug"), tr("Sep"), tr("Oct"), tr("Nov"), tr("Dec")]
    }

    /// The widest stage name in the person's words: a stage column is at least as wide.
    static var stageWidth: Int { DealStage.allCases.map { TextWidth.of($0.displayName) }.max() ?? 0 }

    /// "2026-03" → "Mar 2026".
    static func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return month }
        return "\(monthNames[m - 1]) \(parts[0])"
    }

    private static func revenue(_ figures: [MonthRevenue]?) -> Panel {
        let title = tr("Revenue by month (net)")
        guard let months = figures else { return pending("revenue", title) }
        let most = Double(max(months.map(\.netCents).max() ?? 0, 1))
        return Panel(id: "revenue", title: title, rows: months.map { m in
            PanelRow(id: "revenue.\(m.month)", label: monthLabel(m.month), fraction: Double(max(m.netCents, 0)) / most,
                     values: [Format.money(m.netCents)], link: .list(.invoices(.all)),
                     mark: m.netCents < 0 ? "-" : nil)
        })
    }

    /// The invoice list's view for an age bucket: "overdue-days:31-60",
    /// "overdue-days:91-" (no end).
    /// An age bucket opens the overdue invoices (longest overdue first); not yet due, the open ones.
    static func overdueView(_ age: ReceivableAge) -> InvoiceView {
        age.days == nil ? .open : .overdue
    }

    private static func receivables(_ figures: ReceivableFigures?) -> Panel {
        guard let f = figures else { return pending("receivables", tr("Receivables by days overdue")) }
        let overdueAges = ReceivableAge.allCases.filter { $0 != .notDue }
        let most = Double(max(overdueAges.map { f[$0].openCents }.max() ?? 0, 1))
        let open = f.open, overdue = f.overdue
        var rows = [
            PanelRow.heading("receivables.head", [tr("invoices"), tr("unpaid")]),
            PanelRow(id: "receivables.open", label: tr("Open"), fraction: nil, values: [Format.count(open.count), Format.money(open.openCents)],
                     link: .list(.invoices(.open)), mark: nil),
            PanelRow(id: "receivables.overdue", label: tr("Overdue"), fraction: nil, values: [Format.count(overdue.count), Format.money(overdue.openCents)],
                     link: .list(.invoices(.overdue)), mark: overdue.count > 0 ? "!" : nil),
        ]
        rows += overdueAges.map { age in
            PanelRow(id: "receivables.\(age.rawValue)", label: "  " + age.label, fraction: Double(f[age].openCents) / most,
                     values: [Format.count(f[age].count), Format.money(f[age].openCents)],
                     link: .list(.invoices(overdueView(age))), mark: nil)
        }
        rows.append(PanelRow(id: "receivables.drafts", label: tr("Drafts"), fraction: nil, values: [Format.count(f.drafts), ""],
                             link: .list(.invoices(.drafts)), mark: nil))
        return Panel(id: "receivables", title: tr("Receivables by days overdue"), rows: rows)
    }

    private static func lowStock(_ figures: LowStockFigures?) -> Panel {
        guard let f = figures else { return pending("stock", tr("Low stock")) }
        var rows = [
            PanelRow(id: "stock.all", label: tr("Below reorder point"), fraction: nil,
                     values: [f.count == 1 ? tr("{0} product", Format.count(f.count)) : tr("{0} products", Format.count(f.count))],
                     link: .list(.inventory(.lowStock)), mark: f.count > 0 ? "!" : nil),
        ]
        if !f.worst.isEmpty { rows.append(.heading("stock.head", [tr("on hand / reorder at")])) }
        rows += f.worst.map { p in
            PanelRow(id: "stock.\(p.productID)", label: "\(p.sku) \(p.name)",
                     fraction: p.reorderPoint > 0 ? Double(max(p.onHand, 0)) / Double(p.reorderPoint) : nil,
                     values: ["\(Format.count(p.onHand)) / \(Format.count(p.reorderPoint))"], link: .record(.product(p.productID)), mark: nil)
        }
        return Panel(id: "stock", title: tr("Low stock"), rows: rows)
    }

    private static func topCustomers(_ figures: [CustomerRevenue]?) -> Panel {
        let title = tr("Top customers (net, 12 months)")
        guard let top = figures else { return pending("top", title) }
        guard !top.isEmpty else { return Panel(id: "top", title: title, rows: [.note("top.none", tr("No revenue in the last 12 months."))]) }
        let most = Double(max(top.map(\.netCents).max() ?? 0, 1))
        return Panel(id: "top", title: title, rows: top.enumerated().map { rank, c in
            PanelRow(id: "top.\(c.customerID)", label: (rank < 9 && top.count > 9 ? " " : "") + "\(rank + 1). \(c.name)", fraction: Double(max(c.netCents, 0)) / most,
                     values: [Format.money(c.netCents)], link: .record(.customer(c.customerID)), mark: nil)
        })
    }

    /// A panel whose figures are still being read.
    private static func pending(_ id: String, _ title: String) -> Panel {
        Panel(id: id, title: title, rows: [.note("\(id).waiting", waiting)])
    }
}
