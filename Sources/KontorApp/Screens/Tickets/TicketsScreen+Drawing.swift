import Foundation
import KontorModel
import KontorLocale
import KontorUI

/// Drawing the queue. Pure: the rows were read in the update step.
extension TicketsScreen {
    // MARK: The queue

    /// The columns in the person's language; the narrow ones as wide as
    /// their longest words there ("Dringend!", "überf. 10T 23h").
    static func table(number: Int = 6) -> TableView {
        TableView(columns: [
            .init("#", .fixed(number), alignRight: true, id: "number"),
            .init(tr("Subject"), .flexible(min: 16, weight: 4), id: "subject"),
            .init(tr("Customer"), .flexible(min: 12, weight: 3), id: "customer"),
            .init(tr("Prio"), .fixed(priorityWidth), id: "priority"),
            .init(tr("Status"), .fixed(statusWidth), id: "status"),
            .init(tr("Assignee"), .flexible(min: 8, weight: 2), id: "assignee"),
            .init(tr("Due in"), .fixed(dueWidth(13, spare: 0)), alignRight: true, id: "due"),
        ])
    }

    /// With room to spare, the queue each ticket is in, too.
    static func wideTable(number: Int = 7) -> TableView {
        TableView(columns: [
            .init("#", .fixed(number), alignRight: true, id: "number"),
            .init(tr("Subject"), .flexible(min: 16, weight: 5), id: "subject"),
            .init(tr("Customer"), .flexible(min: 12, weight: 3), id: "customer"),
            .init(tr("Queue"), .fixed(queueWidth), id: "queue"),
            .init(tr("Prio"), .fixed(priorityWidth), id: "priority"),
            .init(tr("Status"), .fixed(statusWidth), id: "status"),
            .init(tr("Assignee"), .flexible(min: 8, weight: 2), id: "assignee"),
            .init(tr("Due in"), .fixed(dueWidth(14, spare: 1)), alignRight: true, id: "due"),
        ])
    }

    /// As wide as the standard queues' names in the person's language ("Buchhaltung").
    private static var queueWidth: Int { max(9, TicketText.standardQueues.map { TextWidth.of(TicketWording.queueName($0)) }.max() ?? 0) }
    private static var priorityWidth: Int { max(7, TicketPriority.allCases.map { TextWidth.of(TicketWording.priority($0)) }.max() ?? 0) }
    /// The queue lists open tickets only: new, open, pending.
    private static var statusWidth: Int { max(7, [TicketStatus.new, .open, .pending].map { TextWidth.of($0.displayName) }.max() ?? 0) }
    /// As wide as its longest words, and on a wide screen one wider:
    /// right-aligned, they would stand a single space from the assignee's
    /// name and read as one ("J. Weiß überf. 20T 23h"). At 80 columns that
    /// one is the assignee's, whose "T. Becker" it would cut to "Tobia…".
    private static func dueWidth(_ english: Int, spare: Int) -> Int {
        max(english, TextWidth.of(tr("late {0}", tr("{0}d {1}h", 10, 23))) + spare)
    }

    /// The queue's table for an area this wide: the queue column only on
    /// wide terminals, the number's as wide as the longest number shown
    /// with its "#" and a mark ("!#131952": a large office's six digits
    /// were cut to "#13195…").
    func listTable(width: Int) -> TableView {
        let number = list.rows.map(\.id).max().map { String($0).count + 2 } ?? 0
        return Self.isWide(width) ? Self.wideTable(number: max(7, number)) : Self.table(number: max(6, number))
    }
    static func isWide(_ width: Int) -> Bool { width >= 120 }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let wide = Self.isWide(rect.width)
        let now = Date()
        return panel.draw(in: rect, grid: &grid, theme: theme) { [marked] row in
            let breached = row.isBreached(at: now)
            var cells = ["#\(row.id)", row.subject, row.customerName, TicketWording.priority(row.priority), row.status.displayName,
                         row.assigneeName ?? "—", TicketWording.dueIn(row.slaDue, now: now)]
            if wide { cells.insert(TicketWording.queueName(row.queue), at: 3) }
            let mark: Character? = marked.contains(row.id) ? "*" : breached ? "!" : nil
            // Narrow columns keep the words that tell customers and colleagues apart.
            let shorter = [2: ShortNames.forms(of: row.customerName), wide ? 6 : 5: ShortNames.personForms(of: row.assigneeName ?? "")]
            return TableView.Line(cells: cells, role: breached ? .alert : row.status == .pending ? .dim : nil, mark: mark, shorter: shorter)
        }
    }
}

/// Drawing a ticket, the message being written under it, and the new-ticket
/// form. Pure: everything drawn was read when the ticket was opened or the
/// data changed.
@MainActor
enum TicketDrawing {
    // MARK: A ticket

    /// The state line under the ticket's number: status, priority, queue, assignee.
    private static func stateLine(_ shown: TicketRecord) -> String {
        let t = shown.ticket
        var state = t.status.displayName
        if let until = t.pendingUntil { state = tr("{0} until {1}", state, Format.dayOrTime(until)) }
        return state + " · \(TicketWording.priority(t.priority)) · \(TicketWording.queueName(t.queue)) · " + (shown.assigneeName.map { tr("assigned to {0}", $0) } ?? tr("unassigned"))
    }

    /// Whether the deadline fits after the state line or takes a line of its own.
    private static func deadlineFits(_ shown: TicketRecord, deadline: String, width: Int) -> Bool {
        min(TextWidth.of(stateLine(shown)), width) + 3 + TextWidth.of(deadline) <= width
    }

    /// How many lines the ticket's header takes at a width.
    private static func headerHeight(_ shown: TicketRecord, banner: String?, width: Int) -> Int {
        let deadline = TicketWording.deadline(shown.ticket, now: Date())
        return 2 + (deadlineFits(shown, deadline: deadline, width: width - 2) ? 0 : 1) + (banner == nil ? 0 : 1)
            + (shown.ticket.unknownSender == nil ? 0 : 1)
    }

    /// The ticket's header: number and subject, then its state in words.
    private static func drawHeader(_ shown: TicketRecord, banner: String?, in rect: Rect, grid: inout Grid, theme: Theme) -> Int {
        let t = shown.ticket
        var y = rect.y
        let width = rect.width - 2
        grid.write("#\(t.id)  \(t.subject)", x: rect.x + 1, y: y, maxWidth: width, style: theme[.title])
        y += 1
        let deadline = TicketWording.deadline(t, now: Date())
        let used = grid.write(stateLine(shown), x: rect.x + 1, y: y, maxWidth: width, style: theme[.label])
        if deadlineFits(shown, deadline: deadline, width: width) {
            grid.write(" · " + deadline, x: rect.x + 1 + used, y: y, maxWidth: width - used, style: deadline.hasPrefix("!") ? theme[.alert] : theme[.dim])
        } else {
            y += 1
            grid.write(deadline, x: rect.x + 1, y: y, maxWidth: width, style: deadline.hasPrefix("!") ? theme[.alert] : theme[.dim])
        }
        y += 1
        if let banner {
            grid.write("✗ " + banner, x: rect.x + 1, y: y, maxWidth: width, style: theme[.error])
            y += 1
        }
        if let sender = t.unknownSender {
            let line = sender.contains("@") ? tr("? Unknown sender {0}: L links the address to a customer", sender)
                                            : tr("? The mail named no sender: L gives the ticket to a customer")
            grid.write(line, x: rect.x + 1, y: y, maxWidth: width, style: theme[.warning])
            y += 1
        }
        return y - rect.y
    }

    /// Whether what the customer owes gets its own line above the thread.
    private static func owes(_ shown: TicketRecord) -> Bool {
        guard let dunning = shown.dunning else { return false }
        return dunning.balance.openCents > 0 || dunning.balance.overdueCount > 0
    }

    /// Where the thread goes in a ticket drawn into `rect`: what the
    /// update step lays the thread out for and drawing fills.
    static func threadArea(of detail: TicketDetail, in rect: Rect) -> Rect {
        var (_, body) = rect.splitTop(headerHeight(detail.record, banner: detail.banner, width: rect.width))
        if body.width >= 110 {
            body = body.splitLeft(body.width - 44).0
        } else {
            body = body.splitTop(1).1
            if owes(detail.record) { body = body.splitTop(1).1 }
        }
        return body.splitTop(1).1
    }

    static func drawDetail(_ detail: TicketDetail, in rect: Rect, grid: inout Grid, theme: Theme) {
        let shown = detail.record
        grid.fill(rect, style: theme[.normal])
        let headerHeight = drawHeader(shown, banner: detail.banner, in: rect, grid: &grid, theme: theme)
        var (_, body) = rect.splitTop(headerHeight)
        // The customer's card beside the thread when there is room; else
        // one line of it above.
        if body.width >= 110 {
            let (left, right) = body.splitLeft(body.width - 44)
            for y in right.y..<right.maxY { grid.write("│", x: right.x, y: y, style: theme[.border]) }
            let card = Rect(x: right.x + 2, y: right.y, width: right.width - 2, height: right.height)
            if let customer = shown.customer {
                var used = CustomerCard.draw(customer, in: card, grid: &grid, theme: theme, full: false)
                if let dunning = shown.dunning, card.y + used + 1 < card.maxY {
                    let money = Related.moneyLine(dunning)
                    // A part longer than the card ("wir schulden 21,19 € (Erstattung oder Guthaben)") wraps rather than lose its end.
                    let lines = CustomerDetail.pack(money.text.components(separatedBy: " · "), width: card.width - 1)
                        .flatMap { TextWidth.wrap($0, to: card.width - 1, lines: 2) }
                    for line in lines where card.y + used + 1 < card.maxY {
                        grid.write(line, x: card.x, y: card.y + used + 1, maxWidth: card.width - 1, style: theme[money.role])
                        used += 1
                    }
                }
                if card.y + used + 2 < card.maxY {
                    grid.write(tr("Enter or c: go to the customer"), x: card.x, y: card.y + used + 2, maxWidth: card.width - 1, style: theme[.dim])
                }
            }
            body = left
        } else {
            let (line, rest) = body.splitTop(1)
            if let customer = shown.customer {
                let parts = [customer.name, customer.fields.contactName, customer.fields.phone].filter { !$0.isEmpty }
                let x = line.x + 1 + grid.write(tr("Customer") + " ", x: line.x + 1, y: line.y, style: theme[.label])
                let used = grid.write(parts.joined(separator: " · "), x: x, y: line.y, maxWidth: line.maxX - x - 16, style: theme[.normal])
                grid.write("  " + tr("(Enter: open)"), x: x + used, y: line.y, maxWidth: line.maxX - x - used - 1, style: theme[.dim])
            }
            body = rest
            // Owed money gets its own line: nothing here is more urgent.
            if owes(shown), let dunning = shown.dunning {
                let (line, below) = body.splitTop(1)
                let money = Related.moneyLine(dunning)
                grid.write(money.text, x: line.x + 1, y: line.y, maxWidth: line.width - 2, style: theme[money.role])
                body = below
            }
        }
        let (rule, thread) = body.splitTop(1)
        grid.write(String(repeating: "─", count: max(0, rule.width - 2)), x: rule.x + 1, y: rule.y, style: theme[.border])
        drawThread(shown, showQuoted: detail.showQuoted, scrollFromEnd: detail.scrollFromEnd, in: thread, grid: &grid, theme: theme)
    }

    static func drawThread(_ record: TicketRecord, showQuoted: Bool, scrollFromEnd: Int, in rect: Rect, grid: inout Grid, theme: Theme) {
        guard rect.height > 0 else { return }
        let lines = TicketThread.lines(record, showQuoted: showQuoted, width: rect.width - 3)
        let maxScroll = max(0, lines.count - rect.height)
        let fromEnd = min(scrollFromEnd, maxScroll)
        let top = maxScroll - fromEnd
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            grid.write(line.text, x: rect.x + 1, y: rect.y + offset, maxWidth: rect.width - 3, style: theme[line.role])
        }
        if top > 0 { grid.write("▲", x: rect.maxX - 1, y: rect.y, style: theme[.dim]) }
        if fromEnd > 0 { grid.write("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: theme[.dim]) }
    }

    /// The ticket above, the message being written below it. The text
    /// area keeps where it is scrolled to as it is drawn.
    static func drawComposer(_ composer: inout MessageComposer, over detail: TicketDetail, in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        let editorHeight = max(6, min(rect.height - 6, rect.height / 2 + 2))
        let (top, bottom) = rect.splitBottom(editorHeight)
        let headerHeight = drawHeader(detail.record, banner: detail.banner, in: top, grid: &grid, theme: theme)
        let (_, thread) = top.splitTop(headerHeight)
        drawThread(detail.record, showQuoted: detail.showQuoted, scrollFromEnd: detail.scrollFromEnd, in: thread, grid: &grid, theme: theme)
        Chrome.drawBox(bottom, title: composer.title, grid: &grid, style: theme[composer.kind == .note ? .warning : .normal],
                       titleStyle: theme[.dialogTitle])
        var inner = Rect(x: bottom.x + 2, y: bottom.y + 1, width: bottom.width - 4, height: bottom.height - 2)
        if let banner = composer.banner {
            grid.write("✗ " + banner, x: inner.x, y: inner.y, maxWidth: inner.width, style: theme[.error])
            inner = inner.splitTop(1).1
        } else if let notice = composer.notice {
            grid.write("• " + notice, x: inner.x, y: inner.y, maxWidth: inner.width, style: theme[.dim])
            inner = inner.splitTop(1).1
        }
        // Whom a reply goes to, before it is sent.
        if composer.kind == .reply, let route = detail.record.mail.replyTo {
            let (text, role): (String, Theme.Role) = switch route {
            case let .success(to):
                (tr("To {0}", to.description) + (detail.record.mail.replyCc.isEmpty ? ""
                    : " · " + tr("Cc {0}", detail.record.mail.replyCc.map(\.description).joined(separator: ", "))), .label)
            case let .failure(reason): (tr("not sent by mail: {0}", reason.text), .warning)
            }
            // Read whole: why a reply will not go is a sentence.
            for line in TextWidth.wrap(text, to: inner.width, lines: 2) {
                grid.write(line, x: inner.x, y: inner.y, maxWidth: inner.width, style: theme[role])
                inner = inner.splitTop(1).1
            }
        }
        let count = composer.area.characters.count
        let status = "\(count)/\(TicketText.bodyMaxLength)"
        grid.write(status, x: bottom.maxX - 2 - TextWidth.of(status), y: bottom.maxY - 1, style: theme[.dim])
        let point = composer.area.draw(in: inner, grid: &grid, style: theme[.input])
        if composer.area.isEmpty {
            grid.write(composer.kind == .note ? tr("Only colleagues see this note.") : tr("The customer reads this reply."),
                       x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: theme[.dim])
        }
        return point
    }

    static func drawNewTicket(_ editor: inout NewTicketEditor, in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        let formHeight = editor.form.fields.count + 3 + (editor.form.banner == nil ? 0 : 1)
            + editor.form.fields.filter { editor.form.errors[$0.id] != nil }.count
        let (formArea, rest) = rect.splitTop(formHeight)
        var cursor: Point?
        if editor.inMessage {
            // The form without a focused field: draw it, then take no cursor from it.
            var shown = editor.form
            shown.isActive = false
            _ = shown.draw(in: formArea, grid: &grid, theme: theme)
        } else {
            cursor = editor.form.draw(in: formArea, grid: &grid, theme: theme)
        }
        var y = rest.y
        let message = tr("Message")
        let used = grid.write((editor.inMessage ? "› " : "  ") + message, x: rest.x + 1, y: y,
                              style: editor.inMessage ? theme[.label].adding(.bold) : theme[.label])
        grid.write("  " + tr("what the customer wrote or said (optional); Tab moves between fields"), x: rest.x + 1 + used, y: y,
                   maxWidth: rest.maxX - rest.x - 2 - used, style: theme[.dim])
        y += 1
        if let error = editor.messageError {
            grid.write("✗ " + tr("Message {0}", error), x: rest.x + 2, y: y, maxWidth: rest.width - 4, style: theme[.error])
            y += 1
        }
        let area = Rect(x: rest.x + 2, y: y, width: rest.width - 4, height: rest.maxY - y)
        let point = editor.message.draw(in: area, grid: &grid, style: editor.inMessage ? theme[.inputFocused] : theme[.input])
        return editor.inMessage ? point : cursor
    }
}
