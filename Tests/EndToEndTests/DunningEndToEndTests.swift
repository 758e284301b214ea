import Foundation
import KontorModel
import Testing

/// `kontor dunning run` through the real binary over the demo: the dry run
/// lists and sends nothing, the run writes each letter as text and PDF and
/// records it, and the same day again proposes nothing new.
@Suite("Dunning runs end to end", .timeLimit(.minutes(1)))
struct DunningEndToEndTests {
    @Test("kontor dunning run lists, sends and records the letters, once")
    func dunningRunCommand() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        func count(_ sql: String) async throws -> Int {
            Int(try await workspace.sqlite(db, sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        let overdue = try await count("""
            SELECT count(DISTINCT customer_id) FROM invoices
            WHERE kind = 'invoice' AND status = 'issued' AND due_date < '2026-12-20' AND paid_cents < gross_cents
            """)
        try #require(overdue > 0, "the demo has no overdue invoice")
        let out = workspace.file("letters")

        let dry = try await Processes.run(kontor, ["dunning", "run", "--date", "2026-12-20", "--dry-run", "--db", db],
                                          environment: workspace.environment, directory: workspace.path)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("Dunning run of 20.12.2026: \(overdue) letter(s)"), "\(dry.out)")
        #expect(dry.out.contains("Nothing was sent (dry run)."))
        #expect(try await count("SELECT count(*) FROM dunning_letters") == 0)

        let sent = try await Processes.run(kontor, ["dunning", "run", "--date", "2026-12-20", "--db", db, "--out", out],
                                           environment: workspace.environment, directory: workspace.path)
        #expect(sent.status == 0, "\(sent.err)")
        #expect(sent.out.contains("Sent \(overdue) letter(s)"), "\(sent.out)")
        #expect(try await count("SELECT count(*) FROM dunning_letters") == overdue)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.filter { $0.hasSuffix(".pdf") }.count == overdue && files.filter { $0.hasSuffix(".txt") }.count == overdue)
        let text = try String(contentsOfFile: "\(out)/Mahnung-00001.txt", encoding: .utf8)
        #expect(text.contains("ZAHLUNGSERINNERUNG") && text.contains("Zu zahlen EUR"), "\(text)")

        let again = try await Processes.run(kontor, ["dunning", "run", "--date", "2026-12-20", "--db", db, "--out", out],
                                            environment: workspace.environment, directory: workspace.path)
        #expect(again.status == 0 && again.out.contains("No letters to send."), "\(again.out)\(again.err)")
        #expect(try await count("SELECT count(*) FROM dunning_letters") == overdue)

        // A fee: the next level a month later costs 5,00; paid in part, then waived.
        let later = try await Processes.run(kontor, ["dunning", "run", "--date", "2027-01-20", "--db", db, "--out", out],
                                            environment: workspace.environment, directory: workspace.path)
        #expect(later.status == 0, "\(later.err)")
        let letter = try await workspace.sqlite(db, "SELECT l.file_name FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id ORDER BY f.id LIMIT 1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!letter.isEmpty, "the 1st notice charged no fee")
        let part = try await Processes.run(kontor, ["dunning", "fee", letter, "--amount", "2,00", "--db", db],
                                           environment: workspace.environment, directory: workspace.path)
        #expect(part.status == 0 && part.out.contains("\(letter): fee 5,00, paid 2,00, open 3,00"), "\(part.out)\(part.err)")
        let over = try await Processes.run(kontor, ["dunning", "fee", letter, "--amount", "3,01", "--db", db],
                                           environment: workspace.environment, directory: workspace.path)
        #expect(over.status != 0 && over.err.contains("only 3,00 is open on the fee of \(letter)"), "\(over.err)")
        let waived = try await Processes.run(kontor, ["dunning", "fee", letter, "--waive", "--db", db],
                                             environment: workspace.environment, directory: workspace.path)
        #expect(waived.status == 0 && waived.out.contains("waived 3,00, open 0,00"), "\(waived.out)\(waived.err)")

        let check = try await Processes.run(kontor, ["check", "--db", db], environment: workspace.environment, directory: workspace.path)
        #expect(check.status == 0 && check.out.contains("every dunning letter's amounts equal its notices"), "\(check.out)\(check.err)")

        // The terms are settings, changed by an admin.
        let set = try await Processes.run(kontor, ["settings", "--db", db, "--set", "dunning-days=7 21 35 49", "--set", "dunning-fees=0 2,50 5,00 7,50",
                                                   "--set", "base-rate=-0,88 2022-07-01"], environment: workspace.environment, directory: workspace.path)
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out.contains("dunning-days          7 21 35 49") && set.out.contains("dunning-fees          0,00 2,50 5,00 7,50"), "\(set.out)")
        #expect(set.out.contains("base-rate             -0,88 % since 2022-07-01"), "\(set.out)")
        let falling = try await Processes.run(kontor, ["settings", "--db", db, "--set", "dunning-days=7 21 21 49"],
                                              environment: workspace.environment, directory: workspace.path)
        #expect(falling.status != 0 && falling.err.contains("must rise from level to level"), "\(falling.err)")

        let bad = try await Processes.run(kontor, ["dunning", "run", "--date", "31.02.2026", "--db", db], environment: workspace.environment,
                                          directory: workspace.path)
        #expect(bad.status != 0 && bad.err.contains("--date expects a day like 2026-12-05"), "\(bad.err)")
        // A letter dated ahead is not mailed before its day; nothing is recorded.
        let letters = try await count("SELECT count(*) FROM dunning_letters")
        let ahead = CalendarDate.adding(days: 60, to: CalendarDate.today())!
        let early = try await Processes.run(kontor, ["dunning", "run", "--date", ahead, "--mail", "--db", db], environment: workspace.environment,
                                            directory: workspace.path)
        #expect(early.status != 0 && early.err.contains("is after today: a letter is mailed on the day it is dated"), "\(early.err)")
        #expect(try await count("SELECT count(*) FROM dunning_letters") == letters)
    }

    /// Ctrl-C during a run stops it after the letter under way: the letters
    /// sent are recorded with their files, no file is left without its
    /// record, and a run again proposes the rest.
    @Test func ctrlCStopsARunBetweenLettersAndLeavesNoFileWithoutItsRecord() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase(scale: 2000)
        let out = workspace.file("letters")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kontor)
        process.arguments = ["dunning", "run", "--db", db, "--out", out]
        process.environment = workspace.environment
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        let errURL = URL(fileURLWithPath: workspace.file("run.err"))
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Whatever fails below, the run does not outlive the test.
        defer { if process.isRunning { process.terminate() } }
        // The first letter written, then Ctrl-C.
        let deadline = Date().addingTimeInterval(40)
        while Date() < deadline, process.isRunning,
              ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter({ $0.hasSuffix(".pdf") }).isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(process.isRunning, "the run ended before it could be stopped")
        kill(process.processIdentifier, SIGINT)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!process.isRunning, "the run did not stop")
        let err = try String(contentsOf: errURL, encoding: .utf8)
        #expect(process.terminationStatus != 0)
        #expect(err.contains("letter(s) were sent; then the run stopped: it was told to stop (Ctrl-C, or Kontor quit)"), "\(err)")
        let recorded = Set(try await workspace.sqlite(db, "SELECT file_name FROM dunning_letters").split(separator: "\n").map(String.init))
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!recorded.isEmpty)
        #expect(Set(files) == Set(recorded.flatMap { ["\($0).txt", "\($0).pdf"] }), "every file has its record, every record its files")
        let again = try await Processes.run(kontor, ["dunning", "run", "--dry-run", "--db", db], environment: workspace.environment, directory: workspace.path)
        #expect(again.out.range(of: #"Dunning run of [0-9.]+: [1-9]"#, options: .regularExpression) != nil, "the rest is proposed again: \(again.out.prefix(200))")
    }
}
