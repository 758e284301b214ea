import Foundation
@testable import KontorModel
import TestSupport

/// A real database file in a fresh temporary folder, removed afterwards, with
/// a member of staff in every role.
final class TestDatabase {
    let folder: URL
    let database: KontorDatabase
    var path: String { database.path }
    /// The first account to open the database, and so its admin.
    let alice: Session
    /// Front office.
    let bob: Session
    /// Back office.
    let carol: Session
    /// Manager.
    let dave: Session

    /// - Parameter folder: where the database goes; a new temporary folder
    ///   unless given. Removed with the test database either way.
    init(folder: URL? = nil) throws {
        self.folder = folder ?? Self.newFolder()
        database = try KontorDatabase(path: self.folder.appendingPathComponent("db/kontor.sqlite").path)
        alice = try database.session(for: Actor(username: "alice"))
        let staff = alice.staffDirectory
        try staff.add(StaffFields(username: "bob", fullName: "Bob Front"), role: .front)
        try staff.add(StaffFields(username: "carol", fullName: "Carol Back"), role: .back)
        try staff.add(StaffFields(username: "dave", fullName: "Dave Manager"), role: .manager)
        bob = try database.session(for: Actor(username: "bob"))
        carol = try database.session(for: Actor(username: "carol"))
        dave = try database.session(for: Actor(username: "dave"))
    }

    /// A copy of the demo business of `demoScale` customers seeded by alice
    /// on top of a fresh test database: the same rows as
    /// `DemoSeeder.seed(TestDatabase().database, scale: demoScale, actor: alice)`,
    /// but seeded once per test run (see `DemoTemplates`) and copied here, so
    /// that a test may write to it without disturbing any other.
    init(demoScale: Int) throws {
        folder = Self.newFolder()
        let path = folder.appendingPathComponent("db/kontor.sqlite").path
        try DemoTemplates.shared.copy(scale: demoScale, to: path)
        database = try KontorDatabase(path: path)
        alice = try database.session(for: Actor(username: "alice"))
        bob = try database.session(for: Actor(username: "bob"))
        carol = try database.session(for: Actor(username: "carol"))
        dave = try database.session(for: Actor(username: "dave"))
    }

    private static func newFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kontor-test-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Adds customers with just a name each.
    @discardableResult
    func add(_ names: [String]) throws -> [Customer] {
        try names.map { try database.customers.create(CustomerFields(name: $0), by: bob) }
    }

    /// Runs raw SQL, as another tool would, bypassing the model.
    func raw(_ sql: String) throws {
        try database.write { db in try db.execute(sql: sql) }
    }
}

extension TestDatabase {
    /// Makes the business ready to issue invoices, as a real one would be:
    /// the company settings complete, and every customer without an
    /// address given one in Germany (written directly, so that no
    /// customer's version changes under a test).
    func readyToInvoice() throws {
        var settings = try alice.settings()
        settings.completeForInvoices()
        try alice.saveSettings(settings)
        try raw(fillMissingCustomerAddressesSQL)
    }
}
