import ArgumentParser
import Foundation
import KontorLocale
import KontorModel

/// `kontor loadtest`: how many colleagues one server carries. Starts N
/// sessions as separate processes (`kontor loadtest-worker`), each the
/// real App on a headless terminal acting as a member of staff on a
/// schedule drawn from a stated mix, stops them after the given time and
/// prints key-to-frame and save times, writes per second, busy waits,
/// errors, CPU, memory, and whether any update was lost.
///
/// It works on the database it is given and changes it (staff accounts
/// `loadtest-NN`, a counter customer per session, tickets taken, invoices
/// issued): give it a copy of a demo database, never the business's own.
struct LoadTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: tr("Run N simulated staff sessions against a copy of a database and report times, CPU and memory."),
        discussion: """
            Changes the database it is given: use a copy of a demo database (kontor demo --seed-only). \
            Each session is a process of its own acting as staff account loadtest-NN (role manager, \
            created if missing), running the real application on a headless 200×50 terminal with its \
            once-a-second change check and presence. \(LoadMix.rates) \
            Saves go through the model's calls the screens' forms end in, not by keys. \
            Exits 1 if an update was lost, 128 + n when stopped by signal n (every session is stopped first).
            """,
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp("The database (a copy; it is changed).", valueName: "path"))
    var db: String

    @Option(name: .long, help: ArgumentHelp("Sessions to run at once.", valueName: "N"))
    var sessions: Int

    @Option(name: .long, help: ArgumentHelp("How long to run them.", valueName: "seconds"))
    var duration: Double

    @Option(name: .long, help: ArgumentHelp("typical (a save every 60 s per session), heavy (every 10 s) or idle (sessions open, untouched).", valueName: "mix"))
    var mix: LoadMix = .typical

    @Option(name: .long, help: ArgumentHelp("Mean seconds between a session's saves, instead of the mix's.", valueName: "seconds"))
    var saveEvery: Double?

    @Option(name: .long, help: ArgumentHelp("Seed of the schedules: the same seed draws the same keys and saves.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Also write the report to this file.", valueName: "file"))
    var out: String?

    /// Seconds a worker has to end after SIGTERM before it is killed.
    static let grace = 5.0

    func validate() throws {
        guard sessions >= 1, sessions <= 1000 else { throw ValidationError("--sessions must be 1 to 1000, got \(sessions)") }
        guard duration > 0 else { throw ValidationError("--duration must be more than 0 seconds") }
        if let saveEvery, saveEvery <= 0 { throw ValidationError("--save-every must be more than 0 seconds") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw KontorFailure("no database at \(db); make one with kontor demo --seed-only --db \(db)") }
        let database = try KontorDatabase(path: db)
        if try database.isEmpty() { throw KontorFailure("\(db) holds no data; make a demo with kontor demo --seed-only") }
        let admin = try database.session(for: Actor.current())
        let people = try LoadSetup.staff(count: sessions, by: admin)
        let counters = try LoadSetup.counters(count: sessions, by: admin)

        let folder = try LoadSetup.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        LoadSignals.handle { number in loadParentStopRequested = number }
        let workers = LoadWorkers()
        let interval = saveEvery ?? mix.saveEvery
        let start = Date()
        let epoch = String(start.timeIntervalSince1970)
        do {
            for i in 0..<sessions {
                try workers.start(arguments: [
                    "loadtest-worker", "--db", db, "--user", people[i], "--counter", String(counters[i]),
                    "--mix", mix.rawValue, "--save-every", String(interval), "--seed", String(seed &* 1_000_003 &+ UInt64(i)),
                    "--out", "\(folder)/worker-\(i).jsonl", "--epoch", epoch,
                ], log: "\(folder)/worker-\(i).log")
            }
        } catch {
            workers.stop(grace: 0)
            throw error
        }
        while Date().timeIntervalSince(start) < duration, loadParentStopRequested == 0, !workers.running.isEmpty {
            usleep(100_000)
            workers.reap()
        }
        workers.stop(grace: Self.grace)
        let seconds = Date().timeIntervalSince(start)
        if loadParentStopRequested != 0 { FileHandle.standardError.write(Data("kontor: load test interrupted; every session stopped\n".utf8)) }

        var failed: [String] = []
        var records: [[LoadRecord]] = []
        for (i, pid) in workers.pids.enumerated() {
            let lines = LoadRecordFile.read(path: "\(folder)/worker-\(i).jsonl")
            records.append(lines)
            if !workers.endedWell(pid) || !lines.contains(where: { $0.kind == "summary" }) {
                let log = (try? String(contentsOfFile: "\(folder)/worker-\(i).log", encoding: .utf8)) ?? ""
                let last = log.split(separator: "\n").last.map(String.init) ?? "no summary written"
                failed.append("\(people[i]) (pid \(pid), status \(workers.ended[pid]?.status ?? -1)): \(last)")
            }
        }
        let usage = workers.pids.map { pid in
            (cpu: workers.ended[pid]?.usage.cpuSeconds ?? 0, rssKB: workers.ended[pid].map { Int($0.usage.ru_maxrss) } ?? 0)
        }
        let stored = try counters.reduce(0) { sum, id in sum + (Int(try database.customers.find(id: id)?.fields.notes ?? "") ?? 0) }
        let reported = records.flatMap { $0 }.filter { $0.save && $0.kind == "counter" && $0.error == nil }.count
        let report = LoadReport(sessions: sessions, seconds: seconds, mix: mix, saveEvery: interval, seed: seed, database: db,
                                records: records, usage: usage, pids: workers.pids, failedWorkers: failed, counterStored: stored, counterReported: reported)
        print(report.text)
        if let out { try (report.text + "\n").write(toFile: out, atomically: true, encoding: .utf8) }
        // Interrupted: the report of what ran, and the status shells expect (128 + n).
        if loadParentStopRequested != 0 { throw ExitCode(128 + loadParentStopRequested) }
        if report.lostUpdates != 0 { throw ExitCode(1) }
    }
}
