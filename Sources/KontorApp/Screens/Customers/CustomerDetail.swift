import KontorModel
import KontorLocale
import KontorUI

/// The 360° view of one customer: the card, what is owed, and every linked
/// record from both sides of the business, with a cursor that walks the
/// records so that Enter opens any of them.
///
/// A layer on the Customers stack: the overview is read when it opens and
/// when the data changes; the update step lays the rows out for the width
/// and scrolls to the cursor, so drawing only draws.
final class CustomerDetail: Layer {
    private(set) var overview: CustomerOverview
    /// Index in `rows` of the highlighted row. The same record may appear
    /// twice (a ticket and its note in the timeline), so the row, not the
    /// record, is what the cursor is on.
    private var cursor: Int?
    private var scroll = 0
    /// The width the rows were last laid out for: keys move over what is shown.
    private var width = 80 {
        didSet { if width != oldValue { rows = overview.rows(width: width - 2) } }
    }
    /// The sections laid out as rows, made again only when the data or the
    /// width changes: a key press only moves over them.
    private var rows: [OverviewRow]
    private var height = 10
    private unowned let screen: CustomersScreen

    init(_ overview: CustomerOverview, screen: CustomersScreen) {
        self.overview = overview
        self.screen = screen
        rows = overview.rows(width: 78)
        cursor = rows.firstIndex { $0.target != nil }
    }

    convenience init(_ customer: Customer, screen: CustomersScreen) throws {
        self.init(try CustomerOverview(customer, session: screen.session), screen: screen)
    }

    var customer: Customer { overview.customer }

    /// The highlighted row's place, for the history to come back to it.
    var rowIndex: Int? {
        get { cursor }
        set { if let newValue, rows.indices.contains(newValue), rows[newValue].target != nil { cursor = newValue } }
    }

    /// The highlighted record, if any.
    var selected: OverviewRow.Target? {
        get { cursor.flatMap { rows.indices.contains($0) ? rows[$0].target : nil } }
        set { cursor = rows.firstIndex { $0.target != nil && $0.target == newValue } ?? cursor }
    }

    /// Replaces the data (after a change), keeping the highlighted record if it is still there.
    func reload(_ fresh: CustomerOverview) {
        let keep = selected
        let old = cursor ?? 0
        overview = fresh
        rows = fresh.rows(width: width - 2)
        let same = rows.indices.filter { rows[$0].target != nil && rows[$0].target == keep }
        cursor = same.min { abs($0 - old) < abs($1 - old) } ?? rows.firstIndex { $0.target != nil }
    }

    /// Reads the customer and everything linked again, as it is saved now.
    func reload() throws {
        guard let fresh = try screen.repository.find(id: customer.id) else { return }
        reload(try CustomerOverview(fresh, session: screen.session))
    }

    override func dataChanged(_ host: ScreenHost) throws { try reload() }

    // MARK: Keys

    override var actions: [Action] {
        var keys: [Action] = []
        if selected != nil {
            keys.append(Action("detail.open", [.enter], "open", help: "Open the highlighted record (a contact opens its form)", group: "Customer") {
                [unowned self] host in try openSelected(host)
            })
        }
        keys.append(Action("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Customer") { [unowned self] _ in close() })
        keys += screen.recordActions(for: customer)
        keys += screen.newWorkActions(from: self)
        keys += [
            Action("detail.next", [.char("]")], "next customer", help: "Next customer in the list", group: "Customer", inFooter: false) {
                [unowned self] _ in try screen.step(from: self, by: 1)
            },
            Action("detail.previous", [.char("[")], "previous customer", help: "Previous customer in the list", group: "Customer", inFooter: false) {
                [unowned self] _ in try screen.step(from: self, by: -1)
            },
            Action("detail.down", [.char("j"), .down], "down", help: "Next record in the view", group: "Moving", inFooter: false) {
                [unowned self] _ in move(by: 1)
            },
            Action("detail.up", [.char("k"), .up], "up", help: "Previous record in the view", group: "Moving", inFooter: false) {
                [unowned self] _ in move(by: -1)
            },
            Action("detail.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "Next page", group: "Moving", inFooter: false) {
                [unowned self] _ in page(by: 1)
            },
            Action("detail.pageUp", [.pageUp, .ctrl("b")], "page up", help: "Previous page", group: "Moving", inFooter: false) {
                [unowned self] _ in page(by: -1)
            },
            Action("detail.top", [.char("g"), .home], "top", help: "First record", group: "Moving", inFooter: false) { [unowned self] _ in toEnd(false) },
            Action("detail.bottom", [.char("G"), .end], "bottom", help: "Last record", group: "Moving", inFooter: false) { [unowned self] _ in toEnd(true) },
        ]
        return keys
    }

    /// Enter: a contact opens its form here; any other record its own screen.
    private func openSelected(_ host: ScreenHost) throws {
        guard let target = selected else { return }
        switch target {
        case let .contact(id):
            guard let contact = overview.contacts.first(where: { $0.id == id }) else { return }
            // Its form is for changing it: said before anything is typed.
            guard screen.session.may(.writeFrontOffice) else {
                return host.show(tr("Editing a contact — {0}", Access.reason(.writeFrontOffice)), isError: true)
            }
            screen.openContactForm(ContactEditor(customer: customer, editing: contact), detail: self)
        case let .record(link):
            host.open(link)
        }
    }

    // MARK: Moving

    func move(by delta: Int) {
        let selectable = rows.indices.filter { rows[$0].target != nil }
        guard !selectable.isEmpty else { return }
        let current = selectable.firstIndex { $0 == cursor } ?? 0
        cursor = selectable[max(0, min(selectable.count - 1, current + delta))]
    }

    func page(by pages: Int) { move(by: pages * max(1, height - 2)) }

    func toEnd(_ last: Bool) {
        let selectable = rows.indices.filter { rows[$0].target != nil }
        cursor = last ? selectable.last : selectable.first
    }

    // MARK: Update

    /// Lays the sections out for the room they will have and scrolls so
    /// that the cursor is seen.
    override func layout(_ rect: Rect) throws {
        let sections = sectionsRect(in: rect)
        width = sections.width - 2
        height = sections.height
        guard sections.height > 0 else { return }
        if let cursor {
            // Keep the cursor's section heading in view when there is room.
            if cursor < scroll { scroll = max(0, cursor - 1) }
            if cursor >= scroll + sections.height { scroll = cursor - sections.height + 1 }
        }
        scroll = max(0, min(scroll, rows.count - sections.height))
    }

    /// Where the sections go: beside the card when wide, under it otherwise.
    private func sectionsRect(in rect: Rect) -> Rect {
        var y = rect.y + 1 + min(2, summaryLines(width: rect.width).count) + 1
        if rect.width >= Self.sideBySideWidth {
            let cardWidth = min(48, rect.width / 3)
            return Rect(x: rect.x + cardWidth + 2, y: y, width: rect.maxX - rect.x - cardWidth - 2, height: rect.maxY - y)
        }
        y += compactCardLines().count + 1
        return Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y))
    }

    private func summaryLines(width: Int) -> [String] {
        Self.pack(overview.summary.text.components(separatedBy: " · "), width: width - 2)
    }

    // MARK: Drawing

    /// Columns from which the card stands beside the sections.
    static let sideBySideWidth = 110

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        guard rect.height > 4 else { return nil }
        let c = overview.customer
        var y = rect.y
        let right = c.archived ? tr("archived · #{0}", c.id) : tr("{0} · #{1}", c.fields.kind == .person ? tr("person") : tr("company"), c.id)
        grid.write(right, x: rect.maxX - 1 - TextWidth.of(right), y: y, style: theme[c.archived ? .marked : .dim])
        grid.write(c.name, x: rect.x + 1, y: y, maxWidth: rect.width - TextWidth.of(right) - 4, style: theme[.title])
        y += 1
        let summary = overview.summary
        for line in summaryLines(width: rect.width).prefix(2) {
            grid.write(line, x: rect.x + 1, y: y, maxWidth: rect.width - 2, style: theme[summary.alert ? .alert : .status])
            y += 1
        }
        y += 1

        let sections: Rect
        if rect.width >= Self.sideBySideWidth {
            let cardWidth = min(48, rect.width / 3)
            drawCard(in: Rect(x: rect.x + 1, y: y, width: cardWidth - 2, height: rect.maxY - y), grid: &grid, theme: theme)
            for row in y..<rect.maxY { grid.write("│", x: rect.x + cardWidth, y: row, style: theme[.border]) }
            sections = Rect(x: rect.x + cardWidth + 2, y: y, width: rect.maxX - rect.x - cardWidth - 2, height: rect.maxY - y)
        } else {
            y += drawCompactCard(x: rect.x + 1, y: y, width: rect.width - 2, grid: &grid, theme: theme)
            sections = Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y))
        }
        drawSections(in: sections, grid: &grid, theme: theme)
        return nil
    }

    /// Joins parts with " · " into lines of at most `width`, never breaking a part.
    nonisolated static func pack(_ parts: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in parts {
            let candidate = current.isEmpty ? part : current + " · " + part
            if TextWidth.of(candidate) > width, !current.isEmpty {
                lines.append(current)
                current = part
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private func fieldLines(_ c: Customer) -> [(String, String)] {
        let f = c.fields
        var lines: [(String, String)] = [(tr("Contact"), f.contactName), (tr("E-mail"), f.email), (tr("Phone"), f.phone)]
        for (i, part) in f.addressLines.enumerated() { lines.append((i == 0 ? tr("Address") : "", part)) }
        lines += [(tr("VAT id"), f.vatID), (tr("Owner"), overview.ownerName ?? ""),
                  (tr("Terms"), f.paymentTermsDays == 0 ? tr("payable at once") : Wording.count(f.paymentTermsDays, one: "{0} day", other: "{0} days")),
                  (tr("Buyer ref."), f.buyerReference), (tr("Tags"), f.tags)]
        return lines.filter { !$0.1.isEmpty }
    }

    private func drawCard(in rect: Rect, grid: inout Grid, theme: Theme) {
        var y = rect.y
        for (label, value) in fieldLines(overview.customer) where y < rect.maxY {
            grid.write(label, x: rect.x, y: y, width: 11, style: theme[.label])
            grid.write(value, x: rect.x + 12, y: y, maxWidth: rect.width - 12, style: theme[.normal])
            y += 1
        }
        let notes = overview.customer.fields.notes
        if !notes.isEmpty, y + 2 < rect.maxY {
            y += 1
            grid.write(tr("Notes"), x: rect.x, y: y, style: theme[.label])
            y += 1
            for paragraph in notes.split(separator: "\n", omittingEmptySubsequences: false) {
                for line in TextWidth.wrap(String(paragraph), to: rect.width) where y < rect.maxY - 1 {
                    grid.write(line, x: rect.x, y: y, maxWidth: rect.width, style: theme[.normal])
                    y += 1
                }
            }
        }
        let c = overview.customer
        if y + 1 < rect.maxY {
            for line in TextWidth.wrap(tr("Changed {0} by {1}", Format.localTime(c.updatedAt), c.updatedBy), to: rect.width) where y + 1 < rect.maxY {
                y += 1
                grid.write(line, x: rect.x, y: y, maxWidth: rect.width, style: theme[.dim])
            }
        }
    }

    /// The card in three or four lines, for narrow terminals.
    private func compactCardLines() -> [String] {
        let f = overview.customer.fields
        let c = overview.customer
        let owner: String = overview.ownerName.map { tr("owner {0}", $0) } ?? ""
        let tags: String = f.tags.isEmpty ? "" : tr("tags {0}", f.tags)
        let vat: String = f.vatID.isEmpty ? "" : tr("VAT {0}", f.vatID)
        // Every line of the notes, one after another: the first alone hid the rest.
        let noteLines = f.notes.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let notes: String = noteLines.isEmpty ? "" : tr("Notes: {0}", noteLines.joined(separator: " / "))
        let parts: [[String]] = [
            [f.contactName, f.phone, f.email],
            [f.addressLines.joined(separator: ", "), vat],
            [owner, f.paymentTermsDays == 0 ? tr("payable at once") : tr("terms {0} d", f.paymentTermsDays), tags, tr("changed {0} by {1}", Format.day(c.updatedAt), c.updatedBy)],
            [notes],
        ]
        return parts.map { $0.filter { !$0.isEmpty }.joined(separator: " · ") }.filter { !$0.isEmpty }
    }

    /// Returns the lines used, with the blank one under them.
    private func drawCompactCard(x: Int, y: Int, width: Int, grid: inout Grid, theme: Theme) -> Int {
        let lines = compactCardLines()
        for (i, line) in lines.enumerated() {
            grid.write(line, x: x, y: y + i, maxWidth: width, style: theme[.normal])
        }
        return lines.count + 1
    }

    /// The rows from `scroll`, as the update step left them.
    private func drawSections(in rect: Rect, grid: inout Grid, theme: Theme) {
        guard rect.height > 0 else { return }
        let cursorIndex = cursor
        for (offset, row) in rows.dropFirst(scroll).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let isCursor = cursorIndex == scroll + offset
            let style = isCursor ? theme[.selection] : theme[row.role]
            if isCursor { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            // The cursor stands before the row's own mark, which stays in
            // sight: a highlighted primary contact still shows its ★.
            if isCursor {
                grid.write("›", x: rect.x, y: y, style: style)
                if !row.mark.isEmpty { grid.write(row.mark, x: rect.x + 1, y: y, style: style) }
            } else {
                grid.write(row.mark, x: rect.x, y: y, style: theme[row.role == .normal ? .marked : row.role])
            }
            let indent = row.role == .label && row.target == nil ? 0 : 2
            grid.write(row.text, x: rect.x + 1 + indent, y: y, maxWidth: rect.width - 2 - indent, style: row.target == nil && row.role == .label ? theme[.label].adding(.bold) : style)
        }
        if scroll > 0 { grid.write("▲", x: rect.maxX - 1, y: rect.y, style: theme[.dim]) }
        if scroll + rect.height < rows.count { grid.write("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: theme[.dim]) }
    }
}
