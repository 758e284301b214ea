import KontorModel
import KontorUI

/// Deals: the pipeline as a kanban board (or a sortable list of one stage),
/// a deal's detail with its lines and history, the deal and line forms, and
/// the way from a won deal to its draft invoice.
final class DealsScreen: LegacyScreen {
    enum View { case board, list }

    indirect enum Mode {
        /// The board or the list, as `view` says.
        case browse
        case detail(DealDetail)
        case form(DealEditor, back: Mode)
        case lineForm(DealLineEditor, back: Mode)
        /// Asking why a deal was lost.
        case lost(LostPrompt, back: Mode)
        case confirm(Dialog, Pending, back: Mode)
    }

    /// What a confirmation dialog is about.
    enum Pending {
        case createInvoice(dealID: Int64, title: String)
        case removeLine(DealLine)
        /// Closing a form with changes; `form` is the form's mode, to return to.
        case discard(form: Mode)
    }

    /// The deal an action applies to, at the version it was read.
    struct Target {
        var id: Int64
        var version: Int
        var title: String
        var stage: DealStage
    }

    let id = ScreenID.deals
    private let session: Session
    private var repository: DealRepository { session.database.deals }
    private(set) var mode: Mode = .browse
    private(set) var view: View = .board
    private(set) lazy var board = DealBoard(repository: { [session] in session.database.deals })
    private(set) lazy var listView = DealListView(repository: { [session] in session.database.deals })
    /// A lookup open over a form, and what it fills in.
    private var picker: (picker: Picker, target: DealPickerTarget)?
    private var loaded = false
    /// Notices changes made while another screen was shown, so that coming
    /// back costs nothing when nothing changed.
    private let watcher: ChangeWatcher?

    init(session: Session) {
        self.session = session
        watcher = try? ChangeWatcher(database: session.database)
    }

    // MARK: Screen

    var capturesText: Bool {
        if picker != nil { return true }
        switch mode {
        case .browse, .detail: return false
        case .form, .lineForm, .lost, .confirm: return true
        }
    }

    var hasUnsavedChanges: Bool { Self.isDirty(mode) }

    private static func isDirty(_ mode: Mode) -> Bool {
        switch mode {
        case let .form(editor, _): return editor.form.isDirty
        case let .lineForm(editor, _): return editor.form.isDirty
        case let .lost(prompt, _): return prompt.form.isDirty
        case let .confirm(_, _, back): return isDirty(back)
        default: return false
        }
    }

    func activate(_ host: ScreenHost) {
        guard loaded else {
            loaded = true
            _ = watcher?.hasChanged()
            attempt(host) { try board.loadAll() }
            return
        }
        if watcher?.hasChanged() ?? true { dataChanged(host) }
    }

    func dataChanged(_ host: ScreenHost) {
        _ = watcher?.hasChanged()
        guard loaded else { return }
        attempt(host) {
            try board.reloadAll()
            if view == .list { try listView.reload() }
            if case let .detail(detail) = mode { mode = .detail(try detail.reloaded(session: session)) }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .deal(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show("Finish or cancel the deal form first", isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            let detail = try DealDetail.load(id, session: session)
            if !loaded {
                loaded = true
                _ = watcher?.hasChanged()
                try board.loadAll()
            }
            picker = nil
            try board.show(detail.summary)
            if view == .list { try listView.show(detail.summary) }
            mode = .detail(detail)
            shown = true
        }
        return shown
    }

    // MARK: Navigation

    var highlighted: RecordLink? {
        guard case .browse = mode, picker == nil, let deal = currentSummary else { return nil }
        return .deal(deal.id)
    }

    /// The board needs the width for its columns: the related pane folds
    /// under it on Tab rather than standing beside it.
    var paneFolds: Bool { view == .board }

    var location: ScreenLocation {
        let where_ = view == .board ? "board:\(board.focus.rawValue)" : "list:\(listView.stage.rawValue):\(listView.order.rawValue)"
        let row = currentSummary.map { RecordLink.deal($0.id) }
        if case let .detail(detail) = mode {
            return ScreenLocation(record: .deal(detail.deal.id), highlighted: row, view: where_, title: detail.deal.title)
        }
        return ScreenLocation(highlighted: row, view: where_, title: "Deals")
    }

    /// Views: "board:<stage>", "list:<stage>:<order>", or "stage:<stage>"
    /// (the board focused on that stage's column, as the dashboard links).
    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            if !loaded {
                loaded = true
                _ = watcher?.hasChanged()
                try board.loadAll()
            }
            picker = nil
            let parts = location.view.split(separator: ":").map(String.init)
            let stage = parts.count > 1 ? DealStage(rawValue: parts[1]) : nil
            switch parts.first {
            case "list":
                view = .list
                try listView.show(stage: stage ?? board.focus)
                if parts.count > 2, let order = DealListOrder(rawValue: parts[2]) { try listView.set(order: order) }
            case "board", "stage":
                view = .board
                if let stage {
                    if !board.shownStages.contains(stage) { board.toggleFold() }
                    if let to = board.shownStages.firstIndex(of: stage), let from = board.shownStages.firstIndex(of: board.focus) {
                        board.moveFocus(by: to - from)
                    }
                }
            default:
                break
            }
            if case let .deal(id)? = location.highlighted, let deal = try repository.summary(id: id) {
                if view == .board { try board.show(deal) } else { try listView.show(deal) }
            }
            if case let .deal(id)? = location.record {
                mode = .detail(try DealDetail.load(id, session: session))
            } else {
                mode = .browse
            }
        }
    }

    // MARK: Keys

    var bindings: [KeyBinding] {
        if picker != nil { return Picker.bindings }
        switch mode {
        case .browse: return browseBindings
        case let .detail(detail): return detailBindings(detail)
        case let .form(editor, _):
            return formBindings(conflict: editor.conflict, picking: editor.focusedPicker != nil)
        case let .lineForm(editor, _):
            return formBindings(conflict: editor.conflict, picking: editor.focusedPicker != nil)
        case let .lost(prompt, _):
            var keys = [KeyBinding("form.save", [.ctrl("s")], "mark lost", help: "Mark the deal lost with this reason (Enter too)", group: "Lost"),
                        KeyBinding("form.cancel", [.escape], "cancel", help: "Keep the deal where it is", group: "Lost")]
            if prompt.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload deal", help: "Read the deal again (your reason stays)", group: "Lost"), at: 1)
            }
            return keys + Form.bindings.filter { $0.group == "Editing" }
        case let .confirm(dialog, _, _):
            return dialog.bindings
        }
    }

    private var browseBindings: [KeyBinding] {
        let hasDeal = currentSummary != nil
        var keys: [KeyBinding] = [
            KeyBinding("deal.find", [.char("/")], "find", help: "Find a deal by words of its title, its customer or its number; the board shows it", group: "Deals"),
        ]
        if hasDeal {
            keys += [
                KeyBinding("deal.open", [.enter], "open", help: "Open the highlighted deal: lines, probability, history", group: "Deals"),
                KeyBinding("deal.forward", [.char(">")], "next", help: "Move the deal to the next stage (Lead → … → Won)", group: "Deals"),
                KeyBinding("deal.backward", [.char("<")], "back", help: "Move the deal to the previous stage; a lost deal returns to where it was lost", group: "Deals"),
                KeyBinding("deal.lost", [.char("x")], "lost", help: "Mark the deal lost (asks why)", group: "Deals"),
            ]
        }
        keys.append(KeyBinding("deal.new", [.char("n")], "new", help: "New deal", group: "Deals"))
        if hasDeal { keys.append(KeyBinding("deal.edit", [.char("e")], "edit", help: "Edit the highlighted deal", group: "Deals")) }
        keys.append(KeyBinding("view.toggle", [.char("v")], view == .board ? "list" : "board",
                               help: view == .board ? "Show the focused stage as a sortable list" : "Back to the board", group: "Deals"))
        if view == .board {
            keys.append(KeyBinding("board.fold", [.char("z")], board.folded ? "unfold" : "fold",
                                   help: board.folded ? "Show the Won and Lost columns again" : "Fold the Won and Lost columns away", group: "Deals"))
        } else {
            keys.append(KeyBinding("list.sort", [.char("s")], "sort: \(listView.order.next.displayName)",
                                   help: "Sort by value, close date or owner (cycles)", group: "Deals"))
        }
        keys += [
            KeyBinding("board.left", [.char("h"), .left], "stage left", help: view == .board ? "Column to the left" : "List the previous stage", group: "Moving", inFooter: false),
            KeyBinding("board.right", [.char("l"), .right], "stage right", help: view == .board ? "Column to the right" : "List the next stage", group: "Moving", inFooter: false),
            KeyBinding("deals.reload", [.ctrl("r")], "reload", help: "Read the deals again (after a conflict, say)", group: "Deals", inFooter: false),
        ]
        return keys + ListKeys.movement
    }

    private func detailBindings(_ detail: DealDetail) -> [KeyBinding] {
        let deal = detail.deal
        var keys = [
            KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the \(view == .board ? "board" : "list")", group: "Deal"),
            KeyBinding("deal.edit", [.char("e")], "edit", help: "Edit this deal", group: "Deal"),
        ]
        if !deal.isInvoiced {
            keys.append(KeyBinding("line.add", [.char("a")], "add line", help: "Add a line: a product from the inventory, or a service", group: "Lines"))
            if detail.selectedLine != nil {
                keys.append(KeyBinding("line.edit", [.enter], "edit line", help: "Change the highlighted line", group: "Lines"))
                keys.append(KeyBinding("line.remove", [.char("d"), .delete], "remove line", help: "Remove the highlighted line (asks first)", group: "Lines"))
            }
        }
        if deal.stage == .won && !deal.isInvoiced {
            keys.append(KeyBinding("deal.invoice", [.char("i")], "invoice", help: "Create the draft invoice from this won deal", group: "Deal"))
        }
        if deal.isInvoiced {
            keys.append(KeyBinding("deal.openInvoice", [.char("o")], "open invoice", help: "Go to the deal's invoice", group: "Deal"))
        }
        keys += [
            KeyBinding("deal.forward", [.char(">")], "next stage", help: "Move the deal to the next stage", group: "Deal"),
            KeyBinding("deal.backward", [.char("<")], "back a stage", help: "Move the deal to the previous stage", group: "Deal"),
            KeyBinding("deal.lost", [.char("x")], "lost", help: "Mark the deal lost (asks why)", group: "Deal"),
            KeyBinding("deal.customer", [.char("c")], "customer", help: "Go to the deal's customer", group: "Deal"),
            KeyBinding("line.down", [.char("j"), .down], "next line", help: "Next line", group: "Lines", inFooter: false),
            KeyBinding("line.up", [.char("k"), .up], "previous line", help: "Previous line", group: "Lines", inFooter: false),
            KeyBinding("deals.reload", [.ctrl("r")], "reload", help: "Read the deal again", group: "Deal", inFooter: false),
        ]
        return keys
    }

    private func formBindings(conflict: Bool, picking: Bool) -> [KeyBinding] {
        var keys = Form.bindings
        if picking {
            keys.insert(KeyBinding("form.pick", [.enter], "choose", help: "Open the lookup for this field (typing opens it too)", group: "Form"), at: 1)
        }
        if conflict {
            keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version (your typing is lost)", group: "Form"), at: 1)
        }
        return keys
    }

    // MARK: Actions

    func perform(_ id: String, host: ScreenHost) {
        if let open = picker, id.hasPrefix("picker.") {
            handle(open.picker.perform(id), target: open.target, host: host)
            return
        }
        attempt(host) {
            switch id {
            case let move where move.hasPrefix("list."):
                if move == "list.sort" {
                    try listView.cycleOrder()
                } else {
                    _ = try ListKeys.perform(move, on: currentList)
                }
            case "board.left", "board.right":
                try moveFocus(by: id == "board.left" ? -1 : 1)
            case "board.fold":
                board.toggleFold()
            case "view.toggle":
                if view == .board {
                    view = .list
                    if let deal = board.selected { try listView.show(deal) } else { try listView.show(stage: board.focus) }
                } else {
                    view = .board
                    if let deal = listView.list.selected { try board.show(deal) }
                }
            case "deal.find":
                let repository = self.repository
                picker = (Picker(title: "Find a deal", columns: [
                    .init("#", .fixed(6), alignRight: true), .init("Title", .flexible(min: 14, weight: 3)), .init("Customer", .flexible(min: 10, weight: 2)),
                    .init("Stage", .fixed(11)), .init("Value", .fixed(13), alignRight: true),
                ]) { text, limit in
                    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
                    return try repository.search(text, limit: limit).map {
                        Picker.Item(id: $0.id, cells: ["#\($0.id)", $0.title, $0.customerName, $0.stage.displayName, Money.format(cents: $0.valueCents)])
                    }
                }, .find)
            case "deals.reload":
                dataChanged(host)
            case "deal.open":
                if let deal = currentSummary { mode = .detail(try DealDetail.load(deal.id, session: session)) }
            case "detail.back":
                mode = .browse
            case "deal.new":
                mode = .form(DealEditor(editing: nil, returnsToDetail: false, defaultOwner: session.staff), back: mode)
            case "deal.edit":
                try openEditor()
            case "deal.forward", "deal.backward":
                try move(forward: id == "deal.forward", host: host)
            case "deal.lost":
                if let target = currentTarget {
                    if target.stage == .lost {
                        host.show("“\(target.title)” is already lost; < reopens it", isError: true)
                    } else {
                        mode = .lost(LostPrompt(target: target), back: mode)
                    }
                }
            case "deal.invoice":
                if case let .detail(detail) = mode { try createInvoice(dealID: detail.deal.id, title: detail.deal.title, host: host) }
            case "deal.openInvoice":
                if case let .detail(detail) = mode, let invoiceID = detail.deal.invoiceID { host.open(.invoice(invoiceID)) }
            case "deal.customer":
                if case let .detail(detail) = mode, let customerID = detail.deal.fields.customerID { host.open(.customer(customerID)) }
            case "line.down", "line.up":
                if case var .detail(detail) = mode {
                    detail.moveLine(by: id == "line.down" ? 1 : -1)
                    mode = .detail(detail)
                }
            case "line.add":
                if case let .detail(detail) = mode {
                    mode = .lineForm(DealLineEditor(dealID: detail.deal.id, editing: nil), back: mode)
                    picker = (Pickers.product(session), .product)
                }
            case "line.edit":
                if case let .detail(detail) = mode, let line = detail.selectedLine {
                    let label = line.productID.flatMap { detail.skus[$0] }.map { "\($0) · \(line.description)" } ?? ""
                    mode = .lineForm(DealLineEditor(dealID: detail.deal.id, editing: line, productLabel: label), back: mode)
                }
            case "line.remove":
                if case let .detail(detail) = mode, let line = detail.selectedLine {
                    let dialog = Dialog(title: "Remove line", message: ["Remove line \(line.position), \(line.quantity) × \(line.description)?",
                                                                       "The deal's value becomes the sum of the other lines."],
                                        choices: [.init(.char("y"), "remove", id: "yes"), .init(.char("n"), "keep", id: "no")], cancelID: "no")
                    mode = .confirm(dialog, .removeLine(line), back: mode)
                }
            case "form.save": try save(host)
            case "form.reload": try reloadForm()
            case "form.cancel": cancelForm()
            case "form.next", "form.previous":
                forwardToForm(id == "form.next" ? .tab : .backTab, host: host)
            case "form.pick":
                openPicker()
            case let dialog where dialog.hasPrefix("dialog."):
                try answer(String(dialog.dropFirst(7)), host: host)
            default:
                break
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if let open = picker {
            handle(open.picker.handle(key), target: open.target, host: host)
            return true
        }
        switch mode {
        case .form, .lineForm, .lost:
            forwardToForm(key, host: host)
            return true
        default:
            return false
        }
    }

    /// A key for the open form: picker fields open their lookup on typing.
    private func forwardToForm(_ key: Key, host: ScreenHost) {
        var event = Form.Event.none
        switch mode {
        case .form(var editor, let back):
            if let target = editor.focusedPicker, key != .tab, key != .backTab, key != .up, key != .down, key != .escape, key != .ctrl("s") {
                if target == .owner, key == .ctrl("u") || key == .backspace || key == .delete { editor.clearOwner() }
                mode = .form(editor, back: back)
                if case let .char(c) = key { openPicker(text: String(c)) } else if key == .enter { openPicker() }
                return
            }
            event = editor.form.handle(key)
            mode = .form(editor, back: back)
        case .lineForm(var editor, let back):
            if editor.focusedPicker != nil, key != .tab, key != .backTab, key != .up, key != .down, key != .escape, key != .ctrl("s") {
                if key == .ctrl("u") || key == .backspace || key == .delete { editor.clearProduct() }
                mode = .lineForm(editor, back: back)
                if case let .char(c) = key { openPicker(text: String(c)) } else if key == .enter { openPicker() }
                return
            }
            event = editor.form.handle(key)
            mode = .lineForm(editor, back: back)
        case .lost(var prompt, let back):
            event = prompt.form.handle(key)
            mode = .lost(prompt, back: back)
        default:
            return
        }
        switch event {
        case .submit: attempt(host) { try save(host) }
        case .cancel: cancelForm()
        case .none: break
        }
    }

    private func openPicker(text: String = "") {
        switch mode {
        case let .form(editor, _):
            switch editor.focusedPicker {
            case .customer: picker = (Pickers.customer(session, text: text), .customer)
            case .owner: picker = (Pickers.staff(session, title: "Choose the owner", text: text), .owner)
            default: break
            }
        case let .lineForm(editor, _) where editor.focusedPicker != nil:
            picker = (Pickers.product(session, text: text), .product)
        default:
            break
        }
    }

    private func handle(_ event: Picker.Event, target: DealPickerTarget, host: ScreenHost) {
        switch event {
        case .none: return
        case .cancelled: picker = nil
        case let .picked(item) where target == .find:
            picker = nil
            attempt(host) {
                guard let deal = try repository.summary(id: item.id) else { throw KontorError.notFound(entity: "deal", id: item.id) }
                if view == .board {
                    if !board.shownStages.contains(deal.stage) { board.toggleFold() }
                    try board.show(deal)
                } else {
                    try listView.show(deal)
                }
            }
        case let .picked(item):
            picker = nil
            switch mode {
            case .form(var editor, let back):
                editor.picked(target, item)
                mode = .form(editor, back: back)
            case .lineForm(var editor, let back):
                editor.picked(item)
                mode = .lineForm(editor, back: back)
            default: break
            }
        }
    }

    // MARK: What the actions do

    private var currentList: WindowedList<DealSummary> { view == .board ? board.focusedList : listView.list }

    /// The highlighted deal of the board or list.
    private var currentSummary: DealSummary? { currentList.selected }

    /// The deal an action applies to: the one open, or the highlighted one.
    private var currentTarget: Target? {
        if case let .detail(detail) = mode {
            return Target(id: detail.deal.id, version: detail.deal.version, title: detail.deal.title, stage: detail.deal.stage)
        }
        return currentSummary.map { Target(id: $0.id, version: $0.version, title: $0.title, stage: $0.stage) }
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

    private func move(forward: Bool, host: ScreenHost) throws {
        guard let target = currentTarget else { return }
        let moved = forward
            ? try repository.moveForward(id: target.id, expectedVersion: target.version, by: session)
            : try repository.moveBack(id: target.id, expectedVersion: target.version, by: session)
        try settle(after: moved.id)
        host.show("“\(moved.title)” moved from \(target.stage.displayName) to \(moved.stage.displayName)", isError: false)
        if moved.stage == .won && !moved.isInvoiced { offerInvoice(moved) }
    }

    /// After a change to a deal: the column heads, the columns and the list
    /// read again, the cursor following the deal to its new stage.
    private func settle(after dealID: Int64) throws {
        try board.reloadAll()
        guard let summary = try repository.summary(id: dealID) else { return }
        try board.show(summary)
        if view == .list { try listView.show(summary) }
        if case let .detail(detail) = mode { mode = .detail(try detail.reloaded(session: session)) }
    }

    private func offerInvoice(_ deal: Deal) {
        let dialog = Dialog(title: "Deal won",
                            message: ["“\(deal.title)” is won: \(Money.format(cents: deal.valueCents)) \(deal.currency).",
                                      "Create the draft invoice with the deal's lines now?",
                                      "(Later: open the deal and press i.)"],
                            choices: [.init(.char("y"), "create draft invoice", id: "yes"), .init(.char("n"), "not now", id: "no")],
                            cancelID: "no")
        mode = .confirm(dialog, .createInvoice(dealID: deal.id, title: deal.title), back: mode)
    }

    private func createInvoice(dealID: Int64, title: String, host: ScreenHost) throws {
        let invoice = try session.database.invoices.createDraft(fromDeal: dealID, by: session)
        try settle(after: dealID)
        host.open(.invoice(invoice.id))
        host.show("Draft invoice #\(invoice.id) created from “\(title)”", isError: false)
    }

    private func openEditor() throws {
        guard let target = currentTarget, let deal = try repository.find(id: target.id), let summary = try repository.summary(id: target.id) else { return }
        let hasLines = !(try repository.lines(of: deal.id)).isEmpty
        var editor = DealEditor(editing: deal, customerName: summary.customerName, ownerName: summary.ownerName ?? "",
                                returnsToDetail: { if case .detail = mode { return true } else { return false } }())
        if hasLines, let index = editor.form.fields.firstIndex(where: { $0.id == "value" }) {
            editor.form.fields[index].hint = "the sum of the lines"
        }
        mode = .form(editor, back: mode)
    }

    private func answer(_ choice: String, host: ScreenHost) throws {
        guard case let .confirm(_, pending, back) = mode else { return }
        mode = back
        switch (pending, choice) {
        case let (.createInvoice(dealID, title), "yes"):
            try createInvoice(dealID: dealID, title: title, host: host)
        case let (.removeLine(line), "yes"):
            guard case let .detail(detail) = back else { return }
            _ = try repository.removeLine(id: line.id, expectedVersion: detail.deal.version, by: session)
            try settle(after: detail.deal.id)
            host.show("Line \(line.position) removed", isError: false)
        case let (.discard(form), "yes"):
            mode = Self.back(of: form)
        case let (.discard(form), _):
            mode = form
        default:
            break
        }
    }

    private static func back(of form: Mode) -> Mode {
        switch form {
        case let .form(_, back), let .lineForm(_, back), let .lost(_, back): return back
        default: return .browse
        }
    }

    private func cancelForm() {
        picker = nil
        if Self.isDirty(mode) {
            let dialog = Dialog(title: "Discard changes", message: ["This form has changes that are not saved.", "Close it and lose them?"],
                                choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep editing", id: "no")], cancelID: "no")
            mode = .confirm(dialog, .discard(form: mode), back: mode)
        } else {
            mode = Self.back(of: mode)
        }
    }

    private func save(_ host: ScreenHost) throws {
        switch mode {
        case .form(var editor, let back):
            do {
                let fields: DealFields
                switch editor.fields() {
                case let .success(parsed): fields = parsed
                case let .failure(failure): throw KontorError.invalid(failure)
                }
                let saved = try editor.original.map {
                    try repository.update(id: $0.id, fields, expectedVersion: $0.version, by: session)
                } ?? repository.create(fields, by: session)
                mode = editor.returnsToDetail ? .detail(try DealDetail.load(saved.id, session: session)) : back
                if case .detail = back, !editor.returnsToDetail { mode = back }
                try settle(after: saved.id)
                host.show("Saved “\(saved.title)”", isError: false)
            } catch let KontorError.invalid(failure) {
                editor.show(failure)
                mode = .form(editor, back: back)
            } catch let KontorError.conflict(_, _, changedBy, changedAt) {
                editor.conflict = true
                editor.form.banner = "\(changedBy) saved this deal at \(Format.shortTime(changedAt)); Ctrl-R loads their version"
                mode = .form(editor, back: back)
            } catch let error as KontorError {
                editor.form.banner = error.description
                mode = .form(editor, back: back)
            }
        case .lineForm(var editor, let back):
            do {
                let fields: DealLineFields
                switch editor.fields() {
                case let .success(parsed): fields = parsed
                case let .failure(failure): throw KontorError.invalid(failure)
                }
                guard case let .detail(detail) = back else { return }
                if let line = editor.original {
                    _ = try repository.updateLine(id: line.id, fields, expectedVersion: detail.deal.version, by: session)
                } else {
                    _ = try repository.addLine(to: editor.dealID, fields, expectedVersion: detail.deal.version, by: session)
                }
                mode = back
                try settle(after: editor.dealID)
                if editor.original == nil, case var .detail(fresh) = mode {
                    fresh.lineCursor = max(0, fresh.lines.count - 1)
                    mode = .detail(fresh)
                }
                host.show(editor.original == nil ? "Line added" : "Line saved", isError: false)
            } catch let KontorError.invalid(failure) {
                editor.show(failure)
                mode = .lineForm(editor, back: back)
            } catch let KontorError.conflict(_, _, changedBy, changedAt) {
                editor.conflict = true
                editor.form.banner = "\(changedBy) saved this deal at \(Format.shortTime(changedAt)); Ctrl-R reads it again"
                mode = .lineForm(editor, back: back)
            } catch let error as KontorError {
                editor.form.banner = error.description
                mode = .lineForm(editor, back: back)
            }
        case .lost(var prompt, let back):
            do {
                let moved = try repository.moveStage(id: prompt.target.id, to: .lost, lostReason: prompt.form.value("lost reason"),
                                                     expectedVersion: prompt.target.version, by: session)
                mode = back
                try settle(after: moved.id)
                host.show("“\(moved.title)” marked lost", isError: false)
            } catch let KontorError.invalid(failure) {
                var errors: [String: String] = [:]
                for issue in failure.issues { errors[issue.field] = issue.message }
                prompt.form.show(errors: errors)
                mode = .lost(prompt, back: back)
            } catch let KontorError.conflict(_, _, changedBy, changedAt) {
                prompt.conflict = true
                prompt.form.banner = "\(changedBy) changed this deal at \(Format.shortTime(changedAt)); Ctrl-R reads it again"
                mode = .lost(prompt, back: back)
            } catch let error as KontorError {
                prompt.form.banner = error.description
                mode = .lost(prompt, back: back)
            }
        default:
            break
        }
    }

    private func reloadForm() throws {
        switch mode {
        case let .form(editor, back):
            guard let original = editor.original else { return }
            guard let fresh = try repository.find(id: original.id), let summary = try repository.summary(id: original.id) else {
                throw KontorError.notFound(entity: "deal", id: original.id)
            }
            let back = try Self.refreshed(back, session: session)
            mode = .form(DealEditor(editing: fresh, customerName: summary.customerName, ownerName: summary.ownerName ?? "",
                                    returnsToDetail: editor.returnsToDetail), back: back)
        case let .lineForm(editor, back):
            // The line form keeps what was typed: only the deal's version was stale.
            var kept = editor
            kept.conflict = false
            kept.form.banner = nil
            mode = .lineForm(kept, back: try Self.refreshed(back, session: session))
        case .lost(var prompt, let back):
            guard let fresh = try repository.find(id: prompt.target.id) else { throw KontorError.notFound(entity: "deal", id: prompt.target.id) }
            prompt.target = Target(id: fresh.id, version: fresh.version, title: fresh.title, stage: fresh.stage)
            prompt.conflict = false
            prompt.form.banner = "Read again: now at \(fresh.stage.displayName), changed by \(fresh.updatedBy). Enter marks it lost."
            mode = .lost(prompt, back: try Self.refreshed(back, session: session))
        default:
            break
        }
    }

    /// A mode to return to, with any deal detail in it read again.
    private static func refreshed(_ mode: Mode, session: Session) throws -> Mode {
        if case let .detail(detail) = mode { return .detail(try detail.reloaded(session: session)) }
        return mode
    }

    /// Runs `body`, turning any error into a message rather than a crash.
    private func attempt(_ host: ScreenHost, _ body: () throws -> Void) {
        do {
            try body()
        } catch let KontorError.conflict(entity, id, changedBy, changedAt) {
            host.show("\(changedBy) changed \(entity) \(id) at \(Format.shortTime(changedAt)) after it was loaded; Ctrl-R reloads", isError: true)
        } catch {
            host.show("\(error)", isError: true)
        }
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        var cursor = draw(mode, in: rect, grid: &grid, theme: theme)
        if let open = picker {
            cursor = open.picker.draw(in: rect, grid: &grid, theme: theme)
        }
        return cursor
    }

    private func draw(_ shown: Mode, in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        switch shown {
        case .browse:
            drawBrowse(in: rect, grid: &grid, theme: theme)
            return nil
        case let .detail(detail):
            detail.draw(in: rect, grid: &grid, theme: theme, today: repository.today)
            return nil
        case .form(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            if case .form = mode { mode = .form(editor, back: back) }
            return picker == nil ? cursor : nil
        case .lineForm(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            if case .lineForm = mode { mode = .lineForm(editor, back: back) }
            return picker == nil ? cursor : nil
        case .lost(var prompt, let back):
            _ = draw(back, in: rect, grid: &grid, theme: theme)
            let box = rect.centered(width: min(rect.width - 2, 76), height: 9)
            Chrome.drawBox(box, title: "Mark lost", grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
            let cursor = prompt.form.draw(in: Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2), grid: &grid, theme: theme)
            if case .lost = mode { mode = .lost(prompt, back: back) }
            return cursor
        case let .confirm(dialog, _, back):
            _ = draw(back, in: rect, grid: &grid, theme: theme)
            dialog.draw(in: rect, grid: &grid, theme: theme)
            return nil
        }
    }

    private func drawBrowse(in rect: Rect, grid: inout Grid, theme: Theme) {
        let (titleRow, body) = rect.splitTop(1)
        grid.fill(titleRow, style: theme[.normal])
        var x = titleRow.x + 1
        x += grid.write("Deals", x: x, y: titleRow.y, style: theme[.title])
        switch view {
        case .board:
            // The board first: it decides how many columns fit, which the hints tell.
            board.draw(in: body, grid: &grid, theme: theme, focused: true)
            let open = DealStage.open.reduce(0) { $0 + board.total($1).count }
            let weighted = DealStage.open.reduce(0) { $0 + board.total($1).weightedValueCents }
            x += grid.write("  board · \(Format.count(open)) open · weighted \(DealsFormat.compact(weighted))", x: x, y: titleRow.y,
                            maxWidth: titleRow.maxX - x, style: theme[.dim])
            var right: [String] = []
            if board.folded {
                right.append("Won \(Format.count(board.total(.won).count)) · Lost \(Format.count(board.total(.lost).count)) folded (z)")
            }
            if board.hiddenAfter > 0 { right.append("\(board.hiddenAfter) more ›") }
            var left = ""
            if board.hiddenBefore > 0 { left = "‹ \(board.hiddenBefore) more" }
            let rightText = right.joined(separator: "  ")
            let rightWidth = TextWidth.of(rightText)
            if !left.isEmpty {
                x += 2
                x += grid.write(left, x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - rightWidth - 2), style: theme[.marked])
            }
            if !rightText.isEmpty, titleRow.maxX - rightWidth - 1 > x {
                grid.write(rightText, x: titleRow.maxX - rightWidth - 1, y: titleRow.y, style: theme[.marked])
            }
        case .list:
            let stage = listView.stage
            let arrow = listView.order == .value ? "▼" : "▲"
            grid.write("  list · \(stage.displayName) (\(Format.count(board.total(stage).count))) · by \(listView.order.displayName) \(arrow)   h/l stage · s sort",
                       x: x, y: titleRow.y, maxWidth: titleRow.maxX - x - 1, style: theme[.dim])
            listView.draw(in: body, grid: &grid, theme: theme, focused: true)
        }
    }
}

/// The question "why was it lost?", as a one-field form whose error comes
/// from the model.
struct LostPrompt {
    var target: DealsScreen.Target
    var form: Form
    var conflict = false

    init(target: DealsScreen.Target) {
        self.target = target
        form = Form(title: "Why was “\(target.title)” lost?", fields: [
            Form.Field(id: "lost reason", label: "Reason", value: "", maxLength: DealFields.maxLostReasonLength + 20,
                       hint: "price, timing, competitor…"),
        ])
    }
}
