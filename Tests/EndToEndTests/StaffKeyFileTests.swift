import Foundation
import Testing

/// `kontor staff key add USER FILE` with a file of several keys (a
/// laptop's and a phone's pasted together) adds each; one was added and
/// the rest dropped without a word.
@Suite("Staff keys from a file")
struct StaffKeyFileTests {
    @Test func everyKeyOfTheFileIsAdded() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase(scale: 20)
        var lines: [String] = []
        for name in ["laptop", "phone"] {
            let key = workspace.file(name)
            let made = try await Processes.run(try Processes.which("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key],
                                               environment: workspace.environment)
            #expect(made.status == 0, "\(made.err)")
            lines.append(try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let both = workspace.file("both.pub")
        try ("# anna's keys\n" + lines.joined(separator: "\n") + "\n").write(toFile: both, atomically: true, encoding: .utf8)
        let added = try await Processes.run(kontor, ["staff", "key", "add", "anna", both, "--db", db], environment: workspace.environment)
        #expect(added.status == 0, "\(added.err)")
        let listed = try await Processes.run(kontor, ["staff", "key", "list", "anna", "--db", db], environment: workspace.environment)
        #expect(listed.out.contains("laptop") && listed.out.contains("phone"), "\(listed.out)\(listed.err)")
    }
}
