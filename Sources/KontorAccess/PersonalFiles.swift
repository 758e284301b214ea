import KontorLocale
import KontorModel
import Foundation

/// The files a member of staff made on a server (printed invoices,
/// exports, dunning letters, a mail's attachments), in a folder of their
/// own, handed over the same SSH key that let them in: `ssh … files` lists
/// them, `ssh … files get invoices/2026-00042.pdf > 2026-00042.pdf` fetches
/// one, `ssh … files delete PATH` removes one. Their key runs nothing but
/// Kontor, so there is no scp; and the service account's folders are no
/// one else's to read.
///
/// A path names a file inside the folder and nothing else: no absolute
/// path, no `..`, no link that leads out, only regular files, and only
/// in the folders Kontor writes into (`MadeFilesFolder`): on a computer of
/// one's own the files folder is the database's, and the database, its
/// journals and backups are not among a person's files.
public struct PersonalFiles {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public struct Entry: Equatable, Sendable {
        /// Inside the folder: "invoices/2026-00042.pdf".
        public var path: String
        public var bytes: Int
        public var modified: Date
    }

    /// Every file, newest first; none when the folder was never made.
    public func list() throws -> [Entry] {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath()
        var entries: [Entry] = []
        for made in MadeFilesFolder.allCases {
            let top = root.appendingPathComponent(made.rawValue)
            guard FileManager.default.fileExists(atPath: top.path),
                  let walk = FileManager.default.enumerator(at: top, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey],
                                                            options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walk {
                let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
                let resolved = url.resolvingSymlinksInPath().path
                // A link leading out of the folder is not listed, as `file` would refuse it.
                guard values.isRegularFile == true, resolved.hasPrefix(top.path + "/") else { continue }
                let relative = String(resolved.dropFirst(root.path.count + 1))
                entries.append(Entry(path: relative, bytes: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast))
            }
        }
        return entries.sorted { ($0.modified, $1.path) > ($1.modified, $0.path) }
    }

    /// The file `path` names inside the folder, checked; an error saying why not.
    public func file(_ path: String) throws -> URL {
        let shown = VisibleTextRule.shown(path)
        let leadsOut = AccessError(tr("'{0}' leads out of your files: name a file as 'ssh … files' lists it", shown))
        let none = AccessError(tr("there is no file '{0}' among your files; 'ssh … files' lists them", shown))
        // "./invoices/x.pdf" is "invoices/x.pdf"; ".." is refused.
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.isEmpty else {
            throw AccessError(tr("name a file as 'ssh … files' lists it, like invoices/2026-00042.pdf"))
        }
        guard !parts.contains("..") else { throw leadsOut }
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath()
        let url = root.appendingPathComponent(parts.joined(separator: "/")).resolvingSymlinksInPath()
        guard url.path.hasPrefix(root.path + "/") else { throw leadsOut }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw none }
        guard !isFolder.boolValue else {
            throw AccessError(tr("'{0}' is a folder: name one of its files, as 'ssh … files' lists them", shown))
        }
        // Only what Kontor wrote, in its own folders: never the database beside them.
        guard MadeFilesFolder.allCases.contains(where: { url.path.hasPrefix(root.appendingPathComponent($0.rawValue).path + "/") }) else { throw none }
        // A plain file only: reading a pipe or a device would wait for ever, or read what is not a file.
        guard (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType == .typeRegular else { throw none }
        return url
    }

    /// Removes one file, and its folder when that is left empty.
    public func delete(_ path: String) throws {
        let url = try file(path)
        try FileManager.default.removeItem(at: url)
        let parent = url.deletingLastPathComponent()
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath()
        if parent.path != root.path, (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: parent)
        }
    }
}
