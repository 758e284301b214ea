import KontorModel
import KontorApp
import KontorUI

/// Key to frame for each letter of a filter on its own: typing the letter
/// after its prefix, and erasing it again. A filter's cost depends on what is
/// typed so far ("2" matches half the invoices, "2026-00" a thousand), so
/// a median over the whole word can hide the one slow prefix.
@MainActor
struct LetterTimer {
    let app: App
    let size: Size
    let repeats: Int
    /// Run before each measured key, outside the time (see `KeyTimer`).
    var before: () -> Void = {}
    /// Times until what the key started in the background is found and
    /// drawn too (the search over everything), not only its first frame.
    var untilFound = false
    /// The floor of each prefix: the list's query for it in the sqlite3
    /// shell, measured in the same run (see `FilterFloor`).
    var floor: ((String) -> Stats?)? = nil

    /// Measures each prefix of `word` on the screen chosen by `screen`, its filter opened with `/`.
    func measure(_ title: String, screen: Character, word: String) {
        measure(title, opening: [.char(screen), .char("g"), .char("/"), .ctrl("u")], word: word, closing: [.ctrl("u"), .escape])
    }

    /// Measures each prefix of `word` typed after `opening` (a filter, the
    /// palette), then leaves with `closing`.
    func measure(_ title: String, opening: [Key], word: String, closing: [Key]) {
        print("  \(title): each letter of “\(word)”, \(repeats) presses each      median      p99"
              + (floor == nil ? "" : "   sqlite3 floor: median  p99"))
        for key in opening { app.handle(key) }
        let letters = Array(word)
        for (i, letter) in letters.enumerated() {
            var typed: [Double] = []
            var erased: [Double] = []
            for _ in 0..<repeats {
                typed.append(time(.char(letter)))
                erased.append(time(.backspace))
            }
            app.handle(.char(letter))
            let prefix = String(letters[..<i])
            let floors = [prefix + String(letter), prefix].map { text in floor?(text).map { "   " + $0.columns } ?? "" }
            print("    type “\(prefix)\(letter)”".padding(toLength: 44, withPad: " ", startingAt: 0) + Stats(typed).columns + floors[0])
            print("    erase back to “\(prefix)”".padding(toLength: 44, withPad: " ", startingAt: 0) + Stats(erased).columns + floors[1])
        }
        for key in closing { app.handle(key) }
    }

    private func time(_ key: Key) -> Double {
        before()
        let start = Clock.now()
        app.handle(key)
        _ = app.frame(size: size)
        if untilFound {
            app.settle()
            _ = app.frame(size: size)
        }
        return Clock.since(start)
    }
}

/// What a list's filter asks of the database for a typed prefix, written
/// as one plain query for the sqlite3 shell: the keys of the first window
/// of matches in the list's order, SQLite left to choose its own plan.
/// Kontor's key also draws the frame, counts and reads the rows shown; the
/// floor is the part no program reading this file can skip.
enum FilterFloor {
    /// The queue's first window: open tickets whose subject or customer
    /// holds every word, most urgent first.
    static func tickets(_ text: String) -> String? {
        guard let words = TextFolding.ftsQuery(text) else { return nil }
        return """
            SELECT t.sla_due, t.id FROM tickets t WHERE t.sla_due IS NOT NULL AND t.status IN ('new', 'open', 'pending') \
            AND t.id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH '\(quoted(words))') ORDER BY t.sla_due, t.id LIMIT 100
            """
    }

    /// The customer list's first window: customers whose own words or
    /// one of whose contact persons' words hold every typed word, by name.
    static func customers(_ text: String) -> String? {
        guard let words = TextFolding.ftsQuery(text) else { return nil }
        return """
            SELECT sort_key, id FROM customers WHERE archived = 0 \
            AND (id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\(quoted(words))') \
            OR id IN (SELECT customer_id FROM contacts WHERE id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH '\(quoted(words))'))) \
            ORDER BY sort_key, id LIMIT 100
            """
    }

    private static func quoted(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }

    /// The floor of each prefix of `word`, measured once, by prefix.
    static func measure(_ word: String, _ query: (String) -> String?, with shell: ShellFloor) -> [String: Stats] {
        var floors: [String: Stats] = [:]
        for end in 0...word.count {
            let prefix = String(word.prefix(end))
            if let sql = query(prefix), let stats = shell.measure(sql) { floors[prefix] = stats }
        }
        return floors
    }
}
