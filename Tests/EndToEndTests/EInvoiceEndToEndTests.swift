import Foundation
import Testing

/// `kontor einvoice` through the real binary: e-invoices of demo invoices
/// written to a folder, and a refusal that names its rule and writes nothing.
@Suite("E-invoices end to end", .timeLimit(.minutes(1)))
struct EInvoiceEndToEndTests {
    @Test("kontor einvoice writes UBL and CII files, and refuses an invoice without buyer reference by its rule")
    func einvoiceCommand() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        func first(_ sql: String) async throws -> String {
            try await workspace.sqlite(db, sql).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let invoice = try await first("SELECT number FROM invoices WHERE kind = 'invoice' AND status <> 'draft' AND order_reference <> '' ORDER BY id LIMIT 1")
        let note = try await first("SELECT number FROM invoices WHERE kind = 'credit_note' AND order_reference <> '' ORDER BY id LIMIT 1")
        let consumer = try await first("""
            SELECT i.number FROM invoices i JOIN customers c ON c.id = i.customer_id
            WHERE i.status <> 'draft' AND c.kind = 'person' AND i.buyer_reference = '' AND i.order_reference = '' ORDER BY i.id LIMIT 1
            """)
        try #require(!invoice.isEmpty && !note.isEmpty && !consumer.isEmpty, "the demo lacks an invoice of each kind")
        let out = workspace.file("out")

        let written = try await Processes.run(kontor, ["einvoice", invoice, note, "--syntax", "cii", "--db", db, "--out", out],
                                              environment: workspace.environment, directory: workspace.path)
        #expect(written.status == 0, "\(written.err)")
        for number in [invoice, note] {
            let path = "\(out)/\(number).cii.xml"
            #expect(written.out.contains(path))
            let xml = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            #expect(xml.contains("<rsm:CrossIndustryInvoice") && xml.contains("<ram:ID>\(number)</ram:ID>"), "\(path)")
        }
        // A number named twice is one file, listed once.
        let ubl = try await Processes.run(kontor, ["einvoice", note, note, "--db", db, "--out", out], environment: workspace.environment, directory: workspace.path)
        #expect(ubl.status == 0, "\(ubl.err)")
        #expect(ubl.out.components(separatedBy: "\(out)/\(note).xml").count == 2, "\(ubl.out)")
        // --out makes its own folder, never the folders above it.
        let deep = workspace.file("not/there")
        let nowhere = try await Processes.run(kontor, ["einvoice", note, "--db", db, "--out", deep], environment: workspace.environment,
                                              directory: workspace.path)
        #expect(nowhere.status != 0 && nowhere.err.contains("the folder \(workspace.file("not")) does not exist"), "\(nowhere.err)")
        #expect(!FileManager.default.fileExists(atPath: workspace.file("not")))
        #expect(((try? String(contentsOfFile: "\(out)/\(note).xml", encoding: .utf8)) ?? "").contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))

        let refused = try await Processes.run(kontor, ["einvoice", consumer, "--db", db, "--out", workspace.file("refused")],
                                              environment: workspace.environment, directory: workspace.path)
        #expect(refused.status != 0)
        #expect(refused.err.contains("\(consumer) cannot be an e-invoice: BR-DE-15"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: workspace.file("refused")))

        let wrong = try await Processes.run(kontor, ["einvoice", invoice, "--syntax", "pdf", "--db", db], environment: workspace.environment,
                                            directory: workspace.path)
        #expect(wrong.status != 0 && wrong.err.contains("--syntax expects ubl or cii, got 'pdf'"), "\(wrong.err)")
    }
}
