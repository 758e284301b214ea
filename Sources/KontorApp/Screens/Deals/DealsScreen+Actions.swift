import KontorModel
import KontorUI
import KontorLocale

/// What the keys of the Deals screen do on the board or the list, and the
/// stage moves a deal's detail shares. Changes need the front office's
/// permission; the model checks again, the key only says first.
extension DealsScreen {
    /// `n`: a new deal; also `:new deal` from anywhere.
    var newAction: Action {
        Action("deal.new", [.char("n")], "new", help: "New deal", group: "Deals") { [unowned self] _ in
            try session.require(.writeFrontOffice)
            openDealForm(DealEditor(editing: nil, defaultOwner: session.staff))
        }.requires(.writeFrontOffice, of: session)
    }

    var createAction: Action? { newAction }

    var actions: [Action] {
        if let top = stack.top { return top.actions }
        let hasDeal = currentSummary != nil
        var keys = [
            Action("deal.find", [.char("/")], "find", help: "Find a deal by words of its title, its customer or its number; the board shows it",
                   group: "Deals") { [unowned self] _ in findDeal() },
        ]
        if hasDeal {
            keys.append(Action("deal.open", [.enter], "open", help: "Open the highlighted deal: lines, probability, history", group: "Deals") {
                [unowned self] _ in
                if let deal = currentSummary { stack.push(try DealDetailLayer(deal.id, screen: self)) }
            })
            keys += stageActions(names: (tr("next"), tr("back")), help: (tr("Move the deal to the next stage (Lead → … → Won)"),
                                                                         tr("Move the deal to the previous stage; a lost deal returns to where it was lost")),
                                 group: "Deals")
        }
        keys.append(newAction)
        keys.append(.export(.deals, session: session, group: "Deals", what: "every deal") { .all })
        if let deal = currentSummary {
            keys.append(Action("deal.edit", [.char("e")], "edit", help: "Edit the highlighted deal", group: "Deals") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                try openEditor(for: deal.id)
            }.requires(.writeFrontOffice, of: session))
        }
        keys.append(Action("view.toggle", [.char("v")], view == .board ? tr("list") : tr("board"),
                           help: view == .board ? tr("Show the focused stage as a sortable list") : tr("Back to the board"), group: "Deals") {
            [unowned self] _ in try toggleView()
        })
        if view == .board {
            keys.append(Action("board.fold", [.char("z")], board.folded ? tr("unfold") : tr("fold"),
                               help: board.folded ? tr("Show the Won and Lost columns again") : tr("Fold the Won and Lost columns away"), group: "Deals") {
                [unowned self] _ in board.toggleFold()
            })
        } else {
            keys.append(Action("list.sort", [.char("s")], tr("sort: {0}", listView.order.next.displayName),
                               help: "Sort by value, close date or owner (cycles)", group: "Deals") { [unowned self] _ in try listView.cycleOrder() })
        }
        keys += [
            Action("board.left", [.char("h"), .left], "stage left", help: view == .board ? tr("Column to the left") : tr("List the previous stage"),
                   group: "Moving", inFooter: false) { [unowned self] _ in try moveFocus(by: -1) },
            Action("board.right", [.char("l"), .right], "stage right", help: view == .board ? tr("Column to the right") : tr("List the next stage"),
                   group: "Moving", inFooter: false) { [unowned self] _ in try moveFocus(by: 1) },
            Action("deals.reload", [.ctrl("r")], "reload", help: "Read the deals again (after a conflict, say)", group: "Deals", inFooter: false) {
                [unowned self] host in readAgain(host, following: true)
            },
        ]
        keys += ListKeys.actions { [unowned self] in try $0.apply(to: currentList) }
        return keys.map(sayingConflicts)
    }

    /// `>`, `<` and `x`: moving the deal along the pipeline, or marking it
    /// lost. Shown disabled, with the reason, where the model would refuse:
    /// nothing lies beyond Won or forward of Lost, and an invoiced deal
    /// stays won.
    func stageActions(names: (forward: String, backward: String), help: (forward: String, backward: String), group: String) -> [Action] {
        let target = currentTarget
        // In words, not ids: what keeps the deal won and what would release it.
        let invoiced = target?.invoiceID.map { _ in tr("the deal is won and invoiced; it stays won until its invoice is credited or its draft deleted") }
        let forwardBlocked = invoiced ?? (target?.stage == .won ? tr("the deal is won; no stage comes after Won")
            : target?.stage == .lost ? tr("a lost deal does not move forward; < reopens it") : nil)
        let lostBlocked = invoiced ?? (target?.stage == .lost ? tr("the deal is already lost; < reopens it") : nil)
        return [
            Action("deal.forward", [.char(">")], names.forward, help: help.forward, group: group) { [unowned self] host in
                try session.require(.writeFrontOffice)
                try move(forward: true, host: host)
            }.requires(.writeFrontOffice, of: session).disabled(if: forwardBlocked != nil, forwardBlocked ?? ""),
            Action("deal.backward", [.char("<")], names.backward, help: help.backward, group: group) { [unowned self] host in
                try session.require(.writeFrontOffice)
                try move(forward: false, host: host)
            }.requires(.writeFrontOffice, of: session).disabled(if: invoiced != nil, invoiced ?? ""),
            Action("deal.lost", [.char("x")], "lost", help: "Mark the deal lost (asks why)", group: group) { [unowned self] host in
                try session.require(.writeFrontOffice)
                guard let target = currentTarget else { return }
                stack.push(LostPrompt(target: target, screen: self))
            }.requires(.writeFrontOffice, of: session).disabled(if: lostBlocked != nil, lostBlocked ?? ""),
        ]
    }

    private func toggleView() throws {
        if view == .board {
            view = .list
            if let deal = board.selected { try listView.show(deal) } else { try listView.show(stage: board.focus) }
        } else {
            view = .board
            if let deal = listView.list.selected { try board.show(deal) }
        }
    }

    private func moveFocus(by delta: Int) throws {
        if view == .board {
            board.moveFocus(by: delta)
        } else {
            let stages = DealStage.allCases
            let index = stages.firstIndex(of: listView.stage)! + delta
            guard stages.indices.contains(index) else { return }
            board.focus = stages[index]
            try listView.show(stage: stages[index])
        }
    }

    /// `/`: a picker of deals by words; the board (or list) then shows the one picked.
    private func findDeal() {
        let repository = self.repository
        let picker = Picker(title: tr("Find a deal"), columns: [
            .init("#", .fixed(8), alignRight: true), .init(tr("Title"), .flexible(min: 14, weight: 3)), .init(tr("Customer"), .flexible(min: 10, weight: 2)),
            .init(tr("Stage"), .fixed(12)), .init(tr("Value"), .fixed(13), alignRight: true),
        ]) { text, limit in
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            return try repository.search(text, limit: limit).map {
                Picker.Item(id: $0.id, cells: ["#\($0.id)", $0.title, $0.customerName, $0.stage.displayName, Money.format(cents: $0.valueCents)])
            }
        }
        stack.push(PickerLayer(picker) { [unowned self] item, _ in
            guard let deal = try repository.summary(id: item.id) else { throw KontorError.notFound(entity: "deal", id: item.id) }
            if view == .board {
                if !board.shownStages.contains(deal.stage) { board.toggleFold() }
                try board.show(deal)
            } else {
                try listView.show(deal)
            }
        })
    }

    /// After an undo: the board's cursor on the deal, in the column it came back to.
    func follow(_ subject: Undoable.Subject, host: ScreenHost) {
        guard case let .deal(id) = subject else { return }
        attempt(host) { try settle(after: id) }
    }

    private func move(forward: Bool, host: ScreenHost) throws {
        guard let target = currentTarget else { return }
        let before = try repository.find(id: target.id)
        let moved = forward
            ? try repository.moveForward(id: target.id, expectedVersion: target.version, by: session)
            : try repository.moveBack(id: target.id, expectedVersion: target.version, by: session)
        try settle(after: moved.id)
        host.show(tr("“{0}” moved from {1} to {2}", moved.title, target.stage.displayName, moved.stage.displayName), isError: false)
        if let before, before.version == target.version { host.offerUndo(.stageMove(from: before, to: moved)) }
        if moved.stage == .won && !moved.isInvoiced { offerInvoice(moved) }
    }

    /// A deal just won: offer its draft invoice at once.
    private func offerInvoice(_ deal: Deal) {
        stack.push(Ask(tr("Deal won"),
                       [tr("“{0}” is won: {1} {2}.", deal.title, Money.format(cents: deal.valueCents), deal.currency),
                        tr("Create the draft invoice with the deal's lines now?"),
                        tr("(Later: open the deal and press i.)")],
                       [Ask.Answer(.char("y"), tr("create draft invoice"), run: sayingConflicts { [unowned self] host in
                           try createInvoice(dealID: deal.id, title: deal.title, host: host)
                       }), Ask.Answer(.char("n"), tr("not now"))]))
    }

    func createInvoice(dealID: Int64, title: String, host: ScreenHost) throws {
        let invoice = try session.database.invoices.createDraft(fromDeal: dealID, by: session)
        // The draft builds on the deal's win: the win is no longer undone with u.
        host.offerUndo(nil)
        try settle(after: dealID)
        host.open(.invoice(invoice.id))
        host.show(tr("Draft invoice created from “{0}”: it gets its number when issued", title), isError: false)
    }

    func confirmRemove(_ line: DealLine, from shown: DealDetailLayer) {
        stack.push(Ask(tr("Remove line"), [tr("Remove line {0}, {1} × {2}?", line.position, line.quantity, line.description),
                                           tr("The deal's value becomes the sum of the other lines.")],
                       [Ask.Answer(.char("y"), tr("remove"), run: sayingConflicts { [unowned self] host in
                           _ = try repository.removeLine(id: line.id, expectedVersion: shown.deal.version, by: session)
                           try settle(after: shown.deal.id)
                           host.show(tr("Line {0} removed", line.position), isError: false)
                       }), Ask.Answer(.char("n"), tr("keep"))]))
    }
}
