import Foundation
import Testing

/// The back office through the real binary in tmux: receiving goods on the
/// Inventory screen, checked on screen and then in the database.
@Suite("Back office end to end (tmux)", .timeLimit(.minutes(1)))
struct BackOfficeEndToEndTests {
    @Test("receiving stock shows the new ledger line and on-hand, and lands in the database")
    func receiveStock() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let picked = try await workspace.sqlite(db, "SELECT id, sku, on_hand, unit FROM products WHERE active = 1 ORDER BY id LIMIT 1")
        let parts = picked.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        try #require(parts.count == 4, "no product in the demo database: \(picked)")
        let (id, sku, onHand, unit) = (parts[0], parts[1], Int(parts[2]) ?? 0, parts[3])
        let moves = try await workspace.sqlite(db, "SELECT count(*) FROM stock_moves WHERE product_id = \(id)")

        let tmux = try await TmuxSession(workspace: workspace, width: 120, height: 30,
                                         command: "\(q(kontor)) --db \(q(db)); echo KONTOR-EXITED")
        try await tmux.waitFor(text: "5 Inventory", "q quit")
        try await tmux.press("5")
        try await tmux.waitFor(text: "[active]", "On hand", "Avail.")
        // Search the SKU and press Enter, as a barcode scanner would: the record opens.
        try await tmux.press("/")
        try await tmux.type(sku)
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "SKU \(sku)", "[Stock ledger]", "On hand \(onHand) \(unit)")

        try await tmux.press("r")
        try await tmux.waitFor(text: "Receive goods · \(sku)", "Delivery note")
        try await tmux.type("17")
        try await tmux.press("Tab")
        try await tmux.type("LS-E2E-4711")
        try await tmux.waitFor(text: "LS-E2E-4711")
        try await tmux.press("C-s")
        let after = try await tmux.waitFor(text: "Received 17 \(unit) of \(sku)", "On hand \(onHand + 17) \(unit)")
        let row = try #require(after.line(containing: "LS-E2E-4711"), "no ledger row for the receipt\n\(after)")
        #expect(row.text.contains("receipt") && row.text.contains("+17") && row.text.contains("\(onHand + 17)"), "ledger row: \(row.text)")
        #expect(!after.contains("Receive goods"), "the form should close after saving\n\(after)")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")

        #expect(try await workspace.sqlite(db, "SELECT on_hand FROM products WHERE id = \(id)") == "\(onHand + 17)\n")
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM stock_moves WHERE product_id = \(id)")
                == "\((Int(moves.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) + 1)\n")
        let stored = try await workspace.sqlite(db, """
            SELECT kind, quantity, reference FROM stock_moves WHERE product_id = \(id) ORDER BY id DESC LIMIT 1
            """)
        #expect(stored == "receipt|17|LS-E2E-4711\n")
        let audited = try await workspace.sqlite(db, """
            SELECT count(*) FROM audit_log WHERE entity = 'product' AND entity_id = \(id) AND action = 'stock receipt'
            """)
        #expect(audited != "0\n")
    }

    func q(_ word: String) -> String { Processes.shellQuoted(word) }
}
