import GRDB
@testable import KontorModel
import Testing

/// `v34-longer-search-prefixes`: the customers' and contacts' full-text
/// indexes created again with prefix indexes up to five letters.
@Suite("Search prefixes of four and five letters")
struct SearchPrefixTests {
    /// A database from before v34 keeps finding what it found, by every
    /// prefix length, and its indexes agree with their tables.
    @Test func theMigrationRebuildsBothIndexes() throws {
        let queue = try ContactSearchTests.zetaWithUte(upTo: "v33-contact-phones", contact: "email", "ute@zeta.example")
        try queue.write { db in // the words the model writes
            try db.execute(sql: "UPDATE contacts SET search_text = ?",
                           arguments: [ContactSearch.searchText(name: "Ute Müller", email: "ute@zeta.example", phone: "")])
        }
        let database = try KontorDatabase(writer: queue)
        func names(_ text: String) throws -> [String] {
            try database.customers.page(CustomerQuery(text: text), after: nil, limit: 5).map(\.name)
        }
        for prefix in ["z", "ze", "zet", "zeta", "zeta s", "zeta sy", "zeta sys", "zeta syst", "zeta syste", "zeta systems"] {
            #expect(try names(prefix) == ["Zeta Systems"], "the customer's own words: \(prefix)")
        }
        for prefix in ["mu", "mul", "mull", "mulle", "muller", "muel", "muell", "muelle", "ute@zeta"] {
            #expect(try names(prefix) == ["Zeta Systems"], "the contact's words: \(prefix)")
        }
        try database.write { db in
            try db.execute(sql: "INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')")
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
            for table in ["customers_fts", "contacts_fts"] {
                #expect(try SQLiteSpecific.storedSQL(db, "table", table)?.contains("prefix = '1 2 3 4 5'") == true, "\(table)")
                // Built in bulk, one segment on a high level (`SQLiteSpecific.buildFullText`).
                #expect(try SQLiteSpecific.fullTextLevels(db, table)?.count == SQLiteSpecific.fullTextHighLevel + 1, "\(table)")
            }
        }
    }

    /// The triggers that keep both indexes still do after the tables were
    /// created again: a new customer, a renamed contact, a deleted one.
    @Test func theTriggersKeepTheNewIndexes() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let zeta = try customers.create(CustomerFields(name: "Zeta Schmiede"), by: t.bob)
        let contact = try customers.addContact(to: zeta.id, ContactFields(name: "Berta Brennecke"), by: t.bob)
        #expect(try customers.page(CustomerQuery(text: "schmi"), after: nil, limit: 5).map(\.name) == ["Zeta Schmiede"])
        #expect(try customers.page(CustomerQuery(text: "brenn"), after: nil, limit: 5).map(\.name) == ["Zeta Schmiede"])
        try customers.updateContact(id: contact.id, ContactFields(name: "Berta Kranich"), expectedVersion: contact.version, by: t.bob)
        #expect(try customers.page(CustomerQuery(text: "brenn"), after: nil, limit: 5).isEmpty)
        #expect(try customers.page(CustomerQuery(text: "krani"), after: nil, limit: 5).map(\.name) == ["Zeta Schmiede"])
        try t.database.write { db in
            try db.execute(sql: "INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')")
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
        }
    }
}
