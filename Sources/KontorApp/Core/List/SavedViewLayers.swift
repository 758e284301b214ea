import KontorLocale
import KontorModel
import KontorUI

/// The saved views of one list (`W`): the first row saves the list as
/// shown under a name, the others open a saved view; Ctrl-D deletes the
/// highlighted one (asks first). Type to narrow, Esc closes.
final class SavedViewsLayer: Layer {
    struct Handlers {
        var open: (SavedListView, ScreenHost) throws -> Void
        var save: () -> Void
        var delete: (SavedListView, ScreenHost) throws -> Void
    }

    private let views: [SavedListView]
    private let handlers: Handlers
    let picker: Picker

    /// - Parameter describe: a few words of what a saved view shows ("Overdue · Due ▼").
    init(title: String, views: [SavedListView], describe: @escaping (SavedListView) -> String, handlers: Handlers) {
        self.views = views
        self.handlers = handlers
        let saveLine = Picker.Item(id: 0, cells: [tr("+ save as shown…"), ""], role: .label)
        picker = Picker(title: title, columns: [
            TableView.Column(tr("Name"), .flexible(min: 25, weight: 1)), TableView.Column(tr("Shows"), .flexible(min: 16, weight: 2)),
        ]) { text, _ in
            let typed = TextFolding.fold(text)
            let found = views.enumerated().filter { typed.isEmpty || TextFolding.fold($0.element.name).contains(typed) }
                .map { Picker.Item(id: Int64($0.offset + 1), cells: [$0.element.name, describe($0.element)]) }
            return (typed.isEmpty ? [saveLine] : []) + found
        }
    }

    override var floats: Bool { true }
    override var capturesText: Bool { true }

    private var highlightedView: SavedListView? {
        guard let id = picker.selected?.id, id > 0 else { return nil }
        return views[Int(id) - 1]
    }

    override var actions: [Action] {
        let picking = Picker.bindings.map { binding in
            binding.passesThrough ? .passingThrough(binding) : Action(binding: binding) { [unowned self] host in
                try answer(picker.perform(binding.id), host)
            }
        }
        let delete = Action("views.delete", [.ctrl("d")], "delete view", help: "Delete the highlighted saved view (asks first)", group: "Saved views") {
            [unowned self] host in
            guard let view = highlightedView, let stack else { return }
            stack.push(Ask(tr("Delete saved view"), [tr("Delete the saved view “{0}”?", view.name)], [
                // Held strongly: closing the list of views lets it go.
                Ask.Answer(.char("y"), tr("delete")) { [self] host in
                    close()
                    try handlers.delete(view, host)
                },
                Ask.Answer(.char("n"), tr("keep it")),
            ]))
        }.disabled(if: highlightedView == nil, tr("No saved view is highlighted"))
        return picking + [delete]
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        do { try answer(picker.handle(key), host) } catch { host.show(ErrorText.describe(error), isError: true) }
        return true
    }

    override func select(at point: Point) -> Bool { picker.select(at: point) }
    override func layout(_ rect: Rect) throws { picker.layout(in: rect) }
    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? { picker.draw(in: rect, grid: &grid, theme: theme) }

    private func answer(_ event: Picker.Event, _ host: ScreenHost) throws {
        switch event {
        case .none: return
        case .cancelled: close()
        case let .picked(item):
            close()
            if item.id == 0 { handlers.save() } else { try handlers.open(views[Int(item.id) - 1], host) }
        }
    }
}

/// The name a list is saved under: a one-field form in a box.
final class SaveViewPrompt: Layer {
    private(set) var form: Form
    private let save: (String, ScreenHost) throws -> Void

    init(save: @escaping (String, ScreenHost) throws -> Void) {
        self.save = save
        form = Form(title: tr("Save the list as shown"), fields: [
            Form.Field(id: "name", label: "Name", value: "", maxLength: SavedListView.nameLimit,
                       hint: "as the palette finds it: Meine dringenden"),
        ])
    }

    override var floats: Bool { true }
    override var capturesText: Bool { true }
    override var hasUnsavedChanges: Bool { form.isDirty }

    override var actions: [Action] {
        [
            Action("form.save", [.ctrl("s")], "save view", help: "Save the list as shown under this name (Enter too)", group: "Saved views") {
                [unowned self] host in submit(host)
            },
            Action("form.cancel", [.escape], "cancel", help: "Save nothing", group: "Saved views") { [unowned self] _ in close() },
        ] + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch form.handle(key) {
        case .submit: submit(host)
        case .cancel: close()
        case .none: break
        }
        return true
    }

    private func submit(_ host: ScreenHost) {
        do {
            try save(form.value("name"), host)
            close()
        } catch let error as KontorError {
            form.banner = error.description
        } catch {
            host.show(ErrorText.describe(error), isError: true)
        }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let box = rect.centered(width: min(rect.width - 2, 70), height: 8)
        Chrome.drawBox(box, title: tr("Save view"), grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        return form.draw(in: Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2), grid: &grid, theme: theme)
    }
}
