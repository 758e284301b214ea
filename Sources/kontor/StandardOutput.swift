import Foundation
import KontorText

/// A file written for standard output (`--out -`, as over SSH: `ssh
/// kontor@server export customers > kunden.csv`): made in a private
/// temporary folder, then copied out.
///
/// Into a file or a pipe it goes byte for byte. To a terminal, what the
/// data holds is shown, never obeyed: control characters (an escape
/// sequence that sets the window title or writes the clipboard, put into
/// a record by another program) appear as symbols, as on Kontor's screens.
enum StandardOutput {
    /// Runs `body` with the path of a file named `name` to write, then
    /// copies that file to standard output.
    static func through<T>(_ name: String, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        let result = try body(path)
        try copy(path)
        return result
    }

    /// Copies the file at `path` to standard output.
    static func copy(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        FileHandle.standardOutput.write(isatty(STDOUT_FILENO) == 1 ? VisibleText.shownOnTerminal(data) : data)
    }

}
