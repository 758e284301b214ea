import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kontor bench` starts tmux servers with a `kontor` in them; none of them
/// may outlive it, whether it ends normally or is interrupted.
@Suite("kontor bench leaves nothing behind", .serialized, .timeLimit(.minutes(2)))
struct BenchEndToEndTests {
    #if os(Linux)
    @Test("a full run of the terminal measurements stops every tmux server and kontor it started")
    func normalEnd() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let result = try await Processes.run(kontor, ["bench", "--db", db, "--terminal-only"],
                                             environment: workspace.environment, directory: workspace.path)
        #expect(result.status == 0, "bench failed: \(result.err)")
        #expect(result.out.contains("bytes sent for a one-row move"), "no terminal measurements:\n\(result.out)")
        try await expectNothingLeft(workspace)
    }

    @Test("the reports alone: the open items and the dunning run, from key to frame and until shown, and the memory after")
    func reportsOnly() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let result = try await Processes.run(kontor, ["bench", "--db", db, "--reports-only", "--repeats", "10"],
                                             environment: workspace.environment, directory: workspace.path)
        #expect(result.status == 0, "bench failed: \(result.err)")
        for line in ["open items (o): key to frame", "open items (o): key until shown", "dunning run (M): key until shown",
                     "dunning run: Space (exclude, include)", "resident memory after the reports"] {
            #expect(result.out.contains(line), "\(line) missing:\n\(result.out)")
        }
    }

    @Test("interrupted while measuring, bench stops its tmux servers and their kontor first",
          arguments: [SIGTERM, SIGINT])
    func interrupted(signal: Int32) async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let environment = workspace.environment, folder = workspace.path
        let bench = Task {
            try await Processes.run(kontor, ["bench", "--db", db, "--terminal-only"], environment: environment, directory: folder)
        }
        // Wait until one of its tmux servers runs (with kontor inside, or
        // about to be), then interrupt.
        let pattern = "^" + Processes.regexEscaped(kontor) + " bench --db " + Processes.regexEscaped(db) + "( |$)"
        let deadline = ContinuousClock.now + .seconds(60)
        var benchPID: Int32?
        while benchPID == nil, ContinuousClock.now < deadline {
            benchPID = try await Processes.pids(matching: pattern).first
            if benchPID == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let pid = try #require(benchPID, "kontor bench did not start")
        var started = false
        while !started, ContinuousClock.now < deadline {
            started = startedBy(workspace).contains { $0.command.contains("kontor") }
            if !started { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(started, "no tmux server with kontor started within 60 s")
        kill(pid, signal)
        let result = try await bench.value
        #expect(result.status == 128 + signal, "bench should end with status \(128 + signal) after signal \(signal): \(result.status), \(result.err)")
        #expect(result.err.contains("interrupted"), "stderr: \(result.err)")
        try await expectNothingLeft(workspace)
    }

    /// No process started by the bench runs, and no tmux socket is left.
    /// What bench started (the tmux servers, and kontor inside) carries the
    /// workspace's TMUX_TMPDIR in its environment.
    func expectNothingLeft(_ workspace: Workspace, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        // bench waits for them before it ends: nothing is left even a moment later.
        let left = startedBy(workspace)
        #expect(left.isEmpty, "still running: \(left.map { "\($0.pid) \($0.command)" })", sourceLocation: sourceLocation)
        let sockets = (try? FileManager.default.subpathsOfDirectory(atPath: workspace.path))?.filter { $0.contains("kontor-bench-") } ?? []
        #expect(sockets.isEmpty, "tmux sockets left: \(sockets)", sourceLocation: sourceLocation)
    }

    /// Running processes (not zombies) whose environment names the workspace as TMUX_TMPDIR.
    func startedBy(_ workspace: Workspace) -> [(pid: Int32, command: String)] {
        let marker = "TMUX_TMPDIR=\(workspace.path)"
        var found: [(Int32, String)] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name), pid != getpid(), Processes.isAlive(pid),
                  let environ = try? String(contentsOfFile: "/proc/\(pid)/environ", encoding: .utf8),
                  environ.split(separator: "\0").contains(where: { $0 == marker }) else { continue }
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8))?.replacingOccurrences(of: "\0", with: " ") ?? "?"
            // The bench itself is not left behind while it runs.
            if command.contains(" bench --db ") { continue }
            found.append((pid, command))
        }
        return found
    }
    #endif
}
