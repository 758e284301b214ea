import Foundation
import KontorModel

/// The floor a key's time is compared with: the same SQL run in the
/// `sqlite3` shell, in the same run of the bench and in the same mode, so
/// that a slow or busy machine shows in both columns alike.
struct ShellFloor {
    let path: String
    let mode: BenchMode
    /// Runs per query; the median and p99 are over these.
    let samples: Int

    /// Read before each query, in both runs of a pair: the shell reads the
    /// schema before its first statement, which Kontor has long done by the
    /// time a key is pressed.
    static let schema = "SELECT count(*) FROM sqlite_master;\n"
    /// Queries per warm run: one query takes microseconds, a shell's start
    /// milliseconds. A slower query is run fewer times, so that a sample
    /// takes about a tenth of a second and the bench its minutes, not an
    /// hour (SQLite's own plan for a one-letter filter takes 130 ms).
    static let batch = 100
    static let sampleSeconds = 0.1

    /// Median and p99 of one run of `sql`, the shell's own start-up and
    /// schema read subtracted; nil when the sqlite3 shell cannot run.
    ///
    /// Warm: each sample is a shell running the query `batch` times, less a
    /// shell that only reads the schema, divided by `batch`. Cold: each
    /// sample is a shell running the query once on a freshly evicted file,
    /// less a shell that only reads the schema on a freshly evicted file.
    /// What is subtracted is the median of the schema-only runs.
    func measure(_ sql: String) -> Stats? {
        var full: [Double] = []
        var empty: [Double] = []
        var batch = 1
        if mode == .warm {
            guard let once = time(Self.schema + sql + ";\n"), let none = time(Self.schema) else { return nil }
            batch = max(1, min(Self.batch, Int(Self.sampleSeconds / max(once - none, 1e-6))))
        }
        let script = Self.schema + String(repeating: sql + ";\n", count: batch)
        for _ in 0..<samples {
            if mode == .cold { PageCache.evict(database: path) }
            guard let withQuery = time(script) else { return nil }
            if mode == .cold { PageCache.evict(database: path) }
            guard let without = time(Self.schema) else { return nil }
            full.append(withQuery)
            empty.append(without)
        }
        // Each run less the typical shell that only read the schema: the
        // median of those is steadier than its partner run alone.
        let startUp = Stats(empty).median
        let queries = Double(batch)
        return Stats(full.map { max(0, $0 - startUp) / queries })
    }

    /// Runs the sqlite3 shell on a script; its wall time, or nil if it failed.
    private func time(_ script: String) -> Double? {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-floor-\(getpid()).sql").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard FileManager.default.createFile(atPath: file, contents: Data(script.utf8)) else { return nil }
        let start = Clock.now()
        guard let status = try? TerminalProbe.spawn(["sqlite3", "-readonly", path], input: file) else { return nil }
        return status == 0 ? Clock.since(start) : nil
    }
}
