import ArgumentParser
import Foundation
import KontorLocale
import KontorEInvoice
import KontorModel

/// `kontor einvoice NUMBER...`: the XRechnung e-invoice of issued invoices
/// and credit notes, for the buyer's portal or mailbox. Every document is
/// checked before any file is written; a refusal names the rule (e.g.
/// BR-DE-15) and what it means.
struct EInvoice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "einvoice",
        abstract: tr("Write issued invoices and credit notes as XRechnung 3.0 e-invoices (UBL 2.1 or CII)."),
        discussion: tr("Each NUMBER (2026-00042, CN-2026-00003) becomes NUMBER.xml (UBL) or NUMBER.cii.xml (CII) in the folder given by --out, else invoices/ beside the database. Nothing is written unless every document passes Kontor's checks; a refusal names the rule broken.")
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(tr("Invoice or credit note numbers."), valueName: "number"))
    var numbers: [String]
    @Option(name: .long, help: ArgumentHelp(tr("ubl (default) or cii."), valueName: "syntax"))
    var syntax: String = "ubl"
    @Option(name: .long, help: ArgumentHelp(tr("The folder to write into (- for standard output, one number only)."), valueName: "dir"))
    var out: String?

    func validate() throws {
        if numbers.isEmpty { throw ValidationError(tr("name at least one invoice number, like 2026-00042")) }
        if EInvoiceSyntax(rawValue: syntax) == nil { throw ValidationError(tr("--syntax expects ubl or cii, got '{0}'", syntax)) }
    }

    func run() throws {
        let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
        do {
            // Whoever may open the database may read its invoices, as with printing.
            _ = try db.session(for: Identity.actor())
            if out == "-" {
                // To standard output (as over SSH), one document only.
                guard numbers.count == 1 else { throw KontorFailure(tr("--out - writes one e-invoice: name one number")) }
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-einvoice-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: folder) }
                for url in try EInvoiceExport.write(numbers: numbers, syntax: EInvoiceSyntax(rawValue: syntax)!, to: folder, from: db.invoices) {
                    try StandardOutput.copy(url.path)
                }
                return
            }
            let folder = out.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
                ?? URL(fileURLWithPath: MadeFilesFolder.invoices.path(in: db.filesFolder))
            // --out makes the folder it names, not the folders above it: a
            // mistyped path must not grow a tree of folders unnoticed.
            let parent = folder.deletingLastPathComponent().path
            if out != nil, !FileManager.default.fileExists(atPath: parent) {
                throw KontorFailure(tr("cannot be written: the folder {0} does not exist", parent))
            }
            // A number named twice is one document.
            var seen = Set<String>()
            let numbers = numbers.filter { seen.insert($0.uppercased()).inserted }
            let written = try EInvoiceExport.write(numbers: numbers, syntax: EInvoiceSyntax(rawValue: syntax)!, to: folder, from: db.invoices)
            for url in written { print(db.shownPath(url.path)) }
            if let fetch = written.last.flatMap({ db.fetchCommand($0.path) }) { say(tr("fetch: {0}", fetch)) }
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
