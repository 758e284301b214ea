import ArgumentParser
import Foundation
import KontorLocale
import KontorAccess
import KontorModel

/// `kontor serve [USER]`: the forced command of every staff key in the
/// service account's authorized_keys (and the target of the sudo rule).
/// With a terminal and no command it opens the screens as USER; with
/// `SSH_ORIGINAL_COMMAND` it runs one of Kontor's own commands as USER,
/// on the configured database, permission-checked by role.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Let a member of staff in: the forced command of their SSH key (or of the sudo rule)."),
        discussion: tr("Runs as the service account only. {0}.", ServedCommand.usage())
    )

    @Argument(help: ArgumentHelp(tr("The member of staff (given by the key's forced command; from sudo when left out).")))
    var user: String?

    @Option(name: .long, help: ArgumentHelp(tr("The server's configuration file."), valueName: "path"))
    var config: String = ServerConfig.standardPath

    func run() throws {
        let server: ServerConfig
        let username: String
        do {
            guard let loaded = try ServerConfig.load(config) else {
                throw AccessError(tr("no configuration file at {0}; an administrator sets up Kontor with /etc/kontor/kontor.conf", config))
            }
            server = loaded
            username = try Caller.resolve(named: user, config: server, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        umask(0o077)
        guard ((try? FileManager.default.attributesOfItem(atPath: server.database))?[.size] as? Int ?? 0) > 0 else {
            throw KontorFailure(tr("there is no database at {0} (from {1}); an administrator sets it up with kontor setup", server.database, server.path))
        }
        Identity.serve(username, config: server)
        // sshd passes the client's locale only where AcceptEnv allows it:
        // without a UTF-8 one, umlauts could not be drawn.
        let env = ProcessInfo.processInfo.environment
        let locale = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        if !locale.uppercased().contains("UTF-8") && !locale.uppercased().contains("UTF8") { setenv("LC_ALL", "C.UTF-8", 1) }
        let asked = ProcessInfo.processInfo.environment["SSH_ORIGINAL_COMMAND"] ?? ""
        if asked.trimmingCharacters(in: .whitespaces).isEmpty {
            try openScreens(server)
        } else {
            try runCommand(asked, server: server, username: username)
        }
    }

    private func openScreens(_ server: ServerConfig) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw KontorFailure(tr("this key opens Kontor in a terminal: use ssh -t, or name a command ({0})", ServedCommand.usage()))
        }
        var open = try Open.parseAsRoot(["--db", server.database])
        try open.run()
    }

    private func runCommand(_ asked: String, server: ServerConfig, username: String) throws {
        var words: [String]
        do {
            words = try ServedCommand.parse(asked)
            // The language: --lang in the command, else KONTOR_LANG, else the
            // person's own choice (`:language` in the screens), else the locale
            // ssh passed on, as for the screens.
            let (rest, named) = try LanguageChoice.split(words)
            words = rest
            if let language = named ?? LanguageChoice.explicit ?? Self.ownLanguage(of: username, server) { Language.choose(language) }
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        if words == ["whoami"] {
            let database = try DatabaseOptions.parse(["--db", server.database]).open(defaultName: "kontor.sqlite", for: Identity.actor())
            let session = try database.session(for: Identity.actor())
            return say("\(session.staff.username) (\(session.staff.fullName)), \(session.role.displayName)")
        }
        // An import reads the file from standard input: no path on the server.
        if words.first == "import" {
            words = words.filter { $0 != "-" }
            if words.count >= 3, !words[2].hasPrefix("-") { throw KontorFailure(tr("import reads the file from standard input: ssh … import {0} < FILE", words[1])) }
            words.insert("-", at: min(2, words.count))
        }
        // A bank statement, too: one, on standard input.
        if words.starts(with: ["bank", "import"]) {
            words = words.filter { $0 != "-" }
            if words.dropFirst(2).contains(where: { !$0.hasPrefix("-") }) {
                throw KontorFailure(tr("bank import reads the statement from standard input: ssh … bank import < auszug.xml"))
            }
            words.insert("-", at: 2)
        }
        // An export goes to the caller's terminal or file, never to a path on the server.
        if words.first == "export" {
            if words.contains("--all") { throw KontorFailure(tr("export --all writes a folder on the server: an administrator runs it there")) }
            words += ["--out", "-"]
        }
        if words.first == "einvoice" { words += ["--out", "-"] }
        // DATEV's files, too; the open items on the terminal, or as CSV to it.
        if words.first == "datev" {
            if words.contains(where: { $0 == "--csv" || $0.hasPrefix("--csv=") }) {
                guard words.contains("--csv=-") || zip(words, words.dropFirst()).contains(where: { $0 == "--csv" && $1 == "-" }) else {
                    throw KontorFailure(tr("open-items writes its CSV to your terminal here: --csv -"))
                }
            } else if words.count > 1, words[1] != "open-items" {
                words += ["--out", "-"]
            }
        }
        // A backup goes to its standard place beside the database: a caller
        // names no path on the server (it could name the database itself).
        if words.first == "backup", words.count > 1 { throw KontorFailure(tr("backup takes nothing more over SSH: the copy goes to backups/ beside the database")) }
        // "help settings" as "settings --help": what a command takes, printed, not refused.
        if words.first == "help" { words = Array(words.dropFirst()) + ["--help"] }
        var command: any ParsableCommand
        do {
            command = try Kontor.parseAsRoot(words + ["--db", server.database])
        } catch {
            if Kontor.exitCode(for: error) == .success { return print(Kontor.fullMessage(for: error)) }
            // The caller's shell took the quotes of a value with spaces before ssh sent it.
            throw KontorFailure(Kontor.message(for: error) + "\n" + tr("Over SSH, quote the whole command so that values with spaces arrive whole: ssh … 'staff add anna --name \"Anna Schäfer\"'; ssh … help COMMAND says what a command takes."))
        }
        try command.run()
    }

    /// The language the person chose in the screens, if any.
    private static func ownLanguage(of username: String, _ server: ServerConfig) -> Language? {
        guard let database = try? KontorDatabase(path: server.database, username: username),
              let preferences = try? database.session(for: Actor(username: username)).preferences() else { return nil }
        return Language(code: preferences[.language])
    }
}
