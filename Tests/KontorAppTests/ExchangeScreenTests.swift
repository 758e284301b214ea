import Foundation
import GRDB
import KontorApp
import KontorModel
import KontorUI
import Testing

/// `E` and `I` on the lists, driven by keys on the headless backend.
@MainActor
@Suite("Import and export on the screens")
struct ExchangeScreenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/import")

    @Test func exportWritesWhatTheListShowsAndSaysWhere() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        h.press(.char("/"))
        h.type("müller")
        h.press(.enter)
        let text = h.press(.char("E"))
        let message = try #require(text.split(separator: "\n").first { $0.contains("exported to") })
        let path = String(message[message.range(of: "exported to ")!.upperBound...]).trimmingCharacters(in: .whitespaces)
        #expect(path.hasSuffix(".csv") && path.contains("/exports/customers-"))
        let content = try String(contentsOfFile: path, encoding: .utf8)
        let rows = content.split(separator: "\r\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.localizedCaseInsensitiveContains("müller") })
        #expect(message.contains("\(rows.count) row"))
    }

    @Test func importAsksForTheFileShowsTheDryRunAndImportsOnYes() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let before = try h.database.customers.count(CustomerQuery())
        // Copies in the test's folder: whatever the import writes beside
        // its file (a reject file) lands there, not among the fixtures.
        func copy(_ name: String) throws -> String {
            let target = h.folder.appendingPathComponent(name)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: target)
            return target.path
        }
        var text = h.press(.char("I"))
        #expect(text.contains("Import customers from a CSV file"))
        h.type(try copy("customers-malformed.csv"))
        text = h.press(.enter)
        #expect(text.contains("dry run"))
        #expect(text.contains("4 read: 1 would be new"))
        #expect(text.contains("customers-malformed.csv:3: Email: 'kein-at-zeichen' must look like name@example.com"))
        #expect(try h.database.customers.count(CustomerQuery()) == before)
        h.press(.escape)
        // Now a clean file, imported on y.
        h.press(.char("I"))
        h.type(try copy("customers-excel-utf8.csv"))
        text = h.press(.enter)
        #expect(text.contains("Straße → street"))
        text = h.press(.char("y"))
        // The fixture holds the Viennese coffee house already (same VAT id).
        #expect(text.contains("customers: 3 imported, 0 updated, 1 already there"))
        #expect(try h.database.customers.count(CustomerQuery()) == before + 3)
    }

    /// Reached through a jump (the dashboard, another screen), Esc closes
    /// the dry run's review first, before any going back.
    @Test func escClosesTheReviewBeforeGoingBack() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let target = h.folder.appendingPathComponent("customers-excel-utf8.csv")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("customers-excel-utf8.csv"), to: target)
        h.press(.char("0"))
        h.press(.enter)
        h.press(.char("1"))
        h.press(.char("I"))
        h.type(target.path)
        var text = h.press(.enter)
        #expect(text.contains("dry run"), "\(text)")
        text = h.press(.escape)
        #expect(!text.contains("dry run") && h.app.activeIndex == 0, "\(text)")
        text = h.press(.char("y"))
        #expect(try h.database.customers.count(CustomerQuery(text: "Café Olé")) == 0, "nothing imported on a later y")
    }

    @Test func importIsOfferedOnlyToRolesThatMayWrite() throws {
        let h = try ScreenHarness()
        h.press(.char("5"))
        let text = h.press(.char("I"))
        #expect(text.contains("Import products") || text.contains("only"))
    }
}
