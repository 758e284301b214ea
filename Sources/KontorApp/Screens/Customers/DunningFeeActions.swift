import KontorModel
import KontorLocale
import KontorUI

/// `F` in the 360° view: a dunning fee the customer paid, or one let go.
/// The fee is a receivable of its own; the invoice it was charged over is
/// never touched. Partial payments: `kontor dunning fee LETTER --amount`.
extension CustomersScreen {
    func dunningFeeAction(for customer: Customer) -> Action {
        let open = detail?.overview.openFees ?? []
        return Action("customer.dunningFee", [.char("F")], "dunning fee",
                      help: "Record an open dunning fee of this customer as paid in full today, or waive it",
                      group: "Customer", inFooter: false) { [unowned self] _ in
            try session.require(.writeBackOffice)
            let fees = try session.database.dunning.openFees(ofCustomer: customer.id)
            guard let first = fees.first else { return }
            if fees.count == 1 { return askFee(first) }
            let picker = Picker(title: tr("Which fee of {0}?", customer.name), columns: [
                .init(tr("Letter"), .fixed(14)), .init(tr("Open"), .fixed(10), alignRight: true), .init(tr("Due"), .fixed(10)),
            ]) { text, limit in
                fees.filter { text.isEmpty || $0.reference.localizedCaseInsensitiveContains(text) }.prefix(limit).map {
                    Picker.Item(id: $0.id, cells: [$0.reference, Money.format(cents: $0.openCents), Format.day($0.dueDate)])
                }
            }
            stack.push(PickerLayer(picker) { [unowned self] item, _ in
                if let fee = fees.first(where: { $0.id == item.id }) { askFee(fee) }
            })
        }.requires(.writeBackOffice, of: session)
            .disabled(if: open.isEmpty, tr("no dunning fee of this customer is open"))
    }

    private func askFee(_ fee: DunningFee) {
        let amount = Money.format(cents: fee.openCents)
        func settle(_ kind: DunningFeeSettlement) -> (ScreenHost) throws -> Void {
            { [unowned self] host in
                try session.settleDunningFee(fee.id, cents: fee.openCents, as: kind)
                try detail?.reload()
                host.show(kind == .waiver ? tr("Fee of {0}: {1} waived", fee.reference, amount) : tr("Fee of {0}: {1} paid", fee.reference, amount), isError: false)
            }
        }
        stack.push(Ask(tr("Dunning fee"), [tr("The fee of {0}: {1} open, due {2}.", fee.reference, amount, Format.day(fee.dueDate))], [
            Ask.Answer(.char("y"), tr("paid today"), run: settle(.payment)),
            Ask.Answer(.char("w"), tr("waive it"), run: settle(.waiver)),
            Ask.Answer(.char("n"), tr("leave it")),
        ]))
    }
}
