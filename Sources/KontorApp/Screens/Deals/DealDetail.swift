import KontorModel
import KontorLocale
import KontorUI

@MainActor
/// One deal in full: its fields, its lines (with a cursor for editing
/// them), and the history of its stage changes from the audit log.
struct DealDetail {
    var deal: Deal
    /// The deal as the board shows it: customer and owner names, stale flag.
    var summary: DealSummary
    var lines: [DealLine]
    /// SKUs of the lines' products, by product id.
    var skus: [Int64: String]
    var history: [AuditEntry]
    /// The invoice's number and state once issued ("2026-00180 · Issued"),
    /// or "draft, not issued yet".
    var invoiceLabel: String?
    /// The invoice as a message names it: "invoice 2026-00180" or "a draft invoice".
    var invoiceName: String = ""
    /// Its invoice is a draft still: the deal is not invoiced until it is issued.
    var invoiceIsDraft = false
    /// Invoices made from the deal and cancelled by credit note, newest
    /// first: the deal was released by them and may be invoiced again.
    var credited: [(invoice: String, creditNote: String)] = []
    var lineCursor = 0

    static func load(_ id: Int64, session: Session) throws -> DealDetail {
        let repository = session.database.deals
        guard let deal = try repository.find(id: id), let summary = try repository.summary(id: id) else {
            throw KontorError.notFound(entity: "deal", id: id)
        }
        let lines = try repository.lines(of: id)
        var skus: [Int64: String] = [:]
        for productID in Set(lines.compactMap(\.productID)) {
            if let product = try session.database.products.find(id: productID) { skus[productID] = product.fields.sku }
        }
        let history = try session.database.history(of: "deal", id: id, fields: ["stage", "lost_reason", "invoice_id", "credit_note"])
        let invoice = try deal.invoiceID.flatMap { try session.database.invoices.find(id: $0) }
        let label = invoice.map { $0.number.map { "\($0) · \(invoice!.status.displayName(paidCents: invoice!.paidCents))" } ?? tr("draft, not issued yet") }
        let name = invoice.map { $0.number.map { tr("invoice {0}", $0) } ?? tr("a draft invoice") } ?? ""
        return DealDetail(deal: deal, summary: summary, lines: lines, skus: skus, history: history, invoiceLabel: label,
                          invoiceName: name, invoiceIsDraft: invoice != nil && invoice?.number == nil, credited: try repository.creditedInvoices(of: id))
    }

    /// The same deal read again, the line cursor kept where it was.
    func reloaded(session: Session) throws -> DealDetail {
        var fresh = try Self.load(deal.id, session: session)
        fresh.lineCursor = min(lineCursor, max(0, fresh.lines.count - 1))
        return fresh
    }

    var selectedLine: DealLine? { lines.indices.contains(lineCursor) ? lines[lineCursor] : nil }

    mutating func moveLine(by delta: Int) {
        lineCursor = max(0, min(lines.count - 1, lineCursor + delta))
    }

    // MARK: Drawing

    /// The columns in the person's language, made as the deal is drawn.
    static var lineTable: TableView {
        TableView(columns: [
            .init("#", .fixed(3), alignRight: true),
            .init(tr("SKU"), .fixed(max(12, TextWidth.of(tr("SKU"))))),
            .init(tr("Description"), .flexible(min: 14, weight: 1)),
            .init(tr("Qty"), .fixed(6), alignRight: true),
            .init(tr("Unit price"), .fixed(13), alignRight: true),
            .init(tr("VAT"), .fixed(4), alignRight: true),
            .init(tr("Net"), .fixed(14), alignRight: true),
        ])
    }

    func draw(in rect: Rect, grid: inout Grid, theme: Theme, today: String) {
        grid.fill(rect, style: theme[.normal])
        var y = rect.y
        let x = rect.x + 2
        let width = rect.width - 4
        let stageName = deal.stage.displayName
        let stage = deal.isInvoiced ? (invoiceIsDraft ? tr("{0} · draft invoice", stageName) : tr("{0} · invoiced", stageName))
            : !credited.isEmpty && deal.stage == .won ? tr("{0} · credited", stageName) : stageName
        let stageWidth = TextWidth.of(stage) + 2
        grid.write(deal.title, x: x, y: y, maxWidth: width - stageWidth - 1, style: theme[.title])
        grid.write("[\(stage)]", x: rect.maxX - stageWidth - 2, y: y, style: theme[.marked])
        y += 2
        let half = width / 2
        // As wide as the longest label and a space ("Abgeschl. am" ran into its date).
        let labelWidth = 1 + ["Customer", "Owner", "Value", "Probability", "Closed on", "Close", "Next", "Source", "Invoice"]
            .map { TextWidth.of(tr($0)) }.max()!
        func pair(_ label: String, _ value: String, column: Int, style: Theme.Role = .normal) {
            let left = x + column * half
            grid.write(label, x: left, y: y, width: labelWidth, style: theme[.label])
            grid.write(value, x: left + labelWidth, y: y, maxWidth: half - labelWidth - 1, style: theme[style])
        }
        pair(tr("Customer"), summary.customerName, column: 0)
        pair(tr("Owner"), summary.ownerName ?? "—", column: 1)
        y += 1
        let value = Money.format(cents: deal.valueCents) + " " + deal.currency
        pair(tr("Value"), lines.isEmpty ? value : tr("{0} (lines)", value), column: 0)
        let own = deal.fields.probability != nil && !deal.stage.isClosed
        let percent = "\(deal.probability) %"
        pair(tr("Probability"), (own ? percent : tr("{0} (stage)", percent)) + " → " + Money.format(cents: deal.weightedValueCents), column: 1)
        y += 1
        let stale = summary.isStale ? DealsFormat.staleReason(nextActivity: deal.fields.nextActivity, today: today) : nil
        if deal.stage.isClosed {
            // Won or lost: when it was, not the plans it had while open.
            pair(tr("Closed on"), deal.closedAt.map(Format.localTime) ?? "—", column: 0)
        } else {
            pair(tr("Close"), deal.fields.expectedClose.isEmpty ? "—" : Format.day(deal.fields.expectedClose), column: 0)
            pair(tr("Next"), (deal.fields.nextActivity.isEmpty ? "—" : Format.day(deal.fields.nextActivity)) + (stale != nil ? "  " + tr("! stale") : ""),
                 column: 1, style: stale != nil ? .warning : .normal)
        }
        y += 1
        pair(tr("Source"), deal.fields.leadSource.isEmpty ? "—" : deal.fields.leadSource, column: 0)
        if deal.invoiceID != nil {
            pair(tr("Invoice"), tr("{0} (o opens it)", invoiceLabel ?? ""), column: 1)
        } else if let last = credited.first, deal.stage == .won {
            pair(tr("Invoice"), tr("{0} credited by {1}", last.invoice, last.creditNote), column: 1, style: .warning)
        } else if deal.stage == .won {
            pair(tr("Invoice"), tr("none yet: i creates it"), column: 1, style: .warning)
        } else if let last = credited.first {
            pair(tr("Invoice"), tr("{0} credited by {1}", last.invoice, last.creditNote), column: 1, style: .dim)
        }
        y += 1
        if deal.stage == .lost {
            grid.write(tr("Lost because: {0}", deal.lostReason), x: x, y: y, maxWidth: width, style: theme[.marked])
            y += 1
        }
        if deal.stage == .won, !deal.isInvoiced, !credited.isEmpty {
            grid.write(tr("Its invoice was credited: i invoices the deal again, < reopens it"), x: x, y: y, maxWidth: width, style: theme[.warning])
            y += 1
        }
        if let stale {
            grid.write(tr("! stale: {0}", stale), x: x, y: y, maxWidth: width, style: theme[.warning])
            y += 1
        }
        y += 1
        // Lines take what they need, up to half of what is left; history gets the rest.
        let remaining = rect.maxY - y
        guard remaining > 2 else { return }
        let linesTitle = tr("Lines")
        let titleWidth = max(7, TextWidth.of(linesTitle) + 2)
        grid.write(linesTitle, x: x, y: y, style: theme[.label].adding(.bold))
        // An invoiced deal's lines are what was invoiced: no keys offered for them.
        let hint = deal.isInvoiced ? (lines.isEmpty ? tr("none: the value was typed in") : tr("{0} · as invoiced", lines.count))
            : lines.isEmpty ? tr("none: the value was typed in (a adds a product)") : tr("{0} · a add · Enter edit · d remove", lines.count)
        grid.write(hint,
                   x: x + titleWidth, y: y, maxWidth: width - titleWidth, style: theme[.dim])
        y += 1
        let historyRows = min(history.count + 1, max(2, (remaining - 2) / 2))
        let lineRows = max(1, min(lines.count + 1, rect.maxY - y - historyRows - 1))
        if !lines.isEmpty {
            let visible = lineRows - 1
            let top = lineCursor < visible ? 0 : lineCursor - visible + 1
            let shown = lines.dropFirst(top).prefix(visible).map { line in
                TableView.Line(cells: [String(line.position), line.productID.flatMap { skus[$0] } ?? "—", line.description,
                                       line.quantity.description, Money.format(cents: line.unitPriceCents), "\(line.vatRateBP / 100)%",
                                       Money.format(cents: line.netCents)])
            }
            Self.lineTable.draw(Array(shown), cursor: lineCursor - top, in: Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: lineRows),
                                grid: &grid, theme: theme, scrollInfo: (top == 0, top + visible >= lines.count))
            y += lineRows
        }
        y += 1
        guard y < rect.maxY else { return }
        grid.write(tr("History"), x: x, y: y, style: theme[.label].adding(.bold))
        y += 1
        let entries = historyLines()
        if entries.isEmpty {
            grid.write(tr("No stage changes recorded (the deal predates the audit log)."), x: x, y: y, maxWidth: width, style: theme[.dim])
        }
        for entry in entries.suffix(max(0, rect.maxY - y)) {
            grid.write(entry, x: x, y: y, maxWidth: width, style: theme[.normal])
            y += 1
        }
    }

    /// The audit log as sentences, oldest first.
    func historyLines() -> [String] {
        history.compactMap { entry in
            let when = Format.localTime(entry.at)
            let stage = { (raw: String?) in raw.flatMap(DealStage.init(rawValue:)).map(\.displayName) ?? "—" }
            let who = "\(when)  \(entry.actor)  "
            switch entry.field {
            case "stage" where entry.oldValue == nil:
                return who + tr("created at {0}", stage(entry.newValue))
            case "stage":
                return who + "\(stage(entry.oldValue)) → \(stage(entry.newValue))"
            case "lost_reason" where !(entry.newValue ?? "").isEmpty:
                return who + tr("lost because: {0}", entry.newValue ?? "")
            // Invoices by what people see of them, never their ids.
            case "invoice_id" where entry.newValue != nil:
                return who + tr("draft invoice created")
            case "invoice_id" where entry.action == "credited":
                return nil // said by its credit note's line
            case "invoice_id":
                return who + tr("draft invoice deleted")
            case "credit_note":
                return who + tr("invoice {0} credited by {1}: invoice again or reopen", entry.oldValue ?? "", entry.newValue ?? "")
            default:
                return nil
            }
        }
    }
}
