import KontorLocale
import KontorModel
import KontorText
import KontorUI

/// Bank statements from the Invoices screen: `B` asks for the statement
/// file, shows what a dry run would book, propose and leave, and books on
/// `y`; `b` opens the review of what waits for a person, where one key
/// confirms a proposal, books an entry to another invoice, or sets it aside.
extension InvoicesScreen {
    var bankActions: [Action] {
        [
            Action("bank.import", [.char("B")], "bank statement",
                   help: "Import a bank statement (camt.053, or a zip of them): book the payments it carries (dry run first)",
                   group: "Invoices", inFooter: false) { [unowned self] _ in
                stack.push(FilePrompt(title: tr("Import a bank statement"), hint: "path of a camt.053 .xml file or a .zip of them") { [unowned self] path in
                    BankPreviewLayer(path: path, report: try session.database.bank.importFiles([path], dryRun: true, by: session), screen: self)
                })
            }.requires(.writeBackOffice, of: session),
            Action("bank.review", [.char("b")], "bank review", help: "Review the bank entries Kontor could not book surely",
                   group: "Invoices", inFooter: false) { [unowned self] host in
                try openBankReview(host)
            }.requires(.writeBackOffice, of: session),
        ]
    }

    func openBankReview(_ host: ScreenHost) throws {
        let waiting = try session.database.bank.waitingEntries()
        if waiting.isEmpty {
            // What was set aside stays within reach: one set aside by mistake is a payment never booked.
            let aside = try session.database.bank.waitingEntries(setAside: true)
            guard !aside.isEmpty else { return host.show(tr("No bank entry waits for review"), isError: false) }
            host.show(tr("No bank entry waits for review; these were set aside (u brings one back)"), isError: false)
            return stack.push(BankReviewLayer(entries: aside, setAside: true, screen: self))
        }
        stack.push(BankReviewLayer(entries: waiting, screen: self))
    }
}

/// A statement's dry run: what would be booked, proposed and left, line by line; `y` books it.
final class BankPreviewLayer: Layer {
    let path: String
    let report: BankImportReport
    private unowned let screen: InvoicesScreen
    private let lines: [(text: String, role: Theme.Role)]
    private var top = 0
    private var pageHeight = 10
    /// The lines as last drawn, wrapped to the width: what scrolling moves over.
    private var shownCount = 0

    init(path: String, report: BankImportReport, screen: InvoicesScreen) {
        self.path = path
        self.report = report
        self.screen = screen
        func show(_ line: BankImportReport.Line) -> String {
            let to = line.documents.isEmpty ? "" : " → " + line.documents.joined(separator: ", ")
            return "  \(Format.day(line.entry.bookingDate)) \(Money.format(cents: line.entry.amountCents)) \(line.entry.counterpartyName) “\(line.entry.remittance.prefix(50))”\(to) · \(line.note)"
        }
        var lines: [(String, Theme.Role)] = [
            (report.counted
                + (report.alreadyImported > 0 ? ", " + tr("{0} imported before", report.alreadyImported) : ""), .title),
        ]
        lines += report.warnings.map { ($0, .warning) }
        lines.append((tr("Would book {0}: in {1}, out {2}", report.booked.count, Money.format(cents: report.bookedInCents), Money.format(cents: report.bookedOutCents)), .success))
        lines += report.booked.map { (show($0), .normal) }
        lines.append((tr("Would propose {0}, for review:", report.proposed.count), .warning))
        lines += report.proposed.map { (show($0), .normal) }
        lines.append((tr("Would leave {0} unmatched:", report.unmatched.count), .label))
        lines += report.unmatched.map { (show($0), .dim) }
        self.lines = lines
    }

    override var actions: [Action] {
        [
            Action("bank.book", [.char("y")], "book", help: "Book the statement as checked; what is unsure waits for review (b)", group: "Bank") {
                [unowned self] host in try book(host)
            }.disabled(if: report.entries == report.alreadyImported, tr("every entry was imported before")),
            Action("form.cancel", [.escape], "cancel", help: "Book nothing", group: "Bank") { [unowned self] _ in close() },
            Action("bank.down", [.char("j"), .down], "", help: "Scroll down", group: "Bank", inFooter: false) { [unowned self] _ in scroll(1) },
            Action("bank.up", [.char("k"), .up], "", help: "Scroll up", group: "Bank", inFooter: false) { [unowned self] _ in scroll(-1) },
            Action("bank.pageDown", [.pageDown, .char(" ")], "", help: "A page down", group: "Bank", inFooter: false) { [unowned self] _ in scroll(pageHeight) },
            Action("bank.pageUp", [.pageUp], "", help: "A page up", group: "Bank", inFooter: false) { [unowned self] _ in scroll(-pageHeight) },
        ]
    }

    private func scroll(_ delta: Int) { top = max(0, min(shownCount - pageHeight, top + delta)) }

    private func book(_ host: ScreenHost) throws {
        // Held here: closing may free this layer.
        let screen = self.screen
        let result = try screen.session.database.bank.importFiles([path], by: screen.session)
        close()
        try screen.refreshList()
        let waiting = result.proposed.count + result.unmatched.count
        host.show(tr("Booked {0} bank entries (in {1})", result.booked.count, Money.format(cents: result.bookedInCents))
                  + (waiting > 0 ? " · " + tr("{0} wait for review", waiting) : ""), isError: false)
        if waiting > 0 { try screen.openBankReview(host) }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        Chrome.drawBox(rect, title: tr("Bank statement {0}", VisibleText.clean(String(path.split(separator: "/").last ?? Substring(path)))),
                       suffix: " — " + tr("dry run"), grid: &grid, style: theme[.normal], titleStyle: theme[.title])
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        pageHeight = max(1, inner.height)
        // Wrapped, not cut: the reason at the end of a line is what the back office needs.
        let shown = lines.flatMap { line in
            TextWidth.wrap(VisibleText.clean(line.text), to: inner.width).enumerated().map { ($0.offset == 0 ? $0.element : "    " + $0.element, line.role) }
        }
        shownCount = shown.count
        for (offset, line) in shown.dropFirst(top).prefix(inner.height).enumerated() {
            grid.write(line.0, x: inner.x, y: inner.y + offset, maxWidth: inner.width, style: theme[line.1])
        }
        return nil
    }
}

/// The bank entries waiting for a person, one per row: `y` books what is
/// proposed, `n` books to the invoice whose number is typed, `s` sets the
/// entry aside, Enter opens the invoice proposed. `a` shows those set
/// aside instead, where `u` brings one back.
final class BankReviewLayer: Layer {
    private(set) var entries: [WaitingBankEntry]
    /// Showing the entries set aside rather than those waiting.
    private(set) var setAside: Bool
    private var cursor = 0
    private unowned let screen: InvoicesScreen

    init(entries: [WaitingBankEntry], setAside: Bool = false, screen: InvoicesScreen) {
        self.entries = entries
        self.setAside = setAside
        self.screen = screen
    }

    var selected: WaitingBankEntry? { entries.indices.contains(cursor) ? entries[cursor] : nil }

    override var actions: [Action] {
        let entry = selected
        let aside = tr("it was set aside: u brings it back first")
        return [
            Action("bank.confirm", [.char("y")], "book as proposed", help: "Book the highlighted entry as proposed", group: "Bank review") {
                [unowned self] host in try act(host) { try $0.confirm($1, by: $2) } done: { tr("Booked {0}", $0) }
            }.disabled(if: setAside || entry?.proposals.isEmpty ?? true, setAside ? aside : tr("nothing is proposed: n books it to an invoice you name")),
            Action("bank.bookTo", [.char("n")], "book to…", help: "Book the highlighted entry to the invoice or credit note you name", group: "Bank review") {
                [unowned self] _ in if let entry { askNumber(for: entry) }
            }.disabled(if: setAside, aside),
            Action("bank.skip", [.char("s")], "set aside", help: "Set the highlighted entry aside: it is kept, and waits no more", group: "Bank review") {
                [unowned self] host in try act(host) { try $0.skip($1, by: $2) } done: { tr("Set aside {0}", $0) }
            }.disabled(if: setAside, tr("it is set aside already")),
            Action("bank.bringBack", [.char("u")], "bring back", help: "Bring the highlighted entry set aside back to the review, to book it", group: "Bank review") {
                [unowned self] host in try act(host) { try $0.bringBack($1, by: $2) } done: { tr("Brought back {0}", $0) }
            }.disabled(if: !setAside, tr("only an entry set aside is brought back: a shows them")),
            Action("bank.setAside", [.char("a")], setAside ? "waiting ones" : "set aside ones",
                   help: "Show the entries set aside (to bring one back), or those waiting again", group: "Bank review") {
                [unowned self] host in
                setAside.toggle()
                cursor = 0
                try reload()
                if entries.isEmpty { host.show(setAside ? tr("No bank entry was set aside") : tr("No bank entry waits for review"), isError: false) }
            },
            Action("bank.open", [.enter], "open invoice", help: "Open the invoice proposed for the highlighted entry", group: "Bank review") {
                [unowned self] _ in
                if let number = entry?.proposals.first?.number, let invoice = try screen.session.database.invoices.find(number: number) {
                    close()
                    try screen.open(invoice.id)
                }
            }.disabled(if: entry?.proposals.isEmpty ?? true, tr("nothing is proposed")),
            Action("report.close", [.escape], "back", help: "Back to the list", group: "Bank review") { [unowned self] _ in close() },
        ] + ListKeys.cursorActions { [unowned self] step in cursor = step.moved(cursor, count: entries.count) }
    }

    /// One review step through the model; then the list is read again, and
    /// the review closes when nothing waits any more.
    private func act(_ host: ScreenHost, _ work: (BankRepository, WaitingBankEntry, Session) throws -> Void,
                     done: (String) -> String) throws {
        guard let entry = selected else { return }
        let screen = self.screen
        do {
            try work(screen.session.database.bank, entry, screen.session)
        } catch {
            try reload()
            throw error
        }
        try screen.refreshList()
        host.show(done("\(Format.day(entry.bookingDate)) \(Money.format(cents: entry.amountCents)) \(VisibleText.clean(entry.counterparty))"), isError: false)
        // Last: when nothing waits any more, the review closes (and may be freed).
        try reload()
    }

    private func reload() throws {
        entries = try screen.session.database.bank.waitingEntries(setAside: setAside)
        cursor = min(cursor, max(0, entries.count - 1))
        // Nothing left waiting: closed. (The entries set aside stay shown, even none, until a switches back.)
        if entries.isEmpty && !setAside { close() }
    }

    private func askNumber(for entry: WaitingBankEntry) {
        let screen = self.screen
        stack?.push(FormLayer(BookToEditor(entry: entry), noun: tr("this entry")) { [weak self] layer, host in
            let number = layer.editor.form.value("number")
            let booked = try screen.session.database.bank.book(entry, to: number, by: screen.session)
            layer.close()
            try screen.refreshList()
            let name = VisibleText.clean(booked.number)
            if booked.overpaidCents > 0 {
                host.show(tr("Booked {0} to {1}: {2} more than was open, the customer is owed it back (R records the refund)",
                             Money.format(cents: booked.bookedCents), name, Money.format(cents: booked.overpaidCents)), isError: false)
            } else {
                host.show(tr("Booked {0} to {1}", Money.format(cents: booked.bookedCents), name), isError: false)
            }
            try self?.reload()
        })
    }

    static var table: TableView {
        TableView(columns: [
            .init(tr("Date"), .fixed(10)),
            .init(tr("Amount"), .fixed(11), alignRight: true),
            .init(tr("From / to"), .flexible(min: 12, weight: 1)),
            .init(tr("Remittance"), .flexible(min: 12, weight: 2)),
            .init(tr("Kontor says"), .flexible(min: 14, weight: 2)),
        ])
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        let title = setAside ? tr("Bank entries set aside: {0} (u brings one back, a shows those waiting)", entries.count)
            : tr("Bank entries waiting for review: {0}", entries.count)
        grid.write(title, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: theme[.title])
        let rows = entries.map { entry in
            let proposal = entry.proposals.map { "→ \($0.number) \(Money.format(cents: abs($0.amountCents)))" }.joined(separator: ", ")
            return TableView.Line(cells: [Format.day(entry.bookingDate), Money.format(cents: entry.amountCents), entry.counterparty, entry.remittance,
                                          (proposal.isEmpty ? "" : proposal + " · ") + entry.note].map { VisibleText.clean($0) },
                                  role: entry.state == "proposed" ? .warning : nil)
        }
        let area = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: max(1, rect.height - 4))
        let visible = max(1, area.height - 1)
        let top = cursor < visible ? 0 : cursor - visible + 1
        Self.table.draw(Array(rows.dropFirst(top).prefix(visible)), cursor: cursor - top, in: area, grid: &grid, theme: theme,
                        scrollInfo: (top == 0, top + visible >= rows.count))
        if let entry = selected {
            grid.write(VisibleText.clean(entry.note), x: rect.x + 1, y: rect.maxY - 1, maxWidth: rect.width - 2, style: theme[.dim])
        }
        return nil
    }
}

/// "Book to which invoice?": the number, as on the invoice.
struct BookToEditor: FormEditor {
    var entry: WaitingBankEntry
    var form: Form

    init(entry: WaitingBankEntry) {
        self.entry = entry
        form = Form(title: tr("Book {0} of {1} to…", Money.format(cents: entry.amountCents), VisibleText.clean(entry.counterparty)), fields: [
            Form.Field(id: "number", label: "Number", value: "", maxLength: 40,
                       hint: entry.amountCents > 0 ? "the invoice it pays, e.g. 2026-00042" : "the credit note it refunds, e.g. CN-2026-00003"),
        ])
    }
}
