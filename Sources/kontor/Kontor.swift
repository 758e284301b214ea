import ArgumentParser
import Foundation
import KontorAccess
import KontorLocale
import KontorApp
import KontorModel
import KontorText
import KontorUI

@main
struct Kontor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kontor",
        abstract: tr("Front office and back office in one terminal."),
        discussion: tr("Customers, tickets, deals, invoices, inventory and staff over one shared SQLite database. Run `kontor` to open it, `kontor demo` to try it on generated data.\n\n--lang de|en (with any command) chooses the language; else KONTOR_LANG, else the person's own choice in Kontor (:language), else the locale (LANG=de_DE.UTF-8 is German)."),
        version: KontorVersion.string,
        subcommands: [Open.self, Demo.self, Bench.self, Staff.self, Settings.self, Import.self, Export.self, Print.self, EInvoice.self, Bank.self, Dunning.self, DATEV.self, MailIn.self, Mail.self, Check.self, Doctor.self, Backup.self, Files.self, Serve.self, Setup.self, Keys.self, Stress.self, LoadTest.self, LoadTestWorker.self],
        defaultSubcommand: Open.self
    )

    /// Errors read `kontor: error: …` on standard error, then a usage hint.
    static func main() {
        do {
            // The language first, so that a refusal of --lang itself is worded in it.
            Language.choose(LanguageChoice.start)
            let (arguments, _) = try LanguageChoice.split(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .success || error is CleanExit {
                // Help and the version: the parser's own headings in the person's language.
                if Language.current != .english {
                    print(ParserWords.translatedHelp(fullMessage(for: error)))
                    Foundation.exit(0)
                }
                exit(withError: error)
            }
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            var message = Kontor.message(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst(7) }
            message = ParserWords.translated(message)
            // An error may quote what was typed or stored: shown, never obeyed.
            FileHandle.standardError.write(Data((tr("kontor: error: {0}", VisibleText.cleanLines(message)) + "\n").utf8))
            if !(error is KontorFailure) {
                FileHandle.standardError.write(Data((tr("Run `kontor --help` for usage.") + "\n").utf8))
            }
            if let failure = error as? KontorFailure { Foundation.exit(failure.code) }
            Foundation.exit(exitCode(for: error).rawValue == 0 ? 1 : exitCode(for: error).rawValue)
        }
    }
}

enum KontorVersion {
    static let string = "0.1.0"
}

/// Writes text for people to standard output through the one sanitiser:
/// names and company data are data, and an escape sequence in them must
/// show, not retitle the terminal or write its clipboard.
func say(_ text: String) {
    print(VisibleText.cleanLines(text))
}

/// A failure already phrased for people; printed as is.
struct KontorFailure: Error, CustomStringConvertible {
    var description: String
    /// The exit status: 1, or one a script can tell apart (`busy`).
    var code: Int32 = 1
    init(_ description: String, code: Int32 = 1) {
        self.description = description
        self.code = code
    }

    /// The exit status of work refused because other work like it is
    /// under way (a dunning run sent elsewhere): try again later
    /// (`EX_TEMPFAIL` of sysexits.h).
    static let busy: Int32 = 75
}

/// Options every command that opens a database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(tr("The database file."), discussion: tr("Default: the database of the server's configuration (/etc/kontor/kontor.conf or --config), else $KONTOR_DB, else $XDG_DATA_HOME/kontor/kontor.sqlite (~/.local/share/kontor/kontor.sqlite)."), valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(tr("The server's configuration file."), discussion: tr("Default: /etc/kontor/kontor.conf when it exists."), valueName: "path"))
    var config: String?

    func validate() throws {
        if let db, db.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(tr("--db needs a file path, got an empty one"))
        }
    }

    /// The server's configuration, when this is a shared server's Kontor.
    func serverConfig() throws -> ServerConfig? {
        if let served = Identity.config { return served }
        do {
            if let config { return try ServerConfig.load(config) ?? { throw AccessError(tr("no configuration file at {0}", config)) }() }
            return try Identity.standardConfig.get()
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }

    /// The database path: --db, else the configuration's, else $KONTOR_DB,
    /// else the data folder.
    func path(defaultName: String) -> String {
        path(defaultName: defaultName, config: defaultName == "kontor.sqlite" ? try? serverConfig() : nil)
    }

    /// The same with the server's configuration already read.
    private func path(defaultName: String, config: ServerConfig?) -> String {
        // A bare or relative name is made whole against the working folder:
        // the folder beside the database (its files, backups, free space)
        // is then named, not "".
        func whole(_ given: String) -> String { URL(fileURLWithPath: (given as NSString).expandingTildeInPath).standardizedFileURL.path }
        if let db, !db.isEmpty { return whole(db) }
        if let config { return config.database }
        let env = ProcessInfo.processInfo.environment
        if defaultName == "kontor.sqlite", let fromEnv = env["KONTOR_DB"], !fromEnv.isEmpty {
            return whole(fromEnv)
        }
        return "\(Self.dataFolder())/\(defaultName)"
    }

    /// Whether this account's authorized_keys holds the block Kontor writes.
    static func servesKontorOverSSH() -> Bool {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        guard let keys = try? String(contentsOfFile: "\(home)/.ssh/authorized_keys", encoding: .utf8) else { return false }
        return keys.contains(AuthorizedKeys.begin)
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).resolvingSymlinksInPath().path == URL(fileURLWithPath: b).resolvingSymlinksInPath().path
    }

    static func dataFolder() -> String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") { return "\(xdg)/kontor" }
        let home = env["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/share/kontor"
    }

    /// Whether the database was named, by `--db` or `$KONTOR_DB`, rather
    /// than found in its usual place.
    func namesPath(defaultName: String = "kontor.sqlite") -> Bool {
        (db.map { !$0.isEmpty } ?? false) || (defaultName == "kontor.sqlite" && !(ProcessInfo.processInfo.environment["KONTOR_DB"] ?? "").isEmpty)
    }

    /// Opens the database for `actor` (refused before anything is written
    /// when the account may not use it), or for whoever runs a demo. On a
    /// configured server the database must exist (`kontor setup` makes
    /// it), and everything Kontor writes is the service account's alone.
    ///
    /// A database named by `--db` or `$KONTOR_DB` must exist unless
    /// `creates` (the demo and the bench make theirs): a mistyped path
    /// would otherwise become an empty database that an import fills or
    /// an export reads as empty, without a word.
    func open(defaultName: String, for actor: Actor? = nil, creates: Bool = false) throws -> KontorDatabase {
        // Read once: a configuration named by --config is a file read.
        let config = db == nil && defaultName == "kontor.sqlite" ? try serverConfig() : nil
        let path = path(defaultName: defaultName, config: config)
        if let config {
            umask(0o077)
            guard FileManager.default.fileExists(atPath: path) else {
                throw KontorFailure(tr("there is no database at {0} (from {1}); set one up first, as the service account: kontor setup --admin USER --name \"Full Name\" --key USER.pub", path, config.path))
            }
        }
        // The service account of a server whose configuration is elsewhere
        // than /etc/kontor (its authorized_keys hold Kontor's keys): a
        // database of its own in its home would be a second one nobody uses.
        if config == nil, !namesPath(defaultName: defaultName), defaultName == "kontor.sqlite",
           !FileManager.default.fileExists(atPath: path), Self.servesKontorOverSSH() {
            throw KontorFailure(tr("this account serves Kontor over SSH (its authorized_keys hold Kontor's keys), but no configuration was named: add --config FILE, the one its keys name"))
        }
        if namesPath(defaultName: defaultName), !creates, !FileManager.default.fileExists(atPath: path) {
            throw KontorFailure(tr("there is no database at {0}; check the path (kontor demo --db PATH makes a demo database there)", path))
        }
        // The server's database sends mail through the server's command
        // (`ServerConfig.sendmail`), also when named by --db (as `serve`
        // names it for every command it runs).
        let server = config ?? (defaultName == "kontor.sqlite" ? (try? serverConfig()) ?? nil : nil)
        let served = server.flatMap { Self.samePath($0.database, path) ? $0 : nil }
        // Whatever screen or command deactivates someone, their keys leave
        // the server's authorized_keys with it.
        var accessChanged: (@Sendable (KontorDatabase) throws -> Void)?
        if let served {
            accessChanged = { database in try StaffKeyFiles.sync(database, served) }
        }
        do {
            // Someone who came in by SSH cannot reach the server's folders:
            // what they print or export goes to a folder of their own,
            // fetched with `ssh … files get`.
            let personal = served == nil ? nil : Identity.servedUsername
            return try KontorDatabase(path: path, username: actor?.username, serverSendmail: served?.sendmail, accessChanged: accessChanged,
                                      personalFilesOf: personal) { message in
                FileHandle.standardError.write(Data("kontor: \(message)\n".utf8))
            }
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}

struct UIOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(tr("Colour theme: default, light, high-contrast, mono, or a path to a .theme file."), discussion: tr("Default: $KONTOR_THEME, else default. NO_COLOR=1 removes all colour."), valueName: "name"))
    var theme: String?
}
