import Foundation
import KontorModel

/// Writes printable invoices as plain-text files.
///
/// They go into an `invoices` folder beside the database: on a shared
/// server that is the folder the whole back office can reach (and back up
/// with the database), rather than one person's home.
enum InvoicePrinter {
    static func defaultFolder(forDatabaseAt path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("invoices").path
    }

    /// Writes the document (replacing an older print of it); returns the file's path.
    static func write(_ document: InvoiceDocument, to folder: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = URL(fileURLWithPath: folder).appendingPathComponent(document.fileName).path
            try Data(document.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return path
        } catch {
            throw KontorError.rule("cannot write the invoice into \(folder): \(error.localizedDescription)")
        }
    }
}
