import Foundation
import Testing

extension KontorEndToEndTests {
    @Test("two sessions edit one customer: the second sees theirs, merges and saves both changes")
    func editConflictIsMerged() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let first = try await startKontor(workspace, db: db)
        let second = try await startKontor(workspace, db: db)
        try await first.waitFor("the first screen", until: Self.isFirstScreen)
        try await second.waitFor("the first screen", until: Self.isFirstScreen)
        // Both open the first customer's form.
        try await first.press("e")
        try await first.waitFor(text: "Edit customer")
        try await second.press("e")
        try await second.waitFor(text: "Edit customer")

        // The first saves a new city.
        for _ in 0..<6 { try await first.press("Tab") }
        try await first.press("C-u")
        try await first.type("Bonn")
        try await first.press("C-s")
        try await first.waitFor(text: "Saved ")

        // The second changed the e-mail: refused, then theirs beside it, then merged.
        try await second.press("Tab", "Tab", "C-u")
        try await second.type("e2e@kontor.example")
        try await second.press("C-s")
        try await second.waitFor(text: "saved this customer at", "Ctrl-R: theirs, merge")
        try await second.press("C-r")
        let compared = try await second.waitFor(text: "Theirs (", "they changed", "you changed")
        #expect(compared.line(containing: "City")?.text.contains("Bonn") == true, "\(compared.text)")
        try await second.press("m")
        try await second.waitFor(text: "Merged with", "Ctrl-S saves")
        try await second.press("C-s")
        try await second.waitFor(text: "Saved ")

        let row = try await workspace.sqlite(db, "SELECT city || '|' || version FROM customers WHERE email = 'e2e@kontor.example'")
        #expect(row.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("Bonn|"), "\(row)")
    }
}
