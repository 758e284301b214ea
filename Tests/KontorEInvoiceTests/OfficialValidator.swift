import Foundation
import Testing
import TestSupport

/// The official XRechnung / EN 16931 validation kit, used where it lies:
/// `../shared/einvoice-validation/validate` beside the repository (found
/// from this file's path), or in `$KONTOR_SHARED` (which `.ci/run` sets
/// for a clone elsewhere), or `$KONTOR_EINVOICE_VALIDATOR`. It is never
/// copied into the project. It needs Java, Saxon-HE and xmllint
/// (`default-jre-headless libsaxonhe-java libxml2-utils`, which `.ci/run`
/// installs); without them the test fails and says so rather than skip.
enum OfficialValidator {
    struct Result {
        var status: Int32
        var output: String
        /// "PASS file" / "FAIL file" verdicts by file name.
        var verdicts: [String: String]
        /// Every finding line ("  [warning] BR-DE-21: …").
        var findings: [String]
    }

    static var script: URL {
        if let path = ProcessInfo.processInfo.environment["KONTOR_EINVOICE_VALIDATOR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return SharedData.einvoiceValidator
    }

    /// Checks that the kit is there and its dependencies are installed;
    /// records a failure with what to do otherwise.
    static func ready() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            Issue.record("The e-invoice validator is not at \(script.path): set KONTOR_EINVOICE_VALIDATOR to its validate script")
            return false
        }
        let check = run([script.path, "--check"])
        guard check.status == 0 else {
            Issue.record("""
                The e-invoice validator's dependencies are missing; install them with \
                apt-get install -y default-jre-headless libsaxonhe-java libxml2-utils (.ci/run does):
                \(check.output)
                """)
            return false
        }
        return true
    }

    /// Validates all files in one call (it starts the JVMs once).
    static func validate(_ files: [URL]) -> Result {
        let raw = run([script.path] + files.map(\.path))
        var verdicts: [String: String] = [:]
        var findings: [String] = []
        for line in raw.output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("PASS ") || line.hasPrefix("FAIL ") {
                verdicts[URL(fileURLWithPath: String(line.dropFirst(5))).lastPathComponent] = String(line.prefix(4))
            } else if line.hasPrefix("  [") {
                findings.append(line)
            }
        }
        return Result(status: raw.status, output: raw.output, verdicts: verdicts, findings: findings)
    }

    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "could not start \(arguments[0]): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
