import ArgumentParser
import Foundation
import KontorLocale
import KontorModel

/// `kontor check`: every page and every reference of the database checked,
/// then Kontor's own rules about its data (stock equals its ledger, totals
/// equal their lines, numbers gapless, the audit log unbroken), without
/// changing it — what to run after a restore, a bulk load or when opening
/// refused a damaged file.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Check the database without changing it: integrity, references and Kontor's own rules."),
        discussion: tr("One line per check: \"ok  …\" when it holds, else \"!!  name: …\" for each record that breaks it, named by number, SKU or series. Exit status 0 when all is well, 1 with the problems listed.")
    )

    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(tr("Show how long each check took."))) var timings = false

    func run() throws {
        let path = database.path(defaultName: "kontor.sqlite")
        let started = Date()
        let problems: [String]
        // The integrity check reads every page (a minute at a million
        // customers): a terminal is told what is under way meanwhile.
        let terminal = isatty(STDOUT_FILENO) == 1
        if terminal { FileHandle.standardOutput.write(Data(("    " + tr("checking every page and reference…")).utf8)) }
        do {
            defer { if terminal { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) } }
            problems = try DatabaseFile.problems(path: path)
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        guard problems.isEmpty else {
            for problem in problems.prefix(100) { say("!!  integrity: \(problem)") }
            if problems.count > 100 { say("!!  integrity: … and \(problems.count - 100) more") }
            say(tr("{0}: damaged. Nothing was changed. To copy out what can still be read: sqlite3 {0} .recover | sqlite3 rescued.sqlite", path))
            throw ExitCode(1)
        }
        say("ok  integrity and foreign keys\(timing(Date().timeIntervalSince(started)))")
        fflush(nil)
        let results: [InvariantResult]
        do {
            // Each rule's line as soon as it is checked.
            results = try KontorDatabase.checkInvariants(path: path) { result in
                if result.holds {
                    say("ok  \(result.rule)\(timing(result.seconds))")
                } else {
                    for violation in result.violations { say("!!  \(result.name): \(violation)") }
                }
                // Through a pipe or over SSH too, each line as it is known.
                fflush(nil)
            }
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        let broken = results.filter { !$0.holds }
        if timings { say("    " + tr("{0} s in all", String(format: "%.2f", Date().timeIntervalSince(started)))) }
        guard broken.isEmpty else {
            say(tr("{0}: {1} of Kontor's rules broken ({2}). Nothing was changed.", path, broken.count, broken.map(\.name).joined(separator: ", ")))
            throw ExitCode(1)
        }
    }

    private func timing(_ seconds: Double) -> String {
        timings ? String(format: "  (%.3f s)", seconds) : ""
    }
}
