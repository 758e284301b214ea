import Foundation
import Testing

/// The text of a terminal screen as tmux shows it (trailing blanks trimmed).
struct Screen: CustomStringConvertible, Sendable {
    let lines: [String]

    init(_ text: String) {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    var text: String { lines.joined(separator: "\n") }

    func contains(_ needle: String) -> Bool { text.contains(needle) }

    /// The first line containing `needle`, if any, with its index.
    func line(containing needle: String) -> (index: Int, text: String)? {
        lines.firstIndex { $0.contains(needle) }.map { ($0, lines[$0]) }
    }

    /// The screen framed, for failure messages.
    var description: String {
        let width = max(20, lines.map(\.count).max() ?? 0)
        let rule = String(repeating: "─", count: width)
        return (["┌" + rule + "┐"] + lines.map { "│" + $0.padding(toLength: width, withPad: " ", startingAt: 0) + "│" } + ["└" + rule + "┘"])
            .joined(separator: "\n")
    }
}

/// One tmux server of its own (`tmux -L <unique socket>`) holding one
/// session, in which a test runs a command and plays the user.
///
/// The server is killed when the session is released (or `kill()` is
/// called), so a failing test leaves nothing running.
final class TmuxSession {
    let workspace: Workspace
    let socket: String
    let target = "e2e"
    private let tmuxPath: String
    private var killed = false
    /// The process tmux started for the pane (the shell running the command).
    private(set) var panePID: Int32 = 0

    /// Starts `command` (a /bin/sh command line) in a detached session of
    /// `width`×`height`. `term` is the pane's TERM (nil: unset). tmux puts
    /// its own TERM into a pane's environment whatever `-e` says, so TERM and
    /// `environment` are set by the command line itself.
    init(workspace: Workspace, width: Int = 80, height: Int = 24, term: String? = "xterm-256color",
         environment: [String: String] = [:], command: String) async throws {
        self.workspace = workspace
        socket = "kontor-e2e-" + UUID().uuidString.prefix(12).lowercased()
        tmuxPath = try Processes.which("tmux")

        let config = workspace.file("tmux.conf")
        if !FileManager.default.fileExists(atPath: config) {
            // remain-on-exit: should the pane's process die (a shell started
            // with exec, say), its last screen stays readable for the failure message.
            let settings = "set -g remain-on-exit on\nset -g status off\nset -g history-limit 5000\n"
            try settings.write(toFile: config, atomically: true, encoding: .utf8)
        }

        var prefix = term.map { "export TERM=\(Processes.shellQuoted($0)); " } ?? "unset TERM; "
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            prefix += "export \(key)=\(Processes.shellQuoted(value)); "
        }
        var arguments = ["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", "-c", workspace.path]
        for key in ["HOME", "XDG_DATA_HOME", "LANG", "LC_ALL"] {
            if let value = workspace.environment[key] { arguments += ["-e", "\(key)=\(value)"] }
        }
        // tmux throws away what a command wrote just before it exited if it
        // had not read it yet (tmux/tmux#506): once the command is done, keep
        // the pane's process alive until the server is killed.
        arguments.append(prefix + command + "; exec cat >/dev/null")
        // This call starts the server: see runStartingDaemon for why it is not a Process.
        let started = try await Processes.runStartingDaemon(tmuxPath, ["-L", socket, "-f", config] + arguments,
                                                            environment: workspace.environment)
        guard started.status == 0, !started.killedBySignal else {
            throw E2EError("tmux new-session failed with status \(started.status): \(started.err)")
        }
        let pid = try await tmux(["display-message", "-p", "-t", target, "#{pane_pid}"])
        panePID = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit { kill() }

    /// Kills the tmux server and with it everything running in its panes.
    func kill() {
        guard !killed else { return }
        killed = true
        Processes.runBlocking(tmuxPath, ["-L", socket, "kill-server"], environment: workspace.environment)
        // The pane's processes get SIGHUP; give them a moment to go before the
        // workspace (and the database they have open) is removed.
        let deadline = Date().addingTimeInterval(2)
        while panePID > 0, Processes.isAlive(panePID), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Runs a tmux command against this session's server; returns its output.
    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let result = try await Processes.run(tmuxPath, ["-L", socket, "-f", workspace.file("tmux.conf")] + arguments,
                                             environment: workspace.environment, directory: workspace.path)
        guard result.status == 0 else {
            throw E2EError("tmux \(arguments.joined(separator: " ")) failed with status \(result.status): \(result.err)")
        }
        return result.out
    }

    // MARK: Playing the user

    /// Sends keys by tmux name: "Escape", "Tab", "Enter", "C-s", "/", "q", …
    func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", target] + keys)
    }

    /// Types text literally (UTF-8 included), as if pasted key by key.
    func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// Types a line into a shell and presses Enter.
    func typeLine(_ text: String) async throws {
        try await type(text)
        try await press("Enter")
    }

    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Copies everything the pane's programs write from now on, byte for byte, to `file`.
    func recordOutput(to file: String) async throws {
        try await tmux(["pipe-pane", "-o", "-t", target, "cat >> \(Processes.shellQuoted(file))"])
    }

    // MARK: Reading the screen

    /// The visible screen; with `history`, the scrolled-off lines above it too.
    func capture(history: Bool = false) async throws -> Screen {
        Screen(try await tmux(["capture-pane", "-p", "-t", target] + (history ? ["-S", "-"] : [])))
    }

    /// Polls the screen every 50 ms until `condition` holds; returns that
    /// screen. Past the deadline the test fails, showing the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(10), history: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation,
                 until condition: (Screen) -> Bool) async throws -> Screen {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = try await capture(history: history)
        while !condition(screen) {
            if clock.now >= deadline {
                let conditionMet = false
                try #require(conditionMet, Comment(rawValue: "Timed out after \(timeout) waiting for: \(what)\nLast screen:\n\(screen)"),
                             sourceLocation: sourceLocation)
            }
            try await Task.sleep(for: .milliseconds(50))
            screen = try await capture(history: history)
        }
        return screen
    }

    /// Waits until every string in `texts` is on screen.
    @discardableResult
    func waitFor(text texts: String..., timeout: Duration = .seconds(10), history: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await waitFor(texts.map { "“\($0)”" }.joined(separator: " and "), timeout: timeout, history: history,
                          sourceLocation: sourceLocation) { screen in texts.allSatisfy(screen.contains) }
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; fails the test then.
func waitUntil(_ what: String, timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation,
               details: () async throws -> String = { "" }, _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while try await !condition() {
        if clock.now >= deadline {
            let extra = try await details()
            let conditionMet = false
            try #require(conditionMet, Comment(rawValue: "Timed out after \(timeout) waiting for: \(what)" + (extra.isEmpty ? "" : "\n\(extra)")),
                         sourceLocation: sourceLocation)
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
