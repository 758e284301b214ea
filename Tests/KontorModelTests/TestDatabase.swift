import Foundation
import KontorModel

/// A real database file in a fresh temporary folder, removed afterwards.
final class TestDatabase {
    let folder: URL
    let database: KontorDatabase
    var path: String { database.path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-test-\(UUID().uuidString)")
        database = try KontorDatabase(path: folder.appendingPathComponent("db/kontor.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static let alice = Actor(username: "alice")
    static let bob = Actor(username: "bob")

    /// Adds customers with just a name each.
    @discardableResult
    func add(_ names: [String]) throws -> [Customer] {
        try names.map { try database.customers.create(CustomerFields(name: $0), by: Self.alice) }
    }
}
