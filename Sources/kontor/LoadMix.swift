import ArgumentParser
import KontorModel
import KontorUI

/// How a simulated member of staff works: how fast keys come and how often
/// something is saved. The rates are stated here once; the help text and
/// docs/SCALING.md quote them.
enum LoadMix: String, CaseIterable, ExpressibleByArgument {
    /// A busy person at the desk: a key every 1–2 s, a save a minute.
    case typical
    /// The same keys, and a save every 10 s.
    case heavy
    /// Sessions left open and untouched (no key, no save): what idle
    /// sessions cost through their change check and presence alone.
    case idle

    /// Seconds between two keys (a word typed into a filter goes faster, see `letterGap`).
    var keyGap: ClosedRange<Double> { self == .idle ? Self.never...Self.never : 1.0...2.0 }
    /// Seconds between two letters typed into a filter.
    var letterGap: ClosedRange<Double> { 0.15...0.4 }
    /// The mean seconds between two saves; each gap is drawn from ±50 % of it.
    var saveEvery: Double {
        switch self {
        case .typical: 60
        case .heavy: 10
        case .idle: Self.never
        }
    }

    /// A gap no run lasts.
    static let never = 1e9

    static let rates = """
        typical and heavy: a key every 1–2 s (letters of a filter 0.15–0.4 s apart): \
        40 % moves (j, k, PgDn, PgUp, g, G), 15 % a filter typed letter by letter and cleared, \
        20 % opening a record and closing it, 10 % the related pane (Tab, j, Tab), \
        15 % switching screens (Customers, Tickets, Deals, Invoices, Inventory, Dashboard). \
        Saves: typical one every 60 s per session, heavy one every 10 s (each gap 50–150 % \
        of that), the first the session's counter, then each at random: take a ticket, reply to it, move a deal a stage, \
        issue an invoice, record a payment on it, receive stock, and an increment of the \
        session's own counter (the check for lost updates). \
        idle: no key and no save, only the change check and presence of open sessions. \
        Keys and saves are measured from when every session has shown its first frame.
        """
}

/// The schedules' draws: the same --seed draws the same schedules.
typealias SeededRandom = SplitMix64

/// One key of the schedule: what kind of action it belongs to (the report's
/// rows), the key, and how long after the previous one it comes.
struct ScheduledKey {
    var kind: String
    var key: Key
    var gap: Double
    /// Which key on which screen, for the report's slowest keys: the
    /// screen's key and the filter's text after it ("1 mül", "2 ^U").
    var detail: String? = nil
}

/// Draws a member of staff's keys, one short episode at a time, each of
/// which ends where it started (on a screen's list, nothing open), so that
/// no key lands where it would mean something else.
struct KeySchedule {
    let mix: LoadMix
    var random: SeededRandom
    /// The screen now shown, by its key.
    private(set) var screen: Character = "1"
    private var queued: [ScheduledKey] = []

    init(mix: LoadMix, seed: UInt64) {
        self.mix = mix
        random = SeededRandom(seed: seed)
    }

    /// Words typed into each screen's filter; screens without one are missing.
    static let words: [Character: [String]] = [
        "1": ["müller", "schmidt", "berlin", "weber", "gmbh"],
        "2": ["drucker", "rechnung", "login"],
        "4": ["2026-00", "2025"],
        "5": ["kaffee", "papier", "kabel"],
    ]
    /// Screens whose list takes Tab into the related pane.
    static let paneScreens: Set<Character> = ["1", "2", "4", "5"]
    static let screens: [Character] = ["1", "2", "3", "4", "5", "0"]

    mutating func next() -> ScheduledKey {
        if queued.isEmpty { queued = episode() }
        return queued.removeFirst()
    }

    private mutating func gap() -> Double { Double.random(in: mix.keyGap, using: &random) }
    private mutating func letter() -> Double { Double.random(in: mix.letterGap, using: &random) }

    private mutating func episode() -> [ScheduledKey] {
        let roll = Int.random(in: 0..<100, using: &random)
        // The dashboard has no list to move in: only leave it.
        if screen == "0" || roll >= 85 { return switchScreen() }
        if roll < 40 { return moves() }
        if roll < 55, let words = Self.words[screen] { return filter(words.randomElement(using: &random)!) }
        if roll < 75 { return openAndClose() }
        if Self.paneScreens.contains(screen) { return pane() }
        return moves()
    }

    private mutating func switchScreen() -> [ScheduledKey] {
        let others = Self.screens.filter { $0 != screen }
        screen = others.randomElement(using: &random)!
        return [ScheduledKey(kind: "screen", key: .char(screen), gap: gap())]
    }

    private mutating func moves() -> [ScheduledKey] {
        let keys: [Key] = screen == "3" ? [.char("j"), .char("k"), .char("l"), .char("h")]
            : [.char("j"), .char("j"), .char("k"), .pageDown, .pageUp, .char("g"), .char("G")]
        return (0..<Int.random(in: 1...4, using: &random)).map { _ in
            ScheduledKey(kind: "move", key: keys.randomElement(using: &random)!, gap: gap())
        }
    }

    private mutating func filter(_ word: String) -> [ScheduledKey] {
        var keys = [ScheduledKey(kind: "filter", key: .char("/"), gap: gap(), detail: "\(screen) /")]
        keys += word.indices.map { end in
            ScheduledKey(kind: "filter", key: .char(word[end]), gap: letter(), detail: "\(screen) \(word[...end])")
        }
        keys.append(ScheduledKey(kind: "filter", key: .ctrl("u"), gap: gap(), detail: "\(screen) ^U"))
        keys.append(ScheduledKey(kind: "filter", key: .escape, gap: letter(), detail: "\(screen) Esc"))
        return keys
    }

    private mutating func openAndClose() -> [ScheduledKey] {
        var keys = [ScheduledKey(kind: "open", key: .enter, gap: gap())]
        // Inside the 360° view j moves between its rows; elsewhere a record has no cursor.
        if screen == "1" {
            keys += (0..<Int.random(in: 0...2, using: &random)).map { _ in ScheduledKey(kind: "move", key: .char("j"), gap: gap()) }
        }
        keys.append(ScheduledKey(kind: "close", key: .escape, gap: gap()))
        return keys
    }

    private mutating func pane() -> [ScheduledKey] {
        [ScheduledKey(kind: "pane", key: .tab, gap: gap()),
         ScheduledKey(kind: "pane", key: .char("j"), gap: gap()),
         ScheduledKey(kind: "pane", key: .tab, gap: gap())]
    }
}
