import ArgumentParser
import Foundation
import KontorCSV
import KontorLocale
import KontorModel
import KontorText

/// `kontor import KIND FILE`: customers, contacts, products or staff from a
/// CSV file as Excel or LibreOffice writes it. Prints the mapping it uses,
/// every problem by line, and what it did; acts as the account that runs it.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Import customers, contacts, products or staff from a CSV file."),
        discussion: tr("Reads ; , or tab separated files in UTF-8 (with or without BOM) or Windows-1252, maps the columns by their German or English headers (Firma/Company, PLZ/Postal Code, Artikel, Einzelpreis, Bestand, …) and writes all rows in one transaction, or none if any row is wrong. Try it first with --dry-run.\nKeys: customers: number, vat-id, email, name; contacts: name, email; products: sku, ean; staff: username.")
    )

    @Argument(help: ArgumentHelp(tr("customers, contacts, products or staff."))) var kind: String
    @Argument(help: ArgumentHelp(tr("The CSV file (- for standard input)."))) var file: String
    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(tr("Check every row and write nothing."))) var dryRun = false
    @Flag(help: ArgumentHelp(tr("Write the good rows; put the bad ones with a reason into a file beside the input (kunden.csv → kunden.rejected.csv)."))) var skipBad = false
    @Flag(help: ArgumentHelp(tr("Change records that are already there (matched by --key) instead of skipping them."))) var update = false
    @Option(help: ArgumentHelp(tr("What matches a row to a record already there."), valueName: "key")) var key: String?
    @Option(name: .customLong("map"), help: ArgumentHelp(tr("Fill a field from a column: 'Spalte=field' ('Spalte=' ignores it). Repeatable."), valueName: "column=field"))
    var maps: [String] = []
    @Option(help: ArgumentHelp(tr("utf-8 or windows-1252 (default: detected)."), valueName: "name")) var encoding: String?

    func run() throws {
        guard let importKind = ImportKind(rawValue: kind) else {
            throw ValidationError(tr("kind must be customers, contacts, products or staff, got '{0}'", VisibleText.clean(kind)))
        }
        var textEncoding: TextEncoding?
        if let encoding {
            guard let named = TextEncoding.named(encoding) else { throw ValidationError(tr("--encoding must be utf-8 or windows-1252, got '{0}'", VisibleText.clean(encoding))) }
            textEncoding = named
        }
        // A dry run writes nothing, not even a new database: where there is
        // none yet in the usual place, it checks against an empty one of
        // its own, removed after. (One named by --db must exist.)
        var opened = database
        var scratch: URL?
        if dryRun, !database.namesPath(), (try? database.serverConfig()) == nil,
           !FileManager.default.fileExists(atPath: database.path(defaultName: "kontor.sqlite")) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-dry-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            scratch = folder
            opened.db = folder.appendingPathComponent("kontor.sqlite").path
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let session = try Staff.session(opened, creates: scratch != nil)
        // "-": the file comes on standard input (as over SSH: ssh kontor@server
        // import products < artikel.csv), kept in a private temporary file.
        var path = (file as NSString).expandingTildeInPath
        var stdinFolder: URL?
        if file == "-" {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            stdinFolder = folder
            path = folder.appendingPathComponent("stdin.csv").path
            guard FileManager.default.createFile(atPath: path, contents: FileHandle.standardInput.readDataToEndOfFile(), attributes: [.posixPermissions: 0o600]) else {
                throw KontorFailure(tr("cannot keep standard input in {0}", folder.path))
            }
        }
        defer { if let stdinFolder { try? FileManager.default.removeItem(at: stdinFolder) } }
        let options = ImportOptions(kind: importKind, path: path, dryRun: dryRun, skipBad: skipBad,
                                    update: update, key: key, map: maps, encoding: textEncoding)
        let progress = ImportProgressOutput(lines: stdinFolder == nil || !skipBad)
        let report: ImportReport
        do {
            report = try session.importFile(options) { progress.show($0) }
        } catch {
            progress.finish()
            throw KontorFailure(ErrorText.describe(error))
        }
        progress.finish()
        // The rejected rows of standard input would be written beside its
        // copy, which goes when the command ends (and over SSH a path on
        // the server is no use): they follow on standard error instead.
        var shown = report
        var rejected: Data?
        if stdinFolder != nil, let file = report.rejectFile {
            rejected = FileManager.default.contents(atPath: file)
            shown.rejectFile = tr("standard error (2> FILE keeps them)")
        }
        print(Self.describe(shown, update: update))
        if let rejected {
            fflush(nil)
            FileHandle.standardError.write(rejected)
        }
        if report.rejected > 0 && !report.committed { throw ExitCode(1) }
    }

    /// The whole report as the command prints it.
    static func describe(_ report: ImportReport, update: Bool) -> String {
        var lines: [String] = []
        lines.append(report.dryRun ? tr("Dry run: {0} from {1} ({2})", report.kind.displayName, VisibleText.clean(report.file), report.dialect)
                     : tr("{0} from {1} ({2})", report.kind.displayName, VisibleText.clean(report.file), report.dialect))
        lines.append(tr("Columns:"))
        lines += report.mapping.map { "  \($0)" }
        lines += report.notes.map { tr("Note: {0}", $0) }
        let key = report.kind.gloss(report.key)
        lines.append(update ? tr("Records already there are matched by {0} and updated.", key)
                     : tr("Records already there are matched by {0} and skipped (--update changes them).", key))
        lines += report.problems.map(\.description)
        if report.problemCount > report.problems.count { lines.append(tr("… and {0} more problems", report.problemCount - report.problems.count)) }
        lines += report.notices.map(\.description)
        if report.noticeCount > report.notices.count { lines.append(tr("… and {0} more notes", report.noticeCount - report.notices.count)) }
        lines.append(report.summary)
        return lines.joined(separator: "\n")
    }
}

/// Progress of an import on standard error: a bar on a terminal, a plain
/// line at every tenth otherwise (a log file or a pipe).
final class ImportProgressOutput {
    private let bar = ProgressBar()
    private let terminal = isatty(STDERR_FILENO) == 1
    private var lastTenth = 0
    /// Whether a log gets a line every tenth: not when standard error
    /// carries the rejected rows.
    private let lines: Bool

    init(lines: Bool = true) { self.lines = lines }

    func show(_ progress: ImportProgress) {
        guard progress.totalBytes > 0 else { return }
        let fraction = min(1, Double(progress.bytesRead) / Double(progress.totalBytes))
        if terminal {
            bar.update(fraction, tr("{0} records", progress.records))
        } else {
            let tenth = Int(fraction * 10)
            guard lines, tenth > lastTenth, progress.totalBytes > 1 << 20 else { return }
            lastTenth = tenth
            FileHandle.standardError.write(Data((tr("kontor: import {0} % ({1} records)", tenth * 10, progress.records) + "\n").utf8))
        }
    }

    func finish() { bar.finish() }
}
