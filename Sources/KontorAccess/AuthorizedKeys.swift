import Foundation
import KontorModel

/// The service account's `authorized_keys`, kept in step with the staff
/// list: one line per key of every active member of staff, each forced to
/// `kontor serve USER`, between two marker lines. Lines outside the
/// markers (an administrator's own key, say) are left as they are.
///
/// `restrict` takes away forwarding, agent, X11 and the user's rc file;
/// `pty` gives back the terminal the screens need. The forced command
/// runs whatever the person asks for through `kontor serve`, which allows
/// Kontor's own commands only.
public enum AuthorizedKeys {
    public static let begin = "# kontor: begin — written by `kontor staff key`; edits between these lines are replaced"
    public static let end = "# kontor: end"

    /// The file's new text: `existing` with its Kontor block replaced.
    public static func render(existing: String, keys: [StaffKey], command: String, config: String?) -> String {
        var outside: [String] = []
        var inBlock = false
        for line in existing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == begin { inBlock = true; continue }
            if line == end { inBlock = false; continue }
            if !inBlock { outside.append(line) }
        }
        while outside.last == "" { outside.removeLast() }
        var block = [begin]
        for key in keys where key.active {
            var forced = "\(command) serve \(key.username)"
            if let config { forced += " --config \(config)" }
            block.append("restrict,pty,command=\"\(forced)\" \(key.key.line)")
        }
        block.append(end)
        return (outside + (outside.isEmpty ? [] : [""]) + block).joined(separator: "\n") + "\n"
    }

    /// Writes the file for `keys` at `path` atomically (a temporary file
    /// renamed over it), mode 0600, its folder 0700, as sshd's StrictModes
    /// wants them.
    public static func write(_ keys: [StaffKey], to path: String, command: String, config: String?) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let text = render(existing: existing, keys: keys, command: command, config: config)
        let temporary = "\(folder)/.authorized_keys.kontor-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw AccessError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AccessError("cannot write \(path): \(reason)")
        }
    }
}
