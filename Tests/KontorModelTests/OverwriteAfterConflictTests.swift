import Foundation
import KontorModel
import Testing

/// "Keep mine and overwrite" after a conflict is an ordinary save based on
/// the version now saved: the model still checks the version, and the
/// audit log shows what was replaced and by whom.
@Suite("Overwriting after a conflict")
struct OverwriteAfterConflictTests {
    @Test func anOverwriteGoesThroughTheVersionCheckAndIsAudited() throws {
        let db = try TestDatabase()
        let customers = db.database.customers
        let opened = try customers.create(CustomerFields(name: "Zeta Systems", city: "Köln"), by: db.alice)
        // Bob saves first.
        var theirs = opened.fields
        theirs.city = "Bonn"
        let bobs = try customers.update(id: opened.id, theirs, expectedVersion: opened.version, by: db.bob)
        // Mine, based on the version the form opened with: refused, naming Bob.
        var mine = opened.fields
        mine.city = "Düsseldorf"
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
}
