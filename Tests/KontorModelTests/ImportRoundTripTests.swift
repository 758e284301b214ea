import Foundation
import GRDB
import Testing
@testable import KontorModel

/// What an exported list says comes back with it, and an import cannot do
/// what the same change by hand is refused.
@Suite("Importing what was exported")
struct ImportRoundTripTests {
    func file(_ test: TestDatabase, _ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: test.folder, withIntermediateDirectories: true)
        let url = test.folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func value<T: DatabaseValueConvertible>(_ test: TestDatabase, _ sql: String) throws -> T? {
        try test.database.read { db in try T.fetchOne(db, sql: sql) }
    }

    /// Prices of a thousand euros and more are the same whether written
    /// with a thousands point or without: importing the same list again
    /// changes nothing, and writes no version or history.
    @Test func theSameProductListImportedAgainChangesNothing() throws {
        let test = try TestDatabase()
        try test.database.products.create(ProductFields(sku: "KVA-9", name: "Vollautomat", price: "1.890,00", cost: "1.234,56"), by: test.carol)
        try test.database.products.create(ProductFields(sku: "KAF-1", name: "Kaffee", price: "9,90"), by: test.carol)
        let version: Int? = try value(test, "SELECT version FROM products WHERE sku = 'KVA-9'")
        for text in ["SKU;Name;Price;Cost\nKVA-9;Vollautomat;1890,00;1234,56\nKAF-1;Kaffee;9,90;\n",
                     "SKU;Name;Price;Cost\nKVA-9;Vollautomat;1.890,00;1.234,56\nKAF-1;Kaffee;9,90;\n"] {
            let path = try file(test, "artikel.csv", text)
            let report = try test.carol.importFile(ImportOptions(kind: .products, path: path, update: true))
            #expect(report.updated == 0 && report.skipped == 2 && report.unchanged == 2, "\(text)")
            #expect(report.summary.hasPrefix("2 read: 0 new, 0 updated, 2 unchanged, 0 already there (skipped), 0 rejected"), "\(report.summary)")
        }
        let after: Int? = try value(test, "SELECT version FROM products WHERE sku = 'KVA-9'")
        #expect(after == version)
        let price: Int? = try value(test, "SELECT price_cents FROM products WHERE sku = 'KVA-9'")
        #expect(price == 189_000)
    }

    @Test func aStaffImportMayNotLeaveNoActiveAdmin() throws {
        let test = try TestDatabase()
        let path = try file(test, "rollen.csv", "Benutzer;Name;Rolle\nalice;Alice;front\n")
        #expect { try test.alice.importFile(ImportOptions(kind: .staff, path: path, update: true)) } throws: {
            "\($0)".contains("the import would leave no active admin")
        }
        let role: String? = try value(test, "SELECT role FROM staff WHERE username = 'alice'")
        #expect(role == "admin")
        // With another admin in the same file, it may.
        let both = try file(test, "beide.csv", "Benutzer;Name;Rolle\ndave;Dave;admin\nalice;Alice;front\n")
        let report = try test.alice.importFile(ImportOptions(kind: .staff, path: both, update: true))
        #expect(report.updated == 2)
    }

    @Test func whoLeftStaysDeactivatedAndAnArchivedCustomerArchived() throws {
        let test = try TestDatabase()
        let staff = try file(test, "staff.csv", "Username;Full Name;Role;Active\nnancy;Nancy Davolio;front;no\nandrew;Andrew Fuller;back;yes\n")
        _ = try test.alice.importFile(ImportOptions(kind: .staff, path: staff))
        let nancy: Bool? = try value(test, "SELECT active FROM staff WHERE username = 'nancy'")
        let andrew: Bool? = try value(test, "SELECT active FROM staff WHERE username = 'andrew'")
        #expect(nancy == false && andrew == true)

        let customers = try file(test, "kunden.csv", "Name;Ort;Archived\nAlte Firma GmbH;Köln;yes\nNeue Firma GmbH;Bonn;no\n")
        _ = try test.bob.importFile(ImportOptions(kind: .customers, path: customers))
        let archived: Bool? = try value(test, "SELECT archived FROM customers WHERE name = 'Alte Firma GmbH'")
        #expect(archived == true)
        let active = try test.database.customers.count(CustomerQuery())
        let listed = try test.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE archived = 0")! }
        #expect(active == listed, "the counts follow the archived flag")
        // Who looks after a customer comes back with it, by account.
        let owned = try file(test, "betreuer.csv", "Name;Owner\nNeue Firma GmbH;bob\n")
        _ = try test.bob.importFile(ImportOptions(kind: .customers, path: owned, update: true, key: "name"))
        let ownerID: Int64? = try value(test, "SELECT owner_id FROM customers WHERE name = 'Neue Firma GmbH'")
        #expect(ownerID == test.bob.staff.id)
        // And back again, by --update.
        let restore = try file(test, "zurueck.csv", "Name;Archiviert\nAlte Firma GmbH;nein\n")
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: restore, update: true))
        #expect(report.updated == 1)
        #expect(try test.database.customers.count(CustomerQuery()) == listed + 1)
    }

    @Test func aNameThatNamesTwoCustomersIsNotGuessed() throws {
        let test = try TestDatabase()
        _ = try test.database.customers.create(CustomerFields(name: "Bäckerei Groß GmbH", city: "Köln"), by: test.bob)
        _ = try test.database.customers.create(CustomerFields(name: "Bäckerei Groß GmbH", city: "Bonn"), by: test.bob)
        let path = try file(test, "update.csv", "Name;Telefon\nBäckerei Groß GmbH;0221 12345\n")
        let report = try test.bob.importFile(ImportOptions(kind: .customers, path: path, skipBad: true, update: true))
        #expect(report.updated == 0 && report.rejected == 1)
        #expect(report.problems.first?.message.contains("names more than one customer") == true)
    }

    /// With --update a value in the file replaces the stored one, and an
    /// empty cell or a missing column leaves it as it is, for every field.
    @Test func anEmptyCellLeavesTheFieldAsItIs() throws {
        let test = try TestDatabase()
        let customer = try test.database.customers.create(CustomerFields(name: "Müller GmbH", email: "info@mueller.example", phone: "0221 1",
                                                                         city: "Köln", vatID: "DE136695976"), by: test.bob)
        let customers = try file(test, "kunden.csv", "Name;E-Mail;Telefon;Ort;USt-IdNr\nMüller GmbH;;;Bonn;\n")
        _ = try test.bob.importFile(ImportOptions(kind: .customers, path: customers, update: true, key: "name"))
        let after = try #require(try test.database.customers.find(id: customer.id))
        #expect(after.fields.city == "Bonn" && after.fields.email == "info@mueller.example" && after.fields.phone == "0221 1"
                && after.fields.vatID == "DE136695976", "\(after.fields)")

        try test.database.products.create(ProductFields(sku: "KAF-1", ean: "4006381333931", name: "Kaffee", price: "9,90"), by: test.carol)
        let products = try file(test, "artikel.csv", "Artikelnummer;EAN;Bezeichnung;Preis\nKAF-1;;;10,50\n")
        _ = try test.carol.importFile(ImportOptions(kind: .products, path: products, update: true))
        let coffee = try #require(try test.database.read { db in try Row.fetchOne(db, sql: "SELECT ean, name, price_cents FROM products WHERE sku = 'KAF-1'") })
        let ean: String = coffee["ean"], name: String = coffee["name"], price: Int = coffee["price_cents"]
        #expect(ean == "4006381333931" && name == "Kaffee" && price == 1_050)

        try test.alice.staffDirectory.add(StaffFields(username: "nancy", fullName: "Nancy Davolio", title: "Vertrieb", department: "Innendienst"), role: .back)
        let staff = try file(test, "staff.csv", "Benutzer;Name;Telefon;Rolle\nnancy;Nancy Davolio;0221 9;\n")
        _ = try test.alice.importFile(ImportOptions(kind: .staff, path: staff, update: true))
        let nancy = try #require(try test.alice.staffDirectory.find(username: "nancy"))
        #expect(nancy.title == "Vertrieb" && nancy.department == "Innendienst" && nancy.phone == "0221 9" && nancy.role == .back, "\(nancy)")
    }
}
