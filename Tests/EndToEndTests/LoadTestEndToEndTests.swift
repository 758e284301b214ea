import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kontor loadtest` runs simulated sessions as processes of their own:
/// its report must have every part, and no session may outlive it,
/// whether it runs its time or is interrupted.
@Suite("kontor loadtest", .serialized, .timeLimit(.minutes(2)))
struct LoadTestEndToEndTests {
    @Test("a short load test reports every section with keys and saves, no error, no lost update, and leaves no session running")
    func shortRun() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase(scale: 50)
        try await workspace.sqlite(db, "UPDATE settings SET value = 'DE123456788' WHERE key = 'company.vat_id'")
        let result = try await Processes.run(kontor, ["loadtest", "--db", db, "--sessions", "3", "--duration", "4", "--save-every", "0.3",
                                                      "--out", workspace.file("report.txt")],
                                             environment: environment(of: workspace), directory: workspace.path)
        #expect(result.status == 0, "loadtest failed (\(result.status)): \(result.err)\n\(result.out)")
        let report = result.out
        for heading in ["start-up:", "keys: key to frame", "filter keys with the highest p99", "saves: the write's time", "writes:", "busy:", "conflicts:", "CPU (", "CPU after start-up", "memory (peak RSS)", "lost updates:"] {
            #expect(report.contains(heading), "no \(heading) in:\n\(report)")
        }
        #expect(count(of: "process start to first frame", in: report) == 3, "\(report)")
        #expect(count(of: "all keys", in: report) > 0, "\(report)")
        #expect(count(of: "all saves", in: report) > 0, "\(report)")
        // The lost-update check counted something: the first save of every session is its counter's.
        let stored = report.split(separator: "\n").first { $0.hasPrefix("lost updates: 0 (counters stored ") }
            .flatMap { Int($0.dropFirst("lost updates: 0 (counters stored ".count).prefix { $0.isNumber }) } ?? 0
        #expect(stored >= 3, "\(report)")
        #expect(report.contains("errors shown to a user: 0"), "\(report)")
        #expect(report.contains("sessions that did not end well: 0"), "\(report)")
        #expect(report.contains("lost updates: 0 ("), "\(report)")
        #expect(try String(contentsOfFile: workspace.file("report.txt"), encoding: .utf8).contains("lost updates: 0 ("))
        expectEnded(pids(in: report))
        try expectNoTemporaryFolder(workspace)
        let counters = try await workspace.sqlite(db, "SELECT count(*) FROM customers WHERE name LIKE 'Lasttest Zähler %'")
        #expect(counters.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }

    #if os(Linux)
    @Test("interrupted, the load test stops every session first and says so", arguments: [SIGINT, SIGTERM])
    func interrupted(signal: Int32) async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase(scale: 50)
        // Started here, at once, rather than from a task that a busy test run may schedule late.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kontor)
        process.arguments = ["loadtest", "--db", db, "--sessions", "2", "--duration", "60"]
        process.environment = environment(of: workspace)
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let pid = process.processIdentifier
        let workers = "^" + Processes.regexEscaped(kontor) + " loadtest-worker --db " + Processes.regexEscaped(db) + " "
        let deadline = ContinuousClock.now + .seconds(60)
        var workerPIDs: [Int32] = []
        while workerPIDs.count < 2, ContinuousClock.now < deadline {
            workerPIDs = try await Processes.pids(matching: workers)
            if workerPIDs.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(workerPIDs.count == 2, "its sessions did not start within 60 s")
        try await Task.sleep(for: .seconds(1))
        let stopped = ContinuousClock.now
        kill(pid, signal)
        while process.isRunning, ContinuousClock.now - stopped < .seconds(30) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ContinuousClock.now - stopped < .seconds(10), "stopping took too long")
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        // The report is a few lines: the pipes never fill.
        let result = (status: process.terminationStatus,
                      out: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                      err: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        #expect(result.status == 128 + signal, "status \(result.status): \(result.err)")
        #expect(result.err.contains("interrupted"), "stderr: \(result.err)")
        #expect(Set(pids(in: result.out)) == Set(workerPIDs), "\(result.out)")
        expectEnded(workerPIDs)
        try expectNoTemporaryFolder(workspace)
    }
    #endif

    /// The workspace's environment, with its temporary folder inside the workspace.
    func environment(of workspace: Workspace) -> [String: String] {
        var environment = workspace.environment
        environment["TMPDIR"] = workspace.path
        return environment
    }

    func expectNoTemporaryFolder(_ workspace: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.hasPrefix("kontor-loadtest-") }
        #expect(left.isEmpty, "temporary folders left: \(left)", sourceLocation: sourceLocation)
    }

    /// The worker pids the report names.
    func pids(in report: String) -> [Int32] {
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("worker pids (all ended): ") }) else { return [] }
        return line.dropFirst("worker pids (all ended): ".count).split(separator: " ").compactMap { Int32($0) }
    }

    func expectEnded(_ pids: [Int32], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!pids.isEmpty, "no worker pids reported", sourceLocation: sourceLocation)
        for pid in pids { #expect(!Processes.isAlive(pid), "worker \(pid) is still running", sourceLocation: sourceLocation) }
    }

    /// The count column of the report's row named `label`.
    func count(of label: String, in report: String) -> Int {
        guard let line = report.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }) else { return -1 }
        let rest = line.trimmingCharacters(in: .whitespaces).dropFirst(label.count)
        return Int(rest.split(separator: " ").first ?? "") ?? -1
    }
}
