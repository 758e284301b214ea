import Foundation

/// A real mail path for the tests: an SMTP server on 127.0.0.1 (Python's
/// aiosmtpd, from the virtual environment `.ci/run` makes) that writes
/// every message it receives to a file, and msmtp as the sendmail command
/// that delivers to it. What arrived is read back with Python's own MIME
/// parser (`email`), so the tests check Kontor's messages against a parser
/// that is not Kontor's.
public final class MailCapture {
    public let folder: URL
    public let port: Int
    private let server: Process
    private let serverInput: Pipe

    /// The package's root, from this file's place.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var scripts: URL { root.appendingPathComponent("Tests/Fixtures/mail") }

    /// The Python that has aiosmtpd: `$KONTOR_MAIL_PYTHON` (exported by
    /// `.ci/run`), else the virtual environment `.ci/run` makes.
    public static var python: String? {
        let candidates = [ProcessInfo.processInfo.environment["KONTOR_MAIL_PYTHON"] ?? "",
                          root.appendingPathComponent(".build-venv/bin/python").path]
        return candidates.first { !$0.isEmpty && hasSMTPServer($0) }
    }

    private static func hasSMTPServer(_ python: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? run(python, ["-c", "import aiosmtpd"]).status) == 0
    }

    public static var msmtp: String? {
        ["/usr/bin/msmtp", "/usr/local/bin/msmtp"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether a real mail path can be built here.
    public static var available: Bool { python != nil && msmtp != nil }

    /// Under `.ci/run` (which sets `KONTOR_CI=1`) a missing mail path is a
    /// failure, not a skipped test.
    public static var required: Bool { ProcessInfo.processInfo.environment["KONTOR_CI"] == "1" }

    public static let unavailableReason = "no real mail path: needs msmtp (apt-get install msmtp) and Python's aiosmtpd "
        + "(.ci/run makes .build-venv with it, or set KONTOR_MAIL_PYTHON to a python that has it)"

    /// Starts the server on a free port; `stop()` (or deinit) ends it.
    public init() throws {
        guard let python = Self.python else { throw CaptureError(Self.unavailableReason) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = [Self.scripts.appendingPathComponent("capture_smtp.py").path, folder.appendingPathComponent("inbox").path]
        serverInput = Pipe()
        let output = Pipe()
        server.standardInput = serverInput
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        // "PORT n" once it listens.
        var text = ""
        let handle = output.fileHandleForReading
        while !text.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            server.terminate()
            throw CaptureError("the SMTP server did not start: \(text)")
        }
        self.port = port
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Ends the server and waits for it: nothing is left running.
    public func stop() {
        guard server.isRunning else { return }
        try? serverInput.fileHandleForWriting.close()
        server.terminate()
        server.waitUntilExit()
    }

    /// The sendmail command for Kontor's settings: msmtp with a config of
    /// its own (msmtp wants it 0600), delivering to this server.
    public func sendmailCommand(envelopeFrom: String) throws -> String {
        guard let msmtp = Self.msmtp else { throw CaptureError(Self.unavailableReason) }
        let config = folder.appendingPathComponent("msmtprc")
        let text = "defaults\nauth off\ntls off\nlogfile \(folder.appendingPathComponent("msmtp.log").path)\naccount default\nhost 127.0.0.1\n"
        guard FileManager.default.createFile(atPath: config.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CaptureError("cannot write \(config.path)")
        }
        return "\(msmtp) -C \(config.path) --host=127.0.0.1 --port=\(port) --from=\(envelopeFrom) -t -i"
    }

    /// The messages received so far, in order of arrival.
    public func received() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder.appendingPathComponent("inbox"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The envelope recipients of a received message (what msmtp read from To and Cc).
    public func envelopeRecipients(of message: URL) throws -> [String] {
        let json = message.deletingPathExtension().appendingPathExtension("json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        return object?["rcpt_tos"] as? [String] ?? []
    }

    /// A received message as Python's `email` package reads it.
    public func parse(_ message: URL) throws -> ParsedMail {
        guard let python = Self.python else { throw CaptureError(Self.unavailableReason) }
        let result = try Self.run(python, [Self.scripts.appendingPathComponent("read_mail.py").path, message.path])
        guard result.status == 0 else { throw CaptureError("read_mail.py failed: \(result.output)") }
        return try JSONDecoder().decode(ParsedMail.self, from: Data(result.output.utf8))
    }

    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    public struct CaptureError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

/// What Python's `email` package read from a received message.
public struct ParsedMail: Decodable {
    public var crlf_only: Bool
    public var ascii_only: Bool
    public var longest_header_line: Int
    public var longest_line: Int
    public var defects: [String]
    public var headers: [String: String?]
    public var header_count: [String: Int]
    public var content_type: String
    public var body: String?
    public var body_charset: String?
    public var body_transfer_encoding: String?
    public var from_addresses: [[String]]
    public var to_addresses: [[String]]
    public var cc_addresses: [[String]]
    public var attachments: [Attachment]

    public struct Attachment: Decodable {
        public var filename: String?
        public var content_type: String
        public var size: Int
        public var starts: String
        public var xml_root: String?
    }

    public func header(_ name: String) -> String? { headers[name] ?? nil }
}
