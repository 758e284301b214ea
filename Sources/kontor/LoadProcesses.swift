import Foundation

/// The signal (SIGINT, SIGTERM, SIGHUP) that asked `kontor loadtest`
/// itself to stop, 0 until one came: the workers are stopped at once.
nonisolated(unsafe) var loadParentStopRequested: sig_atomic_t = 0

/// The signals that end a load test or one of its sessions.
enum LoadSignals {
    static let stopping = [SIGINT, SIGTERM, SIGHUP]

    /// Calls `handler` on each stopping signal, and makes sure none of them
    /// is blocked: a process started from a thread that blocks signals
    /// (as Swift concurrency's threads do) inherits the mask.
    static func handle(_ handler: @convention(c) (Int32) -> Void) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in stopping {
            signal(number, handler)
            sigaddset(&set, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// The worker processes of a load test: started, reaped as they end, and
/// stopped — SIGTERM, then SIGKILL after a grace period — so that nothing
/// is left running whatever ends the test.
final class LoadWorkers {
    struct Ended {
        var status: Int32
        var usage: rusage
    }

    private(set) var pids: [pid_t] = []
    /// How each worker ended, by pid, with the resources it used (from `wait4`).
    private(set) var ended: [pid_t: Ended] = [:]

    var running: [pid_t] { pids.filter { ended[$0] == nil } }

    /// Starts this binary with `arguments`, its output into `log`, its input from /dev/null.
    func start(arguments: [String], log: String) throws {
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // A worker starts with no signal blocked and the stopping ones at their defaults.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for number in LoadSignals.stopping { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, binary, &actions, &attributes, argv, environ)
        guard result == 0 else { throw KontorFailure("cannot start a worker: \(String(cString: strerror(result)))") }
        pids.append(pid)
    }

    /// Collects the workers that have ended, without waiting.
    func reap() {
        for pid in running {
            var status: Int32 = 0
            var usage = rusage()
            if wait4(pid, &status, WNOHANG, &usage) == pid { ended[pid] = Ended(status: status, usage: usage) }
        }
    }

    /// Asks every running worker to stop, waits up to `grace` seconds, then kills the rest and reaps them.
    func stop(grace: Double) {
        for pid in running { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while !running.isEmpty, Date() < deadline {
            usleep(20_000)
            reap()
        }
        for pid in running { kill(pid, SIGKILL) }
        for pid in running {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) == -1, errno == EINTR {}
            ended[pid] = Ended(status: status, usage: usage)
        }
    }

    /// Whether a worker ended by itself or by SIGTERM with status 0.
    func endedWell(_ pid: pid_t) -> Bool {
        guard let status = ended[pid]?.status else { return false }
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }
}
