import Foundation
import GRDB
@testable import KontorModel
import Testing

/// A customer is found by any of its contact persons, not only by the
/// primary one its own fields name: in the customer list's filter and the
/// palette's `cust …` (both prepare a `CustomerQuery`).
@Suite("Customers found by their contacts")
struct ContactSearchTests {
    private func names(_ t: TestDatabase, _ text: String) throws -> [String] {
        try t.database.customers.page(CustomerQuery(text: text), after: nil, limit: 50).map(\.name)
    }

    @Test func aContactWhoIsNotThePrimaryOneFindsTheCustomer() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let zeta = try customers.create(CustomerFields(name: "Zeta Systems", contactName: "Paula Primus"), by: t.bob)
        try t.add(["Alpha Bau"])
        try customers.addContact(to: zeta.id, ContactFields(name: "Paula Primus", isPrimary: true), by: t.bob)
        let second = try customers.addContact(to: zeta.id, ContactFields(name: "Jürgen Weiß", role: "Einkauf",
                                                                         email: "j.weiss@zeta.example"), by: t.bob)
        #expect(try names(t, "jürgen") == ["Zeta Systems"])
        #expect(try names(t, "juergen weiss") == ["Zeta Systems"], "German spellings, as for the customer's own name")
        #expect(try names(t, "JURGEN") == ["Zeta Systems"])
        #expect(try names(t, "j.weiss@zeta") == ["Zeta Systems"], "by e-mail")
        #expect(try names(t, "paula") == ["Zeta Systems"])
        #expect(try names(t, "jürgen primus") == ["Zeta Systems"], "a contact's first name and the main contact's surname")
        #expect(try customers.count(CustomerQuery(text: "weiß")) == 1)

        // Kept up to date: a new name finds it, the old one no more.
        try customers.updateContact(id: second.id, ContactFields(name: "Jana Vogel", email: "j.vogel@zeta.example"),
                                    expectedVersion: second.version, by: t.bob)
        #expect(try names(t, "jürgen").isEmpty)
        #expect(try names(t, "vogel") == ["Zeta Systems"])
        #expect(try names(t, "vogel").isEmpty == false)
        #expect(try customers.page(CustomerQuery(text: "vogel", archived: true), after: nil, limit: 50).isEmpty)
    }

    /// Where the typed word is common (more hits than a list sorts), the
    /// list walks the name index and tests each customer's words: a
    /// contact's words count there too.
    @Test func aBroadFilterFindsContactsToo() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let many = PreparedCustomerQuery.narrowLimit(total: 600) + 1
        try t.database.write { db in
            for i in 0..<many {
                try CustomerRepository.insert(db, try CustomerFields(name: "Annaberg Handel \(i)").checked(), by: t.bob)
            }
        }
        let zeta = try customers.create(CustomerFields(name: "Zeta Systems"), by: t.bob)
        try customers.addContact(to: zeta.id, ContactFields(name: "Annalena Brandt"), by: t.bob)
        let prepared = try customers.prepare(CustomerQuery(text: "anna"))
        #expect(prepared.isCountCapped, "the broad way")
        var rows: [CustomerSummary] = []
        var last: CustomerListKey?
        while true {
            let page = try customers.page(prepared, after: last, limit: 200)
            guard let end = page.last else { break }
            rows += page
            last = CustomerListKey(sortKey: end.sortKey, id: end.id)
        }
        #expect(rows.count == many + 1 && rows.last?.name == "Zeta Systems")
        #expect(try customers.page(CustomerQuery(text: "annalena"), after: nil, limit: 10).map(\.name) == ["Zeta Systems"])
    }

    /// The broad way reads a customer's contacts through their index on
    /// the customer, never by probing each row's contacts. (The narrow way
    /// reads hits from the two full-text indexes and rows by their ids.)
    @Test func bothWaysReadIndexes() throws {
        let t = try TestDatabase(demoScale: 300)
        try t.database.writer.writeWithoutTransaction { db in try SQLiteSpecific.analyze(db) }
        let match = try #require(TextFolding.ftsQuery("anna"))
        #expect(try !t.database.customers.prepare(CustomerQuery(text: "anna")).isCountCapped, "few at this size: the narrow way")
        // Broad: the walk stays on the name index; the few matching contact
        // persons' customers are one list, not a probe of each row's contacts.
        let broad = PreparedCustomerQuery(query: CustomerQuery(text: "anna"), plan: .scan(TextFolding.likePatterns("anna"), contacts: match),
                                          count: 0, isCountCapped: false)
        let scan = try t.database.read { db in
            try SQLiteSpecific.queryPlan(db, t.database.customers.base(broad) + " ORDER BY sort_key, id LIMIT 50")
        }
        #expect(scan.contains { $0.contains("customers_by_name") } && !scan.contains { $0.contains("contacts_by_customer") }, "\(scan)")
        #expect(scan.contains { $0.contains("contacts USING COVERING INDEX contacts_keys") }, "\(scan)")
        // Narrow: the customers of the contact persons found, from the narrow index.
        let narrow = try t.database.read { db in
            try SQLiteSpecific.queryPlan(db, CustomerRepository.customerIDs(ofContacts: SQLiteSpecific.idList([1, 2, 3])))
        }
        #expect(narrow.contains { $0.contains("contacts USING COVERING INDEX contacts_keys") }, "\(narrow)")
    }

    /// Contacts read from a file are found as those saved one by one: the
    /// import writes their index rows a batch at a time, and a row that
    /// changes a contact added earlier in the same file leaves the index
    /// as the triggers would.
    @Test func importedContactsAreFound() throws {
        let t = try TestDatabase()
        let zeta = try t.database.customers.create(CustomerFields(name: "Zeta Systems"), by: t.bob)
        let alpha = try t.database.customers.create(CustomerFields(name: "Alpha Bau"), by: t.bob)
        try FileManager.default.createDirectory(at: t.folder, withIntermediateDirectories: true)
        let path = t.folder.appendingPathComponent("kontakte.csv").path
        try """
            Kundennummer;Name;E-Mail
            \(zeta.id);Björn Østergaard;bjoern@zeta.example
            \(alpha.id);Ute Weiß;ute@alpha.example
            \(zeta.id);Björn Østergaard;b.ostergaard@zeta.example

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try t.bob.importFile(ImportOptions(kind: .contacts, path: path, update: true))
        #expect(report.created == 2 && report.updated == 1, "\(report)")
        #expect(try names(t, "bjoern ostergaard") == ["Zeta Systems"])
        #expect(try names(t, "b.ostergaard@zeta") == ["Zeta Systems"])
        #expect(try names(t, "bjoern@zeta").isEmpty, "the e-mail the file changed")
        #expect(try names(t, "ute weiss") == ["Alpha Bau"])
        try t.database.write { db in
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
            // The insert trigger is back after the import.
            #expect(try SQLiteSpecific.storedSQL(db, "trigger", "contacts_fts_insert") != nil)
        }
        try t.database.customers.addContact(to: alpha.id, ContactFields(name: "Nach Import"), by: t.bob)
        #expect(try names(t, "nach import") == ["Alpha Bau"])
    }

    /// A database from before `v28-contact-search`: its contacts are found
    /// once it is opened.
    @Test func theMigrationIndexesTheContactsThereAre() throws {
        let queue = try Self.zetaWithUte(upTo: "v27-deal-search", contact: "email", "ute@zeta.example")
        let database = try KontorDatabase(writer: queue)
        #expect(try database.customers.page(CustomerQuery(text: "mueller ute"), after: nil, limit: 5).map(\.name) == ["Zeta Systems"])
    }

    @Test("words that lie between the customer and its contact persons find it: the main contact's first name and another's surname")
    func wordsAcrossTheCustomerAndItsContacts() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let nord = try customers.create(CustomerFields(name: "Nordlicht Handel", contactName: "Lukas Brandt"), by: t.bob)
        try customers.addContact(to: nord.id, ContactFields(name: "Petra Müller", role: "Buchhaltung"), by: t.bob)
        let other = try customers.create(CustomerFields(name: "Südwind KG", contactName: "Lukas Weber"), by: t.bob)
        try customers.addContact(to: other.id, ContactFields(name: "Jana Vogel"), by: t.bob)
        try t.add(["Müller Bau"])
        #expect(try names(t, "lukas müller") == ["Nordlicht Handel"], "Lukas the main contact, Müller another")
        #expect(try names(t, "lukas mueller") == ["Nordlicht Handel"], "in German spellings too")
        #expect(try names(t, "petra nordlicht") == ["Nordlicht Handel"], "a contact's name and the customer's")
        #expect(try names(t, "lukas vogel") == ["Südwind KG"])
        #expect(try names(t, "petra vogel").isEmpty, "each word in the same customer")
        #expect(try customers.count(CustomerQuery(text: "lukas müller")) == 1)
    }

    @Test("a contact person who is not the main one is found by their phone number, as typed or as digits")
    func aContactsPhoneFindsTheCustomer() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let zeta = try customers.create(CustomerFields(name: "Zeta Systems", phone: "+49 30 1111111"), by: t.bob)
        try t.add(["Alpha Bau"])
        let second = try customers.addContact(to: zeta.id, ContactFields(name: "Jana Vogel", phone: "+49 40 555-1234"), by: t.bob)
        #expect(try names(t, "555-1234") == ["Zeta Systems"])
        #expect(try names(t, "40 555") == ["Zeta Systems"])
        #expect(try names(t, "49405551234") == ["Zeta Systems"], "the digits as one word")
        #expect(try names(t, "4940555") == ["Zeta Systems"], "their start")
        try customers.updateContact(id: second.id, ContactFields(name: "Jana Vogel", phone: "0221 987654"),
                                    expectedVersion: second.version, by: t.bob)
        #expect(try names(t, "4940555").isEmpty, "the old number no more")
        #expect(try names(t, "0221987") == ["Zeta Systems"])
    }

    @Test("a phone number is found as people say it: with 0 or +49 or 0049 in front, with spaces, slashes or brackets")
    func aPhoneNumberIsFoundInEitherGermanForm() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let zeta = try customers.create(CustomerFields(name: "Zeta Systems", phone: "+49 30 3250 7710"), by: t.bob)
        try customers.create(CustomerFields(name: "Kölner Büro", phone: "0221 987654"), by: t.bob)
        try customers.create(CustomerFields(name: "Wiener Handel", phone: "+43 1 5551234"), by: t.bob)
        try t.add(["Alpha Bau"])
        try customers.addContact(to: zeta.id, ContactFields(name: "Jana Vogel", phone: "040 555-1234"), by: t.bob)
        // Stored with +49: typed as a caller says it, or as the display shows it.
        for typed in ["030 3250 7710", "030 3250", "(030) 3250-7710", "030/32507710", "03032507710", "0049 30 3250 7710", "+49 30 3250",
                      "+49 (0)30 3250 7710"] {
            #expect(try names(t, typed) == ["Zeta Systems"], "\(typed)")
        }
        // Stored with 0: typed with +49 or 0049.
        for typed in ["+49 221 987654", "+49 221 98", "0049 221 987654", "+49221987654"] {
            #expect(try names(t, typed) == ["Kölner Büro"], "\(typed)")
        }
        // A contact person's number the same way; another country's as dialled.
        #expect(try names(t, "+49 40 555 1234") == ["Zeta Systems"])
        #expect(try names(t, "0043 1 555") == ["Wiener Handel"])
        #expect(try names(t, "+43 1 5551234") == ["Wiener Handel"])
        // Not every number of the area: the rest of the digits decide.
        #expect(try names(t, "030 9999").isEmpty)
    }

    @Test("a phone number is found by the digits after its area code, as a caller says it, joined or in other groups")
    func aPhoneNumberIsFoundWithinItsArea() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let huber = try customers.create(CustomerFields(name: "Huber Osnabrück", phone: "+49 541 786 8612"), by: t.bob)
        try customers.create(CustomerFields(name: "Kölner Büro", phone: "0221 98 76 54"), by: t.bob)
        try customers.create(CustomerFields(name: "Brandt Bau", phone: "+49 (0)30 3250 7710"), by: t.bob)
        try t.add(["Alpha Bau"])
        try customers.addContact(to: huber.id, ContactFields(name: "Jana Vogel", phone: "040 555 12 34"), by: t.bob)
        for typed in ["7868612", "786 86 12", "78686"] { #expect(try names(t, typed) == ["Huber Osnabrück"], "\(typed)") }
        #expect(try names(t, "987654") == ["Kölner Büro"])
        #expect(try names(t, "3250 77 10") == ["Brandt Bau"], "the trunk 0 in brackets is no area code")
        #expect(try names(t, "5551234") == ["Huber Osnabrück"], "a contact person's number too")
        // The tickets' filter finds them by it as well.
        let ticket = try t.database.tickets.create(TicketFields(subject: "Rückruf", customerID: huber.id), by: t.bob)
        #expect(try t.database.tickets.page(TicketQueueQuery(), matching: "7868612", after: nil, limit: 10).map(\.id) == [ticket.id])
        // Digits that are no number within an area find nothing.
        #expect(try names(t, "8612786").isEmpty)
    }

    @Test func localDigitsAreTheGroupsAfterTheAreaCode() {
        #expect(TextFolding.localDigits("+49 541 786 86 12") == "7868612")
        #expect(TextFolding.localDigits("0049 541 786 8612") == "7868612")
        #expect(TextFolding.localDigits("00 49 541 786 8612") == "7868612")
        #expect(TextFolding.localDigits("+49 (0)541 786-8612") == "7868612")
        #expect(TextFolding.localDigits("0541/786 86 12") == "7868612")
        #expect(TextFolding.localDigits("+44 20 7946 0958") == "79460958")
        // One group after the area code is a word already; a number without its area has none.
        #expect(TextFolding.localDigits("0541 7868612") == "")
        #expect(TextFolding.localDigits("786 86 12") == "")
        #expect(TextFolding.localDigits("+49 30 12 3") == "")
    }

    @Test func aVATIdTypedWithSpacesIsFound() throws {
        let t = try TestDatabase()
        try t.database.customers.create(CustomerFields(name: "Müller GmbH", vatID: "DE136695976"), by: t.bob)
        try t.add(["Alpha Bau"])
        for typed in ["DE 136 695 976", "de 136695976", "136 695 976", "DE136695976", "DE 136 69"] {
            #expect(try names(t, typed) == ["Müller GmbH"], "\(typed)")
        }
        #expect(try names(t, "DE 136 695 977").isEmpty)
    }

    /// A database from before `v33-contact-phones`: its contacts' phones
    /// are found once it is opened, and the index agrees with the table.
    @Test func theMigrationAddsThePhonesThereAre() throws {
        let queue = try Self.zetaWithUte(upTo: "v32-change-marks", contact: "phone", "089 4711-0815")
        try queue.write { db in
            try db.execute(sql: "UPDATE contacts SET search_text = ' ute muller ; mueller ute ; '") // as v28 wrote it
        }
        let original = try queue.read { db in try SQLiteSpecific.storedSQL(db, "trigger", "contacts_fts_update") }
        try Schema.migrator.migrate(queue, upTo: "v35-contact-keys") // (v36 writes the triggers anew)
        #expect(try queue.read { db in try SQLiteSpecific.storedSQL(db, "trigger", "contacts_fts_update") } == original, "the trigger as it was")
        let database = try KontorDatabase(writer: queue)
        #expect(try database.customers.page(CustomerQuery(text: "08947110815"), after: nil, limit: 5).map(\.name) == ["Zeta Systems"])
        #expect(try database.customers.page(CustomerQuery(text: "mueller ute"), after: nil, limit: 5).map(\.name) == ["Zeta Systems"])
        try database.write { db in
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
        }
        #expect(original != nil)
    }

    /// A database from before `v48-local-phone-digits`: its customers and
    /// contact persons are found by their numbers within the area once it
    /// is opened, and the indexes agree with their tables.
    @Test func theMigrationAddsTheNumbersWithinTheirArea() throws {
        let queue = try Self.zetaWithUte(upTo: "v47-proposal-open-amount", contact: "phone", "089 4711 08 15")
        try queue.write { db in
            try db.execute(sql: "UPDATE customers SET phone = '+49 541 786 86 12' WHERE id = 1")
            try db.execute(sql: "UPDATE contacts SET search_text = ' ute muller ; mueller ute ; 089 4711 08 15 ; 089471108 ; '")
        }
        let database = try KontorDatabase(writer: queue)
        #expect(try database.appliedMigrations().contains("v48-local-phone-digits"))
        for typed in ["7868612", "786 86 12", "47110815", "4711 08 15"] {
            #expect(try database.customers.page(CustomerQuery(text: typed), after: nil, limit: 5).map(\.name) == ["Zeta Systems"], "\(typed)")
        }
        try database.write { db in
            try db.execute(sql: "INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')")
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
        }
    }

    /// The migration on a database of today's shape whose words were
    /// written before it: customers, contact persons and open tickets are
    /// found by the number within its area afterwards, every search index
    /// agrees with its table, and the triggers it set aside are back.
    @Test func theMigrationRebuildsTheSearchIndexesOnce() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        let huber = try customers.create(CustomerFields(name: "Huber Osnabrück", phone: "+49 541 786 8612"), by: t.bob)
        try customers.create(CustomerFields(name: "Alpha Bau", phone: "030 123"), by: t.bob)
        try customers.addContact(to: huber.id, ContactFields(name: "Jana Vogel", phone: "040 555 12 34"), by: t.bob)
        let ticket = try t.database.tickets.create(TicketFields(subject: "Rückruf", customerID: huber.id), by: t.bob)
        let triggers = try t.database.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
        // As v47 wrote the words: without the number within its area.
        try t.database.write { db in
            try db.execute(sql: "UPDATE customers SET search_alias = replace(search_alias, ' 7868612', ''), search_text = replace(search_text, ' 7868612', '')")
            try db.execute(sql: "UPDATE contacts SET search_text = replace(search_text, ' 5551234', '')")
        }
        #expect(try customers.page(CustomerQuery(text: "7868612"), after: nil, limit: 5).isEmpty)
        try t.database.write { db in try LocalPhoneSchema.migrate(db) }
        #expect(try customers.page(CustomerQuery(text: "7868612"), after: nil, limit: 5).map(\.name) == ["Huber Osnabrück"])
        #expect(try customers.page(CustomerQuery(text: "5551234"), after: nil, limit: 5).map(\.name) == ["Huber Osnabrück"])
        #expect(try t.database.tickets.page(TicketQueueQuery(), matching: "7868612", after: nil, limit: 5).map(\.id) == [ticket.id])
        try t.database.write { db in
            for index in ["customers_fts", "contacts_fts", "tickets_fts"] {
                try db.execute(sql: "INSERT INTO \(index) (\(index), rank) VALUES ('integrity-check', 1)")
            }
        }
        #expect(try t.database.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") } == triggers)
    }

    /// A database migrated up to `version`, holding Zeta Systems and its
    /// contact person Ute Müller with `column` (e-mail or phone) set to `value`.
    static func zetaWithUte(upTo version: String, contact column: String, _ value: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: version)
        let now = "2026-11-01T10:00:00Z"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO customers (id, name, sort_key, created_at, updated_at, updated_by) VALUES (1, 'Zeta Systems', 'zeta systems', ?, ?, 'alice');
                INSERT INTO contacts (customer_id, name, \(column), is_primary, created_at, updated_at, updated_by)
                VALUES (1, 'Ute Müller', ?, 0, ?, ?, 'alice');
                """, arguments: [now, now, value, now, now])
        }
        return queue
    }
}
