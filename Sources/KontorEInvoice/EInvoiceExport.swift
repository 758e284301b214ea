import Foundation
import KontorLocale
import KontorModel

/// The syntax an e-invoice is written in. Both carry the same EN 16931
/// content; public buyers in Germany accept either.
public enum EInvoiceSyntax: String, CaseIterable, Sendable {
    /// OASIS UBL 2.1 (`Invoice`, `CreditNote`).
    case ubl
    /// UN/CEFACT Cross Industry Invoice D16B.
    case cii
}

/// Writing XRechnung e-invoices: each document is checked against the
/// rules Kontor's data can break, then written whole or not at all.
public enum EInvoiceExport {
    /// The document's bytes, or `.rule` naming every broken rule by its id
    /// and meaning.
    public static func document(_ source: EInvoiceSource, syntax: EInvoiceSyntax) throws -> Data {
        let violations = EInvoiceRules.check(source)
        guard violations.isEmpty else {
            throw KontorError.rule(tr("{0} cannot be an e-invoice: {1}", source.invoice.number ?? tr("this invoice"),
                                      violations.map(\.description).joined(separator: "; ")))
        }
        switch syntax {
        case .ubl: return UBLWriter.document(source)
        case .cii: return CIIWriter.document(source)
        }
    }

    /// "2026-00042.xml" (UBL) or "2026-00042.cii.xml".
    public static func fileName(_ number: String, syntax: EInvoiceSyntax) -> String {
        number + (syntax == .ubl ? ".xml" : ".cii.xml")
    }

    /// Writes the e-invoice of each numbered document into `folder`
    /// (created if missing), each file atomically; returns the paths. All
    /// documents are made and checked before the first file is written, so
    /// a refusal leaves nothing behind.
    public static func write(numbers: [String], syntax: EInvoiceSyntax, to folder: URL, from invoices: InvoiceRepository) throws -> [URL] {
        var documents: [(URL, Data)] = []
        var refusals: [String] = []
        for number in numbers {
            do {
                let source = try invoices.eInvoiceSource(number: number)
                let data = try document(source, syntax: syntax)
                documents.append((folder.appendingPathComponent(fileName(source.invoice.number!, syntax: syntax)), data))
            } catch {
                refusals.append(ErrorText.describe(error))
            }
        }
        guard refusals.isEmpty else {
            // Said, so nobody takes the others as written.
            if numbers.count > 1 {
                refusals.append(tr("none of the {0} e-invoices was written: leave out the one refused, or mend it, and run again", numbers.count))
            }
            throw KontorError.rule(refusals.joined(separator: "\n"))
        }
        try MadeFilesFolder.create(folder.path)
        for (url, data) in documents { try MadeFilesFolder.write(data, to: url.path) }
        return documents.map(\.0)
    }
}
