import Dispatch
import Foundation

/// Every tmux server the bench starts, and the program in its pane, so that
/// all of them stop on every way out of the bench: its normal end, an error,
/// Ctrl-C, SIGTERM or a lost terminal.
///
/// tmux servers detach from the process that starts them: nothing stops
/// them when the bench ends, and a forgotten one keeps a `kontor` open on
/// the bench database. So each server is stopped by name while its socket
/// still exists, then waited for (and killed if it lingers), and only then
/// is its socket removed.
final class BenchServers: @unchecked Sendable {
    static let shared = BenchServers()

    private struct Server {
        var socket: String
        /// The server and the program in its pane, once known.
        var pids: [pid_t] = []
    }

    private let lock = NSLock()
    private var servers: [String: Server] = [:]
    private var signalSources: [DispatchSourceSignal] = []

    /// The folder tmux keeps its sockets in, as tmux itself picks it.
    static var socketFolder: String {
        let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(base)/tmux-\(getuid())"
    }

    /// Held while a server starts, so that a signal's clean-up waits for a
    /// server half-started (and then stops it) rather than missing it.
    private let starting = NSLock()
    /// Set, under `starting`, once a signal asked the bench to end.
    private var stopping = false

    /// Starts a server on `socket` with `start` (the tmux client that forks
    /// it), noting it first. Once the bench is ending on a signal, never
    /// returns: the process exits meanwhile, and a server started now would
    /// outlive it.
    func start(socket: String, _ start: () throws -> Int32) rethrows -> Int32 {
        starting.lock()
        guard !stopping else {
            starting.unlock()
            while true { pause() }
        }
        defer { starting.unlock() }
        lock.withLock { servers[socket] = Server(socket: socket) }
        return try start()
    }

    /// Notes the process ids of a running server and of its pane's program.
    func running(socket: String, pids: [pid_t]) {
        lock.withLock { servers[socket]?.pids = pids }
    }

    /// Stops the server on `socket` and waits until it and its pane are gone.
    /// It stays on the list until then, so that a signal's clean-up meanwhile
    /// stops it too rather than ending the bench half-way through.
    func stop(socket: String) {
        guard let server = lock.withLock({ servers[socket] }) else { return }
        Self.stop(server)
        lock.withLock { _ = servers.removeValue(forKey: socket) }
    }

    /// Stops every server still running and removes the scratch files. Safe
    /// to call more than once, from any thread.
    func stopAll() {
        let all = lock.withLock { Array(servers.values) }
        for server in all { Self.stop(server) }
        let files = lock.withLock {
            for server in all { servers.removeValue(forKey: server.socket) }
            defer { scratchFiles.removeAll() }
            return scratchFiles
        }
        for file in files { try? FileManager.default.removeItem(atPath: file) }
    }

    /// Files the servers write into (a pane's output), removed with them.
    private var scratchFiles: Set<String> = []

    func scratch(_ path: String) {
        lock.withLock { _ = scratchFiles.insert(path) }
    }

    /// On SIGINT, SIGTERM and SIGHUP: stop every server, then end with the
    /// usual status for that signal (128 + its number).
    func stopOnSignals() {
        lock.withLock {
            guard signalSources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [unowned self] in
                    starting.withLock { stopping = true }
                    self.stopAll()
                    FileHandle.standardError.write(Data("\nkontor: bench interrupted; its tmux servers are stopped\n".utf8))
                    exit(128 + number)
                }
                source.resume()
                signalSources.append(source)
            }
        }
    }

    private static func stop(_ server: Server) {
        // The processes are found before the server goes: then its pane's
        // program is nobody's child any more. A server whose ids were not
        // noted yet, or that a client is still starting, is found by the
        // socket's name on its command line; so the round is repeated until
        // nothing with that name runs.
        var known = Set(server.pids)
        let deadline = Date().addingTimeInterval(5)
        var round = 0
        while true {
            let found = processes(using: server.socket)
            known.formUnion(found)
            known.formUnion(children(of: found.union(known)))
            let alive = known.filter(isAlive)
            if round > 0 && alive.isEmpty && found.isEmpty { break }
            if Date() > deadline {
                for pid in alive { kill(pid, SIGKILL) }
                break
            }
            if round % 50 == 0 {
                // kill-server hangs up on the pane's program; after a second, less politely.
                _ = try? TerminalProbe.spawn(["tmux", "-L", server.socket, "kill-server"])
                if round > 0 { for pid in alive { kill(pid, SIGKILL) } }
            }
            round += 1
            usleep(20_000)
        }
        try? FileManager.default.removeItem(atPath: "\(socketFolder)/\(server.socket)")
    }

    /// Every process started with `-L socket`: the tmux server, and a client still starting it.
    private static func processes(using socket: String) -> Set<pid_t> {
        var found: Set<pid_t> = []
        for pid in allProcesses() where pid != getpid() {
            guard let line = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { continue }
            let arguments = line.split(separator: "\0").map(String.init)
            if zip(arguments, arguments.dropFirst()).contains(where: { $0 == "-L" && $1 == socket }) { found.insert(pid) }
        }
        return found
    }

    /// The processes whose parent is one of `parents`.
    private static func children(of parents: Set<pid_t>) -> Set<pid_t> {
        var found: Set<pid_t> = []
        for pid in allProcesses() {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After the command name: state, then the parent's id.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]), parents.contains(parent) { found.insert(pid) }
        }
        return found
    }

    private static func allProcesses() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    }

    /// Whether a process runs; a zombie waiting for its parent counts as gone.
    private static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }
}
