import Foundation
import GRDB
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

@MainActor
/// An app over a real database file with known customers, driven by keys and
/// read back as screen text: no terminal involved.
final class ScreenHarness {
    let folder: URL
    let database: KontorDatabase
    let app: App
    var size: Size

    static let tester = Actor(username: "tester")
    /// The admin: the first account to open the harness's database.
    let session: Session
    /// A front-office colleague, for changes made "elsewhere".
    let bob: Session

    /// Customers with every kind of name the screen has to cope with.
    static let fixture: [CustomerFields] = [
        CustomerFields(name: "Müller GmbH", contactName: "Jürgen Müller", email: "j.mueller@mueller.example", phone: "+49 30 1234567", street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE", vatID: "DE123456788"),
        CustomerFields(name: "Schäfer & Söhne KG", contactName: "Käthe Schäfer", email: "k@schaefer.example", phone: "+49 89 555 0101", city: "München", country: "DE"),
        CustomerFields(name: "山田商事株式会社", contactName: "山田 太郎", email: "taro@yamada.example", phone: "+81 3 1234 5678", city: "東京", country: "JP"),
        CustomerFields(name: "Café Crème 👍 Bistro", contactName: "Zoë Lefèvre", phone: "+33 1 4000 0000", city: "Paris", country: "FR"),
        CustomerFields(name: "Überlange Firmenbezeichnung Internationale Handels- und Vertriebsgesellschaft mbH", contactName: "Hans-Jürgen Oberländer-Großkopf", city: "Frankfurt am Main", country: "DE"),
        CustomerFields(name: "Weiß Logistik AG", contactName: "Sabine Weiß", phone: "+49 40 999 1234", city: "Hamburg", country: "DE", notes: "Lieferung nur werktags."),
        CustomerFields(name: "Mueller Trading Ltd", contactName: "Sam Mueller", city: "London", country: "GB"),
        CustomerFields(name: "Zeta Systems", contactName: "Lena Zimmermann", city: "Köln", country: "DE"),
    ]

    /// A name as an import might deliver it: with terminal escape sequences.
    static let hostileName = "Evil\u{1B}[31mRed\u{1B}[0m\u{07} Corp"

    /// A harness over a copy of the fixture database (see `FixtureTemplates`):
    /// the same rows as building it afresh, for a file copy instead of a
    /// schema migration and a dozen saves per test.
    /// - Parameter language: the App's language (German for the German screen tests); nil for the process's, English.
    init(size: Size = Size(width: 80, height: 24), extraCustomers: Int = 0, language: Language? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-screen-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("kontor.sqlite").path
        try FixtureTemplates.shared.copy(extraCustomers: extraCustomers, to: path)
        database = try KontorDatabase(path: path)
        session = try database.session(for: Self.tester)
        bob = try database.session(for: Actor(username: "bob"))
        app = App(session: session, theme: .fallback, language: language)
        self.size = size
    }

    /// Fills a new database with the fixture: the tester (its admin), Bob,
    /// the customers, `extraCustomers` fillers and the hostile name.
    static func buildFixture(at path: String, extraCustomers: Int) throws {
        let database = try KontorDatabase(path: path)
        let session = try database.session(for: Self.tester)
        try session.staffDirectory.add(StaffFields(username: "bob", fullName: "Bob Front"), role: .front)
        for fields in Self.fixture { try database.customers.create(fields, by: session) }
        for i in 0..<extraCustomers {
            try database.customers.create(CustomerFields(name: String(format: "Filler %04d", i), city: "Bonn"), by: session)
        }
        // Bypasses validation on purpose, as a raw import or another tool could.
        let raw = try DatabaseQueue(path: database.path)
        try raw.write { db in
            try db.execute(sql: """
                INSERT INTO customers (name, contact_name, city, country, sort_key, created_at, updated_at, updated_by)
                VALUES (?, 'Mallory', 'Nowhere', 'XX', 'evil red corp', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'import')
                """, arguments: [Self.hostileName])
        }
        // Everything into the main file, so that copying that one file is enough.
        try raw.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Sends keys and returns the screen as text.
    @discardableResult
    func press(_ keys: Key...) -> String { press(keys) }

    @discardableResult
    func press(_ keys: [Key]) -> String {
        for key in keys {
            _ = app.frame(size: size) // as the loop does: a frame between keys
            app.settle() // and the related pane read, as a person's pause gives it
            app.handle(key)
        }
        return screen
    }

    /// Types text as single characters.
    @discardableResult
    func type(_ text: String) -> String { press(text.map { Key.char($0) }) }

    /// The screen once the related pane has caught up with the cursor.
    var screen: String { grid.text }
    var grid: Grid {
        _ = app.frame(size: size)
        app.settle()
        return app.frame(size: size).0
    }

    /// The line with the highlight marker.
    var cursorLine: String? { screen.split(separator: "\n").first { $0.hasPrefix("›") }.map(String.init) }

    func customer(named name: String) throws -> Customer? {
        let rows = try database.customers.page(CustomerQuery(text: name), after: nil, limit: 5)
            + database.customers.page(CustomerQuery(text: name, archived: true), after: nil, limit: 5)
        guard let row = rows.first(where: { $0.name == name }) else { return nil }
        return try database.customers.find(id: row.id)
    }
}

@MainActor
/// Compares screen text with a file in Goldens/. Set KONTOR_RECORD_GOLDENS=1
/// to write the files anew after an intended change, then review the diff.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/\(name).txt")
    if ProcessInfo.processInfo.environment["KONTOR_RECORD_GOLDENS"] == "1" {
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(url.path); run with KONTOR_RECORD_GOLDENS=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(text + "\n" == expected, "screen differs from \(name).txt:\n\(text)", sourceLocation: sourceLocation)
}
