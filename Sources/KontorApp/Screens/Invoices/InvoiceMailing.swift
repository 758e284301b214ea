import Foundation
import KontorEInvoice
import KontorLocale
import KontorModel
import KontorPDF

/// The files an invoice goes out with: the PDF as `p` prints it and the
/// XRechnung as `x` writes it, made here (where cairo and libxml2 are
/// known) and handed to the model as bytes. Shared by the Invoices screen
/// and `kontor mail invoice`.
public enum InvoiceMailing {
    /// The files, and why the e-invoice is missing when it could not be
    /// made (a rule of XRechnung the invoice breaks: the PDF goes alone
    /// only when the caller accepts that).
    public struct Files {
        public var attachments: [OutgoingAttachment]
        public var eInvoiceProblem: String?
    }

    public static func files(for invoiceID: Int64, plan: InvoiceMailPlan, from invoices: InvoiceRepository) throws -> Files {
        let sheet = try invoices.sheet(for: invoiceID)
        var attachments = [OutgoingAttachment(fileName: plan.fileBaseName + ".pdf", mimeType: "application/pdf", data: try InvoicePDF.render(sheet))]
        var problem: String?
        do {
            let xml = try EInvoiceExport.document(try invoices.eInvoiceSource(id: invoiceID), syntax: .ubl)
            attachments.append(OutgoingAttachment(fileName: plan.fileBaseName + ".xml", mimeType: "application/xml", data: xml))
        } catch {
            problem = ErrorText.describe(error)
        }
        return Files(attachments: attachments, eInvoiceProblem: problem)
    }
}
