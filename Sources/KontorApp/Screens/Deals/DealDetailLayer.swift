import KontorModel
import KontorLocale
import KontorUI

/// A deal's detail on the Deals stack: its fields, lines and history, read
/// when it opens and after every change, never while drawing.
final class DealDetailLayer: Layer {
    private(set) var detail: DealDetail
    /// The day the stale flag is judged against, taken in the update step.
    private var today: String
    private unowned let screen: DealsScreen

    init(_ detail: DealDetail, screen: DealsScreen) {
        self.detail = detail
        self.screen = screen
        today = CalendarDate.today()
    }

    convenience init(_ id: Int64, screen: DealsScreen) throws {
        self.init(try DealDetail.load(id, session: screen.session), screen: screen)
    }

    var deal: Deal { detail.deal }

    /// Reads the deal again, keeping the line cursor.
    func reload() throws { detail = try detail.reloaded(session: screen.session) }

    func putCursorOnLastLine() { detail.lineCursor = max(0, detail.lines.count - 1) }

    override func dataChanged(_ host: ScreenHost) throws { try reload() }

    override func layout(_ rect: Rect) throws { today = CalendarDate.today() }

    override var actions: [Action] {
        let session = screen.session
        var keys = [
            Action("detail.back", [.escape, .backspace], "back", help: screen.view == .board ? tr("Back to the board") : tr("Back to the list"), group: "Deal") {
                [unowned self] _ in close()
            },
            Action("deal.edit", [.char("e")], "edit", help: "Edit this deal", group: "Deal") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                try screen.openEditor(for: deal.id)
            }.requires(.writeFrontOffice, of: session),
        ]
        // An invoiced deal's lines are what was invoiced: `a` says so rather than vanishing.
        keys.append(Action("line.add", [.char("a")], "add line", help: "Add a line: a product from the inventory, or a service", group: "Lines") {
            [unowned self] _ in
            try session.require(.writeFrontOffice)
            screen.openLineForm(DealLineEditor(dealID: deal.id, editing: nil), on: self, pickingProduct: true)
        }.requires(.writeFrontOffice, of: session)
         .disabled(if: deal.isInvoiced, tr("the deal is invoiced ({0}); its lines are what was invoiced", detail.invoiceName)))
        // So do Enter and d: said rather than silent, with or without a line.
        let line = detail.selectedLine
        let lineRefusal = deal.isInvoiced ? tr("the deal is invoiced ({0}); its lines are what was invoiced", detail.invoiceName)
            : line == nil ? tr("the deal has no lines yet: a adds one") : nil
        keys.append(Action("line.edit", [.enter], "edit line", help: "Change the highlighted line", group: "Lines") { [unowned self] _ in
            guard let line else { return }
            try session.require(.writeFrontOffice)
            let label = line.productID.flatMap { detail.skus[$0] }.map { "\($0) · \(line.description)" } ?? ""
            screen.openLineForm(DealLineEditor(dealID: deal.id, editing: line, productLabel: label), on: self, pickingProduct: false)
        }.requires(.writeFrontOffice, of: session).disabled(if: lineRefusal != nil, lineRefusal ?? ""))
        keys.append(Action("line.remove", [.char("d"), .delete], "remove line", help: "Remove the highlighted line (asks first)", group: "Lines") {
            [unowned self] _ in
            guard let line else { return }
            try session.require(.writeFrontOffice)
            screen.confirmRemove(line, from: self)
        }.requires(.writeFrontOffice, of: session).disabled(if: lineRefusal != nil, lineRefusal ?? ""))
        // After a credit note the same key invoices the deal again; before it is won, it says why not.
        let again = !detail.credited.isEmpty
        keys.append(Action("deal.invoice", [.char("i")], again ? tr("invoice again") : tr("invoice"),
                           help: again ? tr("Create a new draft invoice from this deal's lines (its last invoice was credited)")
                                       : tr("Create the draft invoice from this won deal"), group: "Deal") {
            [unowned self] host in try screen.createInvoice(dealID: deal.id, title: deal.title, host: host)
        }.disabled(if: deal.stage != .won || deal.isInvoiced,
                   deal.isInvoiced ? tr("it is invoiced: o opens the invoice") : tr("only a won deal is invoiced: > moves it on")))
        if let invoiceID = deal.invoiceID {
            keys.append(Action("deal.openInvoice", [.char("o")], "open invoice", help: "Go to the deal's invoice", group: "Deal") { host in
                host.open(.invoice(invoiceID))
            })
        }
        keys += screen.stageActions(names: (tr("next stage"), tr("back a stage")),
                                    help: (tr("Move the deal to the next stage"), tr("Move the deal to the previous stage")), group: "Deal")
        keys += [
            Action("deal.customer", [.char("c")], "customer", help: "Go to the deal's customer", group: "Deal") { [unowned self] host in
                if let customerID = deal.fields.customerID { host.open(.customer(customerID)) }
            },
            Action("line.down", [.char("j"), .down], "next line", help: "Next line", group: "Lines", inFooter: false) { [unowned self] _ in
                detail.moveLine(by: 1)
            },
            Action("line.up", [.char("k"), .up], "previous line", help: "Previous line", group: "Lines", inFooter: false) { [unowned self] _ in
                detail.moveLine(by: -1)
            },
            Action("deals.reload", [.ctrl("r")], "reload", help: "Read the deal again", group: "Deal", inFooter: false) { [unowned self] host in
                screen.readAgain(host, following: true)
            },
        ]
        return keys.map(screen.sayingConflicts)
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        detail.draw(in: rect, grid: &grid, theme: theme, today: today)
        return nil
    }
}
