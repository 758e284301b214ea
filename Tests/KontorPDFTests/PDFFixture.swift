import Foundation
import KontorModel
import KontorPDF
import TestSupport

/// The invoice business of the tests, printing its PDFs into its folder.
typealias PDFFixture = InvoiceBusiness

extension InvoiceBusiness {
    /// The invoice's PDF, written into the fixture's folder. With
    /// `KONTOR_KEEP_PDF=DIR` a copy stays in DIR, to look at
    /// (`pdftoppm -png -r 60 DIR/2026-00001.pdf page`).
    func pdf(of invoiceID: Int64) throws -> URL {
        let sheet = try invoices.sheet(for: invoiceID)
        let url = folder.appendingPathComponent(sheet.fileName)
        let data = try InvoicePDF.render(sheet)
        try data.write(to: url)
        if let keep = ProcessInfo.processInfo.environment["KONTOR_KEEP_PDF"], !keep.isEmpty {
            try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: keep).appendingPathComponent("\(folder.lastPathComponent)-\(sheet.fileName)"))
        }
        return url
    }
}
