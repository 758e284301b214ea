import GRDB

/// Tells whether any connection, in this process or another, has committed a
/// change to the database since the last look.
///
/// `PRAGMA data_version` is per connection, so the watcher keeps one private
/// read-only connection and asks it: the answer is a cheap in-memory read, fine
/// to make once a second from an idle input loop.
///
/// A database in memory has no other connection to hear from: there the
/// watcher never reports a change (every change is this process's own, and
/// the screens that made it read again already).
public final class ChangeWatcher {
    private let queue: DatabaseQueue?
    private var lastVersion: Int?

    public init(database: KontorDatabase) throws {
        guard database.isFile else {
            queue = nil
            return
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(1)
        queue = try DatabaseQueue(path: database.path, configuration: config)
        lastVersion = try currentVersion()
    }

    private func currentVersion() throws -> Int? {
        try queue?.inDatabase { db in try SQLiteSpecific.dataVersion(db) }
    }

    /// Returns true once for each batch of commits made since the last call.
    public func hasChanged() -> Bool {
        guard let version = try? currentVersion() else { return false }
        defer { lastVersion = version }
        return version != lastVersion
    }
}
