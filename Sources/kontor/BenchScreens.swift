import KontorApp
import KontorUI

/// Times keys from press to finished frame, the way the terminal loop runs
/// them: handle the key, draw the whole screen.
@MainActor
struct KeyTimer {
    let app: App
    let size: Size
    let repeats: Int
    /// Run before each measured key, outside the time: the cold mode empties the caches here.
    var before: () -> Void = {}

    /// Times `keys`, cycled, after pressing `setup`; prints the median and
    /// p99, and beside them the sqlite3 shell's time for the same query when
    /// there is one.
    /// - Parameter untilPaneFilled: time until the related pane shows the
    ///   record the key moved to (read in the background), not only until
    ///   the frame that moved the list.
    func measure(_ label: String, setup: [Key] = [], _ keys: [Key], floor: Stats? = nil, untilPaneFilled: Bool = false) {
        for key in setup { app.handle(key) }
        _ = app.frame(size: size)
        var times: [Double] = []
        for i in 0..<presses(keys) { times.append(time(keys[i % keys.count], untilPaneFilled: untilPaneFilled)) }
        let floorColumns = floor.map { "   " + $0.columns } ?? ""
        print("  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) \(Stats(times).columns)\(floorColumns)")
    }

    /// Times each key of `keys` separately (pressed in turn, cycled), one
    /// line per key: an average over different keys hides the slow one.
    /// - Parameter presses: how many of each, when not `repeats` (a report
    ///   that takes seconds to read).
    func measureEach(_ labels: [String], _ keys: [Key], presses: Int? = nil, untilPaneFilled: Bool = false) {
        _ = app.frame(size: size)
        var times = Array(repeating: [Double](), count: keys.count)
        let count = presses.map { $0 * keys.count } ?? self.presses(keys)
        for i in 0..<count { times[i % keys.count].append(time(keys[i % keys.count], untilPaneFilled: untilPaneFilled)) }
        for (label, keyTimes) in zip(labels, times) {
            print("  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) \(Stats(keyTimes).columns)")
        }
    }

    /// Presses for `keys`: whole cycles only.
    private func presses(_ keys: [Key]) -> Int { max(keys.count, repeats / keys.count * keys.count) }

    /// One key, from press to finished frame (or until the related pane is
    /// filled), after a person's pause in which the pane caught up.
    private func time(_ key: Key, untilPaneFilled: Bool = false) -> Double {
        app.settle()
        _ = app.frame(size: size)
        before()
        let start = Clock.now()
        app.handle(key)
        _ = app.frame(size: size)
        if untilPaneFilled {
            app.settle()
            _ = app.frame(size: size)
        }
        return Clock.since(start)
    }

    nonisolated static func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

    static func typing(_ text: String) -> [Key] { text.map { Key.char($0) } + text.map { _ in Key.backspace } }

    /// The back office's reports on Invoices, read in the background: the
    /// key to the frame that says what is read, the read until shown, and
    /// the keys in the report once it is there.
    func measureReports() {
        app.handle(.char("4"))
        let opens = max(3, min(10, repeats / 10))
        for (name, key) in [("open items (o)", Key.char("o")), ("dunning run (M)", Key.char("M"))] {
            measureEach(["  \(name): key to frame", "  … Esc back to the list"], [key, .escape], presses: opens)
            measureEach(["  \(name): key until shown", "  … Esc back to the list"], [key, .escape], presses: opens, untilPaneFilled: true)
            measure("  \(name): j / k", setup: [key], [.char("j"), .char("k")])
            measure("  \(name): PgDn / PgUp", [.pageDown, .pageUp])
            measure("  \(name): G / g", [.char("G"), .char("g")])
            if key == .char("M") { measure("  dunning run: Space (exclude, include)", [.char("j"), .space, .space, .char("k")]) }
            app.handle(.escape)
        }
    }

    /// Every screen: switching to it, moving, paging, filtering, opening a record.
    func measureScreens() {
        print("")
        print("every screen, key to frame, 200×50                  median      p99")
        measure("Customers: open 360° view and back", setup: [.char("1"), .char("g")], [.enter, .escape])
        measure("Customers: j in the 360° view", setup: [.enter], [.char("j"), .char("j"), .char("k"), .char("k")])
        app.handle(.escape)
        measureEach(["switch to 1 Customers", "switch to 2 Tickets", "switch to 3 Deals", "switch to 4 Invoices",
                     "switch to 5 Inventory", "switch to 6 Staff", "switch to 0 Dashboard"],
                    Array("1234560").map { Key.char($0) })

        print("  Tickets")
        measure("  j / k", setup: [.char("2"), .char("g")], [.char("j"), .char("k")])
        measure("  PgDn / PgUp", [.pageDown, .pageUp])
        measure("  G / g", [.char("G"), .char("g")])
        measure("  filter: type/erase “drucker”", setup: [.char("/")], Self.typing("drucker"))
        app.handle(.escape)
        measure("  open ticket and back", setup: [.char("g")], [.enter, .escape])

        print("  Deals")
        measure("  j / k in a column", setup: [.char("3")], [.char("j"), .char("k")])
        measure("  l / h between columns", [.char("l"), .char("h")])
        measure("  v list view and back", [.char("v"), .char("v")])
        measure("  open deal and back", [.enter, .escape])

        print("  Invoices")
        measure("  j / k", setup: [.char("4"), .char("g")], [.char("j"), .char("k")])
        measure("  PgDn / PgUp", [.pageDown, .pageUp])
        measure("  G / g", [.char("G"), .char("g")])
        measure("  filter: type/erase “2026-00”", setup: [.char("/")], Self.typing("2026-00"))
        app.handle(.escape)
        measure("  open invoice and back", setup: [.char("g")], [.enter, .escape])
        measureReports()

        print("  Inventory")
        measure("  j / k", setup: [.char("5"), .char("g")], [.char("j"), .char("k")])
        measure("  PgDn / PgUp", [.pageDown, .pageUp])
        measure("  filter: type/erase “kaffee”", setup: [.char("/")], Self.typing("kaffee"))
        app.handle(.escape)
        measure("  open product and back", setup: [.char("g")], [.enter, .escape])

        print("  Staff")
        measure("  j / k", setup: [.char("6"), .char("g")], [.char("j"), .char("k")])
        measure("  open colleague and back", [.enter, .escape])
        app.handle(.char("1"))
    }
}
