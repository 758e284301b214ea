import Foundation
import KontorLocale
import KontorModel
import KontorPDF

/// Writes printable invoices: the plain text and the PDF side by side
/// (`2026-00042.txt`, `2026-00042.pdf`).
///
/// They go into an `invoices` folder in the person's files folder
/// (`KontorDatabase.filesFolder`): beside the database, or on a server
/// their own, from which `ssh … files get` hands them over.
enum InvoicePrinter {
    static func defaultFolder(in filesFolder: String) -> String {
        MadeFilesFolder.invoices.path(in: filesFolder)
    }

    /// Makes the text and the PDF of the invoice, then writes both
    /// (replacing older prints of it); returns the two paths, text first.
    /// Both are made before either is written, so a PDF that cannot be made
    /// leaves no text print beside it.
    static func print(_ invoiceID: Int64, from invoices: InvoiceRepository, to folder: String) throws -> [String] {
        let document = try invoices.document(for: invoiceID)
        let sheet = try invoices.sheet(for: invoiceID)
        let pdf = try InvoicePDF.render(sheet)
        return try write([(document.fileName, Data(document.text.utf8)), (sheet.fileName, pdf)], to: folder)
    }

    static func write(_ files: [(name: String, data: Data)], to folder: String) throws -> [String] {
        do {
            try MadeFilesFolder.create(folder)
            return try files.map { file in
                let path = URL(fileURLWithPath: folder).appendingPathComponent(file.name).path
                try MadeFilesFolder.write(file.data, to: path)
                return path
            }
        } catch {
            throw KontorError.rule(tr("cannot write the invoice into {0}: {1}", folder, ErrorText.describe(error)))
        }
    }
}
