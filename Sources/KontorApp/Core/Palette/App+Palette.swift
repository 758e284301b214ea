import Foundation
import KontorLocale
import KontorModel
import KontorUI

/// The App's side of the command palette: what it offers (from the same
/// bindings as the keys, the footer and the help) and running what was chosen.
extension App {
    func openPalette() {
        palette = Palette(catalog: paletteCatalog(), records: PaletteRecords(session: session))
    }

    /// Every key goes to the palette while it is open.
    func handlePalette(_ key: Key) {
        guard let open = palette else { return }
        switch open.handle(key) {
        case .none: startPaletteSearch()
        case .close: palette = nil
        case let .run(command):
            palette = nil
            run(command)
        }
    }

    /// Searches every kind of record for the palette's free words on the
    /// search queue, with a search of its own (a session is all it shares);
    /// the result reaches the palette in the update step, if the line still
    /// says the same. Each letter starts one; a stale one is dropped.
    func startPaletteSearch() {
        guard let text = palette?.searching, text != paletteSearchText else { return }
        paletteSearchText = text
        let session = session
        // Each search has its number; one the typing has gone past stops early.
        let generation = paletteSearchGeneration
        let number = generation.next()
        paletteSearch.start({ (outbox: Background.Outbox<[PaletteCandidate]>) in
            let found = (try? PaletteRecords(session: session).everything(text, wanted: { generation.isLatest(number) })) ?? []
            outbox.send(found)
        }, receive: { [weak self] found in
            self?.palette?.receive(found, for: text)
        }, finished: { [weak self] in
            if self?.paletteSearchText == text { self?.paletteSearchText = nil }
        })
    }

    func drawPalette(in area: Rect, grid: inout Grid) -> Point? {
        palette.flatMap { PaletteOverlay.draw($0, in: area, grid: &grid, theme: theme) }
    }

    /// What the palette offers now: the active screen's actions, the verbs,
    /// the screens, what the role may create, the App's own actions, the themes.
    func paletteCatalog() -> PaletteCatalog {
        var catalog = PaletteCatalog()
        let screen = activeScreen
        let screenActions = PaletteCatalog.screenActions(screen.actions.bindings, screen: screen.title, session: session)
        let switches = screens.enumerated().map { index, entry in
            PaletteCandidate(title: entry.id.title, detail: entry.id.goingThere,
                             key: String(entry.id.key), completion: entry.id.title.lowercased(), command: .screen(index), keywords: tr("screen"))
        }
        for (thing, id) in PaletteCatalog.newThings {
            // Offered only where the role may create one.
            guard let index = screens.firstIndex(where: { $0.id == id }),
                  let create = screens[index].screen.createAction, create.isEnabled else { continue }
            let new = PaletteVerb.new.spellings[0]
            let words = PaletteCatalog.words(for: thing)
            catalog.creatable.append(PaletteCandidate(title: "\(new) \(words.shown)", detail: tr("{0}: a new {1}", id.title, language == .german ? words.shown.capitalized : thing),
                                                      key: "\(id.key) \(create.binding.keyNames)",
                                                      completion: "\(new) \(words.shown)", command: .new(screen: index),
                                                      keywords: words.found.joined(separator: " ")))
        }
        var own: [PaletteCandidate] = []
        for binding in globalBindings + Self.alwaysBindings where !["app.screen", "app.palette", "app.interrupt"].contains(binding.id) {
            guard !own.contains(where: { $0.command == .app(binding.id) }) else { continue }
            let keys = (globalBindings + Self.alwaysBindings).filter { $0.id == binding.id }.map(\.keyNames).joined(separator: "/")
            own.append(PaletteCandidate(title: binding.shownLabel, detail: binding.shownHelp, key: keys, completion: binding.shownLabel,
                                        command: .app(binding.id), keywords: binding.id == "app.quit" ? "exit" : ""))
        }
        if let backend {
            // No key: a thing set once, for those who would rather select text.
            let title = backend.mouseReports ? tr("mouse off") : tr("mouse on")
            own.append(PaletteCandidate(title: title, detail: backend.mouseReports
                                            ? tr("Leave the mouse to the terminal, for selecting text (KONTOR_MOUSE=0 starts so)")
                                            : tr("Click rows and tabs, double click to open, scroll with the wheel"),
                                        key: "", completion: title, command: .app("app.mouse"), keywords: "click select text"))
        }
        catalog.actions = screenActions + savedViewCandidates() + PaletteCatalog.verbs + switches + catalog.creatable + own
        catalog.refused = PaletteCatalog.refusedActions(screen.actions.bindings)
        catalog.themes = ThemeLibrary.standard().available().filter { !$0.contains("/") }.map { name in
            PaletteCandidate(title: "theme \(name)", detail: name == theme.name ? tr("Colour theme (in use)") : tr("Colour theme"),
                             key: "", completion: "theme \(name)", command: .theme(name))
        }
        catalog.languages = PaletteCatalog.languages(current: language)
        return catalog
    }

    /// The person's saved views of every list, found by their names.
    private func savedViewCandidates() -> [PaletteCandidate] {
        let views = (try? session.savedViews()) ?? []
        return views.compactMap { view in
            guard let screen = Self.screen(ofList: view.list) else { return nil }
            return PaletteCandidate(title: view.name, detail: tr("Saved view of {0}", screen.title), key: "", completion: view.name,
                                    command: .savedView(list: view.list, name: view.name), keywords: tr("saved view"))
        }
    }

    /// The screen whose list has this name ("customers").
    static func screen(ofList list: String) -> ScreenID? {
        ScreenID.allCases.first { $0.name.lowercased() == list }
    }

    private func run(_ command: PaletteCommand) {
        switch command {
        case let .screenBinding(id):
            if let action = activeScreen.actions.action(id: id) { run(action) }
        case let .app(id):
            perform(id)
        case let .screen(index):
            goToScreen(index)
        case let .new(index):
            let target = screens[index].screen
            if target.capturesText || target.hasUnsavedChanges {
                switchTo(index)
                show(tr("Finish or cancel what is open on {0} first", target.title), isError: true)
                return
            }
            switchTo(index)
            guard let create = target.createAction else { return }
            // From a record's own view too: the list's form opens over the list.
            target.closeLayers()
            run(create)
        case let .theme(name):
            do {
                var chosen = try ThemeLibrary.standard().load(name)
                if !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty { chosen = chosen.withoutColor }
                theme = chosen
                perform("app.redraw")
                show(tr("Theme {0}", name), isError: false)
            } catch {
                show(ErrorText.describe(error), isError: true)
            }
        case let .language(chosen):
            choose(language: chosen)
        case let .open(link):
            open(link)
        case let .savedView(list, name):
            guard let id = Self.screen(ofList: list), let index = screens.firstIndex(where: { $0.id == id }),
                  let view = try? session.savedViews(of: list).first(where: { $0.name == name }) else {
                return show(tr("The saved view “{0}” is gone", name), isError: true)
            }
            let target = screens[index].screen
            if target.hasUnsavedChanges {
                switchTo(index)
                return show(tr("Finish or cancel what is open on {0} first", target.title), isError: true)
            }
            switchTo(index)
            if target.open(saved: view, host: self) { show(tr("Saved view “{0}”", name), isError: false) }
        case .complete:
            break
        }
    }
}
