import Foundation
@testable import KontorLocale
import Testing

/// The German catalog against the code: every text the code gives to be
/// translated has its German, every German entry's English is still in the
/// code, and a template's German keeps the template's places.
///
/// What the code gives to be translated is read from the sources, where
/// the words are written: `tr("…")`, `Wording.text("…")`, the plural
/// forms `one:`/`other:`, and a binding's footer label, `help:` and
/// `group:` (which the toolkit translates when the binding is made or
/// shown), and the words a list names for its filter and its export.
@Suite("German catalog")
struct CatalogTests {
    /// The folders whose texts are all translated; the others follow
    /// area by area (docs/DECISIONS.md, "Kontor speaks German").
    static let translated = [
        "Sources/KontorUI", "Sources/KontorApp/Core", "Sources/KontorModel", "Sources/kontor",
        "Sources/KontorApp/Screens/Tickets", "Sources/KontorApp/Screens/Customers", "Sources/KontorApp/Screens/Deals",
        "Sources/KontorApp/Screens/Invoices", "Sources/KontorApp/Screens/Dashboard", "Sources/KontorApp/Screens/Inventory",
        "Sources/KontorApp/Screens/Staff", "Sources/KontorCSV", "Sources/KontorEInvoice", "Sources/KontorBankFiles",
    ]

    /// Files in a translated folder whose texts stay English: the command
    /// line's measurement tools, whose reports are for administrators and
    /// developers comparing figures (only their commands' abstracts are
    /// translated, for `kontor --help`).
    static let untranslatedFiles: Set<String> = [
        "Sources/kontor/Bench.swift", "Sources/kontor/BenchKeys.swift", "Sources/kontor/BenchLetters.swift",
        "Sources/kontor/BenchMode.swift", "Sources/kontor/BenchScreens.swift", "Sources/kontor/BenchServers.swift",
        "Sources/kontor/LoadMix.swift", "Sources/kontor/LoadProcesses.swift", "Sources/kontor/LoadRecord.swift",
        "Sources/kontor/LoadReport.swift", "Sources/kontor/LoadSetup.swift", "Sources/kontor/LoadTerminal.swift",
        "Sources/kontor/LoadTest.swift", "Sources/kontor/LoadTestWorker.swift", "Sources/kontor/LoadWrites.swift",
        "Sources/kontor/Stress.swift", "Sources/kontor/ShellFloor.swift", "Sources/kontor/TerminalProbe.swift",
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// Where a text to translate is written: each pattern's first group is
    /// the literal's content, escapes as written.
    static let patterns: [NSRegularExpression] = {
        let literal = #""((?:[^"\\\n]|\\.)*)""#
        return [
            #"\b(?:tr|Wording\.text)\(\s*"# + literal,
            #"\b(?:help|group|one|other|what|filterHelp|filterWord):\s*"# + literal,
            #"\b(?:Action|KeyBinding)\(\s*"[^"]*",\s*\[[^\]]*\],\s*"# + literal,
        ].map { try! NSRegularExpression(pattern: $0) }
    }()

    /// Every `.swift` file under `folder`, with its text.
    static func sources(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walk where url.pathExtension == "swift" {
            files.append((url.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The texts to translate in `files`, as written (escapes unresolved),
    /// with a file each is in.
    static func texts(in files: [(path: String, text: String)]) -> [String: String] {
        var found: [String: String] = [:]
        for (path, text) in files {
            let range = NSRange(text.startIndex..., in: text)
            for pattern in patterns {
                for match in pattern.matches(in: text, range: range) {
                    guard let r = Range(match.range(at: 1), in: text) else { continue }
                    let key = String(text[r])
                    if found[key] == nil { found[key] = path }
                }
            }
        }
        return found
    }

    /// The keys of words told apart by their meaning,
    /// `tr("issue", meaning: "an invoice")` → "issue (an invoice)", in `files`.
    static func meaningKeys(in files: [(path: String, text: String)]) -> [String: String] {
        let literal = #""((?:[^"\\\n]|\\.)*)""#
        let pattern = try! NSRegularExpression(pattern: #"\btr\(\s*"# + literal + #"\s*,\s*meaning:\s*"# + literal)
        var found: [String: String] = [:]
        for (path, text) in files {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let word = Range(match.range(at: 1), in: text), let meaning = Range(match.range(at: 2), in: text) else { continue }
                found["\(text[word]) (\(text[meaning]))"] = path
            }
        }
        return found
    }

    /// A literal's content as the program sees it.
    static func unescaped(_ written: String) -> String {
        written.replacingOccurrences(of: #"\""#, with: "\"").replacingOccurrences(of: #"\n"#, with: "\n")
            .replacingOccurrences(of: #"\\"#, with: "\\")
    }

    /// A text as a literal in the code writes it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: #"\\"#).replacingOccurrences(of: "\"", with: #"\""#)
            .replacingOccurrences(of: "\n", with: #"\n"#)
    }

    @Test func everyTextToTranslateHasItsGerman() throws {
        var missing: [String] = []
        var composed: [String] = []
        for folder in Self.translated {
            let files = try Self.sources(under: folder).filter { !Self.untranslatedFiles.contains($0.path) }
            for (written, path) in Self.texts(in: files).merging(Self.meaningKeys(in: files), uniquingKeysWith: { a, _ in a }) where !written.isEmpty {
                if written.contains(#"\("#) { composed.append("\(path): \(written)"); continue }
                if German.catalog[Self.unescaped(written)] == nil { missing.append("\(path): \(written)") }
            }
        }
        #expect(composed.isEmpty, "texts composed in place cannot be translated; use a template with {0}: \(composed.sorted())")
        #expect(missing.isEmpty, "\(missing.count) texts have no German: \(missing.sorted())")
    }

    @Test func everyGermanEntryIsStillUsed() throws {
        let files = try Self.sources(under: "Sources").filter { !$0.path.hasPrefix("Sources/KontorLocale/") }
        let code = files.map(\.text).joined(separator: "\n")
        let meanings = Self.meaningKeys(in: files)
        // A word told apart by its meaning from a value (`tr(entity, meaning: "a kind of record")`)
        // is used while its meaning is given and the word is a literal somewhere.
        let meaning = try NSRegularExpression(pattern: #"^(.+) \((.+)\)$"#)
        func usedByMeaning(_ key: String) -> Bool {
            guard let match = meaning.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)),
                  let word = Range(match.range(at: 1), in: key), let what = Range(match.range(at: 2), in: key) else { return false }
            return code.contains("meaning: \"\(Self.escaped(String(key[what])))\"") && code.contains("\"" + Self.escaped(String(key[word])) + "\"")
        }
        let unused = German.catalog.keys.filter { key in
            meanings[Self.escaped(key)] == nil && !code.contains("\"" + Self.escaped(key) + "\"") && !usedByMeaning(key)
        }
        #expect(unused.isEmpty, "German entries whose English is nowhere in the code: \(unused.sorted())")
    }

    @Test func noTextHasTwoGermans() {
        var seen: [String: (String, String)] = [:]
        var conflicts: [String] = []
        for (area, entries) in German.parts {
            for (english, german) in entries {
                if let (other, otherGerman) = seen[english], otherGerman != german {
                    conflicts.append("\(english): \(other) says \(otherGerman), \(area) says \(german)")
                }
                seen[english] = (area, german)
            }
        }
        #expect(conflicts.isEmpty, "\(conflicts.sorted())")
    }

    @Test func aTemplatesGermanKeepsItsPlaces() throws {
        let place = try NSRegularExpression(pattern: #"\{[0-9]+\}"#)
        func places(_ s: String) -> [String] {
            place.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }.sorted()
        }
        let wrong = German.catalog.filter { places($0.key) != places($0.value) }.map(\.key)
        #expect(wrong.isEmpty, "German that loses or adds a {n}: \(wrong.sorted())")
    }

    @Test func templatesAreFilledInEitherLanguage() {
        #expect(Wording.text("{0} and {1}", ["Anna", "Ben"], in: .english) == "Anna and Ben")
        #expect(Wording.text("{0} and {1}", ["Anna", "Ben"], in: .german) == "Anna und Ben")
        #expect(Wording.count(1, one: "{0} row exported to {1}", other: "{0} rows exported to {1}", ["x.csv"], in: .german) == "1 Zeile exportiert nach x.csv")
        #expect(Wording.count(3, one: "{0} row exported to {1}", other: "{0} rows exported to {1}", ["x.csv"], in: .english) == "3 rows exported to x.csv")
        // A value holding "{1}" is not filled again; a place with no value stays.
        #expect(Wording.fill("{0}-{1}-{2}", ["{1}", "b"]) == "{1}-b-{2}")
        #expect(Wording.text("no such text", in: .german) == "no such text")
    }
}
