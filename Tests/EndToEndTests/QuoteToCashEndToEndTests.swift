import Foundation
import Testing

/// Quote to cash across both sides of the business, through the screens:
/// a deal is won, becomes a draft invoice, is issued, and every record on
/// the way is one key from the next and one Esc from the last.
@Suite("Quote to cash end to end (tmux)", .timeLimit(.minutes(1)))
struct QuoteToCashEndToEndTests {
    @Test("win a deal, create and issue its invoice, walk invoice → deal → customer and back")
    func winInvoiceAndWalkBack() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        // Services in the demo catalogue have no stock: let the issue go through regardless.
        let settings = try await Processes.run(kontor, ["settings", "--db", db, "--set", "allow-negative-stock=yes"],
                                               environment: workspace.environment, directory: workspace.path)
        #expect(settings.status == 0, "\(settings.err)")
        // The first card of the Negotiation column, as the board orders it.
        let first = try await workspace.sqlite(db, """
            SELECT d.id || '|' || d.title || '|' || c.name FROM deals d JOIN customers c ON c.id = d.customer_id
            WHERE d.stage = 'negotiation' ORDER BY d.expected_close IS NULL, d.expected_close, d.id LIMIT 1
            """).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        let (dealID, title, customer) = (first[0], first[1], first[2])

        let tmux = try await TmuxSession(workspace: workspace, width: 120, height: 40,
                                         command: "\(Processes.shellQuoted(kontor)) --db \(Processes.shellQuoted(db)); echo KONTOR-EXITED")
        try await tmux.waitFor("the first screen") { $0.lines.last?.contains("q quit") == true && $0.contains("1 Customers") }
        try await tmux.press("3")
        try await tmux.waitFor(text: "board ·", "Negotiation")
        try await tmux.press("l", "l", "l")
        try await tmux.press(">")
        try await tmux.waitFor(text: "Create the draft invoice")
        try await tmux.press("y")
        let draft = try await tmux.waitFor(text: "Draft invoice #", "created from")
        #expect(draft.contains(String(title.prefix(20))), "\(draft)")
        #expect(try await workspace.sqlite(db, "SELECT stage FROM deals WHERE id = \(dealID)").hasPrefix("won"))

        try await tmux.press("i")
        try await tmux.waitFor(text: "y issue")
        try await tmux.press("y")
        let issued = try await tmux.waitFor(text: "Issued invoice")
        let number = try #require(issued.lines.compactMap { line -> String? in
            guard let range = line.range(of: #"Issued invoice \d{4}-\d{5}"#, options: .regularExpression) else { return nil }
            return String(line[range].dropFirst("Issued invoice ".count))
        }.first, "no number in\n\(issued)")
        #expect(try await workspace.sqlite(db, "SELECT number FROM invoices WHERE deal_id = \(dealID)").hasPrefix(number))

        // Invoice → its deal → the deal's customer, the trail growing.
        try await tmux.press("d")
        try await tmux.waitFor(text: String(title.prefix(20)), "Won")
        try await tmux.press("c")
        let customerView = try await tmux.waitFor(text: "Contacts (")
        #expect(customerView.lines[1].contains("›") && customerView.lines[1].contains(String(customer.prefix(10))), "trail: \(customerView.lines[1])")
        #expect(customerView.contains(number), "the customer's invoices list the new one\n\(customerView)")

        // And back, one Esc at a time: the deal, the invoice, the board.
        try await tmux.press("Escape")
        try await tmux.waitFor(text: "[Won · invoiced]")
        try await tmux.press("Escape")
        try await tmux.waitFor(text: "Invoice \(number) · ", "Seller", "Buyer")
        try await tmux.press("Escape")
        try await tmux.waitFor(text: "board ·")
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
    }
}
