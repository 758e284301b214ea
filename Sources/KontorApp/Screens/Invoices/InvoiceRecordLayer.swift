import KontorLocale
import KontorModel
import KontorUI

/// One invoice's record on the stack: seller and buyer, lines, totals,
/// payments and links; on a draft, the keys that edit it. The keys a role
/// may not use are listed with who may, and refused on a press.
final class InvoiceRecordLayer: Layer {
    private(set) var shown: InvoiceDetail
    private unowned let screen: InvoicesScreen

    init(_ shown: InvoiceDetail, screen: InvoicesScreen) {
        self.shown = shown
        self.screen = screen
    }

    /// Reads the invoice again, the cursor kept on its line.
    func reload() throws {
        guard let fresh = try shown.reloaded(session: screen.session) else {
            throw KontorError.notFound(entity: "invoice", id: shown.invoice.id)
        }
        shown = fresh
    }

    /// A change came while a form was over the record.
    private var missedChange = false

    /// The update step: on top again after a change it missed, it reads again.
    override func layout(_ rect: Rect) throws {
        guard missedChange, stack?.top === self else { return }
        missedChange = false
        if let fresh = try shown.reloaded(session: screen.session) { shown = fresh }
    }

    /// Puts the cursor on a line (after it was saved).
    func select(line: Int) {
        shown.lineCursor = max(0, min(line, shown.lines.count - 1))
    }

    /// A form over the record keeps the version it was opened with, so that
    /// a save over someone else's change is refused rather than lost: the
    /// record reads again only while it is on top.
    override func dataChanged(_ host: ScreenHost) throws {
        // Under a form: read again once it is on top again (a colleague
        // issued the draft meanwhile; the form discarded, it still showed the draft).
        guard stack?.top === self else { return missedChange = true }
        missedChange = false
        if let fresh = try shown.reloaded(session: screen.session) {
            shown = fresh
        } else {
            close()
            host.show(tr("{0} was deleted meanwhile", shown.name), isError: true)
        }
    }

    override var actions: [Action] {
        let invoice = shown.invoice
        let session = screen.session
        var keys = [Action("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Invoice") { [unowned self] _ in close() }]
        var writes: [Action] = []
        if shown.isDraft {
            let blocker = Self.issueBlocker(shown)
            writes += [
                Action("invoice.issue", [.char("i")], InvoicesScreen.issueWord, help: "Issue: gives the next number; cannot be changed afterwards", group: "Draft") {
                    [unowned self] _ in try screen.askIssue(shown)
                }.disabled(if: blocker != nil, blocker ?? ""),
                Action("line.addProduct", [.char("a")], "product", help: "Add a line for a product from inventory", group: "Draft") {
                    [unowned self] _ in screen.pickProductLine(for: shown)
                },
                Action("line.addText", [.char("t")], "text line", help: "Add a free-text line (a service, say)", group: "Draft") { [unowned self] _ in
                    // A service by its unit (a lump sum), so that its tax is a
                    // service's (reverse charge to an EU business, not an
                    // intra-community supply of goods); Stk makes it goods.
                    screen.openLineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, allowances: shown.allowances, editing: nil,
                                                   fields: InvoiceLineFields(unit: "Psch"), productLabel: nil))
                },
            ]
            if !shown.lines.isEmpty {
                let edit: (ScreenHost) throws -> Void = { [unowned self] _ in
                    guard let line = shown.selectedLine else { return }
                    screen.openLineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, allowances: shown.allowances, editing: line, fields: InvoiceLineFields(line),
                                                   productLabel: try screen.productLabel(line.productID)))
                }
                writes += [
                    Action("line.edit", [.char("e")], "edit", help: "Edit the highlighted line", group: "Draft", run: edit),
                    Action("line.edit", [.enter], "edit", help: "Edit the highlighted line", group: "Draft", inFooter: false, run: edit),
                    Action("line.remove", [.char("x")], "remove", help: "Remove the highlighted line", group: "Draft") { [unowned self] _ in
                        if let line = shown.selectedLine { screen.askRemove(line, of: shown.invoice) }
                    },
                ]
            }
            if !shown.lines.isEmpty {
                writes.append(Action("invoice.allowance", [.char("%")], "discount/surcharge",
                                     help: "A discount or surcharge on the whole invoice (add, or remove one)", group: "Draft", inFooter: false) {
                    [unowned self] _ in screen.askAllowance(shown)
                })
            }
            writes.append(Action("invoice.delete", [.char("D")], "delete draft", help: "Delete this draft (it has no number yet)", group: "Draft",
                                 inFooter: false) { [unowned self] _ in screen.askDelete(shown) })
        }
        if invoice.kind == .invoice, invoice.status != .draft {
            // As R: offered on every issued invoice, disabled with the reason once nothing is open.
            writes.append(Action("payment.record", [.char("r")], "payment", help: "Record a payment, partial or full", group: "Invoice") {
                [unowned self] _ in screen.openPaymentForm(shown.invoice)
            }.disabled(if: invoice.status != .issued, Self.noPaymentReason(invoice)))
        }
        if invoice.status != .draft {
            // Offered on every issued document, and disabled with the reason
            // where nothing is owed back, so the help says when it applies.
            let owed = invoice.owedToCustomerCents
            writes.append(Action("refund.record", [.char("R")], "refund",
                                 help: "Record money paid back to the customer: after a credit note, or when an invoice was overpaid",
                                 group: "Invoice") { [unowned self] _ in screen.openRefundForm(shown.invoice) }
                .disabled(if: owed == 0, Self.noRefundReason(invoice)))
        }
        if invoice.kind == .invoice, invoice.status == .issued || invoice.status == .paid {
            writes.append(Action("invoice.cancel", [.char("X")], "cancel by credit note", help: "Cancel by issuing a credit note for all of it",
                                 group: "Invoice") { [unowned self] _ in screen.askCancel(shown) })
        }
        keys += writes.map { $0.requires(.writeBackOffice, of: session) }
        keys.append(Action("invoice.print", [.char("p")], "print", help: "Write this invoice as a text file and a PDF beside the database", group: "Invoice") {
            [unowned self] host in try screen.printInvoice(shown.invoice.id, host)
        })
        if shown.invoice.status != .draft {
            keys.append(Action("invoice.einvoice", [.char("x")], "e-invoice",
                               help: "Write this invoice as an XRechnung e-invoice (UBL XML) beside the database", group: "Invoice") {
                [unowned self] host in try screen.writeEInvoice(shown.invoice.id, host)
            })
        }
        if shown.invoice.status != .draft { keys.append(screen.mailAction(shown.invoice.id)) }
        keys.append(Action("open.customer", [.char("c")], "customer", help: "Go to the customer", group: "Invoice") { [unowned self] host in
            host.open(.customer(shown.invoice.customerID))
        })
        if let dealID = invoice.dealID {
            keys.append(Action("open.deal", [.char("d")], "deal", help: "Go to the deal this invoice came from", group: "Invoice") { host in
                host.open(.deal(dealID))
            })
        }
        if let other = invoice.correctsID ?? shown.creditNotes.first?.id {
            keys.append(Action("open.related", [.char("o")], invoice.correctsID != nil ? tr("original") : tr("credit note"),
                               help: invoice.correctsID != nil ? tr("Open the invoice this credit note cancels") : tr("Open the credit note against this invoice"),
                               group: "Invoice") { [unowned self] _ in try screen.open(other) })
        }
        keys.append(screen.settingsAction)
        keys.append(screen.mailSettingsAction)
        if shown.lines.count > 1 {
            keys += [
                Action("line.down", [.char("j"), .down], "next line", help: "Next line", group: "Moving", inFooter: false) { [unowned self] _ in
                    select(line: shown.lineCursor + 1)
                },
                Action("line.up", [.char("k"), .up], "previous line", help: "Previous line", group: "Moving", inFooter: false) { [unowned self] _ in
                    select(line: shown.lineCursor - 1)
                },
            ]
        }
        return keys + [
            Action("detail.next", [.char("]")], "next invoice", help: "Next invoice in the list", group: "Moving", inFooter: false) { [unowned self] _ in
                try step(next: true)
            },
            Action("detail.previous", [.char("[")], "previous invoice", help: "Previous invoice in the list", group: "Moving", inFooter: false) {
                [unowned self] _ in try step(next: false)
            },
        ]
    }

    /// Why nothing can be refunded on this document, in words that hold
    /// for any such document (the help and the README list them).
    /// Why no payment is taken on an invoice that is not open.
    static func noPaymentReason(_ invoice: Invoice) -> String {
        invoice.status == .cancelled ? tr("nothing is open on this invoice: it was credited") : tr("nothing is open on this invoice: it is paid")
    }

    static func noRefundReason(_ invoice: Invoice) -> String {
        let this = invoice.kind == .creditNote ? tr("this credit note") : tr("this invoice")
        if invoice.status == .cancelled { return tr("{0} was credited: what the customer is owed is refunded on its credit note", this) }
        if invoice.openCents > 0 { return tr("nothing is owed back on {0}: it is still to be paid", this) }
        return tr("nothing is owed back on {0}: it is settled", this)
    }

    /// The next or previous invoice of the list, in place of this one. An
    /// invoice that left the list (paid, say) is followed by the one now under the cursor.
    private func step(next: Bool) throws {
        let list = screen.list
        if list.selected?.id == shown.invoice.id || !next { try list.move(by: next ? 1 : -1) }
        if let row = list.selected { try screen.open(row.id) }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        shown.draw(in: rect, grid: &grid, theme: theme)
        return nil
    }

    /// What keeps the draft from being issued that it shows itself (its
    /// discounts, as issuing would refuse them), said at the key rather
    /// than after the question: a total below zero was offered for issuing
    /// and refused only after "y". (Prices are never negative: only
    /// discounts take a total below zero.)
    static func issueBlocker(_ shown: InvoiceDetail) -> String? {
        // Said on the key, before the question about issuing, which would
        // only be refused after it was answered.
        if shown.lines.isEmpty { return tr("an invoice needs at least one line before it can be issued") }
        return InvoiceRepository.allowanceProblems(shown.allowances, lines: shown.lines).first.map { "\($0.field): \($0.message)" }
    }
}
