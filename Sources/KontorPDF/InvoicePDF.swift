import CCairo
import Foundation
import KontorModel

/// Printed invoices and credit notes as PDF: the model's `InvoiceSheet`
/// laid out on A4 after DIN 5008 (form B) and drawn with cairo.
///
/// The first page is the letter: letterhead, the return address and the
/// recipient in the envelope's window, the information block beside it,
/// folding marks, the title and the table. Long invoices continue on
/// further pages under a short running head, the table's head repeated;
/// every page carries its number ("Seite 2 von 3") and the company's
/// particulars along the foot.
public enum InvoicePDF {
    /// The PDF's bytes.
    public static func render(_ sheet: InvoiceSheet) throws -> Data {
        let canvas = try PDFCanvas()
        canvas.setMetadata(CAIRO_PDF_METADATA_TITLE, sheet.documentTitle)
        canvas.setMetadata(CAIRO_PDF_METADATA_SUBJECT, sheet.title)
        canvas.setMetadata(CAIRO_PDF_METADATA_AUTHOR, sheet.author)
        canvas.setMetadata(CAIRO_PDF_METADATA_CREATOR, "Kontor")
        if let issued = sheet.issueDate {
            // The issue date rather than the moment of printing: printing
            // the same invoice twice gives the same document.
            canvas.setMetadata(CAIRO_PDF_METADATA_CREATE_DATE, issued + "T00:00:00")
            canvas.setMetadata(CAIRO_PDF_METADATA_MOD_DATE, issued + "T00:00:00")
        }
        let layout = SheetLayout(sheet: sheet, canvas: canvas)
        let pages = layout.paginate()
        for (index, page) in pages.enumerated() {
            if index > 0 { canvas.nextPage() }
            layout.drawFrame(page: index + 1, of: pages.count)
            for placed in page { placed.block.draw(placed.y) }
        }
        return try canvas.finish()
    }
}
