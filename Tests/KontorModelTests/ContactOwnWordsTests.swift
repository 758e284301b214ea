import Foundation
import GRDB
@testable import KontorModel
import PropertyBased
import Testing

/// `v36-contact-own-words`: the contact persons' index leaves out those
/// whose words are all their customer's own, and a customer is found by
/// exactly the same words as before.
@Suite("Contact persons indexed only for words of their own")
struct ContactOwnWordsTests {
    /// A customer whose main contact is written as a contact person too,
    /// with the same name, e-mail and phone: as a new customer's contact
    /// field makes it.
    private static func customer(_ t: TestDatabase, contact name: String, email: String = "", phone: String = "") throws -> (Customer, Contact) {
        let customer = try t.database.customers.create(
            CustomerFields(name: "Kunde \(UUID().uuidString.prefix(6))", contactName: name, email: email, phone: phone), by: t.bob)
        let contacts = try t.database.customers.contacts(of: customer.id)
        let saved = customer.fields
        #expect(contacts.map(\.fields) == [ContactFields(name: saved.contactName, email: saved.email, phone: saved.phone, isPrimary: true)])
        return (customer, contacts[0])
    }

    private static func indexed(_ t: TestDatabase, _ contact: Contact) throws -> Bool {
        try t.database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contacts_own_words WHERE id = ?)", arguments: [contact.id])!
        }
    }

    /// What a person may type to find the contact: each word of its name,
    /// e-mail and phone as written, folded and in German spelling, and the
    /// phone's digits (whole and within the area), each also cut short to
    /// every shorter start.
    static func typed(name: String, email: String, phone: String) -> [String] {
        let words = [name, TextFolding.fold(name), TextFolding.searchAlias(name), email, phone, TextFolding.phoneDigits(phone), TextFolding.localDigits(phone)]
            .flatMap { $0.split { !$0.isLetter && !$0.isNumber } }.map(String.init)
        var typed = Set<String>()
        for word in words {
            for end in 1...word.count { typed.insert(String(word.prefix(end))) }
        }
        return typed.sorted()
    }

    /// Every typed word the contact's own words would answer (in an index
    /// of that contact alone, as `contacts_fts` was before v36) finds the
    /// customer in the customers' index, for each contact left out.
    static func expectCustomerFindsWhatContactWould(_ t: TestDatabase, _ customer: Customer, _ contact: Contact,
                                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let words = typed(name: contact.fields.name, email: contact.fields.email, phone: contact.fields.phone)
        try t.database.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE IF NOT EXISTS temp.one_contact USING fts5(search_text,
                    tokenize = "unicode61 remove_diacritics 2", prefix = '\(CustomerSearchIndex.prefixes)');
                DELETE FROM temp.one_contact;
                INSERT INTO temp.one_contact (rowid, search_text) SELECT id, search_text FROM contacts WHERE id = ?;
                """, arguments: [contact.id])
            for word in words {
                guard let match = TextFolding.ftsQuery(word) else { continue }
                let byContact = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.one_contact WHERE one_contact MATCH ?)",
                                                  arguments: [match])!
                guard byContact else { continue }
                let byCustomer = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM customers_fts WHERE customers_fts MATCH ? AND rowid = ?)",
                                                   arguments: [match, customer.id])!
                #expect(byCustomer, "\(word.debugDescription) finds \(contact.fields.name.debugDescription) but not its customer",
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theMainContactWrittenTwiceIsLeftOutAndTheCustomerStillFound() throws {
        let t = try TestDatabase()
        let (customer, contact) = try Self.customer(t, contact: "Jürgen Weiß", email: "j.weiss@zeta.example", phone: "+49 30 1234-567")
        #expect(try !Self.indexed(t, contact))
        try Self.expectCustomerFindsWhatContactWould(t, customer, contact)
        for name in ["François Lorenz", "Małgorzata Becker", "Ayşe Lange", "Zoë Frank", "Søren Østergaard", "Ángel Núñez"] {
            let (customer, contact) = try Self.customer(t, contact: name, email: "info@example.com", phone: "030 987654")
            #expect(try !Self.indexed(t, contact), "\(name)")
            try Self.expectCustomerFindsWhatContactWould(t, customer, contact)
        }
        for typed in ["jürgen weiß", "juergen weiss", "JURGEN", "j.weiss@zeta", "30 1234", "49301234567", "weiss 1234"] {
            #expect(try t.database.customers.page(CustomerQuery(text: typed), after: nil, limit: 5).map(\.id) == [customer.id], "\(typed)")
        }
        // Another contact person of the same customer is indexed.
        let other = try t.database.customers.addContact(to: customer.id, ContactFields(name: "Jana Vogel"), by: t.bob)
        #expect(try Self.indexed(t, other))
        #expect(try t.database.customers.page(CustomerQuery(text: "vogel"), after: nil, limit: 5).map(\.id) == [customer.id])
    }

    /// Whether a contact person is left out follows both rows: its own
    /// fields and its customer's. FTS5's integrity check (which compares
    /// the index with its content, the view) holds after each change.
    @Test func theIndexFollowsTheContactAndTheCustomer() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        var (customer, contact) = try Self.customer(t, contact: "Petra Müller", email: "petra@nord.example")
        func check(indexed: Bool, _ comment: Comment) throws {
            #expect(try Self.indexed(t, contact) == indexed, comment)
            try t.database.write { db in try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") }
        }
        try check(indexed: false, "the customer's main contact")
        // No longer starred (so not renamed with the customer's contact field): still the customer's words.
        contact = try customers.updateContact(id: contact.id, ContactFields(name: "Petra Müller", email: "petra@nord.example"),
                                              expectedVersion: contact.version, by: t.bob)
        try check(indexed: false, "not starred, the same words")
        // The customer names someone else: the contact person's words are its own now.
        var fields = customer.fields
        fields.contactName = "Lukas Brandt"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        try check(indexed: true, "no longer the customer's contact")
        #expect(try customers.page(CustomerQuery(text: "petra müller"), after: nil, limit: 5).map(\.id) == [customer.id])
        // The contact person takes the customer's name, e-mail and phone.
        contact = try customers.updateContact(id: contact.id, ContactFields(name: "Lukas Brandt", email: "petra@nord.example"),
                                              expectedVersion: contact.version, by: t.bob)
        try check(indexed: false, "the contact written as the customer's")
        #expect(try customers.page(CustomerQuery(text: "petra müller"), after: nil, limit: 5).isEmpty)
        // A phone of its own.
        contact = try customers.updateContact(id: contact.id, ContactFields(name: "Lukas Brandt", email: "petra@nord.example", phone: "040 555"),
                                              expectedVersion: contact.version, by: t.bob)
        try check(indexed: true, "a phone the customer does not have")
        fields = customer.fields
        fields.phone = "040 555"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        try check(indexed: false, "the customer takes the phone")
        // A change of the customer that leaves its contact fields alone.
        fields.city = "Kiel"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        try check(indexed: false, "the city changed only")
        #expect(try customers.page(CustomerQuery(text: "lukas 040555"), after: nil, limit: 5).map(\.id) == [customer.id])
        // Deleted (as nothing in Kontor does, but the trigger is there).
        try t.database.write { db in try db.execute(sql: "DELETE FROM contacts WHERE id = ?", arguments: [contact.id]) }
        try t.database.write { db in try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") }
    }

    /// A customer's new phone or e-mail is its main contact's too where the
    /// contact had the customer's; a number of the contact's own stays.
    @Test func theMainContactsCopiedPhoneAndEmailFollowTheCustomers() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        var (customer, main) = try Self.customer(t, contact: "Jürgen Weiß", email: "info@zeta.example", phone: "030 1234")
        var fields = customer.fields
        fields.phone = "040 9876"
        fields.email = "kontakt@zeta.example"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        main = try #require(try customers.contacts(of: customer.id).first)
        #expect(main.fields == ContactFields(name: "Jürgen Weiß", email: "kontakt@zeta.example", phone: "040 9876", isPrimary: true))
        #expect(try !Self.indexed(t, main), "still the customer's words")
        #expect(try customers.page(CustomerQuery(text: "040 9876"), after: nil, limit: 5).map(\.id) == [customer.id])
        // A direct line of the contact's own is theirs: the customer's next number leaves it.
        var own = main.fields
        own.phone = "040 9876-12"
        main = try customers.updateContact(id: main.id, own, expectedVersion: main.version, by: t.bob)
        fields = customer.fields
        fields.phone = "040 5555"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        #expect(try customers.contacts(of: customer.id).first?.fields.phone == "040 9876-12")
        try t.database.write { db in try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") }
    }

    /// The customer's contact field given the name of another of its
    /// contact persons stars that one; the one starred before stays who
    /// they were (they were renamed, and lost, before).
    @Test func namingAnotherContactStarsItInsteadOfRenaming() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        var (customer, uwe) = try Self.customer(t, contact: "Uwe Groß", email: "info@lange.example", phone: "0351 159 8794")
        let petra = try customers.addContact(to: customer.id, ContactFields(name: "Petra Schönfeld", role: "Lagerleitung", phone: "0351 159 8000"),
                                             by: t.bob)
        var fields = customer.fields
        fields.contactName = "Petra Schönfeld"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        let contacts = try customers.contacts(of: customer.id)
        #expect(contacts.map { "\($0.id) \($0.fields.name) \($0.fields.isPrimary)" } == ["\(petra.id) Petra Schönfeld true", "\(uwe.id) Uwe Groß false"])
        uwe = try #require(contacts.first { $0.id == uwe.id })
        #expect(uwe.fields.phone == "0351 159 8794" && petra.fields.phone == "0351 159 8000")
        try t.database.write { db in try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") }
    }

    /// The starred contact and the customer's contact field name the same
    /// person: starring another names it on the customer, and renaming the
    /// customer's contact renames the starred one.
    @Test func theStarredContactAndTheCustomersContactFieldAgree() throws {
        let t = try TestDatabase()
        let customers = t.database.customers
        var (customer, main) = try Self.customer(t, contact: "Jürgen Weiß", email: "j@zeta.example")
        let zoe = try customers.addContact(to: customer.id, ContactFields(name: "Zoë Lefèvre", email: "zoe@zeta.example", isPrimary: true), by: t.bob)
        customer = try #require(try customers.find(id: customer.id))
        #expect(customer.fields.contactName == "Zoë Lefèvre")
        #expect(try customers.contacts(of: customer.id).map { "\($0.fields.name) \($0.fields.isPrimary)" } == ["Zoë Lefèvre true", "Jürgen Weiß false"])
        #expect(try customers.page(CustomerQuery(text: "lefevre"), after: nil, limit: 5).map(\.id) == [customer.id])
        // A correction of the name on the customer: the starred contact follows; the other stays.
        var fields = customer.fields
        fields.contactName = "Zoë Lefebvre"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        var contacts = try customers.contacts(of: customer.id)
        #expect(contacts.first { $0.id == zoe.id }?.fields.name == "Zoë Lefebvre")
        #expect(contacts.first { $0.id == main.id }?.fields.name == "Jürgen Weiß")
        // Another name is another person: made the main contact, the one before kept as they were.
        fields = customer.fields
        fields.contactName = "Clara Neu"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        contacts = try customers.contacts(of: customer.id)
        #expect(contacts.map { "\($0.fields.name) \($0.fields.email) \($0.fields.isPrimary)" }
                == ["Clara Neu j@zeta.example true", "Jürgen Weiß j@zeta.example false", "Zoë Lefebvre zoe@zeta.example false"])
        // A contact person's name typed with other case and spaces names them, as stored.
        fields = customer.fields
        fields.contactName = "zoë  lefebvre"
        customer = try customers.update(id: customer.id, fields, expectedVersion: customer.version, by: t.bob)
        #expect(customer.fields.contactName == "Zoë Lefebvre")
        contacts = try customers.contacts(of: customer.id)
        #expect(contacts.map { "\($0.fields.name) \($0.fields.isPrimary)" } == ["Zoë Lefebvre true", "Clara Neu false", "Jürgen Weiß false"])
        // Starring the first again names it on the customer.
        main = try #require(contacts.first { $0.id == main.id })
        var starred = main.fields
        starred.isPrimary = true
        try customers.updateContact(id: main.id, starred, expectedVersion: main.version, by: t.bob)
        #expect(try customers.find(id: customer.id)?.fields.contactName == "Jürgen Weiß")
        try t.database.write { db in try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") }
        // A customer entered without a contact gets one when the field is filled in later.
        let bare = try customers.create(CustomerFields(name: "Ohne Kontakt KG", email: "info@ohne.example"), by: t.bob)
        #expect(try customers.contacts(of: bare.id).isEmpty)
        var named = bare.fields
        named.contactName = "Carla Neu"
        try customers.update(id: bare.id, named, expectedVersion: bare.version, by: t.bob)
        #expect(try customers.contacts(of: bare.id).map(\.fields) == [ContactFields(name: "Carla Neu", email: "info@ohne.example", isPrimary: true)])
    }

    /// Names in letters the two indexes may fold otherwise stay in the
    /// index: ð, ı, ĳ, and anything beyond the Latin letters.
    @Test(arguments: ["Guðrún Jónsdóttir", "Yıldız Kaya", "Ĳsbrand Vos", "李 小龍", "Дмитрий Орлов"])
    func aNameInOtherLettersStaysIndexed(name: String) throws {
        let t = try TestDatabase()
        let (customer, contact) = try Self.customer(t, contact: name, email: "info@example.com")
        #expect(try Self.indexed(t, contact))
        #expect(try t.database.customers.page(CustomerQuery(text: name), after: nil, limit: 5).map(\.id) == [customer.id])
    }

    /// The letters a name may be written in and be left out (every one
    /// `ContactSearchIndex.nameLetters` allows), one at a time: every word
    /// such a contact person would be found by finds its customer.
    @Test func everyLetterANameLeftOutMayHoldFoldsAlike() throws {
        let t = try TestDatabase()
        for letter in Self.nameLetters where letter != " " {
            let name = "Ab\(letter)cd \(letter)ef"
            let (customer, contact) = try Self.customer(t, contact: name)
            #expect(try !Self.indexed(t, contact), "\(name)")
            try Self.expectCustomerFindsWhatContactWould(t, customer, contact)
        }
    }

    /// Printable ASCII and the Latin letters U+00C0–U+017F but those the
    /// schema names as folding otherwise.
    static let nameLetters: [Character] = ((0x20...0x7E).map { $0 } + (0xC0...0x17F).filter { $0 != 0xD0 && $0 != 0xF0 })
        .map { Character(UnicodeScalar($0)!) }.filter { !ContactSearchIndex.otherNameLetters.contains($0) }

    @Test(arguments: ["jürgen@müller.example", "weiß@zeta.example"])
    func anEMailBeyondASCIIStaysIndexed(email: String) throws {
        let t = try TestDatabase()
        let (customer, contact) = try Self.customer(t, contact: "Jana Vogel", email: email)
        #expect(try Self.indexed(t, contact))
        #expect(try t.database.customers.page(CustomerQuery(text: "weiss"), after: nil, limit: 5).map(\.id)
                == (email.hasPrefix("weiß") ? [customer.id] : []))
    }

    /// For any name, e-mail and phone in the letters a contact person is
    /// left out for, every word it would be found by finds its customer.
    @Test func anyContactLeftOutIsFoundThroughItsCustomer() async throws {
        let t = try TestDatabase()
        let name = Gen<Character?>.element(of: Self.nameLetters).compactMap { $0 }.string(of: 1...16)
        let part = Gen<Character?>.element(of: Array("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789._-")).compactMap { $0 }.string(of: 1...8)
        let phone = Gen<Character?>.element(of: Array("0123456789 +-/().")).compactMap { $0 }.string(of: 0...14)
        await propertyCheck(count: 150, input: name, part, part, phone) { name, local, domain, phone in
            let email = local.count % 4 == 0 ? "" : "\(local)@\(domain).de"
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, let found = try? Self.customer(t, contact: name, email: email, phone: phone)
            else { return }
            #expect(try !Self.indexed(t, found.1), "\(name.debugDescription) is written in plain letters")
            try Self.expectCustomerFindsWhatContactWould(t, found.0, found.1)
        }
    }

    /// A database from before v36: the migration leaves out the contact
    /// persons the customers hold, and FTS5's integrity check holds.
    @Test func theMigrationLeavesOutTheMainContactsThereAre() throws {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v35-contact-keys")
        let now = "2026-11-01T10:00:00Z"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO customers (id, name, contact_name, email, sort_key, search_alias, created_at, updated_at, updated_by)
                VALUES (1, 'Zeta Systems', 'Ute Müller', 'ute@zeta.example', 'zeta systems', 'zeta systems ute mueller', '\(now)', '\(now)', 'alice');
                INSERT INTO contacts (customer_id, name, email, is_primary, search_text, created_at, updated_at, updated_by)
                VALUES (1, 'Ute Müller', 'ute@zeta.example', 1, ' ute muller ; ute zeta example ; ute mueller ; ', '\(now)', '\(now)', 'alice'),
                       (1, 'Jana Vogel', '', 0, ' jana vogel ; ', '\(now)', '\(now)', 'alice');
                """)
        }
        let database = try KontorDatabase(writer: queue)
        try database.write { db in
            #expect(try Int64.fetchAll(db, sql: "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH 'ute OR jana'") == [2])
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try database.customers.page(CustomerQuery(text: "mueller ute"), after: nil, limit: 5).map(\.name) == ["Zeta Systems"])
        #expect(try database.customers.page(CustomerQuery(text: "vogel"), after: nil, limit: 5).map(\.name) == ["Zeta Systems"])
    }
}
