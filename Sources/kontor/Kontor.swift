import ArgumentParser
import Foundation
import KontorApp
import KontorModel
import KontorUI

@main
struct Kontor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kontor",
        abstract: "Front office and back office in one terminal.",
        discussion: """
            Customers, tickets, deals, invoices, inventory and staff over one shared SQLite \
            database. Run `kontor` to open it, `kontor demo` to try it on generated data.
            """,
        version: KontorVersion.string,
        subcommands: [Open.self, Demo.self, Bench.self, Staff.self, Settings.self, Import.self, Export.self, Keys.self, Stress.self],
        defaultSubcommand: Open.self
    )

    /// Errors read `kontor: error: …` on standard error, then a usage hint.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success || error is CleanExit {
                exit(withError: error)
            }
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            var message = Kontor.message(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst(7) }
            FileHandle.standardError.write(Data("kontor: error: \(message)\n".utf8))
            if !(error is KontorFailure) {
                FileHandle.standardError.write(Data("Run `kontor --help` for usage.\n".utf8))
            }
            Foundation.exit(exitCode(for: error).rawValue == 0 ? 1 : exitCode(for: error).rawValue)
        }
    }
}

enum KontorVersion {
    static let string = "0.1.0"
}

/// A failure already phrased for people; printed as is.
struct KontorFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Options every command that opens a database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $KONTOR_DB, else $XDG_DATA_HOME/kontor/kontor.sqlite (~/.local/share/kontor/kontor.sqlite).", valueName: "path"))
    var db: String?

    func validate() throws {
        if let db, db.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path, got an empty one")
        }
    }

    /// The database path: --db, else $KONTOR_DB, else the data folder.
    func path(defaultName: String) -> String {
        if let db, !db.isEmpty { return (db as NSString).expandingTildeInPath }
        let env = ProcessInfo.processInfo.environment
        if defaultName == "kontor.sqlite", let fromEnv = env["KONTOR_DB"], !fromEnv.isEmpty {
            return (fromEnv as NSString).expandingTildeInPath
        }
        return "\(Self.dataFolder())/\(defaultName)"
    }

    static func dataFolder() -> String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") { return "\(xdg)/kontor" }
        let home = env["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/share/kontor"
    }

    func open(defaultName: String) throws -> KontorDatabase {
        do {
            return try KontorDatabase(path: path(defaultName: defaultName)) { message in
                FileHandle.standardError.write(Data("kontor: \(message)\n".utf8))
            }
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}

struct UIOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: default, light, high-contrast, mono, or a path to a .theme file.", discussion: "Default: $KONTOR_THEME, else default. NO_COLOR=1 removes all colour.", valueName: "name"))
    var theme: String?
}
