import ArgumentParser
import Foundation
import KontorLocale
import KontorModel
import KontorPDF

/// `kontor print NUMBER`: an invoice or credit note as text on standard
/// output (`ssh kontor@server print 2026-00042 > rechnung.txt`), or as PDF
/// with `--pdf` (`ssh kontor@server print 2026-00042 --pdf > rechnung.pdf`).
/// `--out DIR` writes one file per number instead (2026-00042.txt or .pdf).
struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Print issued invoices or credit notes as text or PDF."),
        discussion: tr("Without --out, the one NUMBER goes to standard output: text, or with --pdf an A4 PDF (redirect it into a file). With --out DIR each NUMBER becomes NUMBER.txt, or NUMBER.pdf with --pdf.")
    )
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(tr("The invoice numbers (2026-00042, or CN-2026-00001 for a credit note)."), valueName: "number"))
    var numbers: [String]
    @Flag(name: .long, help: ArgumentHelp(tr("A PDF (A4, DIN 5008) instead of text.")))
    var pdf = false
    @Option(name: .long, help: ArgumentHelp(tr("The folder to write into, one file per number."), valueName: "dir"))
    var out: String?

    func validate() throws {
        if numbers.isEmpty { throw ValidationError(tr("name an invoice number, like 2026-00042")) }
        if out == nil, numbers.count > 1 { throw ValidationError(tr("standard output takes one invoice: name one number, or write files with --out DIR")) }
    }

    func run() throws {
        let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
        do {
            _ = try db.session(for: Identity.actor())
            // Every document is made before any file is written: a wrong number leaves nothing behind.
            var documents: [(fileName: String, data: Data)] = []
            for number in numbers {
                guard let invoice = try db.invoices.lookup(number: number, limit: 5).first(where: { $0.number?.uppercased() == number.uppercased() }) else {
                    throw KontorFailure(tr("there is no invoice or credit note numbered '{0}'", number))
                }
                if pdf {
                    let sheet = try db.invoices.sheet(for: invoice.id)
                    documents.append((sheet.fileName, try InvoicePDF.render(sheet)))
                } else {
                    let document = try db.invoices.document(for: invoice.id)
                    documents.append((document.fileName, Data(document.text.utf8)))
                }
            }
            guard let out else {
                if pdf, isatty(STDOUT_FILENO) == 1 {
                    throw KontorFailure(tr("a PDF is not for the terminal: redirect it into a file (> {0}) or use --out DIR", documents[0].fileName))
                }
                FileHandle.standardOutput.write(documents[0].data)
                return
            }
            let folder = URL(fileURLWithPath: (out as NSString).expandingTildeInPath)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for document in documents {
                let url = folder.appendingPathComponent(document.fileName)
                try document.data.write(to: url, options: .atomic)
                say(url.path)
            }
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
