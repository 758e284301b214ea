import Foundation
import KontorLocale
#if canImport(Glibc)
import Glibc
#endif

/// Who is doing a piece of work that one session at a time may do, as
/// the others see it.
public struct WorkUnderWay: Equatable, Sendable {
    public var username: String
    public var fullName: String
    public var since: Date
    public var pid: Int32

    /// Whether this process holds it (the session's own run, in the background).
    public var isThisProcess: Bool { pid == getpid() }

    /// Who it is, as people are named: the full name, else the account,
    /// else (a holder that has not written its name yet) another session.
    public var shownName: String {
        !fullName.isEmpty ? fullName : !username.isEmpty ? username : tr("Another session")
    }
}

/// Work that one session at a time may do, across every process on the
/// database: an advisory lock (`flock`) on a file of its own beside the
/// database, `kontor.sqlite-dunning-run` for a dunning run.
///
/// A run is sent in short batches that let colleagues' saves through, so
/// the database's write lock no longer keeps a second run out; two at once
/// would send nothing twice (each batch reads its letters again), but each
/// would count and report letters the other sends. The operating system
/// lets go of the lock when the process ends, however it ends, so a run
/// killed half-way leaves nothing to clear. The file holds who took it and
/// when, for the others to say so.
public final class WorkLock: @unchecked Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case dunningRun = "dunning-run"
    }

    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock's file beside a database file, the file itself: a link
    /// to the database names the same lock as the path it points to.
    public static func path(_ kind: Kind, beside databasePath: String) -> String {
        URL(fileURLWithPath: databasePath).resolvingSymlinksInPath().path + "-" + kind.rawValue
    }

    /// Takes the lock for this process, or throws `WorkLockHeld` saying who
    /// holds it. Never waits.
    public static func take(_ kind: Kind, beside databasePath: String, username: String, fullName: String,
                            now: Date = Date()) throws -> WorkLock {
        let path = path(kind, beside: databasePath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WorkLockFileError(path: path, code: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = read(descriptor)
            close(descriptor)
            guard code == EWOULDBLOCK else { throw WorkLockFileError(path: path, code: code) }
            throw WorkLockHeld(kind: kind, holder: holder, askedBy: username)
        }
        let text = [username, fullName, String(now.timeIntervalSince1970), String(getpid())]
            .map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, bytes, bytes.count, 0) == bytes.count else {
            let code = errno
            close(descriptor)
            throw WorkLockFileError(path: path, code: code)
        }
        return WorkLock(descriptor: descriptor)
    }

    /// Who holds the lock now; nil when nobody does (or its file cannot be
    /// read, which no one can hold either).
    public static func holder(_ kind: Kind, beside databasePath: String) -> WorkUnderWay? {
        let descriptor = open(path(kind, beside: databasePath), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // A shared lock is refused exactly while someone holds it.
        guard flock(descriptor, LOCK_SH | LOCK_NB) != 0, errno == EWOULDBLOCK else { return nil }
        return read(descriptor)
    }

    /// Lets go of the lock (also done when the lock is freed, or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    /// What the holder wrote; a holder that has not written yet (it took
    /// the lock a moment ago) shows as one without a name.
    private static func read(_ descriptor: Int32) -> WorkUnderWay {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = max(0, pread(descriptor, &buffer, buffer.count, 0))
        let lines = String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func line(_ index: Int) -> String { lines.indices.contains(index) ? lines[index] : "" }
        return WorkUnderWay(username: line(0), fullName: line(1), since: Date(timeIntervalSince1970: Double(line(2)) ?? 0),
                            pid: Int32(line(3)) ?? 0)
    }
}

/// The work is under way in another session (or another process of this
/// one's person); `ErrorText` says who and since when.
public struct WorkLockHeld: Error, Equatable {
    public var kind: WorkLock.Kind
    public var holder: WorkUnderWay
    /// Who asked for the lock, for words that tell their own other
    /// session from a colleague's.
    public var askedBy: String
}

/// The lock's file could not be opened or written.
public struct WorkLockFileError: Error, Equatable {
    public var path: String
    public var code: Int32
}

extension WorkUnderWay {
    /// When it began, as people read it: the time today, else the date and time.
    public var sinceText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "de_DE")
        formatter.timeZone = .current
        formatter.dateFormat = Calendar.current.isDateInToday(since) ? "HH:mm" : "dd.MM.yyyy HH:mm"
        return formatter.string(from: since)
    }
}
