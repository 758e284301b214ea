import Foundation
import Testing

/// `kontor mail` through the real binary: an invoice queued with its files,
/// a consumer's invoice without an e-invoice refused unless the PDF may go
/// alone, the queue delivered by `send-queued` as cron runs it (a failing
/// mail system said, with exit 1), and `outbox` listing where each stands.
@Suite("Mail end to end", .timeLimit(.minutes(1)))
struct MailEndToEndTests {
    @Test func invoicesAreQueuedSentFromCronAndListed() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        func first(_ sql: String) async throws -> String {
            try await workspace.sqlite(db, sql).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func run(_ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
            let result = try await Processes.run(kontor, arguments + ["--db", db], environment: workspace.environment, directory: workspace.path)
            return (result.status, result.out, result.err)
        }
        let invoice = try await first("""
            SELECT i.number FROM invoices i JOIN customers c ON c.id = i.customer_id
            WHERE i.kind = 'invoice' AND i.status <> 'draft' AND i.order_reference <> '' AND c.email <> '' ORDER BY i.id LIMIT 1
            """)
        let consumer = try await first("""
            SELECT i.number FROM invoices i JOIN customers c ON c.id = i.customer_id
            WHERE i.status <> 'draft' AND c.kind = 'person' AND i.buyer_reference = '' AND c.email <> '' ORDER BY i.id LIMIT 1
            """)
        try #require(!invoice.isEmpty && !consumer.isEmpty, "the demo lacks the invoices this needs")

        var result = try await run(["settings", "--set", "mail-queues=billing=rechnung@firma.example",
                                    "--set", "sendmail=/bin/false -t -i"])
        #expect(result.status == 0, "\(result.err)")
        result = try await run(["mail", "invoice", invoice])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("queued #1: \(invoice) to ") && result.out.contains("\(invoice)") && result.out.contains(".pdf, "), "\(result.out)")
        result = try await run(["mail", "invoice", consumer])
        #expect(result.status != 0 && result.err.contains("the e-invoice cannot be made") && result.err.contains("--pdf-only"), "\(result.err)")
        result = try await run(["mail", "invoice", consumer, "--pdf-only"])
        #expect(result.status == 0 && result.out.contains("queued #2"), "\(result.err)")

        // The mail system refuses: said, retried later, exit 1 for cron's mail.
        result = try await run(["mail", "send-queued"])
        #expect(result.status == 1)
        #expect(result.out.contains("not yet sent #1") && result.out.contains("false exited with 1"), "\(result.out)")
        result = try await run(["mail", "send-queued", "--quiet"])
        #expect(result.status == 0 && result.out.isEmpty, "nothing due yet: \(result.out)")

        // Repaired; due again at once.
        let captured = workspace.file("captured")
        let script = workspace.file("sendmail.sh")
        try "#!/bin/sh\ncat >> '\(captured)'\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        _ = try await run(["settings", "--set", "sendmail=\(script) -t -i"])
        // Waiting for their next try: `retry` makes them due now.
        result = try await run(["mail", "retry", "1", "2"])
        #expect(result.status == 0 && result.out.contains("due now #1") && result.out.contains("due now #2"), "\(result.out) \(result.err)")
        result = try await run(["mail", "send-queued"])
        #expect(result.status == 0, "\(result.out) \(result.err)")
        #expect(result.out.contains("sent #1") && result.out.contains("sent #2"), "\(result.out)")
        result = try await run(["mail", "retry", "1"])
        #expect(result.status != 0 && result.err.contains("message 1 was sent already"), "\(result.err)")
        let mail = (try? String(contentsOfFile: captured, encoding: .utf8)) ?? ""
        #expect(mail.contains("Content-Type: application/pdf;") && mail.contains("Content-Type: application/xml;"))
        result = try await run(["mail", "outbox", "--state", "sent"])
        #expect(result.out.contains("#2 ") && result.out.contains("#1 ") && result.out.contains("sent to "), "\(result.out)")
        // The document by its number and what it is in words, not its row id and code.
        #expect(result.out.contains("invoice or credit note  \(invoice)") && !result.out.contains("invoice id "), "\(result.out)")
    }
}
