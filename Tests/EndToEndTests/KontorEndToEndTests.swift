import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `kontor` binary, driven through tmux as a person would drive it.
///
/// Every test has its own workspace (database, HOME, XDG_DATA_HOME) and its
/// own tmux server, so the tests run in parallel and leave nothing behind.
@Suite("Kontor end to end (tmux)", .timeLimit(.minutes(1)))
struct KontorEndToEndTests {
    static let tabs = ["1 Customers", "2 Tickets", "3 Deals", "4 Invoices", "5 Inventory", "6 Staff"]

    // MARK: 1. The first screen, and quitting

    @Test("kontor demo shows the Customers list with header and footer; q quits")
    func firstScreenAndQuit() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = workspace.file("first.sqlite")
        let tmux = try await TmuxSession(
            workspace: workspace,
            command: "\(q(kontor)) demo --db \(q(db)) --scale 300; echo \"KONTOR-EXITED status=$?\"")

        // Creating the demo data comes first: allow for a slow debug build.
        let screen = try await tmux.waitFor("the first screen", timeout: .seconds(30), until: Self.isFirstScreen)
        #expect(screen.lines.count == 24)
        for tab in Self.tabs {
            #expect(screen.lines[0].contains(tab), "header: \(screen.lines[0])")
        }
        let columns = try #require(screen.line(containing: "Name"), "no column header line\n\(screen)")
        #expect(columns.text.contains("Contact") && columns.text.contains("City"), "column header: \(columns.text)")
        #expect(screen.lines.last?.contains("q quit") == true, "footer: \(screen.lines.last ?? "")")
        #expect(Self.rows(of: screen).count >= 10, "the list should be full of demo customers\n\(screen)")
        #expect(!screen.contains("KONTOR-EXITED"))

        try await tmux.press("q")
        let after = try await tmux.waitFor(text: "KONTOR-EXITED")
        #expect(after.contains("KONTOR-EXITED status=0"), "kontor should exit with status 0 after q\n\(after)")
        #expect(try await kontorProcesses(kontor, db: db).isEmpty, "a kontor process is still running")
        // The demo data really is in the database.
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM customers").trimmingCharacters(in: .whitespacesAndNewlines) == "300")
    }

    // MARK: 2. Filtering, with and without diacritics

    @Test("the filter finds Müller whether typed as müller or muller")
    func filterFoldsDiacritics() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let tmux = try await startKontor(workspace, db: db)
        let first = try await tmux.waitFor("the first screen", until: Self.isFirstScreen)
        let active = try #require(Self.count(before: "active", in: first.lines[1]), "no active count in: \(first.lines[1])")

        try await tmux.press("/")
        try await tmux.type("müller")
        let umlaut = try await tmux.waitFor("the list filtered by müller") { screen in
            screen.lines.count > 1 && screen.lines[1].contains("matching") && screen.lines[1].contains("/ müller")
        }
        let umlautRows = Self.rows(of: umlaut)
        #expect(!umlautRows.isEmpty, "no customer matched müller\n\(umlaut)")
        for row in umlautRows {
            #expect(Self.fold(row).contains("muller"), "row does not mention Müller: \(row)")
        }
        let matching = try #require(Self.count(before: "matching", in: umlaut.lines[1]), "no count in: \(umlaut.lines[1])")
        #expect(matching < active, "the filter should narrow the list (\(matching) of \(active))")
        if matching <= umlaut.lines.count - 4 {
            #expect(umlautRows.count == matching, "title says \(matching) matching\n\(umlaut)")
        }

        // Esc clears the filter; then the same search without the umlaut.
        try await tmux.press("Escape")
        try await tmux.waitFor("the filter to be cleared") { screen in
            screen.lines.count > 1 && screen.lines[1].contains("active") && !screen.lines[1].contains("matching")
        }
        try await tmux.press("/")
        try await tmux.type("muller")
        let plain = try await tmux.waitFor("the list filtered by muller") { screen in
            screen.lines.count > 1 && screen.lines[1].contains("matching") && screen.lines[1].contains("/ muller")
        }
        #expect(Self.rows(of: plain) == umlautRows, "muller should find exactly the customers müller finds\n\(umlaut)\n\(plain)")
        #expect(Self.count(before: "matching", in: plain.lines[1]) == matching)
    }

    // MARK: 3. Creating a customer

    @Test("a new customer with umlauts is saved to the database")
    func createCustomer() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)

        try await tmux.press("n")
        try await tmux.waitFor(text: "New customer", "E-mail")
        try await tmux.type("Jürgen Größe Testfirma GmbH")
        try await tmux.press("Tab")
        try await tmux.type("Jürgen Größe")
        try await tmux.press("Tab")
        try await tmux.type("j.groesse@example.com")
        try await tmux.waitFor(text: "j.groesse@example.com")
        try await tmux.press("C-s")
        let saved = try await tmux.waitFor(text: "Saved Jürgen Größe Testfirma GmbH")
        #expect(!saved.contains("New customer"), "the form should close after saving\n\(saved)")
        // The new customer's 360° view opens; Esc goes back to the list, where it is highlighted.
        // With the contact person it was entered with.
        #expect(saved.contains("Contacts (1)") && saved.contains("★ Jürgen Größe"), "the customer's view should open after saving\n\(saved)")
        try await tmux.press("Escape")
        let list = try await tmux.waitFor("the list", until: Self.isFirstScreen)
        #expect(Self.rows(of: list).contains { $0.hasPrefix("Jürgen Größe Test") }, "the new customer should be in the list\n\(list)")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
        #expect(try await kontorProcesses(kontor, db: db).isEmpty)

        let stored = try await workspace.sqlite(db, "SELECT name, contact_name, email FROM customers WHERE name LIKE 'Jürgen Größe%'")
        #expect(stored == "Jürgen Größe Testfirma GmbH|Jürgen Größe|j.groesse@example.com\n")
    }

    @Test("an empty name and a bad e-mail are refused with messages, and nothing is stored")
    func validationErrors() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let before = try await workspace.sqlite(db, "SELECT count(*), max(id) FROM customers")
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)

        try await tmux.press("n")
        try await tmux.waitFor(text: "New customer", "E-mail")
        try await tmux.press("Tab", "Tab")
        try await tmux.type("not-an-email")
        try await tmux.waitFor(text: "not-an-email")
        try await tmux.press("C-s")
        let refused = try await tmux.waitFor(text: "Name is required", "E-mail must look like name@example.com")
        #expect(refused.contains("New customer"), "the form should stay open\n\(refused)")
        #expect(!refused.contains("Saved"))

        // Close the form without saving: Esc asks first (wait for the question
        // before answering, or ESC y would arrive as Alt-y).
        try await tmux.press("Escape")
        try await tmux.waitFor(text: "Discard changes")
        try await tmux.press("y")
        try await tmux.waitFor("the list again") { Self.isFirstScreen($0) && !$0.contains("New customer") }
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
        #expect(try await kontorProcesses(kontor, db: db).isEmpty)

        #expect(try await workspace.sqlite(db, "SELECT count(*), max(id) FROM customers") == before)
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM customers WHERE email = 'not-an-email'") == "0\n")
    }

    // MARK: 4. Help

    @Test("? shows the keys in a box; Esc closes it")
    func helpOverlay() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)

        try await tmux.press("?")
        let help = try await tmux.waitFor(text: "Keys · Customers", "Next row", "Filter as you type")
        #expect(help.contains("┌") && help.contains("└"), "the help should be drawn in a box\n\(help)")
        #expect(help.contains("Esc or ? closes"))

        try await tmux.press("Escape")
        // The box is gone as a whole: no line of it is left behind (a capture
        // may fall between two writes of the same frame, so wait for it all).
        let closed = try await tmux.waitFor("the help to close") {
            Self.isFirstScreen($0) && !$0.contains("Keys · Customers") && !$0.contains("Next row")
        }
        #expect(!closed.contains("┌") && !closed.contains("└"), "\(closed)")
    }

    // MARK: 5. Resizing

    @Test("a terminal below 80×24 gets a plain request for more room, and the list comes back")
    func resize() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)

        try await tmux.resize(width: 30, height: 8)
        let small = try await tmux.waitFor(text: "Terminal too small", "need 80×24")
        #expect(small.contains("have 30×8"), "\(small)")
        #expect(!small.contains("Customers"))

        try await tmux.resize(width: 80, height: 24)
        let back = try await tmux.waitFor("the list at 80×24 again") { Self.isFirstScreen($0) && !$0.contains("Terminal too small") }
        #expect(back.lines.count == 24)
        #expect(Self.rows(of: back).count >= 10)
    }

    // MARK: 6. SIGHUP

    @Test("SIGHUP ends kontor, leaves the shell's terminal sane and keeps what an open form held")
    func hangup() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        // A plain /bin/sh that, unlike bash, does not repair the terminal for us.
        let tmux = try await TmuxSession(workspace: workspace, command: "exec /bin/sh -i")
        try await tmux.typeLine("echo READY-$((2+3))")
        try await tmux.waitFor(text: "READY-5")

        try await tmux.typeLine("\(q(kontor)) --db \(q(db)); echo KONTOR-STATUS-$?-END")
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)
        let pids = try await kontorProcesses(kontor, db: db)
        let pid = try #require(pids.count == 1 ? pids.first : nil, "expected one kontor process, found \(pids)")
        // A form with typing in it, not saved, when the link drops.
        try await tmux.press("e")
        try await tmux.waitFor(text: "Edit customer")
        try await tmux.press("C-u")
        try await tmux.type("Hangup Kaffee GmbH")
        try await tmux.waitFor(text: "Hangup Kaffee GmbH")

        #expect(kill(pid, SIGHUP) == 0)
        try await waitUntil("kontor (pid \(pid)) to exit after SIGHUP",
                            details: { "Last screen:\n\(try await tmux.capture())" }) { !Processes.isAlive(pid) }
        // The echo after kontor runs: the shell got its terminal back.
        let ended = try await tmux.waitFor("the shell to continue after kontor", history: true) { screen in
            screen.text.range(of: #"KONTOR-STATUS-[0-9]+-END"#, options: .regularExpression) != nil
        }
        // 128 + SIGHUP: a script can tell a dropped link from a normal quit.
        #expect(ended.text.contains("KONTOR-STATUS-129-END"), "exit status after SIGHUP\n\(ended)")

        try await tmux.typeLine("stty -a; echo STTY-$((3+4))-DONE")
        let screen = try await tmux.waitFor("the output of stty -a", history: true) { screen in
            screen.lines.contains { $0.hasPrefix("STTY-7-DONE") }
        }
        let settings = Self.sttySettings(screen)
        #expect(settings.contains("echo") && !settings.contains("-echo"), "the terminal should echo again\n\(screen)")
        #expect(settings.contains("icanon") && !settings.contains("-icanon"), "the terminal should be back in line mode\n\(screen)")
        #expect(try await kontorProcesses(kontor, db: db).isEmpty, "a kontor process is still running")

        // The next session says what was kept and puts it back into the same form.
        try await tmux.typeLine("clear; \(q(kontor)) --db \(q(db))")
        try await tmux.waitFor(text: "Kept from your last session")
        try await tmux.press("e")
        let again = try await tmux.waitFor(text: "Put back what was typed here")
        #expect(again.contains("Hangup Kaffee GmbH"), "\(again)")
        try await tmux.press("Escape")
        try await tmux.waitFor(text: "Discard")
        try await tmux.press("y")
        try await tmux.press("q")
        try await waitUntil("kontor to quit") { try await kontorProcesses(kontor, db: db).isEmpty }
    }

    // MARK: 7. Changes made elsewhere

    @Test("a change made by another process shows up without a key press")
    func liveChanges() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let first = try await startKontor(workspace, db: db)
        let second = try await startKontor(workspace, db: db)
        try await first.waitFor("the first screen (first session)", until: Self.isFirstScreen)
        try await second.waitFor("the first screen (second session)", until: Self.isFirstScreen)

        // A change by a third party: the sqlite3 command line.
        try await workspace.sqlite(db, """
            UPDATE customers SET name = 'Zzz Live Change', sort_key = 'aaa live change', version = version + 1
            WHERE id = (SELECT id FROM customers WHERE archived = 0 ORDER BY sort_key LIMIT 1)
            """)
        try await waitUntil("both sessions to show “Zzz Live Change”", timeout: .seconds(3),
                            details: { "First:\n\(try await first.capture())\nSecond:\n\(try await second.capture())" }) {
            let a = try await first.capture()
            let b = try await second.capture()
            return a.contains("Zzz Live Change") && b.contains("Zzz Live Change")
        }

        // A change by another kontor: the first session creates a customer.
        // The second keeps its cursor on the changed row (at the top), so the
        // new name is chosen to sort just after it, inside the visible window.
        let before = try await second.capture()
        let active = try #require(Self.count(before: "active", in: before.lines[1]), "no active count in: \(before.lines[1])")
        try await first.press("n")
        try await first.waitFor(text: "New customer")
        try await first.type("Aab Elsewhere")
        try await first.waitFor(text: "Aab Elsewhere")
        try await first.press("C-s")
        try await first.waitFor(text: "Saved Aab Elsewhere")
        let seen = try await second.waitFor("the new customer and the new count in the second session", timeout: .seconds(2)) { screen in
            Self.rows(of: screen).contains { $0.hasPrefix("Aab Elsewhere") }
                && Self.count(before: "active", in: screen.lines[1]) == active + 1
        }
        #expect(Self.rows(of: seen).first?.hasPrefix("Zzz Live Change") == true, "the cursor row should stay on top\n\(seen)")
    }

    // MARK: 8. Other terminals, and no terminal

    struct TerminalSetting: Sendable, CustomTestStringConvertible {
        var term: String
        var environment: [String: String]
        var expectColor: Bool
        var testDescription: String {
            (["TERM=\(term)"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    @Test("the first screen under other terminal settings", arguments: [
        TerminalSetting(term: "screen", environment: [:], expectColor: true),
        TerminalSetting(term: "xterm-256color", environment: ["NO_COLOR": "1"], expectColor: false),
        // The control for NO_COLOR: the same terminal with colour does show colour.
        TerminalSetting(term: "xterm-256color", environment: [:], expectColor: true),
    ])
    func firstScreen(under setting: TerminalSetting) async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let raw = workspace.file("output.raw")
        // `read` holds kontor back until the pane's output is being recorded.
        let tmux = try await TmuxSession(workspace: workspace, term: setting.term, environment: setting.environment,
                                         command: "read go; \(q(kontor)) --db \(q(db)); echo KONTOR-EXITED")
        try await tmux.recordOutput(to: raw)
        try await tmux.press("Enter")
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
        try await waitUntil("the recorded output to be complete") {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: raw))) ?? Data(), as: UTF8.self).contains("KONTOR-EXITED")
        }
        let colors = Self.colorSequences(in: try Data(contentsOf: URL(fileURLWithPath: raw)))
        if setting.expectColor {
            #expect(!colors.isEmpty, "expected colour escape sequences")
        } else {
            #expect(colors.isEmpty, "no colour expected, found \(Set(colors).sorted().prefix(10))")
        }
    }

    enum TermVariant: String, Sendable, CaseIterable {
        case xterm = "TERM=xterm-256color"
        case dumb = "TERM=dumb"
        case unset = "TERM unset"
        case unknown = "TERM=no-such-terminal"
        var term: String? {
            switch self {
            case .xterm: "xterm-256color"
            case .dumb: "dumb"
            case .unset: nil
            case .unknown: "no-such-terminal"
            }
        }
    }

    @Test("without a terminal kontor refuses in one line and writes no escape codes", arguments: TermVariant.allCases)
    func noTerminal(_ variant: TermVariant) async throws {
        let workspace = try Workspace()
        var environment = workspace.environment
        environment["TERM"] = variant.term
        let result = try await Processes.run(try KontorBinary.path(), ["--db", workspace.file("none.sqlite")],
                                             environment: environment, stdin: "/dev/null", directory: workspace.path)
        #expect(result.status != 0, "kontor should fail without a terminal")
        #expect(!result.killedBySignal)
        Self.expectOneLineAboutTerminals(result.err)
        #expect(!result.stdout.contains(0x1B), "escape codes on standard output: \(result.out.debugDescription)")
        #expect(result.stdout.isEmpty, "nothing expected on standard output: \(result.out.debugDescription)")
    }

    @Test("in a terminal, TERM=dumb, no TERM or an unknown TERM is refused in one line without escape codes",
          arguments: [TermVariant.dumb, TermVariant.unset, TermVariant.unknown])
    func unusableTerminalType(_ variant: TermVariant) async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let raw = workspace.file("output.raw")
        let errors = workspace.file("stderr.txt")
        let tmux = try await TmuxSession(workspace: workspace, term: variant.term,
                                         command: "read go; \(q(kontor)) 2>\(q(errors)); echo KONTOR-STATUS=$?")
        try await tmux.recordOutput(to: raw)
        try await tmux.press("Enter")
        let screen = try await tmux.waitFor(text: "KONTOR-STATUS=")
        #expect(!screen.contains("KONTOR-STATUS=0"), "kontor should fail\n\(screen)")
        try await waitUntil("the recorded output to be complete") {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: raw))) ?? Data(), as: UTF8.self).contains("KONTOR-STATUS=")
        }
        let output = try Data(contentsOf: URL(fileURLWithPath: raw))
        #expect(!output.contains(0x1B), "escape codes on the terminal: \(String(decoding: output, as: UTF8.self).debugDescription)")
        Self.expectOneLineAboutTerminals(try String(contentsOfFile: errors, encoding: .utf8))
    }

    // MARK: Helpers

    /// Starts `kontor --db db` in a new 80×24 session; the shell prints
    /// KONTOR-EXITED when it ends.
    func startKontor(_ workspace: Workspace, db: String, width: Int = 80, height: Int = 24) async throws -> TmuxSession {
        try await TmuxSession(workspace: workspace, width: width, height: height,
                              command: "\(q(try KontorBinary.path())) --db \(q(db)); echo KONTOR-EXITED")
    }

    func q(_ word: String) -> String { Processes.shellQuoted(word) }

    /// The kontor processes running on `db`: only kontor itself, not the tmux
    /// server or the shell, whose command lines mention the path too.
    func kontorProcesses(_ kontor: String, db: String) async throws -> [Int32] {
        try await Processes.pids(matching: "^" + Processes.regexEscaped(kontor) + " (demo )?--db " + Processes.regexEscaped(db) + "( |$)")
    }

    /// The Customers list at 80×24: every tab in the header, the column
    /// header, and the footer with q quit.
    static func isFirstScreen(_ screen: Screen) -> Bool {
        guard screen.lines.count >= 24, let header = screen.lines.first else { return false }
        return tabs.allSatisfy(header.contains)
            && screen.lines.contains { $0.contains("Name") && $0.contains("Contact") }
            && screen.lines.last?.contains("q quit") == true
    }

    /// The rows of the customer list, without the cursor mark and scroll arrows.
    static func rows(of screen: Screen) -> [String] {
        guard let columns = screen.lines.firstIndex(where: { $0.contains("Name") && $0.contains("Contact") }),
              columns + 1 < screen.lines.count - 1 else { return [] }
        return screen.lines[(columns + 1)..<(screen.lines.count - 1)].compactMap { line in
            if line.hasPrefix(" • ") || line.hasPrefix(" ✗ ") { return nil } // a message, not a row
            var row = line
            if row.hasPrefix("›") { row.removeFirst() }
            if row.hasPrefix("!") { row.removeFirst() } // the overdue mark
            row = row.trimmingCharacters(in: .whitespaces)
            if row.hasSuffix("▲") || row.hasSuffix("▼") { row.removeLast() }
            row = row.trimmingCharacters(in: .whitespaces)
            return row.isEmpty ? nil : row
        }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The number written just before `word` ("294 active", "5 matching").
    static func count(before word: String, in line: String) -> Int? {
        guard let range = line.range(of: " \(word)") else { return nil }
        let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == " " || $0 == "\u{202F}" || $0 == "\u{00A0}" || $0 == "." || $0 == "," }
        return Int(String(digits.reversed().filter(\.isNumber)))
    }

    /// The settings words of `stty -a` output on screen ("echo", "-icanon", …).
    static func sttySettings(_ screen: Screen) -> Set<String> {
        // With echo off the typed command is not shown, so the prompt may sit
        // in front of stty's first line.
        guard let start = screen.lines.lastIndex(where: { $0.contains("speed ") && $0.contains(" baud") }),
              let end = screen.lines.lastIndex(where: { $0.hasPrefix("STTY-7-DONE") }), start < end else { return [] }
        let words = screen.lines[start..<end].flatMap { $0.split(whereSeparator: { $0 == " " || $0 == ";" }) }
        return Set(words.map(String.init))
    }

    /// Every SGR sequence in `data` that sets a foreground or background colour.
    static func colorSequences(in data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var found: [String] = []
        var rest = text[...]
        while let start = rest.firstIndex(of: "\u{1B}") {
            rest = rest[rest.index(after: start)...]
            guard rest.first == "[" else { continue }
            let body = rest.dropFirst().prefix { $0.isNumber || $0 == ";" }
            let afterBody = body.endIndex
            guard afterBody < rest.endIndex, rest[afterBody] == "m" else { continue }
            let parameters = body.split(separator: ";", omittingEmptySubsequences: false).compactMap { Int($0) }
            if parameters.contains(where: { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }) {
                found.append("ESC[" + body + "m")
            }
        }
        return found
    }

    /// One line on standard error, saying what is wrong with the terminal.
    static func expectOneLineAboutTerminals(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "expected exactly one line on standard error, got \(stderr.debugDescription)",
                sourceLocation: sourceLocation)
        #expect(stderr.contains("terminal"), "the message should be about the terminal: \(stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("\u{1B}"), "escape codes on standard error: \(stderr.debugDescription)", sourceLocation: sourceLocation)
    }
}
