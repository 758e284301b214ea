import Foundation
import KontorApp
import KontorModel
import KontorUI

/// One mode's measurements: the first frame, key to frame on every screen,
/// the model alone, and the same queries in the sqlite3 shell as the floor.
@MainActor
struct BenchKeys {
    let database: KontorDatabase
    let mode: BenchMode
    let repeats: Int
    /// A part of the bench alone (`--filters-only`, `--reports-only`).
    enum Part { case filters, reports }
    var only: Part?
    let size = Size(width: 200, height: 50)

    /// Before each measured key in the cold mode: the file out of the
    /// system's cache, SQLite's caches emptied.
    var before: () -> Void {
        guard mode == .cold else { return {} }
        let database = database
        return {
            PageCache.evict(database: database.path)
            database.dropPageCaches()
        }
    }

    func run() throws {
        print("")
        print("── \(mode.title)")
        if let only {
            let app = App(session: try database.session(for: Actor.current()), theme: .fallback)
            _ = app.frame(size: size)
            switch only {
            case .filters:
                letterByLetter(app)
                try modelOnly()
            case .reports:
                print("")
                print("reports on Invoices, key to frame, 200×50                median      p99")
                KeyTimer(app: app, size: size, repeats: repeats, before: before).measureReports()
                app.settle()
                let memory = Bench.residentMemory(of: "self")
                print("  resident memory after the reports: now \(memory.current / 1024) MB, peak \(memory.peak / 1024) MB")
            }
            return
        }
        let floors = try shellFloors()
        try firstFrame()

        let app = App(session: try database.session(for: Actor.current()), theme: .fallback)
        _ = app.frame(size: size)
        print("")
        print("key to frame, 200×50, \(repeats) presses each        median       p99   sqlite3 floor: median  p99")
        let timer = KeyTimer(app: app, size: size, repeats: repeats, before: before)
        func measure(_ label: String, setup: [Key] = [], _ keys: [Key], floor: String? = nil, untilPaneFilled: Bool = false) {
            timer.measure(label, setup: setup, keys, floor: floor.flatMap { floors[$0] ?? nil }, untilPaneFilled: untilPaneFilled)
        }
        measure("move down (j)", [.char("j")], floor: "next")
        measure("  … until the related pane is filled", [.char("j")], untilPaneFilled: true)
        measure("move up (k)", setup: [.char("G")], [.char("k")], floor: "next")
        measure("page down (PgDn)", setup: [.char("g")], [.pageDown], floor: "next")
        measure("page up (PgUp)", setup: [.char("G")], [.pageUp], floor: "next")
        measure("jump to end / start (G, g)", [.char("G"), .char("g")], floor: "last")
        measure("filter: type/erase “müller”", setup: [.char("g"), .char("/")], KeyTimer.typing("müller"), floor: "müller")
        measure("filter one letter: m ↔ (empty)", setup: [.ctrl("u")], [.char("m"), .backspace], floor: "m")
        measure("filter: type/erase “jürgen schmidt”", setup: [.ctrl("u")], KeyTimer.typing("jürgen schmidt"), floor: "jürgen schmidt")
        measure("filter “schmidt” then move (j/k)", setup: [.ctrl("u")] + "schmidt".map { Key.char($0) } + [.enter], [.char("j"), .char("k")])
        app.handle(.escape)
        timer.measureScreens()
        letterByLetter(app)
        app.handle(.char("1"))
        try modelOnly()

        print("")
        print("the same queries in the sqlite3 shell (the floor), \(floorSamples) runs each   median       p99")
        for (label, key, _) in try floorQueries() {
            if let stats = floors[key] ?? nil {
                print("  \(label.padding(toLength: 46, withPad: " ", startingAt: 0)) \(stats.columns)")
            } else {
                print("  \(label): sqlite3 shell not available")
            }
        }
    }

    /// Each filter letter by letter, typed and erased, with the floor of
    /// each prefix where one plain query does what the list does.
    private func letterByLetter(_ app: App) {
        print("")
        print("filters letter by letter, key to frame, 200×50")
        var letters = LetterTimer(app: app, size: size, repeats: repeats, before: before)
        let shell = ShellFloor(path: database.path, mode: mode, samples: floorSamples)
        let customerFloors = FilterFloor.measure("jürgen schmidt", FilterFloor.customers, with: shell)
        letters.floor = { customerFloors[$0] }
        letters.measure("Customers", screen: "1", word: "jürgen schmidt")
        // A phone number as people write it, with its spaces: each piece is
        // a word of its own, and the number's digits joined another.
        let firstPage = (try? database.customers.page(CustomerQuery(), after: nil, limit: 200)) ?? []
        if let phone = firstPage.map(\.phone).first(where: { ($0.hasPrefix("0") || $0.hasPrefix("+49")) && $0.contains(" ") }) {
            let phoneFloors = FilterFloor.measure(phone, FilterFloor.customers, with: shell)
            letters.floor = { phoneFloors[$0] }
            letters.measure("Customers", screen: "1", word: phone)
        }
        let queueFloors = FilterFloor.measure("drucker", FilterFloor.tickets, with: shell)
        letters.floor = { queueFloors[$0] }
        letters.measure("Tickets", screen: "2", word: "drucker")
        // The floor is the filter as one plain query with SQLite's own plan,
        // which for the broad prefixes ("2", "20", "2026") reads most of
        // the list: the list walks it in order instead.
        let invoiceFloors = FilterFloor.measure("2026-00", { InvoiceRepository.plainFilterSQL($0) }, with: shell)
        letters.floor = { invoiceFloors[$0] }
        letters.measure("Invoices", screen: "4", word: "2026-00")
        letters.floor = nil
        // On the dashboard / searches everything: customers, tickets and their messages, deals, invoices, products, staff.
        letters.measure("Search everything (/ on the dashboard), key to frame", screen: "0", word: "schmidt")
        // The palette: a command's name, then a kind of record and words
        // (searched in the background, as the search over everything is).
        let palette: [Key] = [.char("1"), .char(":")]
        letters.measure("Palette (:), key to frame", opening: palette, word: "deal kaffee", closing: [.escape])
        letters.measure("Palette (:), key to frame", opening: palette, word: "customer jürgen", closing: [.escape])
        var found = letters
        found.untilFound = true
        found.measure("Search everything, key until the records are shown", screen: "0", word: "schmidt")
        found.measure("Palette (:), key until the records are shown", opening: palette, word: "deal kaffee", closing: [.escape])
    }

    /// First frame: open the database, build the app, draw once.
    private func firstFrame() throws {
        var times: [Double] = []
        for _ in 0..<15 {
            if mode == .cold { PageCache.evict(database: database.path) }
            let start = Clock.now()
            let fresh = try KontorDatabase(path: database.path)
            let app = App(session: try fresh.session(for: Actor.current()), theme: .fallback)
            _ = app.frame(size: size)
            times.append(Clock.since(start))
        }
        print("")
        print("first frame (open database, load list, draw 200×50), 15 runs")
        print("  median \(KeyTimer.ms(Stats(times).median))  max \(KeyTimer.ms(times.max()!))")
    }

    /// The model alone: prepare a filter and read its first window.
    private func modelOnly() throws {
        print("")
        print("model only: prepare a filter and read its first window (96 rows), 20 runs   median prepare / page")
        for text in ["m", "mü", "mül", "müller", "schmidt", "jürgen s", "jürgen schm", "jürgen schmidt", "berlin", "zzz"] {
            var prepareTimes: [Double] = []
            var pageTimes: [Double] = []
            var prepared: PreparedCustomerQuery?
            for _ in 0..<20 {
                before()
                let t0 = Clock.now()
                prepared = try database.customers.prepare(CustomerQuery(text: text))
                prepareTimes.append(Clock.since(t0))
                before()
                let t1 = Clock.now()
                _ = try database.customers.page(prepared!, after: nil, limit: 96)
                pageTimes.append(Clock.since(t1))
            }
            let label = "“\(text)” (\(prepared!.count)\(prepared!.isCountCapped ? "+" : ""))"
            print("  \(label.padding(toLength: 24, withPad: " ", startingAt: 0)) prepare \(KeyTimer.ms(Stats(prepareTimes).median).leftPad(9))   page \(KeyTimer.ms(Stats(pageTimes).median).leftPad(9))")
        }
    }

    var floorSamples: Int { min(repeats, 30) }

    /// The SQL behind the customer list's keys, by a short name.
    private func floorQueries() throws -> [(label: String, key: String, sql: String)] {
        let first = try database.customers.page(CustomerQuery(), after: nil, limit: 1).first
        let key = first?.listKey
        let sortKey = (key?.sortKey ?? "").replacingOccurrences(of: "'", with: "''")
        let columns = "id, name, contact_name, email, phone, city, country, archived, sort_key"
        return [
            ("next window (keyset, 96 rows)", "next", "SELECT \(columns) FROM customers WHERE archived = 0 AND (sort_key, id) > ('\(sortKey)', \(key?.id ?? 0)) ORDER BY sort_key, id LIMIT 96"),
            ("last window (G)", "last", "SELECT \(columns) FROM customers WHERE archived = 0 ORDER BY sort_key DESC, id DESC LIMIT 96"),
            ("broad filter “m”, first window", "m", "SELECT \(columns) FROM customers WHERE archived = 0 AND search_text LIKE '% m%' ESCAPE '\\' ORDER BY sort_key, id LIMIT 96"),
            ("broad filter “müller”, first window", "müller", "SELECT \(columns) FROM customers WHERE archived = 0 AND search_text LIKE '% muller%' ESCAPE '\\' ORDER BY sort_key, id LIMIT 96"),
            ("narrow filter “jürgen schmidt”, keys", "jürgen schmidt", "SELECT sort_key, id FROM customers WHERE +archived = 0 AND id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"jürgen\"* \"schmidt\"*') ORDER BY sort_key, id"),
            ("FTS hit count, “müller”", "fts müller", "SELECT count(*) FROM (SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"müller\"*' LIMIT 2450)"),
        ]
    }

    /// Every floor query measured once, before the keys, by its short name.
    private func shellFloors() throws -> [String: Stats?] {
        let shell = ShellFloor(path: database.path, mode: mode, samples: floorSamples)
        var floors: [String: Stats?] = [:]
        for (_, key, sql) in try floorQueries() { floors[key] = shell.measure(sql) }
        return floors
    }
}
