import Foundation
import KontorLocale
import KontorModel
import KontorPDF
import KontorText
import KontorUI

/// The dunning run from the Invoices screen: `M` shows today's proposals —
/// one letter per customer with its invoices, then the overdue invoices
/// left out and why — Space excludes the highlighted invoice or letter, and
/// `y` sends the rest: each letter recorded and written as text and PDF.
extension InvoicesScreen {
    var dunningAction: Action {
        Action("dunning.run", [.char("M")], "dunning run",
               help: "Dunning run (Mahnlauf): review the letters proposed for overdue invoices, exclude some, send the rest as text and PDF",
               group: "Invoices", inFooter: false) { [unowned self] host in
            openDunningRun(host)
        }.requires(.writeBackOffice, of: session)
    }

    /// Letters go into a `dunning` folder beside the printed invoices'.
    var dunningFolder: String {
        URL(fileURLWithPath: printFolder).deletingLastPathComponent().appendingPathComponent(MadeFilesFolder.dunning.rawValue).path
    }

    func openDunningRun(_ host: ScreenHost, on date: String = CalendarDate.today()) {
        let layer = DunningRunLayer(screen: self)
        stack.push(layer)
        layer.read(on: date, host: host)
    }
}

/// The proposals of one run, to review: a row per letter, its invoices
/// under it, and the invoices left out. What is excluded stays in sight,
/// marked, so the review can change its mind.
///
/// The run is read in the background (at a million customers it proposes
/// some 70 000 letters), and what the title sums up is summed once, then
/// kept up to date letter by letter as Space excludes and includes.
final class DunningRunLayer: Layer {
    enum Row: Equatable {
        case letter(Int)
        case notice(Int, Int)
        case skipped(Int)
    }

    /// The letters as they would be sent now, summed up.
    struct Sending: Equatable {
        var letters = 0
        var notices = 0
        var cents = 0

        mutating func add(_ letter: DunningProposal?, _ sign: Int = 1) {
            guard let letter else { return }
            letters += sign
            notices += sign * letter.notices.count
            cents += sign * letter.totalCents
        }
    }

    private let reading = LayerReading<DunningRun>()
    /// Who is sending a run, as last looked at (on opening, on `y`, and
    /// at most once a second as the review is drawn): their letters drop
    /// out of this review's as they go.
    private(set) var underWay: WorkUnderWay?
    private var lookedAt = Date.distantPast
    /// Set when invoices, customers or the settings changed since the run
    /// was read (a colleague's run sent letters, a payment came): `y` reads
    /// it again before it asks, so that what it promises is what goes out.
    private var stale = false
    /// Rows the table shows, as the last update step found: a page for PgDn.
    private var visibleRows = 20
    private(set) var excluded: Set<Int64> = []
    private(set) var summary = Sending()
    private var cursor = 0
    private var rows: [Row] = []
    private unowned let screen: InvoicesScreen

    init(screen: InvoicesScreen) {
        self.screen = screen
    }

    var run: DunningRun? { reading.value }

    func read(on date: String, host: ScreenHost, then: @escaping () -> Void = {}) {
        let database = screen.session.database
        lookAtRunsUnderWay()
        stale = false
        reading.read(tr("Reading the dunning run of {0}…", CalendarDate.german(date)), host: host, {
            try database.dunningRun(on: date)
        }, arrived: { [weak self, weak host] result in
            guard let self else { return }
            guard case let .success(run) = result else { return close() }
            guard !run.letters.isEmpty || !run.skipped.isEmpty else {
                close()
                host?.show(tr("No invoice is overdue"), isError: false)
                return
            }
            var rows: [Row] = []
            for (index, letter) in run.letters.enumerated() {
                rows.append(.letter(index))
                rows += letter.notices.indices.map { .notice(index, $0) }
            }
            rows += run.skipped.indices.map { .skipped($0) }
            self.rows = rows
            cursor = min(cursor, max(0, rows.count - 1))
            // Read again, what the person excluded stays excluded.
            excluded.formIntersection(run.letters.flatMap { $0.notices.map(\.invoiceID) })
            summary = Sending()
            for letter in run.letters { summary.add(letter.excluding(excluded)) }
            then()
        })
    }

    private func lookAtRunsUnderWay() {
        underWay = screen.session.dunningRunUnderWay()
        lookedAt = Date()
    }

    override var shownAreas: Set<DataArea> { [.invoices, .customers, .settings] }

    override func dataChanged(_ host: ScreenHost) throws { stale = true }

    override func layout(_ rect: Rect) throws {
        visibleRows = max(1, rect.height - 5)
        if Date().timeIntervalSince(lookedAt) >= 1 { lookAtRunsUnderWay() }
    }

    private var selected: Row? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// The invoices the highlighted row stands for: a letter's all, a notice's one.
    private var selectedInvoices: [Int64] {
        guard let run else { return [] }
        switch selected {
        case let .letter(index): return run.letters[index].notices.map(\.invoiceID)
        case let .notice(letter, notice): return [run.letters[letter].notices[notice].invoiceID]
        case .skipped, nil: return []
        }
    }

    private var selectedInvoice: Int64? {
        guard let run else { return nil }
        switch selected {
        case let .notice(letter, notice): return run.letters[letter].notices[notice].invoiceID
        case let .skipped(index): return run.skipped[index].invoiceID
        case let .letter(index): return run.letters[index].notices.first?.invoiceID
        case nil: return nil
        }
    }

    override var actions: [Action] {
        let toggles = selectedInvoices
        let allOut = !toggles.isEmpty && toggles.allSatisfy(excluded.contains)
        return [
            Action("dunning.send", [.char("y")], "send", help: "Send the letters not excluded: record them and write each as text and PDF",
                   group: "Dunning run") { [unowned self] host in confirm(mail: false, host) }
                .disabled(if: run == nil || reading.isReading, tr("still reading")).disabled(if: summary.letters == 0, nothingToSend),
            Action("dunning.sendMail", [.char("e")], "send + e-mail",
                   help: "Send the letters not excluded, and mail each with its PDF to the customer's billing address where there is one",
                   group: "Dunning run") { [unowned self] host in confirm(mail: true, host) }
                .disabled(if: run == nil || reading.isReading, tr("still reading")).disabled(if: summary.letters == 0, nothingToSend),
            Action("dunning.exclude", [.space], allOut ? tr("include") : tr("exclude"),
                   help: "Exclude the highlighted invoice (on a letter: the whole letter) from this run, or take it back in",
                   group: "Dunning run") { [unowned self] _ in toggle(toggles) }
                .disabled(if: toggles.isEmpty, tr("nothing to exclude: this invoice is not in the run (the bottom line says why)")),
            Action("dunning.open", [.enter], "open invoice", help: "Open the highlighted invoice", group: "Dunning run") {
                [unowned self] _ in
                // Over the review, so that Esc comes back to it with what was excluded.
                guard let id = selectedInvoice else { return }
                try screen.open(id)
            }.disabled(if: run == nil, tr("still reading")),
            Action("report.close", [.escape], "back", help: "Back to the list; nothing is sent", group: "Dunning run") { [unowned self] _ in close() },
        ] + ListKeys.cursorActions(leaving: [.space]) { [unowned self] step in cursor = step.moved(cursor, count: rows.count, page: visibleRows) }
    }

    /// Excludes the invoices, or takes them back in when all are out; the
    /// summary changes by the one letter they are on.
    private func toggle(_ ids: [Int64]) {
        guard let run, let index = letterIndex(of: selected) else { return }
        let letter = run.letters[index]
        summary.add(letter.excluding(excluded), -1)
        if ids.allSatisfy(excluded.contains) { excluded.subtract(ids) } else { excluded.formUnion(ids) }
        summary.add(letter.excluding(excluded))
    }

    private func letterIndex(of row: Row?) -> Int? {
        switch row {
        case let .letter(index), let .notice(index, _): return index
        case .skipped, nil: return nil
        }
    }

    /// Why `y` sends nothing: no letter proposed at all, or every one excluded.
    private var nothingToSend: String {
        run?.letters.isEmpty == false ? tr("every letter is excluded") : tr("no letter is proposed")
    }

    /// Letters sent are recorded for good: asked once more, with what goes out.
    private func confirm(mail: Bool, _ host: ScreenHost) {
        // One run at a time: asked now, and again by the sending itself.
        lookAtRunsUnderWay()
        if let underWay {
            host.show(ErrorText.sending(underWay, askedBy: screen.session.username), isError: true)
            return
        }
        // Changed since it was read: read again, then asked with what goes out now.
        if stale, let run {
            read(on: run.date, host: host) { [weak self, weak host] in
                guard let self, let host else { return }
                if summary.letters == 0 { return host.show(tr("Nothing is left to send: since the run was read, its invoices were paid or dunned"), isError: false) }
                confirm(mail: mail, host)
            }
            return
        }
        let what = tr("{0} letter(s) over {1} invoice(s), {2} €, are recorded for good and written as text and PDF", Format.count(summary.letters),
                      Format.count(summary.notices), Money.format(cents: summary.cents))
        let how = mail ? tr("Each is also mailed with its PDF where the customer has a billing address.") : tr("None is mailed: they go by post.")
        stack?.push(Ask(tr("Send the dunning run?"), [what, how], [
            Ask.Answer(.char("y"), tr("send")) { [weak self] host in self?.send(host, mail: mail) },
            Ask.Answer(.char("n"), tr("back to the review")),
        ]))
    }

    /// Sends in the background: a run of thousands of letters takes
    /// minutes (a PDF each), and the screen stays usable, saying how far it is.
    private func send(_ host: ScreenHost, mail: Bool = false) {
        guard let run else { return }
        let screen = self.screen
        let (session, folder, excluded, letters) = (screen.session, screen.dunningFolder, excluded, summary.letters)
        close()
        host.workInBackground(saying: tr("Sending {0} letter(s)…", Format.count(letters)), { report, stopped in
            let result = try DunningLetterFiles.send(run, excluding: excluded, by: session, to: folder, mail: mail,
                                                     progress: { report(tr("Sending letters: {0} of {1} sent…", Format.count($0), Format.count(letters))) },
                                                     stop: stopped)
            guard !result.letters.isEmpty else { return tr("Nothing was sent: the invoices were paid or dunned meanwhile") }
            let invoices = result.letters.reduce(0) { $0 + $1.notices.count }
            return VisibleText.clean(session.database.withFetch(tr("Sent {0} letter(s) over {1} invoice(s) to {2}", result.letters.count, invoices,
                                                                   session.database.shownPath(folder)), folder: folder))
                + (mail ? " · " + tr("{0} mailed, {1} by post only", result.mailed.count, result.letters.count - result.mailed.count) : "")
        }, then: { [weak screen, weak host] in
            guard let screen, let host else { return }
            screen.dataChanged(host)
        })
    }

    /// The bottom line while a run is sent elsewhere: short enough for 80
    /// columns with a long name (`y` then says it in full).
    static func note(_ holder: WorkUnderWay, askedBy: String) -> String {
        if holder.isThisProcess { return tr("This session is sending a run; y only after it") }
        if holder.username == askedBy { return tr("You are sending a run in another session since {0}; y only after it", holder.sinceText) }
        return tr("{0} is sending a run since {1}; y only after it", VisibleText.clean(holder.shownName), holder.sinceText)
    }

    static var table: TableView {
        TableView(columns: [
            .init(tr("Customer / invoice"), .flexible(min: 16, weight: 3)),
            // A left-out invoice's reason stands here: wide screens give it room.
            .init(tr("Level"), .flexible(min: 18, weight: 2)),
            .init(tr("Days"), .fixed(4), alignRight: true),
            .init(tr("Open"), .fixed(11), alignRight: true),
            .init(tr("Interest"), .fixed(9), alignRight: true),
            .init(tr("Fee"), .fixed(7), alignRight: true),
        ])
    }

    private func line(_ row: Row, of run: DunningRun) -> TableView.Line {
        func money(_ cents: Int) -> String { Money.format(cents: cents) }
        switch row {
        case let .letter(index):
            let letter = run.letters[index]
            let kept = letter.excluding(excluded)
            let shown = kept ?? letter
            return TableView.Line(cells: [VisibleText.clean(letter.customerName), shown.level.displayName, "",
                                          money(shown.openCents), money(shown.interestCents), money(shown.feeCents + letter.earlierFeesCents)],
                                  role: kept == nil ? .dim : .title, mark: kept == nil ? "✗" : nil)
        case let .notice(letterIndex, noticeIndex):
            let notice = run.letters[letterIndex].notices[noticeIndex]
            let out = excluded.contains(notice.invoiceID)
            return TableView.Line(cells: ["  " + VisibleText.clean(notice.number) + (out ? " " + tr("(excluded)") : ""), notice.level.displayName,
                                          String(notice.daysOverdue), money(notice.openCents), money(notice.interestCents), ""],
                                  role: out ? .dim : nil, mark: out ? "✗" : nil)
        case let .skipped(index):
            let skipped = run.skipped[index]
            return TableView.Line(cells: ["  " + VisibleText.clean("\(skipped.number) \(skipped.customerName)"), VisibleText.clean(skipped.reason),
                                          "", money(skipped.openCents), "", ""], role: .dim)
        }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        guard let run else {
            reading.drawWaiting(in: rect, grid: &grid, theme: theme)
            return nil
        }
        let heading = tr("Dunning run of {0}", CalendarDate.german(run.date))
        let figures = tr("{0} of {1} letter(s), {2} invoice(s), {3} € · {4} left out", Format.count(summary.letters), Format.count(run.letters.count),
                         Format.count(summary.notices), Money.format(cents: summary.cents), Format.count(run.skipped.count))
        // Too long for the line (at 80 columns), the figures take the line below.
        let title = heading + ": " + figures
        let titleLines = TextWidth.of(title) > rect.width - 2 ? [heading + ":", figures] : [title]
        for (index, line) in titleLines.enumerated() {
            grid.write(line, x: rect.x + 1, y: rect.y + index, maxWidth: rect.width - 2, style: theme[.title])
        }
        let area = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: max(1, rect.height - 4))
        let visible = max(1, area.height - 1)
        let top = cursor < visible ? 0 : cursor - visible + 1
        let lines = rows.dropFirst(top).prefix(visible).map { line($0, of: run) }
        Self.table.draw(Array(lines), cursor: cursor - top, in: area, grid: &grid, theme: theme,
                        scrollInfo: (top == 0, top + visible >= rows.count))
        var note: (String, Theme.Role) = (tr("Letters go to {0} as Mahnung-NNNNN.txt and .pdf", VisibleText.clean(screen.session.database.shownPath(screen.dunningFolder))), .dim)
        if let underWay {
            note = (Self.note(underWay, askedBy: screen.session.username), .warning)
        } else if case let .skipped(index) = selected {
            note = (VisibleText.clean("\(run.skipped[index].number): \(run.skipped[index].reason)"), .dim)
        } else if run.terms.baseRateMayBeStale(on: run.date) {
            note = (tr("Base rate {0} since {1} may be stale: after Esc, S sets the current one (Deutsche Bundesbank)", DunningTerms.percent(run.terms.baseRateBP), CalendarDate.german(run.terms.baseRateFrom)), .warning)
        }
        grid.write(note.0, x: rect.x + 1, y: rect.maxY - 1, maxWidth: rect.width - 2, style: theme[note.1])
        return nil
    }
}
