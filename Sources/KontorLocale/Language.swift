import Synchronization

/// The language a person reads Kontor in. Keys, data and documents do not
/// change with it: documents sent to customers follow the company's own
/// document language, whatever the person's interface says.
public enum Language: String, CaseIterable, Sendable {
    case english = "en"
    case german = "de"

    /// "de", "de_DE.UTF-8", "deutsch", "German", "en_GB" and the like; nil
    /// for anything else (and for "C" or "POSIX", which name no language).
    public init?(code: String) {
        let word = code.lowercased().split(whereSeparator: { "_.-@".contains($0) }).first.map(String.init) ?? ""
        switch word {
        case "de", "deu", "ger", "deutsch", "german": self = .german
        case "en", "eng", "englisch", "english": self = .english
        default: return nil
        }
    }

    /// The language's own name, as a picker offers it.
    public var name: String {
        switch self {
        case .english: return "English"
        case .german: return "Deutsch"
        }
    }

    /// What the environment asks for: `KONTOR_LANG` first (when it names
    /// German or English), then the locale variables in POSIX order (`LC_ALL`, `LC_MESSAGES`, `LANG`); the first
    /// one set and not empty decides, so `LC_ALL=C` means English even
    /// with `LANG=de_DE.UTF-8`, as for any other program.
    public static func fromEnvironment(_ environment: [String: String]) -> (language: Language, explicit: Bool)? {
        // A KONTOR_LANG naming no language Kontor speaks is passed over, as an unknown locale would be.
        if let value = environment["KONTOR_LANG"], let named = Language(code: value) {
            return (named, true)
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return (Language(code: value) ?? .english, false) }
        }
        return nil
    }

    /// The language of this process, unless a task says otherwise
    /// (`scoped`, which tests use to draw the same screen in both).
    public static var current: Language { scoped ?? chosen.withLock { $0 } }

    /// Sets the process's language: once at start, and when the person
    /// chooses another in Kontor.
    public static func choose(_ language: Language) { chosen.withLock { $0 = language } }

    /// The language within one task and the tasks it starts.
    @TaskLocal public static var scoped: Language?

    private static let chosen = Mutex(Language.english)
}
