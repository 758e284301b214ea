import Foundation
import KontorAccess
import KontorModel

/// Who the command acts for: the account that runs it, or — under
/// `kontor serve` — the member of staff the SSH key or sudo named.
enum Identity {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var served: String?
    nonisolated(unsafe) private static var servedConfig: ServerConfig?

    /// Set once by `kontor serve`, before the command it runs: who, and
    /// the server's configuration the command works under.
    static func serve(_ username: String, config: ServerConfig) {
        lock.withLock {
            served = username
            servedConfig = config
        }
    }

    /// The server's standard configuration file, read once per process:
    /// who acts and which database opens are asked for several times.
    static let standardConfig = Result<ServerConfig?, any Error> { try ServerConfig.load() }

    /// The member of staff `kontor serve` lets in, if it does.
    static var servedUsername: String? { lock.withLock { served } }

    /// The configuration `kontor serve` runs under, if it does.
    static var config: ServerConfig? { lock.withLock { servedConfig } }

    /// Whether this process is the account that owns the database file,
    /// acting for itself: not a member of staff served over SSH, nor an
    /// administrator named by sudo. Such a process could copy or open the
    /// file anyway (the server's service account from cron; the owner of a
    /// personal installation).
    static func ownsDatabase(at path: String) -> Bool {
        guard lock.withLock({ served }) == nil, (ProcessInfo.processInfo.environment["SUDO_USER"] ?? "").isEmpty else { return false }
        var info = stat()
        return stat(path, &info) == 0 && info.st_uid == geteuid()
    }

    /// The served member of staff; else, for an administrator using
    /// `sudo -u kontor kontor staff …` on a configured server, the person
    /// sudo names (only when the process really runs as the service
    /// account under sudo); else the account running the process.
    static func actor() -> Actor {
        if let served = lock.withLock({ served }) { return Actor(username: served) }
        if let config = try? standardConfig.get(),
           let user = try? Caller.resolve(named: nil, config: config, environment: ProcessInfo.processInfo.environment) {
            return Actor(username: user)
        }
        return Actor.current()
    }
}
