import Foundation
import Testing

/// The dashboard driven through tmux with the real binary: the figures
/// arrive from the background and match the database; Enter follows one.
@Suite("Dashboard end to end (tmux)", .timeLimit(.minutes(1)))
struct DashboardEndToEndTests {
    @Test("0 shows the figures read from the database; Enter on a stage opens the Deals board")
    func figuresArriveAndLeadToTheirList() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let open = try await workspace.sqlite(db, "SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending')")
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let tmux = try await TmuxSession(workspace: workspace, width: 200, height: 50,
                                         command: "\(Processes.shellQuoted(kontor)) --db \(Processes.shellQuoted(db)); echo KONTOR-EXITED")
        try await tmux.waitFor("the first screen") { $0.lines.last?.contains("q quit") == true && $0.contains("1 Customers") }
        try await tmux.press("0")
        let screen = try await tmux.waitFor(text: "as of", "Pipeline by stage", "Top customers")
        let openLine = try #require(screen.lines.first { $0.contains("› Open ") }, "the cursor starts on open tickets\n\(screen)")
        let count = openLine.split(separator: "│")[0].split(separator: " ").last.map(String.init)
        #expect(count?.replacingOccurrences(of: "\u{202F}", with: "") == open, "open tickets: \(openLine) vs \(open)")

        // Tab to the revenue panel, again to the pipeline: its first stage is Lead.
        try await tmux.press("Tab")
        try await tmux.press("Tab")
        try await tmux.press("Tab")
        try await tmux.press("Tab")
        try await tmux.waitFor("the cursor on Lead") { $0.lines.contains { $0.contains("│› Lead") } }
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "board ·", "Lead", "Qualified")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
        let left = try await Processes.pids(matching: "^" + Processes.regexEscaped(kontor) + " --db " + Processes.regexEscaped(db) + "( |$)")
        #expect(left.isEmpty, "a kontor process is still running")
    }
}
