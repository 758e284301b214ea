import Foundation
import KontorModel

/// A key's fingerprint as OpenSSH shows it (`SHA256:…`), from `ssh-keygen`
/// itself: it parses the key the way sshd will, so a key it refuses is
/// refused here too.
public enum KeyFingerprint {
    public static func of(_ key: PublicKey) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("key.pub")
        try (key.line + "\n").write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ssh_keygen())
        process.arguments = ["-l", "-E", "sha256", "-f", file.path]
        // Not the caller's folder, which the service account may not enter
        // (setup run with sudo from an admin's home): the program could not start.
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let words = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard process.terminationStatus == 0, words.count >= 2, words[1].hasPrefix("SHA256:") else {
            throw AccessError("ssh-keygen does not accept this key: it is damaged or of an unknown kind")
        }
        return String(words[1])
    }

    private static func ssh_keygen() throws -> String {
        for path in ["/usr/bin/ssh-keygen", "/usr/local/bin/ssh-keygen", "/bin/ssh-keygen"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw AccessError("ssh-keygen is not installed (Debian: apt-get install openssh-client)")
    }
}
