import ArgumentParser
import Foundation
import KontorApp
import KontorModel
import KontorUI

/// `kontor bench`: the performance budgets, measured so anyone can rerun them.
///
/// Times are medians and 99th percentiles over many repetitions, next to the
/// same SQL run in the `sqlite3` shell in the same run, so that a slow or busy
/// machine shows up in both columns and the ratio stays meaningful.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure start-up, key-to-frame times and memory on a demo database.",
        discussion: "Creates the database with --scale customers first if it is empty. Build with -c release for figures worth comparing."
    )

    @Option(name: .long, help: ArgumentHelp("The database to measure (default: bench-N.sqlite in the data folder).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Customers to create if the database is empty.", valueName: "N"))
    var scale: Int = 200_000

    @Option(name: .long, help: ArgumentHelp("Repetitions of each key.", valueName: "N"))
    var repeats: Int = 200

    func validate() throws {
        guard scale >= 100 else { throw ValidationError("--scale must be at least 100, got \(scale)") }
        guard repeats >= 10 else { throw ValidationError("--repeats must be at least 10, got \(repeats)") }
    }

    func run() throws {
        var options = DatabaseOptions()
        options.db = db
        let database = try options.open(defaultName: "bench-\(scale).sqlite")
        print("database: \(database.path)")
        if try database.isEmpty() {
            let report = try DemoSeeder.seed(database, scale: scale, actor: Actor.current())
            print(String(format: "seeded %d customers in %.2f s: %.0f rows/s", report.rows, report.seconds, report.rowsPerSecond))
        }
        let total = try database.customers.count(CustomerQuery()) + database.customers.count(CustomerQuery(archived: true))
        print("customers: \(total)")
        let size = Size(width: 200, height: 50)

        // First frame: open the database, build the app, draw once.
        var firstFrame: [Double] = []
        for _ in 0..<15 {
            let start = Clock.now()
            let fresh = try KontorDatabase(path: database.path)
            let app = App(session: try fresh.session(for: Actor.current()), theme: .fallback)
            _ = app.frame(size: size)
            firstFrame.append(Clock.since(start))
        }
        print("")
        print("first frame (open database, load list, draw 200×50), 15 runs")
        print("  median \(ms(median(firstFrame)))  max \(ms(firstFrame.max()!))")

        let app = App(session: try database.session(for: Actor.current()), theme: .fallback)
        _ = app.frame(size: size)
        print("")
        print("key to frame, 200×50, \(repeats) presses each        median      p99")
        let timer = KeyTimer(app: app, size: size, repeats: repeats)
        func measure(_ label: String, setup: [Key] = [], _ keys: [Key]) { timer.measure(label, setup: setup, keys) }
        measure("move down (j)", [.char("j")])
        measure("move up (k)", setup: [.char("G")], [.char("k")])
        measure("page down (PgDn)", setup: [.char("g")], [.pageDown])
        measure("page up (PgUp)", setup: [.char("G")], [.pageUp])
        measure("jump to end / start (G, g)", [.char("G"), .char("g")])
        let word = Array("müller")
        var typing: [Key] = []
        for ch in word { typing.append(.char(ch)) }
        for _ in word { typing.append(.backspace) }
        measure("filter: type/erase “müller”", setup: [.char("g"), .char("/")], typing)
        measure("filter one letter: m ↔ (empty)", setup: [.ctrl("u")], [.char("m"), .backspace])
        measure("filter: type/erase “jürgen schmidt”", setup: [.ctrl("u")], "jürgen schmidt".map { Key.char($0) } + "jürgen schmidt".map { _ in Key.backspace })
        measure("filter “schmidt” then move (j/k)", setup: [.ctrl("u")] + "schmidt".map { Key.char($0) } + [.enter], [.char("j"), .char("k")])
        app.handle(.escape)
        timer.measureScreens()
        print("")
        print("filters letter by letter, key to frame, 200×50")
        let letters = LetterTimer(app: app, size: size, repeats: repeats)
        letters.measure("Tickets", screen: "2", word: "drucker")
        letters.measure("Invoices", screen: "4", word: "2026-00")
        app.handle(.char("1"))

        print("")
        print("model only: prepare a filter and read its first window (96 rows), median of 20")
        for text in ["m", "mü", "mül", "müller", "schmidt", "jürgen schmidt", "berlin", "zzz"] {
            var prepareTimes: [Double] = []
            var pageTimes: [Double] = []
            var prepared: PreparedCustomerQuery?
            for _ in 0..<20 {
                let t0 = Clock.now()
                prepared = try database.customers.prepare(CustomerQuery(text: text))
                prepareTimes.append(Clock.since(t0))
                let t1 = Clock.now()
                _ = try database.customers.page(prepared!, after: nil, limit: 96)
                pageTimes.append(Clock.since(t1))
            }
            let label = "“\(text)” (\(prepared!.count)\(prepared!.isCountCapped ? "+" : ""))"
            print("  \(label.padding(toLength: 24, withPad: " ", startingAt: 0)) prepare \(ms(median(prepareTimes)).leftPad(9))   page \(ms(median(pageTimes)).leftPad(9))")
        }

        print("")
        print("the same queries in the sqlite3 shell (floor to compare with), median of 5 runs of 1000:")
        let first = try database.customers.page(CustomerQuery(), after: nil, limit: 1).first
        let key = first?.listKey
        let sortKey = (key?.sortKey ?? "").replacingOccurrences(of: "'", with: "''")
        let columns = "id, name, contact_name, email, phone, city, country, archived, sort_key"
        let queries: [(String, String)] = [
            ("next window (keyset, 96 rows)", "SELECT \(columns) FROM customers WHERE archived = 0 AND (sort_key, id) > ('\(sortKey)', \(key?.id ?? 0)) ORDER BY sort_key, id LIMIT 96"),
            ("last window (G)", "SELECT \(columns) FROM customers WHERE archived = 0 ORDER BY sort_key DESC, id DESC LIMIT 96"),
            ("broad filter “m”, first window", "SELECT \(columns) FROM customers WHERE archived = 0 AND search_text LIKE '% m%' ESCAPE '\\' ORDER BY sort_key, id LIMIT 96"),
            ("broad filter “müller”, first window", "SELECT \(columns) FROM customers WHERE archived = 0 AND search_text LIKE '% muller%' ESCAPE '\\' ORDER BY sort_key, id LIMIT 96"),
            ("narrow filter “jürgen schmidt”, keys", "SELECT sort_key, id FROM customers WHERE +archived = 0 AND id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"jürgen\"* \"schmidt\"*') ORDER BY sort_key, id"),
            ("FTS hit count, “müller”", "SELECT count(*) FROM (SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"müller\"*' LIMIT 2450)"),
        ]
        for (label, sql) in queries {
            if let t = sqliteShellMedian(path: database.path, sql: sql) {
                print("  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) \(ms(t).leftPad(9))")
            } else {
                print("  \(label): sqlite3 shell not available")
            }
        }
        print("")
        let memory = residentMemory()
        print("resident memory of this benchmark process: now \(memory.current / 1024) MB, peak \(memory.peak / 1024) MB")

        print("")
        guard TerminalProbe.available() else {
            print("in a real terminal: tmux is not installed, skipped")
            return
        }
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        print("in a real terminal (kontor inside tmux, 200×50, xterm-256color):")
        let probe = try TerminalProbe(binary: binary, database: database.path).measure()
        print("  process start to first frame      median \(ms(median(probe.firstFrame)))  max \(ms(probe.firstFrame.max() ?? 0))  (7 runs)")
        print("    tmux alone (printf, same wait)  median \(ms(median(probe.tmuxBaseline)))  → kontor's own share ≈ \(ms(median(probe.firstFrame) - median(probe.tmuxBaseline)))")
        let bytes = probe.bytesPerMove.sorted()
        print("  bytes sent for a one-row move     median \(bytes[bytes.count / 2])  max \(bytes.last ?? 0)  (10 moves)")
        print(String(format: "  CPU while idle                    %.2f s over %.1f s", probe.idleCPUSeconds, probe.idleSeconds))
    }

    func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

    func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    /// Runs `sql` 1000 times in one sqlite3 process, 5 times over, and returns
    /// the median time of one query (the shell's start-up subtracted).
    func sqliteShellMedian(path: String, sql: String) -> Double? {
        var runs: [Double] = []
        let script = ".output /dev/null\n" + String(repeating: sql + ";\n", count: 1000)
        for _ in 0..<5 {
            // Time the 1000 queries, minus the cost of starting the shell on an empty script.
            guard let empty = timeShell(path: path, script: ".output /dev/null\n"),
                  let full = timeShell(path: path, script: script) else { return nil }
            runs.append(max(0, full - empty) / 1000)
        }
        return median(runs)
    }

    /// Runs the sqlite3 shell on a script; its wall time, or nil if it failed.
    func timeShell(path: String, script: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Clock.now()
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(script.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Clock.since(start) : nil
    }

    /// VmRSS and VmHWM of this process, in kB.
    func residentMemory() -> (current: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func value(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
        }
        return (value("VmRSS:"), value("VmHWM:"))
    }
}

/// A monotonic clock in seconds.
enum Clock {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func since(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
