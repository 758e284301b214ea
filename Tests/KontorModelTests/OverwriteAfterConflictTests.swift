import Foundation
import KontorModel
import Testing

/// "Keep mine and overwrite" after a conflict is a save based on the
/// version now saved: the model still checks the version, and the audit
/// log shows what was replaced and by whom, as an overwrite where the
/// session says the person chose it knowingly.
@Suite("Overwriting after a conflict")
struct OverwriteAfterConflictTests {
    /// Alice opens Zeta Systems (in Köln), Bob saves it in Bonn first, and
    /// Alice's form holds Düsseldorf, based on the version she opened.
    func bobSavesFirst() throws -> (db: TestDatabase, opened: Customer, bobs: Customer, mine: CustomerFields) {
        let db = try TestDatabase()
        let customers = db.database.customers
        let opened = try customers.create(CustomerFields(name: "Zeta Systems", city: "Köln"), by: db.alice)
        var theirs = opened.fields
        theirs.city = "Bonn"
        let bobs = try customers.update(id: opened.id, theirs, expectedVersion: opened.version, by: db.bob)
        var mine = opened.fields
        mine.city = "Düsseldorf"
        return (db, opened, bobs, mine)
    }

    @Test func anOverwriteGoesThroughTheVersionCheckAndIsAudited() throws {
        // Bob saves first.
        let (db, opened, bobs, mine) = try bobSavesFirst()
        let customers = db.database.customers
        // Mine, based on the version the form opened with: refused, naming Bob.
        #expect {
            try customers.update(id: opened.id, mine, expectedVersion: opened.version, by: db.alice)
        } throws: { error in
            guard case let KontorError.conflict(_, _, changedBy, _) = error else { return false }
            return changedBy == "bob"
        }
        // A third save in between: the overwrite based on Bob's version is refused too.
        var third = bobs.fields
        third.phone = "+49 228 1"
        let dave = try customers.update(id: opened.id, third, expectedVersion: bobs.version, by: db.dave)
        #expect(throws: KontorError.self) {
            try customers.update(id: opened.id, mine, expectedVersion: bobs.version, by: db.alice)
        }
        // Based on the version saved now, it is saved, and audited as a change from theirs.
        let saved = try customers.update(id: opened.id, mine, expectedVersion: dave.version, by: db.alice)
        #expect(saved.fields.city == "Düsseldorf" && saved.version == dave.version + 1 && saved.updatedBy == "alice")
        let cities = try db.database.history(of: "customer", id: opened.id).filter { $0.field == "city" }
        #expect(cities.map(\.actor) == ["alice", "bob", "alice"], "\(cities)")
        #expect(cities.last?.oldValue == "Bonn" && cities.last?.newValue == "Düsseldorf")
    }

    /// Keeping mine over a colleague's save knowingly is recorded as that:
    /// an overwrite naming the version replaced and who saved it, told
    /// apart from a plain update in the history and the 360° view.
    @Test func aKnowingOverwriteIsAuditedAsAnOverwriteOfTheirVersion() throws {
        let (db, opened, bobs, mine) = try bobSavesFirst()
        let customers = db.database.customers
        // The overwrite is still checked against the version seen.
        #expect(throws: KontorError.self) {
            try customers.update(id: opened.id, mine, expectedVersion: opened.version, by: db.alice.overwriting())
        }
        try customers.update(id: opened.id, mine, expectedVersion: bobs.version, by: db.alice.overwriting())
        let lines = try db.database.history(of: "customer", id: opened.id).filter { $0.actor == "alice" && $0.action != "create" }
        #expect(lines.allSatisfy(\.isOverwrite) && lines.map(\.field) == ["city", "overwritten_version", "overwritten_by"], "\(lines)")
        #expect(lines[0].oldValue == "Bonn" && lines[0].newValue == "Düsseldorf")
        #expect(lines[1].oldValue == String(bobs.version) && lines[2].oldValue == "bob")
        // A plain save afterwards is an update again.
        var later = mine
        later.phone = "+49 211 1"
        let current = try #require(try customers.find(id: opened.id))
        try customers.update(id: opened.id, later, expectedVersion: current.version, by: db.alice)
        #expect(try db.database.history(of: "customer", id: opened.id).last?.action == "update")
        let texts = try customers.activity(of: opened.id).map(\.text)
        #expect(texts.contains("Customer changed over Bob Front's save: City"), "by name, no version number: \(texts)")
        #expect(texts.contains("Customer changed: Phone") && texts.contains("Customer changed: City"), "bob's own save stays a plain change: \(texts)")
    }

    /// Other forms that offer the overwrite record it so: a deal, a
    /// contact, a colleague's staff record.
    @Test func overwritesOfOtherRecordsAreAuditedSo() throws {
        let db = try TestDatabase()
        let customer = try db.database.customers.create(CustomerFields(name: "Zeta Systems"), by: db.alice)
        let deals = db.database.deals
        let deal = try deals.create(DealFields(customerID: customer.id, title: "Rack"), by: db.alice)
        var bobsDeal = deal.fields
        bobsDeal.title = "Rack by Bob"
        let saved = try deals.update(id: deal.id, bobsDeal, expectedVersion: deal.version, by: db.bob)
        var mine = deal.fields
        mine.title = "Rack, two units"
        try deals.update(id: deal.id, mine, expectedVersion: saved.version, by: db.dave.overwriting())
        let dealLines = try db.database.history(of: "deal", id: deal.id).filter { $0.actor == "dave" }
        #expect(dealLines.allSatisfy(\.isOverwrite) && dealLines.contains { $0.field == "overwritten_by" && $0.oldValue == "bob" }, "\(dealLines)")

        let contact = try db.database.customers.addContact(to: customer.id, ContactFields(name: "Anna"), by: db.alice)
        let bobsContact = try db.database.customers.updateContact(id: contact.id, ContactFields(name: "Anna Bob"), expectedVersion: contact.version, by: db.bob)
        try db.database.customers.updateContact(id: contact.id, ContactFields(name: "Anna Alt"), expectedVersion: bobsContact.version, by: db.alice.overwriting())
        let contactLines = try db.database.history(of: "contact", id: contact.id).filter { $0.actor == "alice" && $0.action != "create" }
        #expect(contactLines.allSatisfy(\.isOverwrite) && contactLines.contains { $0.field == "overwritten_version" && $0.oldValue == String(bobsContact.version) })

        let staff = db.alice.staffDirectory
        let carol = try #require(try staff.find(username: "carol"))
        var record = StaffFields(username: "carol", fullName: "Carol Back", phone: "+49 30 1234")
        record.title = "Buchhaltung"
        let afterDave = try db.dave.staffDirectory.update(id: carol.id, record, expectedVersion: carol.version)
        record.title = "Leitung"
        try db.alice.overwriting().staffDirectory.update(id: carol.id, record, expectedVersion: afterDave.version)
        let staffLines = try db.database.history(of: "staff", id: carol.id).filter { $0.actor == "alice" && $0.action != "create" }
        #expect(!staffLines.isEmpty && staffLines.allSatisfy(\.isOverwrite) && staffLines.contains { $0.oldValue == "dave" }, "\(staffLines)")
    }

    /// A product and an invoice draft's line, the back office's forms.
    @Test func overwritesOfAProductAndADraftLineAreAuditedSo() throws {
        let db = try TestDatabase()
        let products = db.database.products
        let product = try products.create(ProductFields(sku: "KAF-1", name: "Kaffee", price: "9,90"), by: db.carol)
        var theirs = product.fields
        theirs.name = "Kaffee Crema"
        let carols = try products.update(id: product.id, theirs, expectedVersion: product.version, by: db.carol)
        var mine = product.fields
        mine.name = "Kaffee Bio"
        try products.update(id: product.id, mine, expectedVersion: carols.version, by: db.dave.overwriting())
        let productLines = try db.database.history(of: "product", id: product.id).filter { $0.actor == "dave" }
        #expect(!productLines.isEmpty && productLines.allSatisfy(\.isOverwrite) && productLines.contains { $0.field == "overwritten_by" && $0.oldValue == "carol" },
                "\(productLines)")

        let customer = try db.database.customers.create(CustomerFields(name: "Zeta Systems"), by: db.alice)
        let invoices = db.database.invoices
        let draft = try invoices.createDraft(customerID: customer.id, by: db.carol)
        let withLine = try invoices.addLine(to: draft.id, InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: 10000, vatRate: .standard),
                                            expectedVersion: draft.version, by: db.carol)
        let line = try #require(try invoices.lines(of: draft.id).first)
        try invoices.updateLine(line.id, InvoiceLineInput(description: "Beratung vor Ort", quantity: 2, unit: "h", unitPriceCents: 10000, vatRate: .standard),
                                expectedVersion: withLine.version, by: db.dave.overwriting())
        let draftLines = try db.database.history(of: "invoice", id: draft.id).filter { $0.actor == "dave" }
        #expect(draftLines.allSatisfy(\.isOverwrite) && draftLines.contains { $0.field == "overwritten_version" && $0.oldValue == String(withLine.version) },
                "\(draftLines)")
        #expect(try db.database.history(of: "invoice", id: draft.id).filter { $0.actor == "carol" }.allSatisfy { !$0.isOverwrite })
    }
}
