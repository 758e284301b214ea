import KontorLocale
import Foundation
import GRDB

/// What a backup is doing, for a progress bar: copying the pages (with
/// the share done), then checking the copy, which says nothing of how far
/// it is.
public enum BackupStep: Sendable, Equatable {
    case copying(Double)
    case checking
}

extension KontorDatabase {
    /// Copies the whole database to `path` with SQLite's online backup, from
    /// one read snapshot, so it is safe while people work. The copy is
    /// written beside its place under a temporary name, checked with
    /// `integrity_check`, made readable by its owner only (it holds every
    /// customer and staff record) and only then renamed into place: a copy
    /// that is there is a good one. Admins only.
    /// - Returns: the copy's size in bytes.
    @discardableResult
    public func backup(to path: String, replacing: Bool = false, by session: Session,
                       progress: (BackupStep) -> Void = { _ in }) throws -> Int64 {
        try session.require(.maintain)
        return try backupByOwner(to: path, replacing: replacing, progress: progress)
    }

    /// Pages a backup copies in one step (16 MiB of 4 KiB pages), between
    /// which it says how far it is. All steps read one snapshot.
    static let backupPagesPerStep: Int32 = 4_096

    /// `backup(to:by:)` for the account that owns the database file (the
    /// server's service account, from cron): it could copy the file
    /// anyway, so no member of staff need vouch for it. The command line
    /// decides who that is; never for someone who came in over SSH.
    public func backupByOwner(to path: String, replacing: Bool = false, progress: (BackupStep) -> Void = { _ in }) throws -> Int64 {
        try backupByOwner(to: path, replacing: replacing, pagesPerStep: Self.backupPagesPerStep, progress: progress)
    }

    /// - Parameter replacing: whether a file already at `path` may be
    ///   replaced (an earlier copy to be renewed); never the database itself.
    func backupByOwner(to path: String, replacing: Bool = false, pagesPerStep: Int32, progress: (BackupStep) -> Void) throws -> Int64 {
        try checkBackupTarget(path, replacing: replacing)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = "\(path).partial-\(getpid())"
        let clean = { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } }
        clean()
        Self.removeAbandonedCopies(of: path)
        do {
            // Created private from the start, not chmod-ed after the data is in.
            guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw KontorError.cannotOpen(path: temporary, reason: tr("cannot create the copy there"))
            }
            let copy = try DatabaseQueue(path: temporary)
            try withoutActuallyEscaping(progress) { progress in
                try writer.backup(to: copy, pagesPerStep: pagesPerStep) { step in
                    progress(.copying(step.totalPageCount > 0 ? Double(step.completedPageCount) / Double(step.totalPageCount) : 1))
                }
            }
            progress(.checking)
            let problems = try copy.read(SQLiteSpecific.integrityProblems)
            // Everything into the one file, as a backup should be.
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            guard problems.isEmpty else {
                throw KontorError.rule(tr("the copy failed its integrity check ({0}); nothing was kept", problems.prefix(3).joined(separator: "; ")))
            }
            chmod(temporary, 0o600)
            guard rename(temporary, path) == 0 else {
                throw KontorError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            clean()
            throw error
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        recordBackup(at: Date(), copy: path)
        return size
    }

    /// Refuses a target that is the database or one of the files beside it
    /// that belong to it (the copy would be renamed over the live file, and
    /// every open session would go on writing into a deleted one), and one
    /// that exists unless `replacing`: a backup never silently takes the
    /// place of another file.
    func checkBackupTarget(_ path: String, replacing: Bool) throws {
        guard isFile else { return }
        let own = [self.path] + ["-wal", "-shm", "-journal", "-presence", "-dunning-run"].map { self.path + $0 }
        let target = Self.resolved(path)
        if own.contains(target) || Self.sameFile(path, self.path) {
            throw KontorError.rule(tr("{0} is the database itself or one of its own files; a backup goes to another file (by default backups/ beside the database)", path))
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw KontorError.rule(tr("{0} is a folder; name the file the copy goes to (say {1})", path,
                                      (path as NSString).appendingPathComponent("kontor-\(CalendarDate.today()).sqlite")))
        }
        if !replacing, FileManager.default.fileExists(atPath: path) {
            throw KontorError.rule(tr("{0} exists already; nothing was written. Name another file, or say --replace to renew that copy", path))
        }
    }

    /// `path` with its folder's symbolic links resolved (the file itself
    /// need not exist yet).
    private static func resolved(_ path: String) -> String {
        let absolute = (path as NSString).isAbsolutePath ? path : FileManager.default.currentDirectoryPath + "/" + path
        let folder = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        guard let real = realpath(folder, nil) else { return (absolute as NSString).standardizingPath }
        defer { free(real) }
        let file = (String(cString: real) as NSString).appendingPathComponent(name)
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: file)).map {
            ($0 as NSString).isAbsolutePath ? $0 : (String(cString: real) as NSString).appendingPathComponent($0)
        } ?? file
    }

    /// Whether two paths name one file (the same inode), as a link would.
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// A name for today's copy in `folder` that no file has yet:
    /// `kontor-YYYY-MM-DD.sqlite`, then `kontor-YYYY-MM-DD-2.sqlite`, … for
    /// a second backup the same day.
    public static func freeBackupName(in folder: String, day: String) -> String {
        var number = 1
        while true {
            let name = number == 1 ? "kontor-\(day).sqlite" : "kontor-\(day)-\(number).sqlite"
            let path = (folder as NSString).appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: path) { return path }
            number += 1
        }
    }

    /// Removes the half-made copies of `path` whose backup was stopped
    /// (Ctrl-C, a lost terminal): `path.partial-PID` and its journal, for a
    /// process that is no longer running. A copy of a large database is
    /// gigabytes; left behind, they would fill the disk backups go to.
    static func removeAbandonedCopies(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".partial-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let pid = Int32(digits), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The folder beside the database where backups go unless told
    /// otherwise, and where the last one is noted.
    public static func backupFolder(ofDatabase path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("backups")
    }

    /// The note of the last good backup: `backups/last-backup` beside the
    /// database, one line "instant<TAB>copy". Wherever the copy went,
    /// `kontor doctor` reads its age here.
    static func lastBackupNote(ofDatabase path: String) -> String {
        (backupFolder(ofDatabase: path) as NSString).appendingPathComponent("last-backup")
    }

    /// Notes a good copy; a note that cannot be written costs the backup nothing.
    private func recordBackup(at date: Date, copy: String) {
        guard isFile else { return }
        let note = Self.lastBackupNote(ofDatabase: self.path)
        try? FileManager.default.createDirectory(atPath: (note as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let temporary = note + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data("\(Timestamp.string(from: date))\t\(copy)\n".utf8),
                                             attributes: [.posixPermissions: 0o600]) else { return }
        rename(temporary, note)
    }

    /// When the last good backup of the database at `path` was taken, and
    /// where it went: from the note `backup` writes, else the newest
    /// `*.sqlite` in the backup folder (copies made before the note was).
    public static func lastBackup(ofDatabase path: String) -> (at: Date, copy: String)? {
        if let text = try? String(contentsOfFile: lastBackupNote(ofDatabase: path), encoding: .utf8) {
            let parts = text.trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 1).map(String.init)
            if let first = parts.first, let date = Timestamp.date(from: first) { return (date, parts.count > 1 ? parts[1] : "") }
        }
        let folder = backupFolder(ofDatabase: path)
        let copies = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".sqlite") }
        return copies.compactMap { name -> (at: Date, copy: String)? in
            let copy = (folder as NSString).appendingPathComponent(name)
            guard let date = (try? FileManager.default.attributesOfItem(atPath: copy))?[.modificationDate] as? Date else { return nil }
            return (date, copy)
        }.max { $0.at < $1.at }
    }
}
