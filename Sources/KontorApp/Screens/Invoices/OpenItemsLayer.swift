import KontorLocale
import KontorModel
import KontorText
import KontorUI

/// The open items (OP-Liste) from the Invoices screen: `o` shows what is
/// open as of today, customer by customer, with its total, which agrees
/// with the customers' balances; `d` shows another day, `w` writes the
/// list as CSV beside the database, Enter opens the highlighted document.
extension InvoicesScreen {
    var openItemsAction: Action {
        Action("invoice.openItems", [.char("o")], "open items",
               help: "The open items (OP-Liste) as of a day, customer by customer, adding up to their balances",
               group: "Invoices", inFooter: false) { [unowned self] host in
            let layer = OpenItemsLayer(screen: self)
            stack.push(layer)
            layer.read(asOf: CalendarDate.today(), host: host)
        }.requires(.writeBackOffice, of: session)
    }
}

/// The list opens at once and is read in the background: at a million
/// customers some 90 000 items are open, which takes a second or two.
final class OpenItemsLayer: Layer {
    private let reading = LayerReading<OpenItemList>()
    /// The total and what of it is owed back, summed once per list read.
    private var sums: (total: Int, owed: Int) = (0, 0)
    private var cursor = 0
    private unowned let screen: InvoicesScreen

    init(screen: InvoicesScreen) {
        self.screen = screen
    }

    var list: OpenItemList? { reading.value }
    private var items: [OpenItem] { list?.items ?? [] }
    var selected: OpenItem? { items.indices.contains(cursor) ? items[cursor] : nil }

    /// Reads the list as of `day`; the one shown stays until it is there.
    func read(asOf day: String, host: ScreenHost) {
        let database = screen.session.database
        reading.read(tr("Reading the open items as of {0}…", CalendarDate.german(day)), host: host, {
            try database.invoices.openItems(asOf: day)
        }, arrived: { [weak self] result in
            guard let self else { return }
            switch result {
            case let .success(list):
                cursor = 0
                sums = (list.totalCents, list.items.lazy.filter { $0.openCents < 0 }.reduce(0) { $0 + $1.openCents })
            case .failure:
                if list == nil { close() }
            }
        })
    }

    override var actions: [Action] {
        let reading = tr("still reading")
        return [
            Action("openItems.open", [.enter], "open", help: "Open the highlighted invoice or credit note (for a dunning fee, the invoice its letter dunned)", group: "Open items") { [unowned self] _ in
                // Over the list, so that Esc comes back to it where it was.
                guard let item = selected else { return }
                try screen.open(item.documentID)
            }.disabled(if: list == nil, reading).disabled(if: items.isEmpty, tr("nothing is open")),
            Action("openItems.date", [.char("d")], "as of…", help: "Show the open items as of another day", group: "Open items") {
                [unowned self] host in askDate(host)
            },
            Action("openItems.write", [.char("w")], "write CSV", help: "Write the list as CSV to exports/ beside the database", group: "Open items") {
                [unowned self] host in
                guard let asOf = list?.asOf else { return }
                let session = screen.session
                let path = try ExportFiles.defaultPath(named: "open-items-\(asOf)", in: session.database.filesFolder)
                host.writeInBackground {
                    let written = try session.exportOpenItems(asOf: asOf, to: path)
                    let said = tr("Wrote {0} open items to {1}", written.items.count, session.database.shownPath(path))
                    return VisibleText.clean(session.database.withFetch(said, path))
                }
            }.disabled(if: list == nil, reading),
            Action("report.close", [.escape], "back", help: "Back to the list", group: "Open items") { [unowned self] _ in close() },
        ] + ListKeys.cursorActions { [unowned self] step in cursor = step.moved(cursor, count: items.count) }
    }

    private func askDate(_ host: ScreenHost) {
        stack?.push(FormLayer(AsOfEditor(day: list?.asOf ?? CalendarDate.today()), noun: tr("the day")) { [weak self] layer, _ in
            let typed = layer.editor.form.value("date")
            guard let day = CalendarDate.typed(typed, past: true) else {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "date", message: tr("must be a date like 2026-12-31 or 31.12.2026"))]))
            }
            layer.close()
            self?.read(asOf: day, host: host)
        })
    }

    /// Made where it is drawn, in the person's language; a header wider
    /// than its column there widens it. Below 120 columns the debtor
    /// account and the issue date give way, so that the name keeps room.
    static func table(wide: Bool) -> TableView {
        TableView(columns: [
            .init(tr("Customer"), .flexible(min: 14, weight: 2)),
        ] + (wide ? [.init(tr("Debtor"), .fixed(9))] : []) + [
            .init(tr("Document"), .flexible(min: 13, weight: 1)),
        ] + (wide ? [.init(tr("Issued"), .fixed(max(10, TextWidth.of(tr("Issued")))))] : []) + [
            .init(tr("Due"), .fixed(10)),
            .init(tr("Open"), .fixed(13), alignRight: true),
            .init(tr("Overdue"), .fixed(max(7, TextWidth.of(tr("Overdue")))), alignRight: true),
        ])
    }

    /// A dunning fee's item in the person's words ("Mahnung-00012 fee");
    /// the CSV keeps the name the bank transfer carries.
    private func shownNumber(_ item: OpenItem) -> String {
        item.feeLetter.map { tr("{0} fee", $0) } ?? item.number
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        guard let list else {
            reading.drawWaiting(in: rect, grid: &grid, theme: theme)
            return nil
        }
        let title = tr("Open items as of {0}: {1}", CalendarDate.german(list.asOf), Format.count(list.items.count))
        grid.write(reading.under ?? title, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: theme[reading.isReading ? .dim : .title])
        let area = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: max(1, rect.height - 4))
        let visible = max(1, area.height - 1)
        let top = cursor < visible ? 0 : cursor - visible + 1
        // Only the rows in sight are made: at a million customers the list has some 90 000.
        let wide = rect.width >= 120
        let rows = list.items.dropFirst(top).prefix(visible).map { item in
            let overdue = item.daysOverdue(on: list.asOf)
            let cells = [VisibleText.clean(item.customerName)] + (wide ? [item.debtorAccount.map(String.init) ?? ""] : [])
                + [VisibleText.clean(shownNumber(item))] + (wide ? [CalendarDate.german(item.issueDate)] : [])
                + [item.dueDate.map(CalendarDate.german) ?? "", Money.format(cents: item.openCents), overdue > 0 ? tr("{0} d", overdue) : ""]
            return TableView.Line(cells: cells, role: item.openCents < 0 ? .dim : overdue > 0 ? .warning : nil)
        }
        Self.table(wide: wide).draw(Array(rows), cursor: cursor - top, in: area, grid: &grid, theme: theme,
                        scrollInfo: (top == 0, top + visible >= list.items.count))
        let total = tr("Total {0} EUR", Money.format(cents: sums.total))
            + (sums.owed < 0 ? " " + tr("(of which owed back to customers {0})", Money.format(cents: sums.owed)) : "")
        grid.write(total, x: rect.x + 1, y: rect.maxY - 1, maxWidth: rect.width - 2, style: theme[.title])
        return nil
    }
}

/// "As of which day?"
struct AsOfEditor: FormEditor {
    var form: Form

    /// The day shown now, as the screen writes days; the first key typed
    /// replaces it (it filled the field, and typing was refused).
    init(day: String) {
        var date = Form.Field(id: "date", label: "Date", value: CalendarDate.german(day), maxLength: 10, hint: "e.g. 31.12.2026 or 2026-12-31")
            .explained(by: Format.typedDay(future: false))
        date.isSuggested = true
        form = Form(title: tr("Open items as of…"), fields: [date])
    }
}
