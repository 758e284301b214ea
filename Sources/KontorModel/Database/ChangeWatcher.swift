import GRDB

/// Tells whether any connection, in this process or another, has committed a
/// change to the database since the last look, and which areas it changed.
///
/// `PRAGMA data_version` is per connection, so the watcher keeps one private
/// read-only connection and asks it: the answer is a cheap in-memory read, fine
/// to make once a second from an idle input loop. Only when it moved are the
/// areas' counters (`ChangeMarks`) read, in one read transaction with the
/// version, so that the two agree.
///
/// A database in memory has no other connection to hear from: there the
/// watcher never reports a change (every change is this process's own, and
/// the screens that made it read again already).
public final class ChangeWatcher {
    private let queue: DatabaseQueue?
    private var lastVersion: Int?
    private var lastMarks: [DataArea: Int64] = [:]

    public init(database: KontorDatabase) throws {
        guard database.isFile else {
            queue = nil
            return
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(1)
        queue = try DatabaseQueue(path: database.path, configuration: config)
        try queue?.read { db in
            lastVersion = try SQLiteSpecific.dataVersion(db)
            lastMarks = try ChangeMarks.read(db)
        }
    }

    /// What was committed since the last call: nil when nothing was; the
    /// areas whose counters moved; everything when commits moved none.
    public func changes() -> DataChanges? {
        guard let queue, let version = try? queue.inDatabase({ db in try SQLiteSpecific.dataVersion(db) }),
              version != lastVersion else { return nil }
        guard let (seen, marks) = try? queue.read({ db in (try SQLiteSpecific.dataVersion(db), try ChangeMarks.read(db)) }) else {
            lastVersion = version
            return .everything
        }
        defer { (lastVersion, lastMarks) = (seen, marks) }
        let moved = Set(marks.compactMap { area, count in lastMarks[area] == count ? nil : area })
        return moved.isEmpty ? .everything : DataChanges(moved)
    }

    /// Returns true once for each batch of commits made since the last call.
    public func hasChanged() -> Bool { changes() != nil }

    /// Whether commits since the last call changed any of `areas`.
    public func hasChanged(touching areas: Set<DataArea>) -> Bool { changes()?.touches(areas) == true }
}
