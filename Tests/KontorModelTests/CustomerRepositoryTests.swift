import Foundation
import KontorModel
import Testing

@Suite("Customer repository")
struct CustomerRepositoryTests {
    @Test func createsTheFileAndItsFolder() throws {
        let db = try TestDatabase()
        #expect(FileManager.default.fileExists(atPath: db.path))
        #expect(try db.database.appliedMigrations() == ["v1-customers", "v10-staff-keys", "v11-einvoice", "v12-street-search", "v13-customer-list-index", "v14-deal-stage-totals", "v15-refunds", "v16-invoice-terms", "v18-bank-statements", "v19-dunning", "v2-business", "v20-datev", "v21-mail", "v22-product-reservations", "v23-staff-workload", "v24-invoice-parties", "v25-person-preferences", "v26-ticket-message-search", "v27-deal-search", "v28-contact-search", "v29-ticket-customer-words", "v3-deal-list", "v30-list-sort-indexes", "v31-deal-title-spellings", "v32-change-marks", "v33-contact-phones", "v34-longer-search-prefixes", "v35-contact-keys", "v36-contact-own-words", "v37-ticket-keys", "v38-product-search-words", "v39-line-discount-percent", "v4-ticket-search", "v40-payments-on-paid-invoices", "v41-allowance-percent", "v42-interest-received", "v43-ticket-sender-words", "v44-mail-reply-to", "v45-deal-line-quantities", "v46-cjk-search", "v47-proposal-open-amount", "v48-local-phone-digits", "v5-invoice-list", "v6-stock-and-staff", "v7-dashboard", "v8-services", "v9-pending-sla"])
        #expect(try db.database.isEmpty())
    }

    @Test func createStoresNormalisedFieldsAndWho() throws {
        let db = try TestDatabase()
        let created = try db.database.customers.create(CustomerFields(name: " Jürgen Größe GmbH ", email: "j@g.de"), by: db.bob)
        let read = try #require(try db.database.customers.find(id: created.id))
        #expect(read.name == "Jürgen Größe GmbH")
        #expect(read.version == 1)
        #expect(read.updatedBy == "bob")
        #expect(read.createdAt.hasSuffix("Z"))
    }

    @Test func invalidCreateStoresNothing() throws {
        let db = try TestDatabase()
        #expect(throws: KontorError.self) {
            try db.database.customers.create(CustomerFields(name: "", email: "bad"), by: db.bob)
        }
        #expect(try db.database.isEmpty())
    }

    @Test func searchFoldsDiacriticsAndCase() throws {
        let db = try TestDatabase()
        try db.add(["Müller GmbH", "MÜLLER & Söhne", "Mueller Trading", "Schmidt AG", "Jürgen Müllerbau"])
        func names(_ text: String) throws -> [String] {
            try db.database.customers.page(CustomerQuery(text: text), after: nil, limit: 50).map(\.name)
        }
        #expect(try names("müller") == ["Müller GmbH", "MÜLLER & Söhne", "Jürgen Müllerbau"].sorted { TextFolding.sortKey($0) < TextFolding.sortKey($1) })
        #expect(try names("muller") == names("müller"))
        #expect(try names("MULLER") == names("müller"))
        // German spellings find the umlaut names too.
        #expect(try names("mueller") == ["Jürgen Müllerbau", "Mueller Trading", "Müller GmbH", "MÜLLER & Söhne"].sorted { TextFolding.sortKey($0) < TextFolding.sortKey($1) })
        #expect(try names("jurg mull") == ["Jürgen Müllerbau"])
        #expect(try names("schmidt") == ["Schmidt AG"])
        #expect(try names("nobody") == [])
    }

    @Test func searchTreatsQueryTextAsWordsNotSyntax() throws {
        let db = try TestDatabase()
        try db.add(["O'Brien Ltd", "Alpha-Beta GmbH", "Name \"quoted\" AG"])
        for text in ["\"", "o'brien", "alpha-beta", "NEAR(", "a OR b", "*", "-", "name:x", "\"quoted"] {
            _ = try db.database.customers.page(CustomerQuery(text: text), after: nil, limit: 10)
            _ = try db.database.customers.count(CustomerQuery(text: text))
        }
        #expect(try db.database.customers.page(CustomerQuery(text: "o'brien"), after: nil, limit: 10).map(\.name) == ["O'Brien Ltd"])
        #expect(try db.database.customers.page(CustomerQuery(text: "alpha-beta"), after: nil, limit: 10).map(\.name) == ["Alpha-Beta GmbH"])
    }

    @Test func searchFindsContactEmailCityAndVATID() throws {
        let db = try TestDatabase()
        try db.database.customers.create(CustomerFields(name: "Acme", contactName: "Käthe Kruse", email: "kk@acme.example", city: "Köln", vatID: "DE999888776"), by: db.bob)
        try db.add(["Other"])
        for text in ["kathe", "kruse", "kk", "koln", "DE999888776"] {
            #expect(try db.database.customers.page(CustomerQuery(text: text), after: nil, limit: 10).map(\.name) == ["Acme"], "query \(text)")
        }
    }

    @Test func pagesWalkTheWholeListInOrderWithoutGapsOrRepeats() throws {
        let db = try TestDatabase()
        // Duplicate names test the id tie-break of the keyset.
        let names = (0..<57).map { "Firma \($0 % 10)" } + ["Ärzte eG", "Zeta", "alpha", "Öko Bau"]
        try db.add(names)
        var seen: [CustomerSummary] = []
        var key: CustomerListKey?
        while true {
            let page = try db.database.customers.page(CustomerQuery(), after: key, limit: 7)
            if page.isEmpty { break }
            seen += page
            key = page.last?.listKey
        }
        #expect(seen.count == names.count)
        #expect(Set(seen.map(\.id)).count == names.count)
        let keys = seen.map { ($0.listKey.sortKey, $0.listKey.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(seen.first?.name == "alpha")
        #expect(seen[1].name == "Ärzte eG") // umlauts sort with their base letter
        #expect(seen.last?.name == "Zeta")

        // Backwards from the end gives the same rows.
        var back: [CustomerSummary] = []
        var before: CustomerListKey?
        while true {
            let page = try db.database.customers.page(CustomerQuery(), before: before, limit: 9)
            if page.isEmpty { break }
            back = page + back
            before = page.first?.listKey
        }
        #expect(back.map(\.id) == seen.map(\.id))
    }

    @Test func pagesAtTheEdges() throws {
        let db = try TestDatabase()
        let all = try db.add(["A", "B", "C"])
        let repo = db.database.customers
        #expect(try repo.page(CustomerQuery(), after: nil, limit: 0).isEmpty)
        #expect(try repo.page(CustomerQuery(), after: nil, limit: 10).count == 3)
        let last = CustomerSummary(all[2])
        #expect(try repo.page(CustomerQuery(), after: last.listKey, limit: 10).isEmpty)
        #expect(try repo.page(CustomerQuery(), after: last.listKey, inclusive: true, limit: 10).map(\.name) == ["C"])
        #expect(try repo.page(CustomerQuery(), before: CustomerSummary(all[0]).listKey, limit: 10).isEmpty)
        #expect(try repo.page(CustomerQuery(), before: nil, limit: 2).map(\.name) == ["B", "C"])
        let empty = try TestDatabase()
        #expect(try empty.database.customers.page(CustomerQuery(), before: nil, limit: 5).isEmpty)
    }

    @Test func updateRefusesAStaleVersionAndSaysWhoChangedIt() throws {
        let db = try TestDatabase()
        let original = try db.add(["Weber KG"])[0]
        let repo = db.database.customers
        var bobs = original.fields
        bobs.city = "Bremen"
        let saved = try repo.update(id: original.id, bobs, expectedVersion: original.version, by: db.dave)
        #expect(saved.version == 2)
        var alices = original.fields
        alices.city = "Berlin"
        do {
            try repo.update(id: original.id, alices, expectedVersion: original.version, by: db.bob)
            Issue.record("a stale save was accepted")
        } catch let KontorError.conflict(entity, id, changedBy, _) {
            #expect(entity == "customer")
            #expect(id == original.id)
            #expect(changedBy == "dave")
        }
        #expect(try repo.find(id: original.id)?.fields.city == "Bremen")
    }

    @Test func archiveHidesFromTheActiveListAndRestores() throws {
        let db = try TestDatabase()
        let c = try db.add(["Alpha", "Beta"])[0]
        let repo = db.database.customers
        let archived = try repo.setArchived(id: c.id, true, expectedVersion: c.version, by: db.bob)
        #expect(archived.archived)
        #expect(try repo.page(CustomerQuery(), after: nil, limit: 10).map(\.name) == ["Beta"])
        #expect(try repo.page(CustomerQuery(archived: true), after: nil, limit: 10).map(\.name) == ["Alpha"])
        #expect(try repo.count(CustomerQuery()) == 1)
        #expect(throws: KontorError.self) { try repo.setArchived(id: c.id, false, expectedVersion: c.version, by: db.bob) }
        try repo.setArchived(id: c.id, false, expectedVersion: archived.version, by: db.bob)
        #expect(try repo.count(CustomerQuery()) == 2)
    }

    @Test func updatingAMissingCustomerSaysSo() throws {
        let db = try TestDatabase()
        #expect(throws: KontorError.notFound(entity: "customer", id: 42)) {
            try db.database.customers.update(id: 42, CustomerFields(name: "X"), expectedVersion: 1, by: db.bob)
        }
    }

    @Test func searchIndexFollowsEdits() throws {
        let db = try TestDatabase()
        let c = try db.add(["Alte Firma"])[0]
        try db.database.customers.update(id: c.id, CustomerFields(name: "Neue Firma"), expectedVersion: 1, by: db.bob)
        #expect(try db.database.customers.page(CustomerQuery(text: "alte"), after: nil, limit: 5).isEmpty)
        #expect(try db.database.customers.page(CustomerQuery(text: "neue"), after: nil, limit: 5).count == 1)
    }

    @Test func countsAreExactForNarrowFiltersAndCappedForBroadOnes() throws {
        let db = try TestDatabase()
        try DemoSeeder.seed(db.database, scale: 6_000, actor: Actor(username: "alice"))
        let repo = db.database.customers
        let narrow = try repo.prepare(CustomerQuery(text: "schmidt"))
        #expect(!narrow.isCountCapped)
        #expect(narrow.count == (try repo.page(narrow, after: nil, limit: 10_000).count))
        let broad = try repo.prepare(CustomerQuery(text: "m"))
        #expect(broad.isCountCapped)
        let limit = PreparedCustomerQuery.narrowLimit(total: 6_000)
        #expect(broad.count == limit)
        #expect(try repo.page(broad, after: nil, limit: 10_000).count > limit)
    }

    /// The number a picker shows finds its customer: typed alone beside
    /// what its digits otherwise find, with `#` that customer alone.
    @Test func aCustomersNumberFindsIt() throws {
        let db = try TestDatabase()
        let repo = db.database.customers
        let named = try repo.create(CustomerFields(name: "Zahnarztpraxis Weber"), by: db.bob)
        let phone = try repo.create(CustomerFields(name: "Bäckerei Vogel", phone: "0221 \(named.id)\(named.id)77"), by: db.bob)
        func names(_ text: String) throws -> [String] { try repo.page(CustomerQuery(text: text), after: nil, limit: 50).map(\.name).sorted() }
        #expect(try names(String(named.id)) == ["Bäckerei Vogel", "Zahnarztpraxis Weber"])
        #expect(try names("#\(named.id)") == ["Zahnarztpraxis Weber"])
        #expect(try names("#\(phone.id + 1000)").isEmpty)
    }
}
