import Foundation
import Testing

/// The command line speaks German when asked by `--lang de`, by
/// `KONTOR_LANG=de` or by a German locale: the commands' help, what they
/// print for people and their refusals, and the parser's own headings
/// ("AUFRUF:", "OPTIONEN:"); `LC_ALL=C` keeps all English.
@Suite("The command line in German")
struct GermanCommandLineTests {
    /// The workspace's environment with the locale variables replaced.
    static func environment(_ workspace: Workspace, _ locale: [String: String]) -> [String: String] {
        var env = workspace.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "KONTOR_LANG"] { env[name] = nil }
        env.merge(locale) { $1 }
        return env
    }

    static let german: [(String, [String: String])] = [
        ("--lang de", ["LC_ALL": "C"]),
        ("LANG=de_DE.UTF-8", ["LANG": "de_DE.UTF-8"]),
        ("KONTOR_LANG=de", ["KONTOR_LANG": "de", "LC_ALL": "C"]),
    ]

    /// `--lang de` in front of the arguments when that is the way asked.
    static func arguments(_ way: String, _ arguments: [String]) -> [String] {
        way == "--lang de" ? ["--lang", "de"] + arguments : arguments
    }

    /// A CSV file of customers, one row good, one with a broken e-mail address.
    static func customersFile(in workspace: Workspace) throws -> String {
        let path = workspace.file("kunden.csv")
        try "Firma;PLZ;Ort;E-Mail\nMüller GmbH;10115;Berlin;info@mueller.de\nSchmidt AG;;Hamburg;kaputt\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func helpIsInGermanEveryWayItIsAskedFor() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        for (way, locale) in Self.german {
            let env = Self.environment(workspace, locale)
            let root = try await Processes.run(kontor, Self.arguments(way, ["--help"]), environment: env)
            #expect(root.status == 0, "\(way): \(root.err)")
            #expect(root.out.contains("Frontoffice und Backoffice in einem Terminal."), "\(way): \(root.out)")
            #expect(root.out.contains("Importiert Kunden, Kontakte, Artikel oder Personal"), "\(way): \(root.out)")
            // The parser's own headings too.
            #expect(root.out.contains("AUFRUF:") && root.out.contains("BEFEHLE:") && !root.out.contains("USAGE:"), "\(way): \(root.out)")
            #expect(!root.out.contains("Front office and back office"), "\(way): \(root.out)")

            let importHelp = try await Processes.run(kontor, Self.arguments(way, ["import", "--help"]), environment: env)
            #expect(importHelp.status == 0, "\(way): \(importHelp.err)")
            #expect(importHelp.out.contains("Prüft jede Zeile und schreibt nichts."), "\(way): \(importHelp.out)")
            #expect(importHelp.out.contains("Die Datenbankdatei."), "\(way): \(importHelp.out)")
            #expect(importHelp.out.contains("OPTIONEN:") && importHelp.out.contains("Die Hilfe zeigen."), "\(way): \(importHelp.out)")
            // Option names are never translated.
            #expect(importHelp.out.contains("--dry-run"), "\(way): \(importHelp.out)")
        }
    }

    @Test func anImportsDryRunIsReportedInGerman() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let file = try Self.customersFile(in: workspace)
        for (way, locale) in Self.german {
            let result = try await Processes.run(kontor, Self.arguments(way, ["import", "customers", file, "--dry-run", "--db", db]),
                                                 environment: Self.environment(workspace, locale))
            #expect(result.status == 1, "\(way): a rejected row fails a dry run: \(result.err)")
            #expect(result.out.contains("Probelauf: Kunden aus kunden.csv (Semikolon (;), UTF-8, Zeilenenden LF)"), "\(way): \(result.out)")
            #expect(result.out.contains("Spalten:\n  Firma → name"), "\(way): \(result.out)")
            #expect(result.out.contains("Vorhandene Datensätze werden über email zugeordnet und übersprungen (--update ändert sie)."), "\(way): \(result.out)")
            #expect(!result.out.contains("Columns:"), "\(way): \(result.out)")
        }
    }

    @Test func refusalsAreWordedInGerman() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        for (way, locale) in Self.german where way != "--lang de" {
            let env = Self.environment(workspace, locale)
            let language = try await Processes.run(kontor, ["--lang", "fr", "--help"], environment: env)
            #expect(language.status != 0)
            #expect(language.err.contains("kontor: Fehler: --lang erwartet de oder en, erhielt 'fr'"), "\(way): \(language.err)")
        }
        for (way, locale) in Self.german {
            let env = Self.environment(workspace, locale)
            let date = try await Processes.run(kontor, Self.arguments(way, ["dunning", "run", "--dry-run", "--date", "kein-tag", "--db", db]), environment: env)
            #expect(date.status != 0)
            #expect(date.err.contains("kontor: Fehler: --date erwartet einen Tag wie 2026-12-05, erhielt 'kein-tag'"), "\(way): \(date.err)")
            #expect(date.err.contains("`kontor --help` zeigt die Verwendung."), "\(way): \(date.err)")
            let kind = try await Processes.run(kontor, Self.arguments(way, ["import", "suppliers", "x.csv", "--db", db]), environment: env)
            #expect(kind.status != 0)
            #expect(kind.err.contains("die Art muss customers, contacts, products oder staff sein, erhielt 'suppliers'"), "\(way): \(kind.err)")
            // The argument parser's own refusals, said again in German, with its exit status.
            let unknown = try await Processes.run(kontor, Self.arguments(way, ["export", "customers", "--gibtsnicht"]), environment: env)
            #expect(unknown.status == 64 && unknown.err.contains("kontor: Fehler: Unbekannte Option „--gibtsnicht“"), "\(way): \(unknown.err)")
            let missing = try await Processes.run(kontor, Self.arguments(way, ["import", "customers"]), environment: env)
            #expect(missing.status == 64 && missing.err.contains("Es fehlt das Argument „<file>“"), "\(way): \(missing.err)")
        }
    }

    @Test func theCLocaleKeepsEverythingEnglish() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let file = try Self.customersFile(in: workspace)
        // LC_ALL=C wins over a German LANG, as for any other program.
        let env = Self.environment(workspace, ["LC_ALL": "C", "LANG": "de_DE.UTF-8"])

        let help = try await Processes.run(kontor, ["--help"], environment: env)
        #expect(help.out.contains("Front office and back office in one terminal."), "\(help.out)")
        #expect(help.out.contains("Import customers, contacts, products or staff"), "\(help.out)")

        let dryRun = try await Processes.run(kontor, ["import", "customers", file, "--dry-run", "--db", db], environment: env)
        #expect(dryRun.out.contains("Dry run: Customers from kunden.csv (semicolon (;), UTF-8, LF line ends)"), "\(dryRun.out)")
        #expect(dryRun.out.contains("Columns:\n  Firma → name"), "\(dryRun.out)")
        #expect(dryRun.out.contains("Records already there are matched by email and skipped (--update changes them)."), "\(dryRun.out)")

        let date = try await Processes.run(kontor, ["dunning", "run", "--dry-run", "--date", "kein-tag", "--db", db], environment: env)
        #expect(date.err.contains("kontor: error: --date expects a day like 2026-12-05, got 'kein-tag'"), "\(date.err)")
        #expect(date.err.contains("Run `kontor --help` for usage."), "\(date.err)")

        let language = try await Processes.run(kontor, ["--lang", "fr"], environment: env)
        #expect(language.err.contains("kontor: error: --lang expects de or en, got 'fr'"), "\(language.err)")

        // --lang en wins over a German locale.
        let english = try await Processes.run(kontor, ["--lang", "en", "--help"], environment: Self.environment(workspace, ["LANG": "de_DE.UTF-8"]))
        #expect(english.out.contains("Front office and back office in one terminal."), "\(english.out)")
    }
}
