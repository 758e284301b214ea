import ArgumentParser
import Foundation
import KontorLocale
import KontorApp

/// `kontor keys`: the key table of README.md, made from the keys themselves.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Print every key of every screen as a Markdown table."),
        discussion: tr("The table README.md holds between its key markers; --write puts it there.")
    )

    @Option(name: .long, help: ArgumentHelp(tr("Replace the key table in this README file."), valueName: "path"))
    var write: String?

    func run() throws {
        try MainActor.assumeIsolated { try writeTable() }
    }

    @MainActor
    private func writeTable() throws {
        let table = try KeyReference.generate()
        guard let write else { return say(table) }
        let readme = try String(contentsOfFile: write, encoding: .utf8)
        guard let updated = KeyReference.replacingTable(in: readme, with: table) else {
            throw KontorFailure(tr("{0} has no key table markers ({1} … {2})", write, KeyReference.begin, KeyReference.end))
        }
        try updated.write(toFile: write, atomically: true, encoding: .utf8)
        say(tr("kontor: key table written to {0}", write))
    }
}
