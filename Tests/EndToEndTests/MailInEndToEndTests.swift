import Foundation
import Testing
import TestSupport

/// `kontor mail-in` as a mail system runs it: a message on standard input
/// (an alias pipe), or a Maildir (an MDA); the exit codes an MTA reads and
/// the log line per message.
@Suite("Mail in end to end", .timeLimit(.minutes(2)))
struct MailInEndToEndTests {
    func q(_ word: String) -> String { Processes.shellQuoted(word) }

    /// A demo database whose support address is set.
    func office(_ workspace: Workspace) async throws -> String {
        let db = try await workspace.demoDatabase()
        try await workspace.sqlite(db, """
            INSERT INTO settings (key, value, updated_at, updated_by) VALUES
              ('mail.queue_addresses', 'support=support@firma.de, billing=rechnung@firma.de', '2026-12-05T00:00:00Z', 'test')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
        return db
    }

    func mailIn(_ workspace: Workspace, db: String, message: Data, extra: [String] = []) async throws -> ProcessResult {
        let file = workspace.file("message-\(UUID().uuidString).eml")
        try message.write(to: URL(fileURLWithPath: file))
        return try await Processes.run(try KontorBinary.path(), ["mail-in", "--db", db] + extra, environment: workspace.environment,
                                       stdin: file, directory: workspace.path)
    }

    @Test("a message on standard input becomes a ticket; the same one again is stored once; an answer lands on the ticket")
    func pipe() async throws {
        let workspace = try Workspace()
        let db = try await office(workspace)
        let before = try await workspace.sqlite(db, "SELECT max(id) FROM tickets")

        let first = try await mailIn(workspace, db: db, message: MailSamples.thunderbird)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.err.contains("from juergen@mueller-handel.de: opened ticket"), "\(first.err)")
        let id = try await workspace.sqlite(db, "SELECT max(id) FROM tickets").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id != before.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try await workspace.sqlite(db, "SELECT queue, status FROM tickets WHERE id = \(id)") == "support|new\n")
        #expect(try await workspace.sqlite(db, "SELECT filename FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id WHERE m.ticket_id = \(id)")
                == "Fehlerbericht Büro.pdf\n")

        let again = try await mailIn(workspace, db: db, message: MailSamples.thunderbird)
        #expect(again.status == 0 && again.err.contains("already taken (ticket \(id))"), "\(again.err)")

        let answer = MailSamples.crlf("From: juergen@mueller-handel.de\nTo: support@firma.de\nSubject: AW: Drucker [#\(id)]\n"
                                      + "Message-ID: <answer-1@mueller-handel.de>\n\nGeht wieder.\n")
        let added = try await mailIn(workspace, db: db, message: answer)
        #expect(added.status == 0 && added.err.contains("added to ticket \(id)"), "\(added.err)")
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM ticket_messages WHERE ticket_id = \(id)") == "2\n")

        // One line per message in the log beside the database.
        let log = try String(contentsOfFile: workspace.file("kontor-mail.log"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 3, "\(log)")
    }

    @Test("exit codes: 65 for no message, 69 for too large, 75 when the database cannot take it now")
    func exitCodes() async throws {
        let workspace = try Workspace()
        let db = try await office(workspace)
        let empty = try await mailIn(workspace, db: db, message: Data())
        #expect(empty.status == 65 && empty.err.contains("not a mail message"), "\(empty.err)")
        let big = try await mailIn(workspace, db: db, message: MailSamples.bigAttachment(kib: 1500), extra: ["--max-size", "1"])
        #expect(big.status == 69 && big.err.contains("more than the 1 MiB taken"), "\(big.err)")
        FileManager.default.createFile(atPath: workspace.file("not-a-folder"), contents: Data("x".utf8))
        let nowhere = try await mailIn(workspace, db: workspace.file("not-a-folder/kontor.sqlite"), message: MailSamples.thunderbird)
        #expect(nowhere.status == 75 && nowhere.err.contains("try again later"), "\(nowhere.err)")
        // Escape sequences in a refused message never reach the log raw.
        let hostile = try await mailIn(workspace, db: db, message: MailSamples.hostileEscapes)
        #expect(hostile.status == 0 && !hostile.err.contains("\u{1B}"), "\(hostile.err)")
    }

    @Test("a Maildir: taken messages move to cur, refused ones to failed with the reason")
    func maildir() async throws {
        let workspace = try Workspace()
        let db = try await office(workspace)
        let dir = workspace.file("Maildir")
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true) }
        try MailSamples.outlook.write(to: URL(fileURLWithPath: "\(dir)/new/1733390000.M1P1.host"))
        try MailSamples.outOfOffice.write(to: URL(fileURLWithPath: "\(dir)/new/1733390001.M2P1.host"))
        try Data("\n\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/new/1733390002.M3P1.host"))
        try MailSamples.appleMail.write(to: URL(fileURLWithPath: "\(dir)/new/1733390003.M4P1.host"))

        let result = try await Processes.run(try KontorBinary.path(), ["mail-in", "--db", db, "--maildir", dir],
                                             environment: workspace.environment, directory: workspace.path)
        #expect(result.status == 0, "\(result.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/new").isEmpty)
        let cur = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/cur").sorted()
        #expect(cur == ["1733390000.M1P1.host:2,S", "1733390001.M2P1.host:2,S", "1733390003.M4P1.host:2,S"], "\(cur)")
        let failed = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/failed").sorted()
        #expect(failed == ["1733390002.M3P1.host", "1733390002.M3P1.host.reason"], "\(failed)")
        let reason = try String(contentsOfFile: "\(dir)/failed/1733390002.M3P1.host.reason", encoding: .utf8)
        #expect(reason.contains("not a mail message"), "\(reason)")
        // The out-of-office concerns no ticket Kontor knows: ignored, no ticket.
        #expect(result.err.contains("ignored (automatische Antwort: out of office)"), "\(result.err)")
    }
}
