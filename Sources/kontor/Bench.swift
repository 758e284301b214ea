import ArgumentParser
import Foundation
import KontorLocale
import KontorApp
import KontorModel
import KontorUI

/// `kontor bench`: the performance budgets, measured so anyone can rerun them.
///
/// Times are medians and 99th percentiles over many repetitions, next to the
/// same SQL run in the `sqlite3` shell in the same run and the same mode
/// (warm or cold), so that a slow or busy machine shows up in both columns
/// and the ratio stays meaningful.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Measure start-up, key-to-frame times and memory on a demo database."),
        discussion: "Creates the database with --scale customers first if it is empty. Build with -c release for figures worth comparing."
    )

    @Option(name: .long, help: ArgumentHelp("The database to measure (default: bench-N.sqlite in the data folder).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Customers to create if the database is empty.", valueName: "N"))
    var scale: Int = 200_000

    @Option(name: .long, help: ArgumentHelp("Repetitions of each key.", valueName: "N"))
    var repeats: Int = 200

    @Option(name: .long, help: ArgumentHelp("warm: the database in the system's page cache; cold: evicted before each measured key; both.", valueName: "mode"))
    var mode: BenchMode?

    @Flag(name: .long, help: "The same as --mode cold.")
    var cold = false

    @Flag(name: .long, help: "Only the measurements in a real terminal (kontor inside tmux).")
    var terminalOnly = false

    @Flag(name: .long, help: "Only each list filter letter by letter (key to frame, with the sqlite3 floor).")
    var filtersOnly = false

    @Flag(name: .long, help: "Only the reports on Invoices: the open items (o) and the dunning run (M).")
    var reportsOnly = false

    /// The modes asked for: --mode, --cold, else warm.
    var modes: [BenchMode] { (mode ?? (cold ? .cold : .warm)).runs }

    func validate() throws {
        guard scale >= 100 else { throw ValidationError("--scale must be at least 100, got \(scale)") }
        guard repeats >= 10 else { throw ValidationError("--repeats must be at least 10, got \(repeats)") }
        if [filtersOnly, terminalOnly, reportsOnly].filter({ $0 }).count > 1 {
            throw ValidationError("--filters-only, --reports-only and --terminal-only exclude each other")
        }
        if cold, let mode, mode != .cold {
            throw ValidationError("--cold and --mode \(mode.rawValue) contradict each other; use --mode both for both")
        }
        if modes.contains(.cold), !PageCache.canEvict {
            throw ValidationError("--mode cold needs Linux (posix_fadvise), not available on this system")
        }
    }

    func run() throws {
        // Whatever ends the bench, its tmux servers and their kontor go with it.
        BenchServers.shared.stopOnSignals()
        defer { BenchServers.shared.stopAll() }
        var options = DatabaseOptions()
        options.db = db
        let database = try options.open(defaultName: "bench-\(scale).sqlite", creates: true)
        print("database: \(database.path)")
        if try database.isEmpty() {
            let bar = ProgressBar()
            let report = try DemoSeeder.seed(database, scale: scale, actor: Actor.current(), progress: bar.update)
            bar.finish()
            print(String(format: "seeded %d customers in %.2f s: %d rows, %.0f rows/s", scale, report.seconds, report.rows, report.rowsPerSecond))
        }
        let total = try database.customers.count(CustomerQuery()) + database.customers.count(CustomerQuery(archived: true))
        print("customers: \(total)")
        // The lists open as this account left them: an order chosen with `>`
        // changes every figure of that list (a filter then walks another index).
        let session = try database.session(for: Actor.current())
        for list in ["customers", "tickets", "deals", "invoices", "inventory", "staff"] {
            if let sort = try session.listChoices(list).sort {
                print("note: \(Actor.current().username) keeps the \(list) list sorted by \(sort.code); its figures are for that order (< or > back to the list's own)")
            }
        }

        if filtersOnly || reportsOnly {
            for mode in modes {
                try MainActor.assumeIsolated {
                    try BenchKeys(database: database, mode: mode, repeats: repeats, only: filtersOnly ? .filters : .reports).run()
                }
            }
            return
        }
        if !terminalOnly {
            for mode in modes { try MainActor.assumeIsolated { try BenchKeys(database: database, mode: mode, repeats: repeats).run() } }
            print("")
            let memory = residentMemory()
            print("resident memory of this benchmark process: now \(memory.current / 1024) MB, peak \(memory.peak / 1024) MB")
        }

        print("")
        guard TerminalProbe.available() else {
            print("in a real terminal: tmux is not installed, skipped")
            return
        }
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        print("in a real terminal (kontor inside tmux, 200×50, xterm-256color, warm):")
        let probe = try TerminalProbe(binary: binary, database: database.path).measure()
        let frames = Stats(probe.firstFrame), baseline = Stats(probe.tmuxBaseline)
        print("  process start to first frame      median \(ms(frames.median))  max \(ms(probe.firstFrame.max() ?? 0))  (7 runs)")
        print("    tmux alone (printf, same wait)  median \(ms(baseline.median))  → kontor's own share ≈ \(ms(frames.median - baseline.median))")
        let bytes = probe.bytesPerMove.sorted()
        print("  bytes sent for a one-row move     median \(bytes[bytes.count / 2])  max \(bytes.last ?? 0)  (10 moves)")
        print(String(format: "  CPU while idle                    %.2f s over %.1f s", probe.idleCPUSeconds, probe.idleSeconds))
        print("  kontor's resident memory after every screen, a filter on each list and G: now \(probe.memory.current / 1024) MB, peak \(probe.memory.peak / 1024) MB")
    }

    func ms(_ seconds: Double) -> String { KeyTimer.ms(seconds) }

    /// VmRSS and VmHWM of this process, in kB.
    func residentMemory() -> (current: Int, peak: Int) { Self.residentMemory(of: "self") }

    /// VmRSS and VmHWM of a process (`self` or a pid), in kB.
    static func residentMemory(of process: String) -> (current: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return (0, 0) }
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
