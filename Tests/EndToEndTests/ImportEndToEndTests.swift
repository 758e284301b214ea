import Foundation
import Testing
import TestSupport

/// The import from inside Kontor, through the real binary in tmux: `I` on
/// Inventory, the Northwind products file, the dry run's review, `y`.
@Suite("Import end to end (tmux)", .timeLimit(.minutes(1)))
struct ImportEndToEndTests {
    /// The shared Northwind products.
    static let northwind = SharedData.northwind.appendingPathComponent("products.csv").path

    @Test("I on Inventory imports the Northwind products after showing the dry run")
    func importProductsFromInsideTheUI() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase()
        let before = try await workspace.sqlite(db, "SELECT count(*) FROM products")

        let tmux = try await TmuxSession(workspace: workspace, width: 140, height: 40,
                                         command: "\(q(kontor)) --db \(q(db)); echo KONTOR-EXITED")
        try await tmux.waitFor(text: "5 Inventory", "q quit")
        try await tmux.press("5")
        try await tmux.waitFor(text: "[active]", "On hand")
        try await tmux.press("I")
        try await tmux.waitFor(text: "Import products from a CSV file")
        try await tmux.type(Self.northwind)
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "dry run", "77 read: 77 would be new", "Unit Price → price", "Units In Stock → stock")
        try await tmux.press("y")
        try await tmux.waitFor(text: "products: 77 imported")
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")

        let count = (Int(before.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) + 77
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM products") == "\(count)\n")
        #expect(try await workspace.sqlite(db, "SELECT on_hand, price_cents FROM products WHERE sku = 'CHAI'") == "39|1800\n")
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM stock_moves m JOIN products p ON p.id = m.product_id WHERE p.sku = 'CHAI' AND m.kind = 'receipt'") == "1\n")
    }

    func q(_ word: String) -> String { Processes.shellQuoted(word) }
}
