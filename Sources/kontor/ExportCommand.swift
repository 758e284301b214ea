import ArgumentParser
import Foundation
import KontorCSV
import KontorModel
import KontorText

/// `kontor export TABLE` and `kontor export --all DIR`: the data as CSV for
/// a spreadsheet, in the German Excel dialect unless `--dialect rfc`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a table (or what a list shows) as CSV, or every table with --all DIR.",
        discussion: """
            Tables: \(ExportTable.allCases.map(\.rawValue).joined(separator: ", ")).
            Views: customers: active, archived; products: active, low-stock, inactive, all; staff: active, inactive, all; \
            tickets: open, mine, unassigned, pending, breached; invoices: all, drafts, open, overdue, paid, cancelled, credit-notes.
            Without --out the file goes to exports/ beside the database, readable by the group.
            """
    )

    @Argument(help: "The table to export.") var table: String?
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The list's view, as on its screen.", valueName: "view")) var view: String?
    @Option(help: ArgumentHelp("The list's filter, as typed after / on its screen.", valueName: "text")) var filter: String?
    @Option(help: ArgumentHelp("excel (;, UTF-8 with BOM, CRLF, decimal comma) or rfc (RFC 4180).", valueName: "dialect")) var dialect = "excel"
    @Option(help: ArgumentHelp("The file to write (- for standard output).", valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("Write every table into this folder, with a README of the columns.", valueName: "dir")) var all: String?

    func validate() throws {
        guard ["excel", "rfc"].contains(dialect) else { throw ValidationError("--dialect must be excel or rfc, got '\(VisibleText.clean(dialect))'") }
        if all == nil && table == nil { throw ValidationError("name a table (\(ExportTable.allCases.map(\.rawValue).joined(separator: ", "))) or --all DIR") }
        if all != nil && table != nil { throw ValidationError("--all exports every table; leave out '\(VisibleText.clean(table!))'") }
        if let table, ExportTable(rawValue: table) == nil {
            throw ValidationError("no table '\(VisibleText.clean(table))'; tables are \(ExportTable.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let session = try Staff.session(database)
        let csv: CSVDialect = dialect == "rfc" ? .rfc4180 : .excel
        do {
            if let all {
                let folder = (all as NSString).expandingTildeInPath
                for result in try session.exportAll(to: folder, dialect: csv) {
                    print("\(result.table.rawValue): \(result.rows) rows → \(result.path)")
                }
                print("columns described in \((folder as NSString).appendingPathComponent("README.txt"))")
                return
            }
            let table = ExportTable(rawValue: self.table!)!
            let selection = try ExportSelection.named(table, view: view, filter: filter, for: session)
            if out == "-" {
                // To standard output (as over SSH: ssh kontor@server export customers > kunden.csv),
                // through a private temporary file, the summary on standard error.
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-export-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                defer { try? FileManager.default.removeItem(at: folder) }
                let path = folder.appendingPathComponent("\(table.rawValue).csv").path
                let result = try session.export(table, selection: selection, dialect: csv, to: path)
                FileHandle.standardOutput.write(try Data(contentsOf: URL(fileURLWithPath: path)))
                FileHandle.standardError.write(Data("\(result.rows) \(table.rawValue) rows\n".utf8))
                return
            }
            let path = try out.map { ($0 as NSString).expandingTildeInPath } ?? ExportFiles.defaultPath(for: table, beside: session.database.path)
            let result = try session.export(table, selection: selection, dialect: csv, to: path)
            print("\(result.rows) \(table.rawValue) rows → \(result.path)")
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}
