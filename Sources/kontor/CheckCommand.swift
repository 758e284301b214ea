import ArgumentParser
import KontorModel

/// `kontor check`: every page and every reference of the database checked,
/// without changing it — what to run when opening refused a damaged file.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the database file for damage (integrity and references) without changing it.",
        discussion: "Exit status 0 when all is well, 1 with the problems listed."
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let path = database.path(defaultName: "kontor.sqlite")
        let problems: [String]
        do {
            problems = try DatabaseFile.problems(path: path)
        } catch {
            throw KontorFailure("\(error)")
        }
        guard !problems.isEmpty else { return say("\(path): no problems found") }
        for problem in problems.prefix(100) { say("\(path): \(problem)") }
        if problems.count > 100 { say("\(path): … and \(problems.count - 100) more") }
        say("Nothing was changed. To copy out what can still be read: sqlite3 \(path) .recover | sqlite3 rescued.sqlite")
        throw ExitCode(1)
    }
}
