import KontorLocale
import Foundation
import KontorModel
import KontorUI

/// The key table of README.md, made from the actions that run the keys,
/// so that the manual cannot drift from the program: `kontor keys` prints
/// it, and a test fails when README.md says otherwise.
@MainActor
public enum KeyReference {
    /// The markers between which README.md holds the table.
    public static let begin = "<!-- keys: made by `kontor keys`; do not edit by hand -->"
    public static let end = "<!-- end of keys -->"

    /// The table for an admin (who may use every key) over a small demo
    /// business in a scratch database, removed afterwards.
    public static func generate(language: Language = .current) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try KontorDatabase(path: folder.appendingPathComponent("keys.sqlite").path)
        let admin = Actor(username: "admin")
        // Made as of one fixed moment: the same records on any day at any
        // hour, so that the table (whose record rows are the keys of each
        // list's first record) reads the same whenever it is made.
        try DemoSeeder.seed(database, scale: 40, actor: admin, now: Self.demoMoment)
        let session = try database.session(for: admin)
        return Language.$scoped.withValue(language) {
            markdown(App(session: session, theme: .fallback, language: language))
        }
    }

    /// The moment the table's demo business is made (2026-11-30, 18:00 UTC).
    static let demoMoment = Date(timeIntervalSince1970: 1_796_061_600)

    /// README.md with its key table replaced by `table`.
    public static func replacingTable(in readme: String, with table: String) -> String? {
        guard let start = readme.range(of: begin), let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex) else { return nil }
        return readme.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: table)
    }

    /// Walks every screen of `app` as a user would — its list, then the
    /// record Enter opens — and lists the keys each place offers.
    public static func markdown(_ app: App, size: Size = Size(width: 160, height: 48)) -> String {
        var rows: [(String, [KeyBinding])] = [
            (tr("everywhere"), app.globalBindings + App.alwaysBindings),
            (tr("lists"), ListKeys.movement),
            (tr("after a jump (Enter in the related pane or the palette)"), App.historyReference),
            (tr("related pane (`Tab` beside a list)"), RelatedPane.bindings),
            (tr("command palette (`:`)"), Palette.bindings),
            (tr("forms"), Form.bindings),
        ]
        for (index, entry) in app.screens.enumerated() {
            app.switchTo(index)
            app.update(size: size)
            settle(app, size: size)
            let screen = entry.screen
            rows.append((entry.id.title, own(screen.actions.bindings)))
            guard let open = screen.actions.action(for: .enter), open.isEnabled else { continue }
            app.handle(.enter)
            app.update(size: size)
            let place = screen.location
            if place.record != nil {
                rows.append((tr("{0}: a record (`Enter`)", entry.id.title), own(screen.actions.bindings)))
            }
            // Back to the list the way a user goes back.
            for _ in 0..<3 where screen.location.record != nil {
                app.handle(.escape)
                app.update(size: size)
            }
        }
        for (index, entry) in app.screens.enumerated() {
            for place in entry.screen.referencePlaces {
                app.switchTo(index)
                app.update(size: size)
                for key in place.keys {
                    app.handle(key)
                    app.update(size: size)
                    settle(app, size: size)
                }
                rows.append((place.title, own(entry.screen.actions.bindings)))
                for _ in 0..<3 where entry.screen.location.record != nil || (entry.screen as? LayeredScreen)?.stack.isEmpty == false {
                    app.handle(.escape)
                    app.update(size: size)
                }
                for key in place.back {
                    app.handle(key)
                    app.update(size: size)
                }
            }
        }
        app.switchTo(0)
        var out = [begin, "", tr("| where | keys |"), "|---|---|"]
        for (place, bindings) in rows {
            out.append("| \(place) | \(line(bindings)) |")
        }
        out += ["", end]
        return out.joined(separator: "\n")
    }

    /// Waits (a minute at most) until the work the screen started in the
    /// background (the dashboard's figures) has come back, so that the
    /// table shows the keys of a screen with its data, whatever the machine's load.
    private static func settle(_ app: App, size: Size) {
        let deadline = Date().addingTimeInterval(60)
        for work in [app.background, app.reading] {
            while work.running > 0, Date() < deadline {
                work.wait(timeout: 0.5)
                app.update(size: size)
            }
        }
    }

    /// A screen's own keys: not the moving keys every list shares (the
    /// "lists" row has them), not the editing keys a field handles. Moving
    /// keys of the screen's own (Deals' h and l between stages) stay.
    private static func own(_ bindings: [KeyBinding]) -> [KeyBinding] {
        let shared = Set(ListKeys.movement.flatMap(\.keys))
        return bindings.filter { !$0.passesThrough && ($0.group != "Moving" || !$0.keys.allSatisfy(shared.contains)) }
    }

    /// "`n` new · `e` edit", each binding once, keys of one action together.
    private static func line(_ bindings: [KeyBinding]) -> String {
        var seen = Set<String>()
        var parts: [String] = []
        for binding in bindings {
            let words = binding.help.isEmpty ? binding.shownLabel : binding.shownHelp
            let key = "\(binding.keyNames)\u{0}\(words)"
            guard seen.insert(key).inserted else { continue }
            let keys = binding.keys.map { "`\(escape($0.shownName))`" }.joined(separator: "/")
            var text = "\(keys) \(escape(firstSentence(words)))"
            if let reason = binding.disabledReason { text += " (\(escape(reason)))" }
            parts.append(text)
        }
        return parts.joined(separator: " · ")
    }

    /// The help's words as a phrase in a line: no full stop, and in
    /// English a lower-case start (German nouns keep their capital).
    private static func firstSentence(_ text: String) -> String {
        var phrase = text.hasSuffix(".") ? String(text.dropLast()) : text
        if Language.current == .english { phrase = phrase.prefix(1).lowercased() + phrase.dropFirst() }
        return phrase
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
