import Foundation
import KontorApp
import KontorLocale
import Testing

@MainActor
@Suite("README's key table")
struct KeyReferenceTests {
    /// README.md at the top of the source tree.
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func readmeListsTheKeysTheScreensHave() throws {
        let table = try KeyReference.generate()
        let readme = try String(contentsOf: Self.readme, encoding: .utf8)
        let expected = try #require(KeyReference.replacingTable(in: readme, with: table), "README.md has no key table markers")
        #expect(readme == expected, "README.md's key table differs from the keys: run `swift run kontor keys --write README.md`")
    }

    /// docs/TASTEN.md, the same table in German.
    static let german = readme.deletingLastPathComponent().appendingPathComponent("docs/TASTEN.md")

    @Test func docsTastenListsTheKeysInGerman() throws {
        let table = try KeyReference.generate(language: .german)
        let file = try String(contentsOf: Self.german, encoding: .utf8)
        let expected = try #require(KeyReference.replacingTable(in: file, with: table), "docs/TASTEN.md has no key table markers")
        #expect(file == expected, "docs/TASTEN.md differs from the keys: run `swift run kontor keys --lang de --write docs/TASTEN.md`")
        // The same keys as the English table, in German words.
        #expect(table.contains("| Kunden |") && table.contains("| Personal: ein Datensatz (`Enter`) |") && table.contains("| wo | Tasten |"))
    }

    @Test func theTableNamesEveryScreenAndAnOpenRecord() throws {
        let table = try KeyReference.generate()
        for screen in ["Customers", "Tickets", "Deals", "Invoices", "Inventory", "Staff", "Dashboard"] {
            #expect(table.contains("| \(screen) |"), "\(screen)")
        }
        #expect(table.contains("| Staff: a record (`Enter`) |"))
        #expect(table.contains("`R` change the role"))
    }
}
