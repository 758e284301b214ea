import KontorLocale
import Foundation

/// The statements in a file as banks hand them out: one camt.053 XML
/// document, a zip of several (what online banking downloads for a
/// period), or, where the bank gives no camt.053, its CSV export. A zip is
/// read with the system's `unzip`, not by code of our own.
public enum StatementFiles {
    /// Every statement in the file, in the order of the zip's names; a
    /// document that cannot be read is refused with its name and line.
    public static func statements(at path: String) throws -> [BankStatement] {
        try documents(at: path).flatMap { name, data in try statements(in: data, name: name) { _ in true } }
    }

    /// The statements of one document, camt.053 or a bank's CSV export,
    /// each entry and each whole statement also handed to `each` as it is
    /// read (`StatementFeed`); reading stops when it says false. A fault
    /// names the document.
    static func statements(in data: Data, name: String, each: @escaping (StatementFeed.Item) -> Bool) throws -> [BankStatement] {
        do {
            if isXML(data) { return try CAMT053Reader.read(data, each: each) }
            let statement = try BankCSVReader.statement(from: [UInt8](data), name: name)
            let header = StatementFeed.Header(id: statement.id, account: statement.account, listsNotedEntries: statement.listsNotedEntries)
            for entry in statement.entries where !each(.entry(entry, on: header)) { return [statement] }
            _ = each(.statementEnd(statement))
            return [statement]
        } catch var error as BankFileError {
            error.file = name
            throw error
        }
    }

    /// Whether the bytes are XML: a `<` first, after a byte order mark and blanks.
    static func isXML(_ data: Data) -> Bool {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        return body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }

    /// The documents in a file: the file itself, or each .xml and .csv in a
    /// zip. `-` is standard input (a statement sent over SSH), a zip of it
    /// kept in a private temporary file for `unzip` to read.
    static func documents(at path: String) throws -> [(name: String, data: Data)] {
        guard path == "-" else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BankFileError(file: path, line: 0, element: "", message: tr("cannot be read"))
            }
            return try documents(data, path: path, shown: path)
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard isZip(data) else { return try documents(data, path: path, shown: "standard input") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-bank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = folder.appendingPathComponent("statements.zip").path
        guard FileManager.default.createFile(atPath: kept, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw BankFileError(file: "standard input", line: 0, element: "", message: tr("cannot be kept in {0} for unzip", folder.path))
        }
        return try documents(data, path: kept, shown: "standard input")
    }

    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// `data`, read from `path` and named `shown` in messages.
    private static func documents(_ data: Data, path: String, shown: String) throws -> [(name: String, data: Data)] {
        guard isZip(data) else { return [(shown, data)] }
        // Whole, since unzip runs in "/" (see `unzip`): a name given from
        // the caller's folder ("auszug.zip") is found there.
        let path = (path as NSString).isAbsolutePath ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let names = String(decoding: try unzip(["-Z1", path], path: shown), as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.lowercased().hasSuffix(".xml") || $0.lowercased().hasSuffix(".csv") }.sorted()
        if names.isEmpty { throw BankFileError(file: shown, line: 0, element: "", message: tr("holds no .xml or .csv statement")) }
        return try names.map { name in ("\(shown)/\(name)", try unzip(["-p", path, name], path: shown)) }
    }

    private static func unzip(_ arguments: [String], path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")  // the path is whole; the caller's folder may be closed to it
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw BankFileError(file: path, line: 0, element: "", message: tr("is a zip, and unzip cannot be run to read it (apt-get install unzip)"))
        }
        // Both pipes read before waiting: a full pipe must not stall unzip.
        let bytes = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BankFileError(file: path, line: 0, element: "", message: tr("is not a zip unzip can read: {0}", message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return bytes
    }
}
