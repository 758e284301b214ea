import ArgumentParser
import Foundation
import KontorCSV
import KontorLocale
import KontorModel
import KontorText

/// `kontor export TABLE` and `kontor export --all DIR`: the data as CSV for
/// a spreadsheet, in the German Excel dialect unless `--dialect rfc`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Export a table (or what a list shows) as CSV, or every table with --all DIR."),
        discussion: tr("Tables: {0}.\nViews: customers: active, archived; products: active, low-stock, inactive, all; staff: active, inactive, all; tickets: open, mine, unassigned, pending, breached; invoices: all, drafts, open, overdue, paid, cancelled, credit-notes.\nWithout --out the file goes to exports/ beside the database, readable by the group.", ExportTable.allCases.map(\.rawValue).joined(separator: ", "))
    )

    @Argument(help: ArgumentHelp(tr("The table to export."))) var table: String?
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(tr("The list's view, as on its screen."), valueName: "view")) var view: String?
    @Option(help: ArgumentHelp(tr("The list's filter, as typed after / on its screen."), valueName: "text")) var filter: String?
    @Option(help: ArgumentHelp(tr("excel (;, UTF-8 with BOM, CRLF, decimal comma) or rfc (RFC 4180)."), valueName: "dialect")) var dialect = "excel"
    @Option(help: ArgumentHelp(tr("The file to write (- for standard output)."), valueName: "file")) var out: String?
    @Option(help: ArgumentHelp(tr("Write every table into this folder, with a README of the columns."), valueName: "dir")) var all: String?

    func validate() throws {
        guard ["excel", "rfc"].contains(dialect) else { throw ValidationError(tr("--dialect must be excel or rfc, got '{0}'", VisibleText.clean(dialect))) }
        if all == nil && table == nil { throw ValidationError(tr("name a table ({0}) or --all DIR", ExportTable.allCases.map(\.rawValue).joined(separator: ", "))) }
        if all != nil && table != nil { throw ValidationError(tr("--all exports every table; leave out '{0}'", VisibleText.clean(table!))) }
        if let table, ExportTable(rawValue: table) == nil {
            throw ValidationError(tr("no table '{0}'; tables are {1}", VisibleText.clean(table), ExportTable.allCases.map(\.rawValue).joined(separator: ", ")))
        }
    }

    func run() throws {
        let session = try Staff.session(database)
        let csv: CSVDialect = dialect == "rfc" ? .rfc4180 : .excel
        do {
            // A bar on a terminal: a whole table at a million customers takes a while.
            let bar = ProgressBar()
            defer { bar.finish() }
            let progress: ExportProgress? = bar.isShown ? { written, total, table in
                bar.update(total > 0 ? min(1, Double(written) / Double(total)) : 1, table.rawValue)
            } : nil
            if let all {
                let folder = (all as NSString).expandingTildeInPath
                let results = try session.exportAll(to: folder, dialect: csv, progress: progress)
                bar.finish()
                for result in results {
                    print(tr("{0}: {1} rows → {2}", result.table.rawValue, result.rows, result.path))
                }
                print(tr("columns described in {0}", (folder as NSString).appendingPathComponent("README.txt")))
                return
            }
            let table = ExportTable(rawValue: self.table!)!
            let selection = try ExportSelection.named(table, view: view, filter: filter, for: session)
            if out == "-" {
                // The summary on standard error.
                let result = try StandardOutput.through("\(table.rawValue).csv") { path in
                    try session.export(table, selection: selection, dialect: csv, to: path, progress: progress)
                }
                bar.finish()
                FileHandle.standardError.write(Data((tr("{0} {1} rows", result.rows, table.rawValue) + "\n").utf8))
                return
            }
            let path = try out.map { ($0 as NSString).expandingTildeInPath } ?? ExportFiles.defaultPath(for: table, in: session.database.filesFolder)
            let result = try session.export(table, selection: selection, dialect: csv, to: path, progress: progress)
            bar.finish()
            print(tr("{0} {1} rows → {2}", result.rows, table.rawValue, result.path))
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
