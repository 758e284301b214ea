import Foundation
import KontorModel
import KontorUI

/// Set by SIGTERM, SIGINT or SIGHUP in a load-test worker: the session ends at its next look.
nonisolated(unsafe) var loadStopRequested: sig_atomic_t = 0

/// The terminal of a simulated member of staff: the real App's loop runs
/// against it as against ncurses. Keys come from the schedule at their
/// time; while none is due the loop's wait runs out as in a real session,
/// so the App's idle tick (the change check and presence) runs every
/// second. A save falls due in the same wait and is made there, between
/// two keys, on the App's own session.
///
/// Key to frame is the time from handing a key to the App until the App
/// presents the next frame: the update step and drawing included, the
/// related pane's rows read in the background not (as in `kontor bench`).
final class LoadTerminal: TerminalBackend {
    let size = Size(width: 200, height: 50)
    let colorCount = 256
    private var schedule: KeySchedule
    private var writes: LoadWrites
    private let saveEvery: Double
    private let records: LoadRecordFile
    private var random: SeededRandom
    private var nextKey: ScheduledKey
    private var nextKeyAt: UInt64
    private var nextSaveAt: UInt64
    private var saves = 0
    /// The key handed over and when, until its frame is presented.
    private var pending: (kind: String, detail: String?, at: UInt64)?
    /// When the process started, until the first frame.
    private var startedAt: UInt64?
    /// The error last seen on the status line without a key before it.
    private var lastTickError: String?
    /// CPU seconds used and the time, at the first frame.
    private(set) var firstFrame: (cpu: Double, at: UInt64)?
    /// Increments of the counter that landed.
    private(set) var counted = 0
    /// The load test that started this session: if it is gone (killed
    /// with SIGKILL), the session ends too rather than run on unseen.
    private let parent = getppid()

    init(schedule: KeySchedule, writes: LoadWrites, saveEvery: Double, records: LoadRecordFile, seed: UInt64, startedAt: UInt64) {
        self.schedule = schedule
        self.writes = writes
        self.saveEvery = saveEvery
        self.records = records
        self.startedAt = startedAt
        random = SeededRandom(seed: seed)
        nextKey = self.schedule.next()
        let now = Self.now()
        nextKeyAt = now + Self.nanoseconds(nextKey.gap)
        // The first save somewhere in the first interval, so that sessions do not save in step.
        nextSaveAt = now + Self.nanoseconds(Double.random(in: 0.05...1, using: &random) * saveEvery)
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }
    static func ms(since start: UInt64) -> Double { Double(now() - start) / 1e6 }

    var hangup: Bool { loadStopRequested != 0 }

    func present(_ grid: Grid, cursor: Point?) {
        let error = Self.shownError(grid)
        if let started = startedAt {
            records.append(LoadRecord(kind: "start", ms: Self.ms(since: started), error: error))
            startedAt = nil
            firstFrame = (Self.cpuSeconds(), Self.now())
        } else if let (kind, detail, at) = pending {
            records.append(LoadRecord(kind: kind, detail: detail, ms: Self.ms(since: at), error: error))
            pending = nil
        } else if let error, error != lastTickError {
            // Shown after an idle tick (the change check found trouble).
            records.append(LoadRecord(kind: "tick", error: error))
        }
        lastTickError = pending == nil ? error : nil
    }

    /// This process's CPU time so far, user and system.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.cpuSeconds
    }

    /// This process's proportional set size in kB (Linux), nil elsewhere.
    static func pssKB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pss:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// The status line's text when it shows an error (`✗ …`), else nil.
    static func shownError(_ grid: Grid) -> String? {
        let line = grid.line(grid.size.height - 2)
        return line.hasPrefix(" ✗") ? String(line.dropFirst(3)) : nil
    }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        let deadline = Self.now() + UInt64(timeoutMilliseconds) * 1_000_000
        while loadStopRequested == 0 {
            if getppid() != parent { loadStopRequested = 1 }
            let now = Self.now()
            if nextSaveAt <= now {
                save()
                continue
            }
            if nextKeyAt <= now {
                let key = nextKey
                nextKey = schedule.next()
                // A person waits for the screen before the next key: the gap runs from now.
                nextKeyAt = now + Self.nanoseconds(nextKey.gap)
                pending = (key.kind, key.detail, Self.now())
                return key.key
            }
            if now >= deadline { return nil }
            // One sleep until something is due, as a real session blocks in
            // the terminal's read: a stopping signal cuts it short.
            let wake = min(deadline, nextSaveAt, nextKeyAt)
            usleep(useconds_t(max(1, (wake - now) / 1000)))
        }
        return nil
    }

    private func save() {
        let kind = writes.nextKind(first: saves == 0)
        saves += 1
        let start = Self.now()
        var record = LoadRecord(kind: kind, save: true)
        do {
            record.conflicts = try writes.perform(kind)
            if kind == "counter" { counted += 1 }
        } catch is LoadWrites.NothingToDo {
            record.skipped = true
        } catch {
            record.error = ErrorText.describe(error)
        }
        record.ms = Self.ms(since: start)
        records.append(record)
        nextSaveAt = Self.now() + Self.nanoseconds(Double.random(in: 0.5...1.5, using: &random) * saveEvery)
    }

    func invalidate() {}
    func suspend() {}
    func bell() {}
}
