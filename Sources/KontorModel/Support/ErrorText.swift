import Foundation
import KontorLocale
import GRDB
import KontorCSV

/// Any error as a sentence for the person who met it, in their language.
///
/// Kontor's own errors say what happened already. What comes from below —
/// the file system through Foundation, SQLite through GRDB — would print as
/// "Error Domain=NSCocoaErrorDomain Code=640 …" or "SQLite error 13 …";
/// the cases a person can do something about (a full disk, a file where a
/// folder should be, no permission, a read-only disk) are said in words,
/// with the path. Anything else keeps its own text.
public enum ErrorText {
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let error as KontorError: return error.description
        case let error as DatabaseError: return database(error)
        case is DunningSendStopped: return tr("it was told to stop (Ctrl-C, or Kontor quit)")
        case let error as DunningRunStopped:
            return tr("{0} letter(s) were sent; then the run stopped: {1}. The rest were not sent; a run again proposes them.",
                      Wording.grouped(error.sent.count), describe(error.reason))
        case let error as WorkLockHeld: return sending(error.holder, askedBy: error.askedBy)
        case let error as WorkLockFileError:
            return "\(error.path): " + (reason(error.code, path: error.path) ?? String(cString: strerror(error.code)))
        default: break
        }
        if let text = file(error as NSError) { return text }
        return "\(error)"
    }

    /// Who is sending a dunning run, which one session at a time may do,
    /// as said to `askedBy`: their own session, another of theirs, or a colleague's.
    public static func sending(_ holder: WorkUnderWay, askedBy: String) -> String {
        guard !holder.isThisProcess else { return tr("This session is sending a dunning run already (see the line at the bottom); wait until it is done") }
        if holder.username == askedBy {
            return tr("You have been sending a dunning run in another session since {0}; wait until it is done", holder.sinceText)
        }
        return tr("{0} has been sending a dunning run since {1}; wait until it is done", holder.shownName, holder.sinceText)
    }

    private static func database(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_FULL: return tr("the disk that holds the database is full: nothing was saved; make room and try again")
        case .SQLITE_READONLY: return tr("the database can only be read here (its file or folder is read-only): nothing was saved")
        case .SQLITE_IOERR: return tr("the database file could not be written or read (a disk error): nothing was saved; try again, then ask whoever looks after the server")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return KontorError.busy.description
        default: return error.message ?? "\(error)"
        }
    }

    /// The file system's reason, from Foundation's error or the POSIX error
    /// under it; nil for anything else.
    private static func file(_ error: NSError) -> String? {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path ?? ""
        let posix = CSVFileError.posixCode(error)
        var code: Int32? = posix == 0 ? nil : posix
        if code == nil, error.domain == NSCocoaErrorDomain {
            switch error.code {
            case NSFileWriteFileExistsError: code = EEXIST
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: code = EACCES
            case NSFileWriteVolumeReadOnlyError: code = EROFS
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: code = ENOENT
            default: break
            }
        }
        guard let code, let reason = reason(code, path: path) else { return nil }
        return path.isEmpty ? reason : "\(path): \(reason)"
    }

    /// A POSIX error number as a reason a person can act on; nil for one
    /// without such words.
    public static func reason(_ code: Int32, path: String = "") -> String? {
        switch code {
        case ENOSPC, EDQUOT: return tr("the disk is full; make room and try again")
        case EACCES, EPERM: return tr("no permission to write or read there")
        case EROFS: return tr("the disk is read-only")
        case EEXIST, ENOTDIR: return tr("a file of that name is in the way where a folder is needed")
        case ENOENT: return tr("the folder does not exist")
        case EISDIR: return tr("is a folder: name a file in it")
        default: return nil
        }
    }
}
