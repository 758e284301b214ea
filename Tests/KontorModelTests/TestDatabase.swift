import Foundation
@testable import KontorModel

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

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-test-\(UUID().uuidString)")
        database = try KontorDatabase(path: folder.appendingPathComponent("db/kontor.sqlite").path)
        alice = try database.session(for: Actor(username: "alice"))
        let staff = alice.staffDirectory
        try staff.add(StaffFields(username: "bob", fullName: "Bob Front"), role: .front)
        try staff.add(StaffFields(username: "carol", fullName: "Carol Back"), role: .back)
        try staff.add(StaffFields(username: "dave", fullName: "Dave Manager"), role: .manager)
        bob = try database.session(for: Actor(username: "bob"))
        carol = try database.session(for: Actor(username: "carol"))
        dave = try database.session(for: Actor(username: "dave"))
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
