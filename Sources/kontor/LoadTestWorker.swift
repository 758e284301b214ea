import ArgumentParser
import Foundation
import KontorLocale
import KontorApp
import KontorModel
import KontorUI

/// `kontor loadtest-worker`: one simulated member of staff, started by
/// `kontor loadtest` in a process of its own, as each person's `kontor`
/// runs in its own process on the server. Runs the real App (its loop,
/// idle tick, change check and presence) on `LoadTerminal` until SIGTERM
/// or SIGINT, then writes its summary and exits.
struct LoadTestWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest-worker",
        abstract: tr("One session of a load test (started by kontor loadtest)."),
        shouldDisplay: false
    )

    @Option(name: .long, help: "The database.") var db: String
    @Option(name: .long, help: "The member of staff to act as.") var user: String
    @Option(name: .long, help: "The customer whose notes hold this session's counter.") var counter: Int64
    @Option(name: .long, help: "How the session works.") var mix: LoadMix = .typical
    @Option(name: .long, help: "Mean seconds between saves.") var saveEvery: Double
    @Option(name: .long, help: "The seed of this session's schedule.") var seed: UInt64
    @Option(name: .long, help: "The file to write records to (JSON lines).") var out: String
    @Option(name: .long, help: "When the load test started (seconds since 1970).") var epoch: Double

    func run() throws {
        // For the time from starting to the first frame.
        let started = LoadTerminal.now()
        LoadSignals.handle { _ in loadStopRequested = 1 }
        BusyWaits.counting = true
        try MainActor.assumeIsolated { try session(started: started) }
    }
}

extension LoadTestWorker {
    /// Runs the App until the worker is told to stop, then writes the summary.
    @MainActor
    private func session(started: UInt64) throws {
        let records = try LoadRecordFile(path: out, epoch: epoch)
        let database = try KontorDatabase(path: db, username: user)
        let session = try database.session(for: Actor(username: user))
        let terminal = LoadTerminal(schedule: KeySchedule(mix: mix, seed: seed),
                                    writes: LoadWrites(session: session, counter: counter, seed: seed &+ 1),
                                    saveEvery: saveEvery, records: records, seed: seed &+ 2, startedAt: started)
        let app = App(session: session, theme: .fallback)
        // Replies queue mail; delivering it is the server's cron's or a session's job, not measured here.
        app.sendsMail = false
        app.run(on: terminal)
        if let reason = app.endedBecause { records.append(LoadRecord(kind: "tick", error: reason)) }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let busy = BusyWaits.seen
        var summary = LoadRecord(kind: "summary", counter: terminal.counted, busyWaits: busy.waits, busyRetries: busy.retries,
                                 cpuSeconds: usage.cpuSeconds, peakRSSKB: usage.ru_maxrss, pssKB: LoadTerminal.pssKB())
        if let first = terminal.firstFrame {
            summary.cpuSinceFirstFrame = usage.cpuSeconds - first.cpu
            summary.secondsSinceFirstFrame = Double(LoadTerminal.now() - first.at) / 1e9
        }
        records.append(summary)
    }
}

extension rusage {
    /// User and system time together, in seconds.
    var cpuSeconds: Double {
        Double(ru_utime.tv_sec + ru_stime.tv_sec) + Double(ru_utime.tv_usec + ru_stime.tv_usec) / 1e6
    }
}
