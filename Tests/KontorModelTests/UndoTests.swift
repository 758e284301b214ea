import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Taking back the last change: a change of its own, all or nothing,
/// refused once anyone saved the record since.
@Suite("Undo")
struct UndoTests {
    func actions(_ db: TestDatabase, _ entity: String, _ id: Int64) throws -> [String] {
        try db.database.history(of: entity, id: id).map(\.action)
    }

    @Test func aStageMoveIsTakenBackWithItsProbabilityAndLoggedAsAnUndo() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Müller GmbH"])[0]
        var deal = try db.database.deals.create(DealFields(customerID: customer.id, title: "Wartung 2027", valueCents: 480_000, probability: 35),
                                                stage: .proposal, by: db.bob)
        let before = deal
        deal = try db.database.deals.moveForward(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .negotiation)
        #expect(deal.fields.probability == nil, "a move forgets the typed probability")

        let change = Undoable.stageMove(from: before, to: deal)
        #expect(change.summary == "“Wartung 2027” back to Proposal")
        try db.database.undo(change, by: db.bob)
        let back = try #require(try db.database.deals.find(id: deal.id))
        #expect(back.stage == .proposal)
        #expect(back.fields.probability == 35)
        #expect(back.version == deal.version + 1)
        let logged = try actions(db, "deal", deal.id)
        #expect(logged.last == "undo")
        #expect(logged.contains("move"), "the move stays in the log: the undo is a change of its own")
        let undo = try db.database.history(of: "deal", id: deal.id).filter { $0.action == "undo" }
        #expect(undo.contains { $0.field == "stage" && $0.oldValue == "negotiation" && $0.newValue == "proposal" && $0.actor == "bob" })
    }

    @Test func aLostDealComesBackWithoutItsReason() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Schäfer KG"])[0]
        let deal = try db.database.deals.create(DealFields(customerID: customer.id, title: "Kaffee", expectedClose: "2027-01-20"), stage: .qualified, by: db.bob)
        let lost = try db.database.deals.moveStage(id: deal.id, to: .lost, lostReason: "Preis", expectedVersion: deal.version, by: db.bob)
        // Lost today: its close date is today's, not the one planned.
        #expect(lost.fields.expectedClose == CalendarDate.today())
        try db.database.undo(.stageMove(from: deal, to: lost), by: db.bob)
        let back = try #require(try db.database.deals.find(id: deal.id))
        #expect(back.stage == .qualified)
        #expect(back.lostReason == "")
        #expect(back.closedAt == nil)
        #expect(back.fields.expectedClose == "2027-01-20", "the planned date comes back with the undo")
    }

    @Test func nothingIsUndoneOnceAColleagueSavedSince() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Weiß AG"])[0]
        let deal = try db.database.deals.create(DealFields(customerID: customer.id, title: "Server"), stage: .lead, by: db.bob)
        let moved = try db.database.deals.moveForward(id: deal.id, expectedVersion: deal.version, by: db.bob)
        let theirs = try db.database.deals.moveForward(id: deal.id, expectedVersion: moved.version, by: db.dave)
        #expect {
            try db.database.undo(.stageMove(from: deal, to: moved), by: db.bob)
        } throws: { error in
            guard case let KontorError.conflict(_, _, changedBy, _) = error else { return false }
            return changedBy == "dave"
        }
        #expect(try db.database.deals.find(id: deal.id) == theirs)
    }

    @Test func aBulkAssignmentIsTakenBackForEveryTicketOrForNone() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Zeta Systems"])[0]
        let tickets = try (1...3).map { i in
            try db.database.tickets.create(TicketFields(subject: "Drucker \(i)", customerID: customer.id), by: db.bob)
        }
        let held = try db.database.tickets.assign(id: tickets[2].id, to: db.dave.staff.id, expectedVersion: tickets[2].version, by: db.bob)
        let before = [tickets[0], tickets[1], held]
        let after = try db.database.tickets.assign(ids: before.map(\.id), to: db.bob.staff.id, by: db.bob)
        let change = try #require(Undoable.ticketChange(from: before, to: after))
        #expect(change.summary == "assignment of 3 tickets")

        // A colleague writes to one of them: none is taken back.
        let third = try #require(try db.database.tickets.find(id: held.id))
        _ = try db.database.tickets.setPriority(id: third.id, .high, expectedVersion: third.version, by: db.dave)
        #expect(throws: KontorError.self) { try db.database.undo(change, by: db.bob) }
        #expect(try before.map { try db.database.tickets.find(id: $0.id)?.assigneeID } == [db.bob.staff.id, db.bob.staff.id, db.bob.staff.id])

        // Taken back while nobody else wrote: each as it was.
        let again = try db.database.tickets.assign(ids: [tickets[0].id, tickets[1].id], to: db.dave.staff.id,
                                                   by: db.bob)
        let mine = try [tickets[0].id, tickets[1].id].map { try #require(try db.database.tickets.find(id: $0)) }
        #expect(mine == again)
        let status = try db.database.tickets.setStatus(ids: mine.map(\.id), .resolved, by: db.bob)
        let statusChange = try #require(Undoable.ticketChange(from: mine, to: status))
        #expect(statusChange.summary == "status of 2 tickets")
        try db.database.undo(statusChange, by: db.bob)
        for ticket in mine {
            let now = try #require(try db.database.tickets.find(id: ticket.id))
            #expect(now.status == ticket.status)
            #expect(now.resolvedAt == ticket.resolvedAt)
            #expect(now.assigneeID == db.dave.staff.id)
            #expect(try actions(db, "ticket", ticket.id).last == "undo")
        }
    }

    @Test func anArchiveAndADeactivationAreTakenBack() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Café Crème"])[0]
        let archived = try db.database.customers.setArchived(id: customer.id, true, expectedVersion: customer.version, by: db.bob)
        try db.database.undo(.archiving(from: customer, to: archived), by: db.bob)
        #expect(try db.database.customers.find(id: customer.id)?.archived == false)
        #expect(try actions(db, "customer", customer.id).last == "undo")

        let product = try db.database.products.create(ProductFields(sku: "KAF-1", name: "Kaffee Crema", price: "12,90"), by: db.carol)
        var off = product.fields
        off.active = false
        let inactive = try db.database.products.update(id: product.id, off, expectedVersion: product.version, by: db.carol)
        let change = Undoable.activation(from: product, to: inactive)
        // The front office may not change products, so it may not take this back either.
        #expect(throws: KontorError.self) { try db.database.undo(change, by: db.bob) }
        try db.database.undo(change, by: db.carol)
        #expect(try db.database.products.find(id: product.id)?.fields.active == true)
    }
}
