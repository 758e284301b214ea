import KontorText

/// A printed invoice or credit note as a business letter: what goes where
/// on the page, in words, without knowing how a page is drawn. The PDF
/// (`KontorPDF`) lays it out on A4 after DIN 5008; the model only says what
/// the letter holds.
///
/// It is made from the same reading as the text print (`InvoicePrintSource`)
/// and carries the same particulars §14 (4) UStG asks for. Every text in it
/// has passed through `VisibleText`, as the text print has: nothing from
/// the data reaches a file unsanitised, whatever draws it.
public struct InvoiceSheet: Equatable, Sendable {
    /// A label and its value ("Rechnungsnummer", "2026-00042").
    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: String
    }

    /// The heads of the line table.
    public struct Columns: Equatable, Sendable {
        public var position, description, quantity, unit, unitPrice, vat, amount: String
    }

    /// One invoice line as printed; amounts formatted, descriptions whole
    /// (the layout wraps them).
    public struct Row: Equatable, Sendable {
        public var position, description, quantity, unit, unitPrice, vat, amount: String
        /// The line's own service period, when it differs from the invoice's.
        public var period: String?
        /// The line's discount, with its reason, under the line.
        public var discount: Field?
    }

    /// A line of the totals, the payments or the balance.
    public struct Total: Equatable, Sendable {
        public var label: String
        public var amount: String
        /// The gross total and the balance: set apart from the others.
        public var isEmphasised: Bool
    }

    /// "2026-00042.pdf", "CN-2026-00003.pdf" or "draft-17.pdf".
    public var fileName: String
    /// The document's name in its metadata: the number, or the draft's title.
    public var documentTitle: String
    /// The seller: author in the metadata.
    public var author: String
    /// The issue date (ISO 8601), for the metadata's creation date; nil for a draft.
    public var issueDate: String?

    /// The seller's name and address, as the letterhead.
    public var letterhead: [String]
    /// The one small line above the address window, for a window envelope's return address.
    public var senderLine: String
    /// The buyer's name and address, in the address window.
    public var recipient: [String]
    /// The information block right of the address: number, dates, customer
    /// number, references, who to call.
    public var info: [Field]

    /// "Rechnung 2026-00042", "Rechnungskorrektur (Stornorechnung) CN-2026-00003".
    public var title: String
    /// Under the title: the invoice a credit note corrects, or why a draft is no invoice.
    public var subtitle: String?
    /// The salutation and the sentence before the table.
    public var intro: [String]

    public var columns: Columns
    public var rows: [Row]
    /// The document's discounts and surcharges (after the lines' sum), net
    /// and VAT per category and rate, the sums and the gross total.
    public var totals: [Total]
    /// Payments received, refunds and settlements, and the balance or what
    /// the customer is owed back; empty when there is nothing to show.
    public var payments: [Total]
    /// Exemption and reverse-charge reasons, the invoice's notes, payment
    /// terms and the Skonto offer, the bank account, a cancellation.
    public var notes: [String]
    /// The company's particulars along the foot of every page, in columns.
    public var footer: [[String]]

    /// The page numbers' wording, in the document's language.
    public var pageWords: PageWords

    /// "Seite 2 von 3" or "Page 2 of 3".
    public struct PageWords: Equatable, Sendable {
        var de: Bool
        public func label(page: Int, of pages: Int) -> String {
            VisibleText.clean(DocumentWords.of(de ? .de : .en).pageOf(page, pages))
        }
    }
}
