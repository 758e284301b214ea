import Foundation
@testable import KontorModel
import Testing

@Suite("People, roles and the audit log")
struct PeopleTests {
    @Test func theFirstAccountBecomesAdminAndStrangersAreRefused() throws {
        let db = try TestDatabase()
        #expect(db.alice.role == .admin)
        #expect {
            _ = try db.database.session(for: Actor(username: "mallory"))
        } throws: { error in
            "\(error)" == "the account 'mallory' is not on the staff list; an admin can add it with `kontor staff add mallory --name \"Full Name\" --role front`"
        }
        // Refusing did not add anyone.
        #expect(try db.alice.staffDirectory.find(username: "mallory") == nil)
    }

    @Test func deactivatedStaffCannotOpenASession() throws {
        let db = try TestDatabase()
        let bob = try #require(try db.alice.staffDirectory.find(username: "bob"))
        try db.alice.staffDirectory.setActive(id: bob.id, false, expectedVersion: bob.version)
        #expect(throws: KontorError.inactiveStaff(username: "bob")) { try db.database.session(for: Actor(username: "bob")) }
    }

    /// Each role against one representative write of every area.
    @Test(arguments: [Role.front, .back, .manager, .admin])
    func permissionsPerRole(role: Role) throws {
        let db = try TestDatabase()
        let session = [Role.admin: db.alice, .front: db.bob, .back: db.carol, .manager: db.dave][role]!
        func allowed(_ body: () throws -> Void) -> Bool {
            do { try body(); return true } catch KontorError.denied { return false } catch { Issue.record("unexpected \(error)"); return false }
        }
        let frontWrite = allowed { _ = try db.database.customers.create(CustomerFields(name: "Probe \(role)"), by: session) }
        let backWrite = allowed { _ = try db.database.products.create(ProductFields(sku: "P-\(role)", name: "Probe", price: "1,00"), by: session) }
        let staffAdd = allowed { _ = try session.staffDirectory.add(StaffFields(username: "new\(role)", fullName: "New"), role: .front) }
        let settings = allowed { try session.saveSettings(try session.settings()) }
        var expected: (Bool, Bool, Bool, Bool)
        switch role {
        case .front: expected = (true, false, false, false)
        case .back: expected = (false, true, false, false)
        case .manager: expected = (true, true, false, false)
        case .admin: expected = (true, true, true, true)
        }
        #expect(frontWrite == expected.0 && backWrite == expected.1 && staffAdd == expected.2 && settings == expected.3,
                "\(role): front \(frontWrite), back \(backWrite), staff \(staffAdd), settings \(settings)")
        // Everyone reads the directory; private fields only back office and up.
        let anna = try #require(try db.alice.staffDirectory.add(StaffFields(username: "anna\(role)", fullName: "Anna", phone: "+49 30 1", email: "a@x.de"), role: .front))
        let seen = try #require(try session.staffDirectory.find(id: anna.id))
        #expect(seen.phone.isEmpty == (role == .front))
    }

    @Test func rolesOnlyByAdminsAndNeverWithoutAnAdmin() throws {
        let db = try TestDatabase()
        let bob = try #require(try db.alice.staffDirectory.find(username: "bob"))
        #expect(throws: KontorError.self) { try db.dave.staffDirectory.setRole(id: bob.id, .admin, expectedVersion: bob.version) }
        let promoted = try db.alice.staffDirectory.setRole(id: bob.id, .manager, expectedVersion: bob.version)
        #expect(promoted.role == .manager)
        let alice = try #require(try db.alice.staffDirectory.find(username: "alice"))
        #expect(throws: KontorError.rule("this is the last active admin; make someone else admin first")) {
            try db.alice.staffDirectory.setRole(id: alice.id, .front, expectedVersion: alice.version)
        }
        let history = try db.database.history(of: "staff", id: bob.id, fields: ["role"])
        #expect(history.last.map { ($0.actor, $0.oldValue, $0.newValue) } ?? ("", nil, nil) == ("alice", "front", "manager"))
    }

    @Test func usernamesMustBePlausibleAccounts() {
        for good in ["anna", "j_mueller", "_svc", "user-2", "a"] { #expect(StaffFields.isPlausibleUsername(good), "\(good)") }
        for bad in ["", "Anna", "jürgen", "1abc", "a b", "x;rm", String(repeating: "a", count: 33)] {
            #expect(!StaffFields.isPlausibleUsername(bad), "\(bad)")
        }
    }

    @Test func everyWriteIsAudited() throws {
        let db = try TestDatabase()
        let customer = try db.database.customers.create(CustomerFields(name: "Audit GmbH", city: "Bonn"), by: db.bob)
        var fields = customer.fields
        fields.city = "Köln"
        try db.database.customers.update(id: customer.id, fields, expectedVersion: 1, by: db.dave)
        let history = try db.database.history(of: "customer", id: customer.id)
        #expect(history.contains { $0.action == "create" && $0.field == "name" && $0.newValue == "Audit GmbH" && $0.actor == "bob" })
        #expect(history.contains { $0.action == "update" && $0.field == "city" && $0.oldValue == "Bonn" && $0.newValue == "Köln" && $0.actor == "dave" })
        #expect(!history.contains { $0.action == "update" && $0.field == "name" }, "unchanged fields are not logged")
        // Saving without a change writes nothing, not even a new version.
        let same = try db.database.customers.update(id: customer.id, fields, expectedVersion: 2, by: db.dave)
        #expect(same.version == 2)
    }
}

@Suite("Role changes reach running sessions")
struct RunningSessionTests {
    @Test func aDemotionOrDeactivationTakesEffectOnTheNextChange() throws {
        let db = try TestDatabase()
        // carol's session began as back office and still runs.
        let product = try db.database.products.create(ProductFields(sku: "KAF-1", name: "Kaffee", price: "9,90"), by: db.carol)
        let carol = try #require(try db.alice.staffDirectory.find(username: "carol"))
        try db.alice.staffDirectory.setRole(id: carol.id, .front, expectedVersion: carol.version)
        #expect(throws: KontorError.self) {
            try db.database.products.receive(productID: product.id, quantity: 5, by: db.carol)
        }
        #expect(try db.database.products.find(id: product.id)?.onHand == 0)
        // A front-office session that is deactivated can change nothing more.
        let bob = try #require(try db.alice.staffDirectory.find(username: "bob"))
        try db.alice.staffDirectory.setActive(id: bob.id, false, expectedVersion: bob.version)
        do {
            _ = try db.database.customers.create(CustomerFields(name: "Nach der Kündigung GmbH"), by: db.bob)
            Issue.record("a deactivated session saved a customer")
        } catch let KontorError.inactiveStaff(username) {
            #expect(username == "bob")
        }
        // Nor can anyone promote themselves back with a stale admin session.
        let dave = try #require(try db.alice.staffDirectory.find(username: "dave"))
        try db.alice.staffDirectory.setRole(id: dave.id, .admin, expectedVersion: dave.version)
        let daveAdmin = try db.database.session(for: Actor(username: "dave"))
        let alice = try #require(try daveAdmin.staffDirectory.find(username: "alice"))
        try daveAdmin.staffDirectory.setRole(id: alice.id, .front, expectedVersion: alice.version)
        let me = try #require(try db.alice.staffDirectory.find(username: "alice"))
        #expect(throws: KontorError.self) {
            try db.alice.staffDirectory.setRole(id: me.id, .admin, expectedVersion: me.version)
        }
        #expect(try db.alice.staffDirectory.find(username: "alice")?.role == .front)
    }
}
