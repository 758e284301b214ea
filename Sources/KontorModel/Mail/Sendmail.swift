import Foundation

/// Hands one message to the server's mail system through the standard
/// sendmail interface: the command from the settings (`/usr/sbin/sendmail
/// -t -i`, or msmtp's, or Postfix's), the message on its standard input,
/// the recipients read from its headers. Kontor never speaks SMTP itself:
/// queueing, relaying, TLS and authentication stay with the mail system
/// the administrator already runs and knows.
public enum Sendmail {
    /// Why the mail system did not take a message.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Runs `command` (split on blanks) with `message` on its standard
    /// input; returns when it exited 0, throws with its exit status and
    /// what it wrote otherwise. A command still running after `timeout`
    /// seconds is ended and counts as failed.
    /// `setIn`: where the command is set, for the advice when it is missing
    /// (the mail settings, or on a server its configuration file).
    public static func deliver(_ message: Data, command: String, timeout: TimeInterval = 120, setIn: String = "the mail settings") throws {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let program = words.first.flatMap(executable) else {
            throw Failure(description: "cannot run '\(command)': no such program (install msmtp-mta or postfix, or set the sendmail command in \(setIn))")
        }
        // The message is read from a file of its own (0600, removed at
        // once): a pipe would stall on a large message while the command
        // writes, or kill this process with SIGPIPE when it exits early.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-mail-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: file.path, contents: message, attributes: [.posixPermissions: 0o600]),
              let input = FileHandle(forReadingAtPath: file.path) else {
            throw Failure(description: "cannot write the message to \(file.path) for sendmail")
        }
        defer {
            try? input.close()
            try? FileManager.default.removeItem(at: file)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(words.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: "/")  // not a folder the account may not enter
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(program): \(error.localizedDescription)")
        }
        let timedOut = TimeoutFlag()
        // SIGKILL, not SIGTERM: a child may inherit SIGTERM blocked from
        // its parent's mask, and a sendmail that hangs has nothing to save.
        let pid = process.processIdentifier
        let timer = DispatchWorkItem {
            if process.isRunning {
                timedOut.set()
                kill(pid, SIGKILL)
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        // Waited for by its exit, not by the end of its output: a program
        // it started may hold the pipe open long after it is gone.
        process.waitUntilExit()
        timer.cancel()
        try? output.fileHandleForWriting.close()
        let said = String(decoding: drain(output.fileHandleForReading), as: UTF8.self)
        let text = said.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " · ")
        if timedOut.isSet { throw Failure(description: "\(program) did not finish within \(Int(timeout)) s") }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let status = process.terminationReason == .exit ? "exited with \(process.terminationStatus)\(meaning(process.terminationStatus))"
                : "was killed by signal \(process.terminationStatus)"
            let what = String(text.prefix(400))
            throw Failure(description: "\(URL(fileURLWithPath: program).lastPathComponent) \(status)\(what.isEmpty ? "" : ": \(what)")")
        }
    }

    /// What a pipe holds now, without waiting for more.
    static func drain(_ handle: FileHandle) -> Data {
        let descriptor = handle.fileDescriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 65_536 {
            let n = read(descriptor, &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    /// The program to run: a path as given, else found on PATH.
    /// The program a sendmail command runs, when it is there to run.
    public static func program(of command: String) -> String? {
        command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { executable(String($0)) }
    }

    static func executable(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for folder in path.split(separator: ":") + ["/usr/sbin", "/usr/lib"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The sysexits.h name of a status sendmail programs use.
    static func meaning(_ status: Int32) -> String {
        switch status {
        case 64: return " (usage)"
        case 65: return " (data format error)"
        case 67: return " (addressee unknown)"
        case 68: return " (host name unknown)"
        case 69: return " (service unavailable)"
        case 70: return " (internal software error)"
        case 71: return " (system error)"
        case 73: return " (cannot create output file)"
        case 74: return " (input/output error)"
        case 75: return " (temporary failure, try again later)"
        case 76: return " (remote error in protocol)"
        case 77: return " (permission denied)"
        case 78: return " (configuration error)"
        default: return ""
        }
    }
}

/// Set once from the timer's thread, read after the process ended.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
