import Foundation
import GRDB

/// How often this process found the business database locked by another
/// writer and waited: what a load test reports as "busy retries".
///
/// SQLite's own busy timeout waits silently, so a count needs a busy
/// handler of Kontor's. It is installed only when `counting` is set before
/// a database is opened (the load test's sessions do); every other
/// process keeps SQLite's timeout unchanged. The handler waits as SQLite's
/// does — short sleeps growing to 100 ms — and gives up after the same
/// `KontorDatabase.busyTimeout`.
public enum BusyWaits {
    private final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var waits = 0
        var retries = 0
        var counting = false
    }

    private static let counter = Counter()

    /// Whether databases opened from now on count their busy waits.
    public static var counting: Bool {
        get { counter.lock.withLock { counter.counting } }
        set { counter.lock.withLock { counter.counting = newValue } }
    }

    /// Writes that found the file locked at least once, and the retries they made.
    public static var seen: (waits: Int, retries: Int) {
        counter.lock.withLock { (counter.waits, counter.retries) }
    }

    /// SQLite's own sleeps between tries, in milliseconds (sqlite3.c, `sqliteDefaultBusyCallback`).
    private static let delays = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

    /// The busy mode that counts, waiting up to `timeout` seconds in all.
    static func mode(timeout: TimeInterval) -> Database.BusyMode {
        let limit = Int(timeout * 1000)
        return .callback { tries in
            let waited = tries < delays.count ? delays[..<tries].reduce(0, +) : delays.reduce(0, +) + (tries - delays.count) * 100
            let delay = delays[min(tries, delays.count - 1)]
            counter.lock.withLock {
                if tries == 0 { counter.waits += 1 }
                counter.retries += 1
            }
            guard waited + delay <= limit else { return false }
            usleep(useconds_t(delay * 1000))
            return true
        }
    }
}
