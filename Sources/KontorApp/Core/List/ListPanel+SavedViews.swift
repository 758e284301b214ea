import KontorModel
import KontorUI
import KontorLocale

/// Saved views: the list as shown (quick view, filter, order, columns)
/// kept under a name by its person, reached with `v` after the quick
/// views, with `W` (save, open, delete) and from the palette.
/// Where `v` stops: each quick view, then each saved view.
enum ViewStop<View> {
    case quick(View)
    case saved(SavedListView)
}

extension ChoosableList {
    var savedViews: [SavedListView] {
        if let savedCache { return savedCache }
        let read = memory.flatMap { try? $0.session.savedViews(of: $0.list) } ?? []
        savedCache = read
        return read
    }

    var viewStops: [ViewStop<Query.View>] { choiceWords.views.map { ViewStop.quick($0) } + savedViews.map { ViewStop.saved($0) } }

    func stopName(_ stop: ViewStop<Query.View>) -> String {
        switch stop {
        case let .quick(view): return choiceWords.viewName(view)
        case let .saved(saved): return saved.name
        }
    }

    var nextStop: ViewStop<Query.View> {
        let stops = viewStops
        let index = stops.firstIndex { stop in
            switch stop {
            case let .quick(view): return savedName == nil && view == query.view
            case let .saved(saved): return saved.name == savedName
            }
        } ?? 0
        return stops[(index + 1) % stops.count]
    }

    func go(to stop: ViewStop<Query.View>) throws {
        switch stop {
        case let .quick(view):
            var next = query
            next.view = view
            // Leaving a saved view: its filter and order stay with it, and
            // the quick view shows its whole list in the list's own order.
            if savedName != nil {
                next.text = ""
                next.scope = ""
                next.sort = nil
                if let memory { try memory.session.setListSort(nil, for: memory.list) }
            }
            savedName = nil
            try setQuery(next, keepingSavedView: false)
        case let .saved(saved):
            try open(saved)
        }
    }

    /// The stable name of a quick view, as a saved view keeps it.
    func code(_ view: Query.View) -> String { "\(view)" }

    /// Shows the list as `saved` keeps it: its quick view, filter, order
    /// and columns, from the top; the order and columns become the
    /// person's choice for the list again.
    func open(_ saved: SavedListView) throws {
        stopTyping()
        var next = query
        if let view = choiceWords.views.first(where: { code($0) == saved.view }) { next.view = view }
        next.text = saved.filter
        next.scope = saved.scope ?? ""
        let sort = saved.listSort.flatMap { sortableEver.contains($0.column) ? $0 : nil }
        next.sort = sort
        hiddenColumns = Set(saved.hiddenColumns)
        savedName = saved.name
        // A changed query reads the list from its top; an unchanged one is read again.
        let changed = next != query
        try setQuery(next, keepingSavedView: true)
        if !changed { try reloadFromTop() }
        if let memory {
            try memory.session.setListSort(sort, for: memory.list)
            try memory.session.setHiddenColumns(saved.hiddenColumns, for: memory.list)
        }
    }

    /// The list as shown now, as a saved view named `name`.
    func asShown(named name: String) -> SavedListView? {
        guard let memory else { return nil }
        return SavedListView(list: memory.list, name: name, view: choiceWords.views.count > 1 ? code(query.view) : "", filter: query.text,
                             sort: query.sort, hiddenColumns: hiddenColumns.sorted(), scope: query.scope)
    }

    /// "Overdue · filter: müller · City ▼ · 2 columns hidden"
    func describe(_ saved: SavedListView) -> String {
        var parts: [String] = []
        if let view = choiceWords.views.first(where: { code($0) == saved.view }), choiceWords.views.count > 1 { parts.append(choiceWords.viewName(view)) }
        if let scope = saved.scope, !scope.isEmpty, let name = choiceWords.scopeName { parts.append(name(scope)) }
        if !saved.filter.isEmpty { parts.append("\(tr(choiceWords.filterWord)): \(saved.filter)") }
        if let sort = saved.listSort { parts.append(sortName(sort)) }
        if !saved.hiddenColumns.isEmpty {
            parts.append(Wording.count(saved.hiddenColumns.count, one: "{0} column hidden", other: "{0} columns hidden"))
        }
        return parts.isEmpty ? tr("the whole list") : parts.joined(separator: " · ")
    }

    func savedViewActions(group: String) -> [Action] {
        [Action("list.savedViews", [.char("W")], "saved views", help: "Saved views: save the list as shown under a name, open one, delete one",
                group: group, inFooter: false) { [unowned self] _ in openSavedViews() }
            .disabled(if: memory == nil, tr("This list has no saved views"))]
    }

    func openSavedViews() {
        guard let memory else { return }
        let handlers = SavedViewsLayer.Handlers(
            open: { [unowned self] saved, host in
                try open(saved)
                host.show(tr("Saved view “{0}”", saved.name), isError: false)
            },
            save: { [unowned self] in
                memory.stack.push(SaveViewPrompt { [unowned self] name, host in
                    guard let view = asShown(named: name) else { return }
                    try memory.session.save(view)
                    savedCache = nil
                    savedName = name.trimmingSpaces
                    host.show(tr("Saved as “{0}”: v or the palette (:) opens it again", name.trimmingSpaces), isError: false)
                })
            },
            delete: { [unowned self] saved, host in
                try memory.session.deleteSavedView(named: saved.name, of: memory.list)
                savedCache = nil
                if savedName == saved.name { savedName = nil }
                host.show(tr("Saved view “{0}” deleted", saved.name), isError: false)
            })
        memory.stack.push(SavedViewsLayer(title: tr("Saved views · Enter opens, Ctrl-D deletes"), views: savedViews,
                                          describe: { [unowned self] in describe($0) }, handlers: handlers))
    }
}
