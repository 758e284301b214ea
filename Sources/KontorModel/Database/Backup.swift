import Foundation
import GRDB

extension KontorDatabase {
    /// Copies the whole database to `path` with SQLite's online backup, from
    /// one read snapshot, so it is safe while people work. The copy is
    /// written beside its place under a temporary name, checked with
    /// `integrity_check`, made readable by its owner only (it holds every
    /// customer and staff record) and only then renamed into place: a copy
    /// that is there is a good one. Admins only.
    /// - Returns: the copy's size in bytes.
    @discardableResult
    public func backup(to path: String, by session: Session) throws -> Int64 {
        try session.require(.manageStaff)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = "\(path).partial-\(getpid())"
        let clean = { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } }
        clean()
        do {
            // Created private from the start, not chmod-ed after the data is in.
            guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw KontorError.cannotOpen(path: temporary, reason: "cannot create the copy there")
            }
            let copy = try DatabaseQueue(path: temporary)
            try writer.backup(to: copy)
            let problems = try copy.read(SQLiteSpecific.integrityProblems)
            // Everything into the one file, as a backup should be.
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            guard problems.isEmpty else {
                throw KontorError.rule("the copy failed its integrity check (\(problems.prefix(3).joined(separator: "; "))); nothing was kept")
            }
            chmod(temporary, 0o600)
            guard rename(temporary, path) == 0 else {
                throw KontorError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            clean()
            throw error
        }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
    }
}
