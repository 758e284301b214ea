import Foundation

/// What a load test found: every worker's records and how each process
/// ended, put into the table `kontor loadtest` prints.
struct LoadReport {
    var sessions: Int
    var seconds: Double
    var mix: LoadMix
    var saveEvery: Double
    var seed: UInt64
    var database: String
    /// Each worker's records, in the order they were started.
    var records: [[LoadRecord]]
    /// Each worker's CPU seconds and peak resident memory (kB), from `wait4`.
    var usage: [(cpu: Double, rssKB: Int)]
    /// The workers' process ids, all reaped by the time the report is made.
    var pids: [Int32]
    /// Workers that did not end well (crashed, killed, or never wrote a summary).
    var failedWorkers: [String]
    /// The counters as stored at the end, and the increments the workers reported.
    var counterStored: Int
    var counterReported: Int

    var lostUpdates: Int { counterReported - counterStored }

    var text: String {
        var out: [String] = []
        let pace = mix == .idle ? "no key" : "a key every 1–2 s"
        let rates = pace + (saveEvery >= LoadMix.never ? ", no save" : ", a save every \(String(format: "%g", saveEvery)) s per session")
        out.append("kontor loadtest: \(sessions) sessions, \(String(format: "%.0f", seconds)) s, mix \(mix.rawValue) (\(rates)), seed \(seed)")
        out.append("database: \(database)")
        out.append("worker pids (all ended): \(pids.map(String.init).joined(separator: " "))")
        let all = records.flatMap { $0 }
        // The sessions start all at once and their start-ups compete for the
        // CPU: keys and saves are measured once every session has its first frame.
        let steadyFrom = all.filter { $0.kind == "start" }.compactMap(\.at).max() ?? 0
        let steady = all.filter { ($0.at ?? 0) >= steadyFrom }
        let keys = steady.filter { !$0.save && $0.kind != "summary" && $0.kind != "tick" && $0.kind != "start" }
        let saves = steady.filter { $0.save && !$0.skipped }
        let before = all.filter { ($0.at ?? 0) < steadyFrom && $0.kind != "start" && $0.kind != "tick" }
        let measured = max(seconds - steadyFrom, 0.001)
        out.append("")
        out.append(String(format: "start-up: every session had its first frame %.1f s after the start; keys and saves are measured from then on (%.0f s; %d before it left out)",
                          steadyFrom, measured, before.count))
        out.append(Self.row("process start to first frame", all.filter { $0.kind == "start" }.map(\.ms)))
        out.append("")
        out.append(Self.header("keys: key to frame"))
        for kind in ["move", "filter", "open", "close", "pane", "screen"] {
            out.append(Self.row(kind, keys.filter { $0.kind == kind }.map(\.ms)))
        }
        out.append(Self.row("all keys", keys.map(\.ms)))
        out.append("")
        out.append(Self.header("filter keys with the highest p99"))
        let byDetail = Dictionary(grouping: keys.filter { $0.kind == "filter" && $0.detail != nil }, by: { $0.detail! })
            .map { detail, records in
                let values = records.map(\.ms)
                return (detail: detail, values: values, p99: Self.at(values, 0.99))
            }
        for group in byDetail.sorted(by: { $0.p99 > $1.p99 }).prefix(8) {
            out.append(Self.row("screen " + group.detail, group.values))
        }
        out.append("")
        out.append(Self.header("saves: the write's time"))
        for kind in LoadWrites.kinds { out.append(Self.row(kind, saves.filter { $0.kind == kind }.map(\.ms))) }
        out.append(Self.row("all saves", saves.map(\.ms)))
        out.append("")
        let landed = saves.filter { $0.error == nil }.count
        let skipped = all.filter(\.skipped).count
        if skipped > 0 { out.append("skipped: \(skipped) saves found nothing to act on (no open ticket, deal or stocked product)") }
        out.append(String(format: "writes: %d saves in %.0f s = %.2f per second (%d sessions)", landed, measured, Double(landed) / measured, sessions))
        let summaries = all.filter { $0.kind == "summary" }
        let waits = summaries.compactMap(\.busyWaits).reduce(0, +)
        let retries = summaries.compactMap(\.busyRetries).reduce(0, +)
        out.append("busy: \(waits) writes found the database locked and waited, \(retries) retries; \"database is locked\" shown: \(all.filter { $0.error?.contains("busy") == true || $0.error?.contains("locked") == true }.count)")
        out.append("conflicts: \(all.map(\.conflicts).reduce(0, +)) (someone else's save first; read again and retried)")
        let errors = all.compactMap(\.error)
        out.append("errors shown to a user: \(errors.count)")
        for (text, count) in Dictionary(grouping: errors, by: { $0 }).mapValues(\.count).sorted(by: { $0.value > $1.value }).prefix(5) {
            out.append("  \(count)× \(text)")
        }
        out.append("sessions that did not end well: \(failedWorkers.count)")
        for line in failedWorkers.prefix(5) { out.append("  \(line)") }
        out.append("")
        let cpu = usage.map { $0.cpu / max(seconds, 0.001) * 100 }
        out.append(String(format: "CPU (%% of one core over the run, start-up included): per session median %.2f %%, max %.2f %%; all sessions %.1f %%",
                          Self.at(cpu, 0.5), cpu.max() ?? 0, cpu.reduce(0, +)))
        let running = summaries.compactMap { summary -> Double? in
            guard let cpu = summary.cpuSinceFirstFrame, let seconds = summary.secondsSinceFirstFrame, seconds > 0 else { return nil }
            return cpu / seconds * 100
        }
        out.append(String(format: "CPU after start-up (from each session's first frame): per session median %.2f %%, max %.2f %%; all sessions %.1f %%",
                          Self.at(running, 0.5), running.max() ?? 0, running.reduce(0, +)))
        let rss = usage.map { Double($0.rssKB) / 1024 }
        out.append(String(format: "memory (peak RSS): per session median %.1f MB, max %.1f MB; all sessions %.1f MB (shared pages counted in each)",
                          Self.at(rss, 0.5), rss.max() ?? 0, rss.reduce(0, +)))
        let pss = summaries.compactMap(\.pssKB).map { Double($0) / 1024 }
        if !pss.isEmpty {
            out.append(String(format: "memory (PSS at the end, shared pages split): per session median %.1f MB, max %.1f MB; all sessions %.1f MB",
                              Self.at(pss, 0.5), pss.max() ?? 0, pss.reduce(0, +)))
        }
        out.append("")
        if lostUpdates == 0 {
            out.append("lost updates: 0 (counters stored \(counterStored) = increments reported \(counterReported))")
        } else {
            out.append("lost updates: \(lostUpdates) — FAILED (counters stored \(counterStored), increments reported \(counterReported))")
        }
        return out.joined(separator: "\n")
    }

    static func header(_ title: String) -> String {
        title.padding(toLength: 34, withPad: " ", startingAt: 0) + "count".leftPad(7) + "median ms".leftPad(11) + "p99 ms".leftPad(10) + "max ms".leftPad(10)
    }

    static func row(_ label: String, _ values: [Double]) -> String {
        let numbers = values.isEmpty ? "" : String(format: "%11.2f%10.2f%10.2f", at(values, 0.5), at(values, 0.99), values.max() ?? 0)
        return ("  " + label).padding(toLength: 34, withPad: " ", startingAt: 0) + String(values.count).leftPad(7) + numbers
    }

    /// The value at fraction `p` of the sorted values (nearest rank).
    static func at(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1)
        return sorted[min(sorted.count - 1, rank)]
    }
}
