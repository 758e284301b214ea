import Foundation
import Testing

/// The doctor checks that mail can go out: the sendmail command the mail
/// settings name is there to run, or it says what to install or set.
@Suite("The doctor and the mail command")
struct DoctorMailEndToEndTests {
    @Test func aSendmailCommandThatIsNotThereIsAProblemWithItsFix() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase(scale: 20)
        let kontor = try KontorBinary.path()
        let env = workspace.environment
        var run = try await Processes.run(kontor, ["settings", "--db", db, "--set", "sendmail=/nonexistent/sendmail -t -i"], environment: env)
        #expect(run.status == 0, "\(run.out)\(run.err)")
        run = try await Processes.run(kontor, ["doctor", "--db", db], environment: env)
        #expect(run.status != 0, "\(run.out)")
        #expect(run.out.contains("mail cannot go out: '/nonexistent/sendmail -t -i' is not there")
                && run.out.contains("set another sendmail command in the mail settings"), "\(run.out)")
        run = try await Processes.run(kontor, ["settings", "--db", db, "--set", "sendmail=/bin/cat"], environment: env)
        #expect(run.status == 0, "\(run.out)\(run.err)")
        run = try await Processes.run(kontor, ["doctor", "--db", db], environment: env)
        #expect(run.out.contains("ok  mail goes out through /bin/cat"), "\(run.out)")
    }

    /// A database named bare, from its own folder, is checked as one named
    /// whole: its folder's free space and backups, not those of "".
    @Test func aBareDatabaseNameIsTheFileInTheWorkingFolder() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase(scale: 20)
        let folder = (db as NSString).deletingLastPathComponent
        let run = try await Processes.run(try KontorBinary.path(), ["doctor", "--db", (db as NSString).lastPathComponent],
                                          environment: workspace.environment, directory: folder)
        let whole = URL(fileURLWithPath: db).standardizedFileURL.path
        #expect(run.out.contains("ok  database \(whole) ("), "\(run.out)")
        #expect(run.out.contains("free beside the database") && !run.out.contains("free space in  cannot be read"), "\(run.out)")
        #expect(run.out.contains("no backup found in \((whole as NSString).deletingLastPathComponent)/backups"), "\(run.out)")
    }
}
