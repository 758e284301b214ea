import KontorLocale
import KontorModel
import KontorUI

/// The actions the palette offers while it is open: the active screen's
/// bindings and the App's, the screens, `new <thing>` and the themes. Read
/// from the same bindings that drive the keys, the footer and the help, so
/// the four agree; taken once when the palette opens.
struct PaletteCatalog {
    /// What free words are matched against, in the order offered when
    /// nothing is typed: the screen's actions, the verbs, the screens, then
    /// the App's own.
    var actions: [PaletteCandidate] = []
    /// `new customer`, … for what the role may create.
    var creatable: [PaletteCandidate] = []
    var themes: [PaletteCandidate] = []
    /// `language Deutsch`, `language English`.
    var languages: [PaletteCandidate] = []
    /// The screen's actions that cannot run now, each with the reason as its
    /// detail: not offered, but named when typed, so that "nothing matches"
    /// does not hide an action the role may not use.
    var refused: [PaletteCandidate] = []

    /// What can be created, and on which screen (by its `createAction`,
    /// which also says whether the role may).
    static let newThings: [(thing: String, screen: ScreenID)] = [
        ("customer", .customers), ("ticket", .tickets), ("deal", .deals),
        ("invoice", .invoices), ("product", .inventory), ("staff", .staff),
    ]

    /// A thing to create in the person's words ("Kunde"), and every word
    /// it is found by after `new`/`neu`, in either language.
    static func words(for thing: String) -> (shown: String, found: [String]) {
        let german: String
        switch thing {
        case "customer": german = "kunde"
        case "invoice": german = "rechnung"
        case "product": german = "artikel"
        case "staff": german = "mitarbeiter"
        default: german = thing
        }
        return (Language.current == .german ? german : thing, [thing, german])
    }

    /// Whether a screen binding belongs in the palette: not moving the
    /// cursor, not an editing key passed to a field, not a dialog's answer.
    static func offers(_ binding: KeyBinding) -> Bool {
        if binding.passesThrough || binding.group == "Moving" { return false }
        let moves = [".down", ".up", ".pageDown", ".pageUp", ".top", ".bottom"]
        if moves.contains(where: binding.id.hasSuffix) { return false }
        return !["dialog.", "picker.", "form.", "app."].contains(where: binding.id.hasPrefix)
    }

    /// The screen's bindings the role may use, once each.
    static func screenActions(_ bindings: [KeyBinding], screen: String, session: Session) -> [PaletteCandidate] {
        var seen = Set<String>()
        var out: [PaletteCandidate] = []
        for binding in bindings where offers(binding) && binding.isEnabled {
            guard seen.insert(binding.id).inserted else { continue }
            // Found by its English words too: muscle memory in either language.
            out.append(PaletteCandidate(title: binding.shownLabel, detail: binding.shownHelp, key: binding.keyNames, completion: binding.shownLabel,
                                        command: .screenBinding(binding.id), keywords: [binding.group, binding.shownGroup, binding.label].joined(separator: " ")))
        }
        return out
    }

    /// The screen's bindings that are disabled now, once each, with why.
    static func refusedActions(_ bindings: [KeyBinding]) -> [PaletteCandidate] {
        var seen = Set<String>()
        return bindings.filter { offers($0) && !$0.isEnabled && seen.insert($0.id).inserted }.map { binding in
            PaletteCandidate(title: binding.shownLabel, detail: binding.disabledReason ?? "", key: binding.keyNames, completion: binding.shownLabel,
                             command: .screenBinding(binding.id), keywords: [binding.group, binding.shownGroup, binding.label, binding.shownHelp].joined(separator: " "))
        }
    }

    /// The verbs, as lines that complete to `word `.
    static var verbs: [PaletteCandidate] {
        PaletteVerb.allCases.map { verb in
            let word = verb.spellings[0]
            return PaletteCandidate(title: "\(word) ‹\(verb.argument)›", detail: verb.help, key: "", completion: word + " ",
                                    command: .complete(word + " "), keywords: verb.spellings.joined(separator: " "))
        }
    }

    /// The languages, as lines `language Deutsch`.
    static func languages(current: Language) -> [PaletteCandidate] {
        let word = PaletteVerb.language.spellings[0]
        return Language.allCases.map { language in
            PaletteCandidate(title: "\(word) \(language.name)", detail: language == current ? tr("Language (in use)") : tr("Language"),
                             key: "", completion: "\(word) \(language.name)", command: .language(language),
                             keywords: language == .german ? "de german deutsch" : "en english englisch")
        }
    }

    // MARK: Matching

    /// The candidates matching free text, best first: the title (or the
    /// line it completes to) equal to the text, then beginning with it,
    /// then every typed word beginning a word of the title, then of the
    /// description. Ties keep the catalog's order.
    static func matching(_ text: String, in candidates: [PaletteCandidate]) -> [PaletteCandidate] {
        let query = TextFolding.fold(text.trimmingSpaces)
        let words = TextFolding.tokens(query)
        guard !query.isEmpty else { return candidates }
        var scored: [(score: Int, index: Int, candidate: PaletteCandidate)] = []
        for (index, candidate) in candidates.enumerated() {
            if let score = score(candidate, query: query, words: words) { scored.append((score, index, candidate)) }
        }
        return scored.sorted { ($0.score, $0.index) < ($1.score, $1.index) }.map(\.candidate)
    }

    private static func score(_ candidate: PaletteCandidate, query: String, words: [Substring]) -> Int? {
        let title = TextFolding.fold(candidate.title)
        let completion = TextFolding.fold(candidate.completion.trimmingSpaces)
        if title == query || completion == query { return 0 }
        if title.hasPrefix(query) || completion.hasPrefix(query) { return 1 }
        guard !words.isEmpty else { return nil }
        let named = TextFolding.tokens(candidate.title + " " + candidate.completion + " " + candidate.keywords)
        if words.allSatisfy({ word in named.contains { $0.hasPrefix(word) } }) { return 2 }
        let described = named + TextFolding.tokens(candidate.detail)
        if words.allSatisfy({ word in described.contains { $0.hasPrefix(word) } }) { return 3 }
        return nil
    }
}
