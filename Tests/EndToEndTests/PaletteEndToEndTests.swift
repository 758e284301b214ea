import Foundation
import Testing

extension KontorEndToEndTests {
    @Test("open a customer, read one of its invoice numbers, jump to it with : and the number")
    func paletteJumpsToAnInvoiceByNumber() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        // A customer with issued invoices, the most of them: its view lists some.
        let name = try await workspace.sqlite(db, """
            SELECT c.name FROM customers c JOIN invoices i ON i.customer_id = c.id
            WHERE i.number IS NOT NULL AND c.archived = 0 GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!name.isEmpty, "the demo has invoiced customers")
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)

        try await tmux.press("/")
        try await tmux.type(name)
        try await tmux.waitFor(text: "/ \(name)")
        try await tmux.press("Enter")
        try await tmux.press("Enter")
        let view = try await tmux.waitFor("\(name)'s 360° view with an invoice number") { screen in
            screen.contains("Contacts (") && Self.invoiceNumber(in: screen) != nil
        }
        let number = try #require(Self.invoiceNumber(in: view))

        try await tmux.press(":")
        try await tmux.waitFor(text: "Command")
        try await tmux.type(number)
        try await tmux.waitFor(text: "› \(number)")
        try await tmux.press("Enter")
        let shown = try await tmux.waitFor(text: "\(number) · ")
        let title = try #require(shown.line(containing: "\(number) · "), "\(shown)")
        #expect(title.text.contains("Invoice \(number)") || title.text.contains("Credit note \(number)"), "\(shown)")
        #expect(shown.contains(name) || shown.contains(String(name.prefix(20))), "the invoice is the customer's:\n\(shown)")
        #expect(!shown.contains("Command ·"), "the palette has closed\n\(shown)")

        let stored = try await workspace.sqlite(db, "SELECT count(*) FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.number = '\(number)' AND c.name = '\(name.replacingOccurrences(of: "'", with: "''"))'")
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(number) belongs to \(name)")

        // Esc goes back along the history: to the customer's 360° view it came from.
        try await tmux.press("Escape")
        let back = try await tmux.waitFor("\(name)'s 360° view again") { screen in
            screen.contains("Contacts (") && !screen.contains("Seller")
        }
        #expect(back.contains(String(name.prefix(20))), "\(back)")
    }

    /// The first invoice or credit note number on the screen: 2026-00042 or CN-2026-00003.
    static func invoiceNumber(in screen: Screen) -> String? {
        let pattern = /(CN-)?\d{4}-\d{5}/
        for line in screen.lines {
            if let match = line.firstMatch(of: pattern) { return String(match.output.0) }
        }
        return nil
    }
}
