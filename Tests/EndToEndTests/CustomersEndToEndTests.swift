import Foundation
import Testing

extension KontorEndToEndTests {
    @Test("create a customer, then a contact for it, and find both in the database")
    func createCustomerWithContact() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let tmux = try await startKontor(workspace, db: db)
        try await tmux.waitFor("the first screen", until: Self.isFirstScreen)

        try await tmux.press("n")
        try await tmux.waitFor(text: "New customer")
        try await tmux.type("Größenwahn Ölmühle 山田 KG")
        try await tmux.press("C-s")
        // A new customer opens in its 360° view, ready for a contact.
        try await tmux.waitFor(text: "Saved Größenwahn Ölmühle 山田 KG", "Contacts (0)")
        try await tmux.press("c")
        try await tmux.waitFor(text: "New contact · Größenwahn Ölmühle 山田 KG")
        try await tmux.type("Jürgen Weiß")
        try await tmux.press("Tab")
        try await tmux.type("Einkauf")
        try await tmux.press("Tab")
        try await tmux.type("j.weiss@oelmuehle.example")
        try await tmux.press("C-s")
        let screen = try await tmux.waitFor(text: "Saved contact Jürgen Weiß", "Contacts (1)")
        #expect(screen.contains("Einkauf"))

        let rows = try await workspace.sqlite(db, """
            SELECT c.name || '|' || k.name || '|' || k.role || '|' || k.email
            FROM contacts k JOIN customers c ON c.id = k.customer_id
            WHERE c.name LIKE 'Größenwahn%'
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(rows == "Größenwahn Ölmühle 山田 KG|Jürgen Weiß|Einkauf|j.weiss@oelmuehle.example")
    }
}
