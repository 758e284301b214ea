import Foundation

/// Measures what only a real terminal shows: the time from starting the
/// process to its first frame, the bytes a cursor move sends, and the CPU
/// used while idle. Runs `kontor` inside a private tmux server.
struct TerminalProbe {
    let binary: String
    let database: String
    let socketPrefix = "kontor-bench-\(getpid())"
    /// A new tmux server per session: starting one on the socket of a server
    /// that is still shutting down fails now and then.
    private var socket: String { "\(socketPrefix)-\(Self.sessions.value)" }
    private final class Counter: @unchecked Sendable { var value = 0 }
    private static let sessions = Counter()
    let size = (width: 200, height: 50)

    struct Report {
        var firstFrame: [Double] = []
        /// The same wait for a program that prints the awaited text at once:
        /// what tmux and the polling cost by themselves.
        var tmuxBaseline: [Double] = []
        var bytesPerMove: [Int] = []
        var idleCPUSeconds: Double = 0
        var idleSeconds: Double = 0
        /// kontor's own VmRSS and VmHWM (kB) after a tour of every screen:
        /// the memory budget is the program's, not the bench's.
        var memory = (current: 0, peak: 0)
    }

    static func available() -> Bool {
        (try? run(["tmux", "-V"]).status) == 0
    }

    func measure() throws -> Report {
        var report = Report()
        // Every server started here stops, however the measuring ends.
        defer { BenchServers.shared.stopAll() }
        for _ in 0..<7 {
            var start = Clock.now()
            try startSession()
            try waitFor { $0.contains("Name") && $0.contains("Ctry") }
            report.firstFrame.append(Clock.since(start))
            try noteProcesses()
            BenchServers.shared.stop(socket: socket)

            start = Clock.now()
            try startSession(command: "printf 'Name Ctry\\n'; exec cat")
            try waitFor { $0.contains("Name") && $0.contains("Ctry") }
            report.tmuxBaseline.append(Clock.since(start))
            try noteProcesses()
            BenchServers.shared.stop(socket: socket)
        }

        try startSession()
        try waitFor { $0.contains("Name") && $0.contains("Ctry") }
        try noteProcesses()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-bench-\(getpid()).out").path
        BenchServers.shared.scratch(log)
        _ = try Self.spawn(["tmux", "-L", socket, "pipe-pane", "-o", "cat >> '\(log)'"])
        for _ in 0..<10 {
            try settle(log)
            let before = fileSize(log)
            let screen = try capture()
            try send("j")
            try waitFor { $0 != screen }
            try settle(log)
            report.bytesPerMove.append(fileSize(log) - before)
        }

        let pid = try Self.run(["tmux", "-L", socket, "display-message", "-p", "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let before = cpuTicks(pid: pid)
        let idleStart = Clock.now()
        Thread.sleep(forTimeInterval: 5)
        report.idleSeconds = Clock.since(idleStart)
        report.idleCPUSeconds = Double(cpuTicks(pid: pid) - before) / Double(sysconf(Int32(_SC_CLK_TCK)))
        try tour()
        report.memory = Bench.residentMemory(of: pid)
        return report
    }

    private func startSession(command: String? = nil) throws {
        Self.sessions.value += 1
        let command = command ?? "exec env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' --db '\(database)'"
        let arguments = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(size.width)", "-y", "\(size.height)", command]
        let status = try BenchServers.shared.start(socket: socket) { try Self.spawn(arguments) }
        guard status == 0 else { throw KontorFailure("tmux could not start a session (status \(status))") }
    }

    /// Tells `BenchServers` the process ids of the current server and of the
    /// program in its pane, so that it can make sure both are gone later.
    private func noteProcesses() throws {
        let ids = try Self.run(["tmux", "-L", socket, "display-message", "-p", "#{pid} #{pane_pid}"]).output
            .split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
        BenchServers.shared.running(socket: socket, pids: ids)
    }

    /// Runs a program to its end, its input read from `input`, its output
    /// dropped, and returns its exit status; without Foundation's Process,
    /// for two reasons: a program that leaves a server behind (tmux) would
    /// pass it the pipes and the descriptor Process watches, and Process
    /// would wait for it forever; and Process notices an exit only every
    /// 50 ms, too coarse for timing a program (the sqlite3 floor).
    static func spawn(_ arguments: [String], input: String = "/dev/null") throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        // The bench ignores these signals while it watches for them
        // (`BenchServers`); the server and kontor must hear them as usual.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw KontorFailure("cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }

    /// Every screen in turn, a filter typed on each list and taken back,
    /// and the end of the customer list: what a working session reads.
    private func tour() throws {
        let filters: [(screen: String, title: String, word: String)] = [
            ("2", "Tickets", "drucker"), ("3", "Deals", "wartung"), ("4", "Invoices", "2026-00"),
            ("5", "Inventory", "kaffee"), ("6", "Staff", "a"), ("0", "Dashboard", ""), ("1", "Customers", "mueller"),
        ]
        for (screen, title, word) in filters {
            try send(screen)
            try waitFor { $0.split(separator: "\n").dropFirst().first?.contains(title) == true }
            guard !word.isEmpty else { continue }
            let list = try capture()
            try send("/")
            // The word only once the search is open and says how to close
            // it (a list's filter, or Deals' picker), not at the first change
            // of the screen, which may be the screen still filling.
            try waitFor { $0 != list && Self.searchIsOpen($0) }
            try send(literally: word)
            try waitFor { $0.contains("/ " + word) }
            // Escape alone, and its frame awaited: Escape and the next key
            // sent together are read as Alt and that key.
            try send("C-u")
            try waitFor { !$0.contains("/ " + word) }
            try send("Escape")
            try waitFor { !Self.searchIsOpen($0) }
        }
        let before = try capture()
        try send("G")
        try waitFor { $0 != before }
    }

    /// Whether the screen shows a search being typed: its footer offers
    /// Esc to clear a list's filter, or to close or cancel a picker.
    static func searchIsOpen(_ screen: String) -> Bool {
        ["Esc clear", "Esc close", "Esc cancel"].contains { screen.contains($0) }
    }

    /// The screen as tmux shows it. A failed capture is an error, never a
    /// screen: its message differs from any frame, and a wait for a change
    /// would take it for one.
    private func capture() throws -> String {
        try tmux(["capture-pane", "-p"])
    }

    /// Sends a key as tmux names it (`j`, `Escape`, `C-u`).
    private func send(_ key: String) throws {
        _ = try tmux(["send-keys", key])
    }

    /// Sends `text` as typed, letter by letter.
    private func send(literally text: String) throws {
        _ = try tmux(["send-keys", "-l", text])
    }

    /// Runs a tmux command on this probe's server; says what tmux said when
    /// it fails, rather than going on as if the key had been sent.
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.run(["tmux", "-L", socket] + arguments)
        guard result.status == 0 else {
            throw KontorFailure("tmux \(arguments.joined(separator: " ")) failed (status \(result.status)): \(result.output)")
        }
        return result.output
    }

    /// Polls the screen until `condition` holds. Generous: a key's frame
    /// takes milliseconds, but a debug build on a machine busy with other
    /// work (the whole test suite on two cores) can take seconds, and
    /// once took more than 30 s for one screen.
    private func waitFor(_ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if condition(try capture()) { return }
        }
        throw KontorFailure("the terminal did not show the expected screen within 90 s:\n\(try capture())")
    }

    /// Waits until nothing more is written for 150 ms.
    private func settle(_ path: String) throws {
        var last = fileSize(path)
        var quietSince = Date()
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            let now = fileSize(path)
            if now != last {
                last = now
                quietSince = Date()
            } else if Date().timeIntervalSince(quietSince) > 0.15 {
                return
            }
        }
    }

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// utime + stime of a process, in clock ticks.
    private func cpuTicks(pid: String) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3; utime and stime are fields 14 and 15.
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // A tmux client waiting for a server that no longer answers is
        // stopped, and the measuring ends with an error rather than never.
        let pid = process.processIdentifier
        let stop = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: stop)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stop.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
