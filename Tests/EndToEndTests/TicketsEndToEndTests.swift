import Foundation
import Testing

/// The Tickets screen through the real binary in tmux: taking a ticket and
/// writing an internal note, checked on screen and then in the database.
@Suite("Tickets end to end (tmux)", .timeLimit(.minutes(1)))
struct TicketsEndToEndTests {
    @Test("take a ticket and write an internal note with umlauts and CJK; both land in the database")
    func takeAndNote() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let picked = try await workspace.sqlite(db, """
            SELECT id, subject FROM tickets WHERE sla_due IS NOT NULL AND assignee_id IS NULL AND status = 'new'
            ORDER BY sla_due, id LIMIT 1
            """)
        let parts = picked.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", maxSplits: 1).map(String.init)
        try #require(parts.count == 2, "no unassigned open ticket in the demo database: \(picked)")
        let (id, subject) = (parts[0], parts[1])
        let messages = try await workspace.sqlite(db, "SELECT count(*) FROM ticket_messages WHERE ticket_id = \(id)")

        let tmux = try await TmuxSession(workspace: workspace, width: 80, height: 24,
                                         command: "\(q(try KontorBinary.path())) --db \(q(db)); echo KONTOR-EXITED")
        try await tmux.waitFor(text: "2 Tickets", "q quit")
        try await tmux.press("2")
        try await tmux.waitFor(text: "Tickets · All open", "Due in")
        // Find it by number, as someone quoting "#id" on the phone would.
        try await tmux.press("/")
        try await tmux.type("#\(id)")
        try await tmux.waitFor(text: "1 matching")
        // "#id" and Enter open the ticket at once.
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "#\(id)  \(String(subject.prefix(20)))", "unassigned")

        try await tmux.press("t")
        try await tmux.waitFor(text: "#\(id) taken", "assigned to")

        try await tmux.press("i")
        try await tmux.waitFor(text: "Internal note · never shown to the customer")
        try await tmux.type("Rückruf bei Frau Müller: 山田商事 meldet sich 👍")
        try await tmux.press("Enter")
        try await tmux.type("Größe prüfen")
        try await tmux.waitFor(text: "Größe prüfen")
        try await tmux.press("C-s")
        let saved = try await tmux.waitFor(text: "Note saved on #\(id)", "INTERNAL NOTE")
        #expect(saved.contains("┃ Rückruf bei Frau Müller: 山田商事 meldet sich 👍"), "\(saved)")
        #expect(saved.contains("┃ Größe prüfen"), "\(saved)")
        for line in saved.lines { #expect(line.count <= 80, "overflowing line: \(line)") }

        try await tmux.press("Escape")
        try await tmux.waitFor(text: "Tickets · All open", "filter: #\(id)")
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")

        // Taken: assigned to the account that ran kontor, who also signed the note.
        let stored = try await workspace.sqlite(db, """
            SELECT m.kind, m.body, m.author_staff_id = t.assignee_id, t.assignee_id IS NOT NULL
            FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE m.ticket_id = \(id) ORDER BY m.id DESC LIMIT 1
            """)
        #expect(stored == "note|Rückruf bei Frau Müller: 山田商事 meldet sich 👍\nGröße prüfen|1|1\n")
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM ticket_messages WHERE ticket_id = \(id)")
                == "\((Int(messages.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) + 1)\n")
        let audited = try await workspace.sqlite(db, """
            SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE entity = 'ticket' AND entity_id = \(id) ORDER BY id)
            """)
        #expect(audited.contains("assign") && audited.contains("message"), "audit: \(audited)")
    }

    func q(_ word: String) -> String { Processes.shellQuoted(word) }
}
