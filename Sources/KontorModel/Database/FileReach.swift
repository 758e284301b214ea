import Foundation
import KontorLocale

/// How a person reaches a file Kontor made for them: by its path on their
/// own machine, or on a server (`personalFiles`) by the command that
/// fetches it over their SSH key.
extension KontorDatabase {
    /// The path as the person names it: inside their files folder on a
    /// server ("invoices/2026-00042.pdf"), else the path itself.
    public func shownPath(_ path: String) -> String {
        let root = (filesFolder as NSString).standardizingPath
        let full = (path as NSString).standardizingPath
        guard personalFiles, full.hasPrefix(root + "/") else { return path }
        return String(full.dropFirst(root.count + 1))
    }

    /// On a server, the command that fetches `path` over the person's key
    /// ("ssh … files get invoices/2026-00042.pdf > 2026-00042.pdf"); nil
    /// where the file is on their own machine already.
    public func fetchCommand(_ path: String) -> String? {
        guard personalFiles else { return nil }
        return "ssh … files get \(shownPath(path)) > \((path as NSString).lastPathComponent)"
    }

    /// `message` and, on a server, how to fetch the file: "· fetch: ssh … files get …".
    public func withFetch(_ message: String, _ path: String) -> String {
        guard let command = fetchCommand(path) else { return message }
        return message + " · " + tr("fetch: {0}", command)
    }

    /// `message` about several files in a folder and, on a server, that
    /// each is fetched with `files get` (`ssh … files` names them).
    public func withFetch(_ message: String, folder: String) -> String {
        personalFiles ? message + " · " + tr("fetch: {0}", "ssh … files get …") : message
    }
}

/// The folders inside a person's files folder that Kontor writes into:
/// the only places `kontor files` lists, hands over or deletes from. On a
/// computer of one's own the files folder is the database's folder, which
/// also holds the databases, their journals and backups: none of those is
/// a file the person made.
public enum MadeFilesFolder: String, CaseIterable, Sendable {
    /// Printed invoices and credit notes, e-invoices.
    case invoices
    /// Exports, DATEV files, open-item lists, a mail's saved attachments.
    case exports
    /// Dunning letters.
    case dunning

    /// The folder's path inside `filesFolder`.
    public func path(in filesFolder: String) -> String {
        (filesFolder as NSString).appendingPathComponent(rawValue)
    }

    /// Makes `folder` (and what leads to it) for made files: the owner's
    /// and their group's (0750), as exports are, not every local user's.
    public static func create(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    }

    /// Writes a made file (a letter, a printed invoice, an e-invoice) whole
    /// under its name, readable by the owner and their group alone (0640):
    /// they hold customers' names, addresses and debts.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try data.write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    }
}
