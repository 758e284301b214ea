import ArgumentParser
import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI

/// `kontor [--db PATH] [--theme NAME]`: opens the terminal UI.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: tr("Open the database in the terminal UI (the default command).")
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var ui: UIOptions

    func run() throws {
        let theme = try Terminal.theme(named: ui.theme)
        try Terminal.requireTerminal()
        let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
        try Terminal.runUI(database: db, theme: theme)
    }
}

/// Starting and leaving the terminal UI.
enum Terminal {
    /// Fails with one clear line when there is no usable terminal, before
    /// anything is written to it.
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw KontorFailure(NcursesBackend.StartError.notATerminal.description)
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty { throw KontorFailure(NcursesBackend.StartError.noTerminalType.description) }
        if term == "dumb" { throw KontorFailure(NcursesBackend.StartError.dumbTerminal(term).description) }
    }

    static var noColor: Bool {
        !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The theme asked for by --theme or $KONTOR_THEME, without colour under
    /// NO_COLOR. When none was asked for and no theme files are installed,
    /// the built-in attribute-only look is used.
    static func theme(named requested: String?) throws -> Theme {
        let env = ProcessInfo.processInfo.environment["KONTOR_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        let name = requested ?? env
        let library = ThemeLibrary.standard()
        var theme: Theme
        do {
            theme = try library.load(name ?? "default")
        } catch ThemeLibrary.LoadError.notFound where name == nil {
            theme = Theme.fallback
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        if noColor { theme = theme.withoutColor }
        return theme
    }

    /// Whether to ask the terminal for mouse reports: yes, unless
    /// KONTOR_MOUSE is 0, off, no or false. While a program takes the
    /// mouse, some terminals select text only with Shift held; this gives
    /// the mouse back to those who would rather select.
    static var mouseWanted: Bool {
        guard let value = ProcessInfo.processInfo.environment["KONTOR_MOUSE"]?.lowercased() else { return true }
        return !["0", "off", "no", "false"].contains(value)
    }

    /// Runs the screens until the user quits. They live on the main
    /// thread, which runs the command: callers are on it.
    static func runUI(database: KontorDatabase, theme: Theme) throws {
        try MainActor.assumeIsolated { try runOnMain(database: database, theme: theme) }
    }

    @MainActor
    private static func runOnMain(database: KontorDatabase, theme: Theme) throws {
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(useColor: !noColor, mouse: mouseWanted)
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        let session: Session
        do {
            session = try database.session(for: Identity.actor())
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        let app = App(session: session, theme: theme, language: LanguageChoice.explicit)
        // What the App's background work words (a figure's label) follows the person too.
        Language.choose(app.language)
        app.languageChosen = { Language.choose($0) }
        // Come in by an SSH key, Kontor is the session itself: no shell waits to take Ctrl-Z.
        if Identity.servedUsername != nil {
            app.suspendRefusal = tr("Ctrl-Z has no shell to return to here: q quits, and ssh -t opens Kontor again")
        }
        app.run(on: backend)
        backend.stop()
        // Quit while work ran: what it last said, on the terminal it was begun on.
        if backend.terminationSignal == nil { for words in app.partingWords { say(words) } }
        if let reason = app.endedBecause { throw KontorFailure(reason) }
        // Killed by a signal: say so in the exit status, as shells expect (128 + n).
        if let signal = backend.terminationSignal { throw ExitCode(128 + signal) }
    }
}
