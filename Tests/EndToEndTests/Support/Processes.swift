import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
struct ProcessResult: Sendable {
    var status: Int32
    /// True when the process ended through a signal rather than exit().
    var killedBySignal: Bool
    var stdout: Data
    var stderr: Data

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
}

/// A failure of the test machinery itself (a tool missing, a command failing).
struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs programs, with Foundation's `Process` except for starting a tmux
/// server (see `runStartingDaemon`).
///
/// Output goes to temporary files rather than pipes: a tmux client starts a
/// server that lives on, and a server that inherited a pipe would keep it
/// open, so reading the pipe "to the end" would never end.
enum Processes {
    /// A UTF-8 locale that exists on this system; without one ncursesw drops
    /// every non-ASCII character and "Müller" would show as "Mller".
    static let utf8Locale: String = {
        #if os(Linux)
        return "C.UTF-8"
        #else
        return "en_US.UTF-8"
        #endif
    }()

    /// A small, predictable environment: nothing from the developer's shell
    /// (KONTOR_DB, KONTOR_THEME, NO_COLOR, TMUX, …) leaks into a test.
    static func baseEnvironment(home: String) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "XDG_DATA_HOME": home,
            "LANG": utf8Locale,
            "LC_ALL": utf8Locale,
            "SHELL": "/bin/sh",
        ]
    }

    /// Finds a program on PATH, or fails saying which one is missing.
    static func which(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw E2EError("`\(name)` is not installed (not found on PATH \(path)); the end-to-end tests need it")
    }

    /// Runs a program to completion without blocking a Swift concurrency thread.
    /// Standard input is /dev/null unless `stdin` names a file.
    ///
    /// A program still running after `timeout` seconds is killed and the
    /// test fails naming it: a command that hangs would otherwise hold the
    /// whole test run (a test's time limit cannot end a wait like this one).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdin: String = "/dev/null", directory: String? = nil, timeout: TimeInterval = 600) async throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }

        let scratch = FileManager.default.temporaryDirectory
        let outURL = scratch.appendingPathComponent("kontor-e2e-\(UUID().uuidString).out")
        let errURL = scratch.appendingPathComponent("kontor-e2e-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw E2EError("cannot create output files in \(scratch.path)")
        }
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard let input = FileHandle(forReadingAtPath: stdin) else { throw E2EError("cannot open \(stdin) for reading") }
        let output = try FileHandle(forWritingTo: outURL)
        let errors = try FileHandle(forWritingTo: errURL)
        defer {
            try? input.close()
            try? output.close()
            try? errors.close()
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors

        let (status, reason) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Int32, Process.TerminationReason), Error>) in
            let watch = Watch(continuation)
            process.terminationHandler = { finished in
                watch.finish { .success((finished.terminationStatus, finished.terminationReason)) }
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                return watch.finish { .failure(E2EError("cannot start \(executable): \(error)")) }
            }
            let pid = process.processIdentifier, command = ([executable] + arguments).joined(separator: " ")
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                watch.finish {
                    kill(pid, SIGKILL)
                    let said = ((try? String(contentsOf: errURL, encoding: .utf8)) ?? "").suffix(2_000)
                    return .failure(E2EError("\(command) did not end within \(Int(timeout)) s and was killed; it said: \(said)"))
                }
            }
        }
        return ProcessResult(status: status, killedBySignal: reason == .uncaughtSignal,
                             stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                             stderr: (try? Data(contentsOf: errURL)) ?? Data())
    }

    /// Ends a wait for a process once: when it ends, or when its time is up
    /// (then it is killed, unless it ended first and its id may already be
    /// another process's). The timeout resumes the wait itself: a child
    /// whose own child lives on may never be seen to end (see below).
    private final class Watch: @unchecked Sendable {
        typealias Outcome = (Int32, Process.TerminationReason)
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Outcome, Error>?

        init(_ continuation: CheckedContinuation<Outcome, Error>) { self.continuation = continuation }

        /// Resumes the wait with what `outcome` makes, unless it was
        /// resumed already; `outcome` runs only then.
        func finish(_ outcome: () -> Result<Outcome, Error>) {
            lock.lock()
            defer { lock.unlock() }
            guard let waiting = continuation else { return }
            continuation = nil
            waiting.resume(with: outcome())
        }
    }

    /// Runs a program that leaves a daemon behind (the tmux client that starts
    /// a tmux server), without Foundation's `Process`, for two reasons:
    ///
    /// - On Linux, `Process` learns that its child ended when a socket it
    ///   hands the child reaches end-of-file. A daemon forked by the child
    ///   inherits that socket and keeps it open, so the launch never "ends"
    ///   (the child stays a zombie and `waitUntilExit` never returns).
    /// - The child inherits the signal mask of the calling thread, and the
    ///   libdispatch threads that run Swift concurrency tasks block most
    ///   signals: a tmux server started that way ignores SIGTERM and never
    ///   hears of its panes' children ending (SIGCHLD).
    ///
    /// Here the child gets an empty signal mask, default signal handlers and
    /// no descriptors but 0, 1 and 2.
    static func runStartingDaemon(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> ProcessResult {
        #if os(Linux)
        let scratch = FileManager.default.temporaryDirectory.path
        let outPath = "\(scratch)/kontor-e2e-\(UUID().uuidString).out"
        let errPath = "\(scratch)/kontor-e2e-\(UUID().uuidString).err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // posix_spawn_file_actions_addclosefrom_np (glibc 2.34) closes in the
        // child whatever is open at that moment; Swift's Glibc module does not
        // declare it, so look it up. Without it, close what is open now.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        } else {
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap({ Int32($0) }) where fd > 2 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw E2EError("cannot start \(executable): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        // It forks its daemon and ends at once; one still there after a
        // minute is stuck, and fails the test rather than holding the run.
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { throw E2EError("waitpid(\(pid)) failed: \(String(cString: strerror(errno)))") }
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw E2EError("\(([executable] + arguments).joined(separator: " ")) did not end within 60 s and was killed")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let signal = status & 0x7f
        return ProcessResult(status: signal == 0 ? (status >> 8) & 0xff : signal, killedBySignal: signal != 0,
                             stdout: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
                             stderr: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data())
        #else
        // Darwin's Process watches the child itself (not a socket it inherits).
        return try await run(executable, arguments, environment: environment)
        #endif
    }

    /// Like `run`, but blocking: for clean-up in `deinit`, where nothing can be awaited.
    static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do {
            try process.run()
            process.waitUntilExit()
        } catch {}
    }

    /// Process ids whose full command line matches the extended regular
    /// expression `pattern` (pgrep -f). Never includes pgrep itself.
    static func pids(matching pattern: String) async throws -> [Int32] {
        let result = try await run(try which("pgrep"), ["-f", "--", pattern],
                                   environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        // pgrep: 0 found, 1 none found, anything else is an error.
        guard result.status == 0 || result.status == 1 else {
            throw E2EError("pgrep -f \(pattern) failed (\(result.status)): \(result.err)")
        }
        return result.out.split(whereSeparator: \.isNewline).compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Whether a process with this id is still running. A zombie (ended, not
    /// yet reaped by its parent, which for orphans in a container may take a
    /// while) counts as ended.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        // /proc/<pid>/stat: "pid (command) S …"; the state follows the last ")".
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
            return state != "Z" && state != "X"
        }
        #endif
        return true
    }

    /// `text` with every character that means something in an extended
    /// regular expression escaped.
    static func regexEscaped(_ text: String) -> String {
        var escaped = ""
        for c in text {
            if "\\^$.|?*+()[]{}".contains(c) { escaped.append("\\") }
            escaped.append(c)
        }
        return escaped
    }

    /// Quotes a word for /bin/sh.
    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Where the `kontor` executable under test is.
enum KontorBinary {
    /// The binary's path, or a failure that says where it was looked for.
    static func path() throws -> String {
        if let path = found.path { return path }
        throw E2EError(found.problem)
    }

    /// Searched once per test run.
    private static let found: (path: String?, problem: String) = search()

    private static func search() -> (path: String?, problem: String) {
        let fm = FileManager.default
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["KONTOR_BINARY"], !explicit.isEmpty {
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: explicit, isDirectory: &isFolder), !isFolder.boolValue, fm.isExecutableFile(atPath: explicit) {
                return (explicit, "")
            }
            return (nil, "KONTOR_BINARY is set to \(explicit), which is not an executable file")
        }
        var folders: [String] = []
        func add(_ url: URL?) {
            guard let url else { return }
            for candidate in [url, url.resolvingSymlinksInPath()] {
                let path = candidate.standardizedFileURL.path
                if !path.isEmpty, !folders.contains(path) { folders.append(path) }
            }
        }
        // The test executable (Linux: …/debug/KontorPackageTests.xctest is itself the executable).
        if let argument = CommandLine.arguments.first, !argument.isEmpty {
            let url = argument.hasPrefix("/")
                ? URL(fileURLWithPath: argument)
                : URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent(argument)
            add(url.deletingLastPathComponent())
        }
        #if os(Linux)
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            add(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        #endif
        add(Bundle.main.executableURL?.deletingLastPathComponent())
        add(Bundle.main.bundleURL)
        add(Bundle.main.bundleURL.deletingLastPathComponent())
        // macOS: the tests are a .xctest bundle inside the build folder, run by xctest or swiftpm-testing-helper.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            add(bundle.bundleURL.deletingLastPathComponent())
            add(bundle.bundleURL.deletingLastPathComponent().deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder + "/kontor"
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue, fm.isExecutableFile(atPath: candidate) {
                return (candidate, "")
            }
        }
        return (nil, """
            The kontor executable was not found. Build it first (`swift build`; `swift test` builds it too) \
            or set KONTOR_BINARY to its path. Looked for `kontor` in: \(folders.joined(separator: ", "))
            """)
    }
}
