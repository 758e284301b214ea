import Foundation
@testable import KontorModel
import Testing

/// A refused save names every problem at once, those only the database can
/// see (a customer that does not exist, an unknown queue) beside the
/// fields' own, so a form is not corrected one field per save.
@Suite("Every problem at once")
struct AllProblemsAtOnceTests {
    private func problems(_ body: () throws -> Any) -> [String: String] {
        do {
            _ = try body()
        } catch let KontorError.invalid(failure) {
            return Dictionary(failure.issues.map { ($0.field, $0.message) }) { first, _ in first }
        } catch {
            Issue.record("not a validation failure: \(error)")
        }
        return [:]
    }

    @Test func aTicketWithoutSubjectForAMissingCustomerInATypoQueue() throws {
        let db = try TestDatabase()
        let found = problems { try db.database.tickets.create(TicketFields(subject: " ", customerID: 4_242, queue: "suport"), by: db.bob) }
        #expect(found["subject"] == "is required")
        #expect(found["customer"] == "does not exist (it may have been deleted)")
        #expect(found["queue"]?.contains("“suport” is no queue yet") == true, "\(found)")
    }

    @Test func aDealWithoutTitleForAMissingCustomerAndABadProbability() throws {
        let db = try TestDatabase()
        let found = problems {
            try db.database.deals.create(DealFields(customerID: 4_242, title: "", probability: 120), by: db.bob)
        }
        #expect(Set(found.keys) == ["title", "probability", "customer"], "\(found)")
    }

    @Test func aCustomerWithABadEMailAndAnOwnerWhoIsNoStaff() throws {
        let db = try TestDatabase()
        let found = problems {
            try db.database.customers.create(CustomerFields(name: "Acme", email: "nicht-gültig", ownerID: 9_999), by: db.bob)
        }
        #expect(found["e-mail"] != nil || found["email"] != nil, "\(found)")
        #expect(found["owner"] == "must be an active member of staff", "\(found)")
    }

    @Test func validFieldsStillMeetTheRoleFirst() throws {
        // A role that may not write is refused as before, not told about lookups.
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        #expect(throws: KontorError.self) { try db.database.tickets.create(TicketFields(subject: "Hi", customerID: acme.id), by: db.carol) }
        do {
            _ = try db.database.tickets.create(TicketFields(subject: "Hi", customerID: acme.id), by: db.carol)
        } catch KontorError.denied {
        } catch {
            Issue.record("expected a denial, got \(error)")
        }
    }
}
