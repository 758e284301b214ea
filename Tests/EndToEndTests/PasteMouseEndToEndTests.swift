import Foundation
import Testing

extension KontorEndToEndTests {
    @Test("a paste types into the filter and runs no key on the list; clicks select, open and switch tabs; Ctrl-Z and quitting turn paste and mouse off")
    func pasteAndMouse() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)
        // Kontor asked the terminal for SGR mouse reports.
        #expect(try await mouseFlags(tmux) == "1 1")

        // A paste on the list, as the terminal brackets it: "a" would
        // archive, "2" switch screens, "q" quit. None of it may run.
        try await sendRaw(tmux, "\u{1B}[200~a2q\n\u{1B}[201~")
        let ignored = try await tmux.waitFor(text: "Paste ignored")
        #expect(Self.isFirstScreen(ignored), "\(ignored)")
        #expect(!ignored.contains("Archive"))

        // Into the filter, through tmux's own bracketed paste: one line.
        try await tmux.press("/")
        try await tmux.tmux(["set-buffer", "-b", "e2e-paste", "Müller\nGmbH"])
        try await tmux.tmux(["paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", tmux.target])
        try await tmux.waitFor("the filter to hold the paste") { $0.lines.count > 1 && $0.lines[1].contains("/ Müller GmbH") }
        try await tmux.press("Escape")
        let list = try await tmux.waitFor("the whole list again") { Self.isFirstScreen($0) && !$0.lines[1].contains("Müller") }

        // A click on the third row (screen line 6, counted from 1) selects it.
        let third = list.lines[5]
        try await sendRaw(tmux, "\u{1B}[<0;10;6M\u{1B}[<0;10;6m")
        try await tmux.waitFor("the third row highlighted") { $0.lines.count > 5 && $0.lines[5].hasPrefix("›") }
        // A double click opens it.
        try await sendRaw(tmux, "\u{1B}[<0;10;6M\u{1B}[<0;10;6m\u{1B}[<0;10;6M\u{1B}[<0;10;6m")
        let name = String(third.dropFirst(2).prefix(10))
        try await tmux.waitFor("the customer opened") { $0.contains("Contacts (") && $0.lines.count > 1 && $0.lines[1].contains(name) }

        // A click on a tab switches to its screen.
        let header = list.lines[0]
        let tab = try #require(header.range(of: "2 Tickets"))
        let column = header.distance(from: header.startIndex, to: tab.lowerBound) + 3
        try await sendRaw(tmux, "\u{1B}[<0;\(column);1M\u{1B}[<0;\(column);1m")
        try await tmux.waitFor("the tickets screen") { $0.lines.count > 2 && $0.lines[1].contains("Tickets ·") }

        // Ctrl-Z hands the terminal back with both modes off, and takes
        // them up again on the way back (here at once: the test's shell
        // has no job control, so nothing stops the process for long).
        let output = workspace.file("pane-output")
        try await tmux.recordOutput(to: output)
        try await tmux.press("C-z")
        try await waitUntil("the modes off and on again in the output") {
            let written = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            guard let off = written.range(of: "\u{1B}[?1000l\u{1B}[?2004l") else { return false }
            return written[off.upperBound...].contains("\u{1B}[?1000h\u{1B}[?1006h\u{1B}[?2004h")
        }
        try await tmux.waitFor("the screen drawn again") { $0.lines.count > 2 && $0.lines[1].contains("Tickets ·") }
        #expect(try await mouseFlags(tmux) == "1 1")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
        // The shell is not left in mouse or paste mode.
        #expect(try await mouseFlags(tmux) == "0 0")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        let lastOff = try #require(written.range(of: "\u{1B}[?2004l", options: .backwards))
        #expect(!written[lastOff.upperBound...].contains("\u{1B}[?2004h"))
        #expect(!written[lastOff.upperBound...].contains("\u{1B}[?1000h"))
    }

    /// Writes `text` to the pane as the terminal would send it, byte for byte.
    func sendRaw(_ tmux: TmuxSession, _ text: String) async throws {
        let hex = text.utf8.map { String(format: "%02x", $0) }
        try await tmux.tmux(["send-keys", "-t", tmux.target, "-H"] + hex)
    }

    /// Whether the pane is in SGR and standard mouse mode, as tmux sees it: "1 1" or "0 0".
    func mouseFlags(_ tmux: TmuxSession) async throws -> String {
        try await tmux.tmux(["display-message", "-p", "-t", tmux.target, "#{mouse_sgr_flag} #{mouse_standard_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
