import Foundation

/// One line of `kontor doctor`: what was looked at and whether it is
/// right, and if not, what to do about it.
public struct DoctorFinding: Equatable, Sendable {
    public var ok: Bool
    /// What was found: "database folder /srv/kontor: owner kontor, mode 0700".
    public var text: String
    /// What to do, for a problem: a command where one does it.
    public var fix: String

    public static func ok(_ text: String) -> DoctorFinding { DoctorFinding(ok: true, text: text, fix: "") }
    public static func problem(_ text: String, fix: String) -> DoctorFinding { DoctorFinding(ok: false, text: text, fix: fix) }

    /// `ok  …` or `!!  problem — fix: …`.
    public var line: String { ok ? "ok  \(text)" : "!!  \(text) — fix: \(fix)" }
}

/// What `kontor doctor` checks on a server (or a personal installation):
/// each check a function of what it looks at — a path, the environment,
/// a size, numbers the command measured — so that tests hand it real
/// temporary folders and plain values.
public enum Doctor {
    /// The terminal the screens need, at the least.
    public static let minimumColumns = 80
    public static let minimumRows = 24
    /// A backup older than this is a problem: a daily backup that stopped.
    public static let backupMaxAge: TimeInterval = 26 * 3600
    /// Free space below this beside the database is a problem whatever its size.
    public static let minimumFreeBytes: Int64 = 512 * 1024 * 1024

    /// A member of a folder listing's mode as people write it: 0700.
    static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o777, radix: 8) }

    /// An account's name from its uid, or the number.
    static func accountName(_ uid: uid_t) -> String {
        getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? String(uid)
    }

    /// "2 h", "3 days".
    static func age(_ seconds: TimeInterval) -> String {
        if seconds < 3600 { return "\(max(0, Int(seconds / 60))) min" }
        if seconds < 2 * 86_400 { return "\(Int(seconds / 3600)) h" }
        return "\(Int(seconds / 86_400)) days"
    }

    static func size(_ bytes: Int64) -> String {
        let gib = Double(bytes) / 1_073_741_824
        return gib >= 1 ? String(format: "%.1f GB", gib) : String(format: "%.0f MB", Double(bytes) / 1_048_576)
    }
}
