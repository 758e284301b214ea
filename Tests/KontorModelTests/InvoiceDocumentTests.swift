import Foundation
import GRDB
import KontorModel
import KontorText
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

    /// The text copy names the buyer's country as the PDF does: by its
    /// name in capitals abroad, not by its code.
    @Test func aForeignBuyersCountryIsWrittenByItsName() throws {
        let f = try InvoiceFixture()
        var fields = f.customer.fields
        (fields.postalCode, fields.city, fields.country, fields.vatID) = ("8001", "Zürich", "CH", "")
        try f.db.database.customers.update(id: f.customer.id, fields, expectedVersion: f.customer.version, by: f.db.bob)
        let text = try f.invoices.document(for: f.draft().id).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("SCHWEIZ") || lines.contains("SWITZERLAND"), "\(text)")
        #expect(!lines.contains("CH"), "\(text)")
    }

    @Test func invisibleAndDirectionCharactersArePrintedAsTheScreenShowsThem() throws {
        let f = try InvoiceFixture()
        // LRM, RLM, ALM, then zero-width space, non-joiner, joiner, word
        // joiner, invisible operators and the byte order mark.
        let hidden = "A\u{200E}B\u{200F}C\u{061C}D\u{200B}E\u{200C}F\u{200D}G\u{2060}H\u{2064}I\u{FEFF}J GmbH"
        try DatabaseQueue(path: f.db.path).write { db in
            try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ?", arguments: [hidden, f.customer.id])
        }
        let text = try f.invoices.document(for: f.draft().id).text
        // Direction marks show as �, zero-width formatting is dropped, the
        // joiner is dropped too (it stays only inside an emoji): what the
        // screen draws.
        let shown = "A\u{FFFD}B\u{FFFD}C\u{FFFD}DEFGHIJ GmbH"
        #expect(VisibleText.clean(hidden) == shown)
        #expect(text.range(of: shown) != nil, "\(text)")
        let leaked: [UInt32] = [0x200D, 0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]
        #expect(!text.unicodeScalars.contains { leaked.contains($0.value) })
    }
}
