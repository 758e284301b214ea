import Foundation
import GRDB
import KontorModel
import Testing

@Suite("Printed invoices")
struct InvoiceDocumentTests {
    @Test func controlCharactersFromTheDataArePrintedAsSymbols() throws {
        let f = try InvoiceFixture()
        let hostile = "Evil\u{1B}[31mRED\u{07}\rX\u{1B}]0;pwned\u{07} GmbH"
        // As a raw import could store it, past the form's validation.
        try DatabaseQueue(path: f.db.path).write { db in
            try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ?", arguments: [hostile, f.customer.id])
        }
        let draft = try f.draft()
        let text = try f.invoices.document(for: draft.id).text
        #expect(text.contains("Evil␛[31mRED␇␍X␛]0;pwned␇ GmbH"), "\(text)")
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F })
    }
}
