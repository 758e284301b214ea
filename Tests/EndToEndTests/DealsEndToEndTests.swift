import Foundation
import Testing

/// The Deals board driven through tmux with the real binary, the database
/// checked with sqlite3 after each move.
@Suite("Deals end to end (tmux)", .timeLimit(.minutes(1)))
struct DealsEndToEndTests {
    @Test("> moves the highlighted deal from Lead to Qualified and < brings it back, in the database too")
    func moveAcrossStages() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        // The first card of the Lead column: dated deals soonest first, then undated ones.
        let first = try await workspace.sqlite(db, """
            SELECT id || '|' || title FROM deals WHERE stage = 'lead'
            ORDER BY expected_close IS NULL, expected_close, id LIMIT 1
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = first.split(separator: "|", maxSplits: 1).map(String.init)
        let (id, title) = (try #require(parts.first), try #require(parts.last))
        let stage = { try await workspace.sqlite(db, "SELECT stage FROM deals WHERE id = \(id)").trimmingCharacters(in: .whitespacesAndNewlines) }

        let tmux = try await TmuxSession(workspace: workspace, width: 80, height: 24,
                                         command: "\(Processes.shellQuoted(kontor)) --db \(Processes.shellQuoted(db)); echo KONTOR-EXITED")
        try await tmux.waitFor("the first screen") { $0.lines.last?.contains("q quit") == true && $0.contains("1 Customers") }
        try await tmux.press("3")
        let board = try await tmux.waitFor(text: "board ·", "Lead", "Qualified")
        let cursor = try #require(board.lines.first { $0.hasPrefix("›") }, "no highlighted card\n\(board)")
        #expect(cursor.contains(String(title.prefix(15))), "the first Lead card should be deal \(id) “\(title)”\n\(board)")

        try await tmux.press(">")
        let moved = try await tmux.waitFor(text: "moved from Lead to Qualified")
        #expect(moved.contains(String(title.prefix(15))))
        #expect(try await stage() == "qualified")

        try await tmux.press("<")
        try await tmux.waitFor(text: "moved from Qualified to Lead")
        #expect(try await stage() == "lead")
        // Both moves are in the audit log, signed by the account that made them.
        let log = try await workspace.sqlite(db, "SELECT old_value || '>' || new_value FROM audit_log WHERE entity = 'deal' AND entity_id = \(id) AND field = 'stage' ORDER BY id")
        #expect(log.hasSuffix("lead>qualified\nqualified>lead\n"), "audit log: \(log)")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
        let left = try await Processes.pids(matching: "^" + Processes.regexEscaped(kontor) + " --db " + Processes.regexEscaped(db) + "( |$)")
        #expect(left.isEmpty, "a kontor process is still running")
    }
}
