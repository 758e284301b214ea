import Foundation
@testable import KontorModel
import Testing

/// What arrives for a person: read from the audit log's new lines and
/// their own tickets' deadlines, never their own doing.
@Suite("Ticket notices")
struct TicketNoticesTests {
    @Test func newTicketsInTheQueuesThePersonWorksButNotTheirOwn() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Müller GmbH"])[0]
        let forAlice = try db.database.tickets.noticeMark()
        let forCarol = try db.database.tickets.noticeMark()
        let support = try db.database.tickets.create(TicketFields(subject: "Drucker brennt", customerID: customer.id), by: db.bob)
        let billing = try db.database.tickets.create(TicketFields(subject: "Rechnung doppelt", customerID: customer.id, queue: "billing"), by: db.bob)
        _ = try db.database.tickets.create(TicketFields(subject: "Selbst angelegt", customerID: customer.id), by: db.alice)

        let (aliceSees, next) = try db.database.tickets.notices(for: db.alice, since: forAlice)
        #expect(aliceSees.map(\.ticketID) == [support.id, billing.id], "an admin hears of every queue, not of her own tickets")
        #expect(aliceSees.allSatisfy { $0.kind == .new && $0.by == "bob" && $0.customerName == "Müller GmbH" })
        #expect(try db.database.tickets.notices(for: db.alice, since: next).notices.isEmpty, "each is told once")
        // The back office hears of the billing queue only.
        #expect(try db.database.tickets.notices(for: db.carol, since: forCarol).notices.map(\.ticketID) == [billing.id])
    }

    @Test func aTicketGivenToThePersonAndOneRaisedToUrgent() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Schäfer KG"])[0]
        var ticket = try db.database.tickets.create(TicketFields(subject: "Toner leer", customerID: customer.id, priority: .low), by: db.bob)
        let mark = try db.database.tickets.noticeMark()
        ticket = try db.database.tickets.assign(id: ticket.id, to: db.bob.staff.id, expectedVersion: ticket.version, by: db.dave)
        ticket = try db.database.tickets.setPriority(id: ticket.id, .urgent, expectedVersion: ticket.version, by: db.dave)
        let seen = try db.database.tickets.notices(for: db.bob, since: mark).notices
        #expect(seen.map(\.kind) == [.assigned, .escalated])
        #expect(seen.allSatisfy { $0.by == "dave" && $0.ticketID == ticket.id })
        // Lowering a priority is no news; taking a ticket oneself is none either.
        let later = try db.database.tickets.noticeMark()
        ticket = try db.database.tickets.setPriority(id: ticket.id, .normal, expectedVersion: ticket.version, by: db.dave)
        ticket = try db.database.tickets.take(id: ticket.id, expectedVersion: ticket.version, by: db.bob)
        #expect(try db.database.tickets.notices(for: db.bob, since: later).notices.isEmpty)
    }

    /// Audit lines that are no notice (a customer's changes, a DATEV run's
    /// debtor numbers, the person's own doing) are passed once, not read
    /// again at every look; what comes after them is still told.
    @Test func theMarkMovesPastLinesThatAreNoNotice() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Lange GmbH"])[0]
        let mark = try db.database.tickets.noticeMark()
        for name in ["A", "B", "C"] { _ = try db.add(["Kunde \(name)"]) }
        _ = try db.database.tickets.create(TicketFields(subject: "Selbst", customerID: customer.id), by: db.alice)
        let (nothing, next) = try db.database.tickets.notices(for: db.alice, since: mark, deadlines: false)
        #expect(nothing.isEmpty)
        #expect(next.auditID == (try db.database.tickets.noticeMark()).auditID, "past every line read")
        let ticket = try db.database.tickets.create(TicketFields(subject: "Neu", customerID: customer.id), by: db.bob)
        #expect(try db.database.tickets.notices(for: db.alice, since: next, deadlines: false).notices.map(\.ticketID) == [ticket.id])
        // A page that is full stops at its last line: more may follow.
        let bob = try db.database.tickets.create(TicketFields(subject: "Zwei", customerID: customer.id), by: db.bob)
        let (one, partway) = try db.database.tickets.notices(for: db.alice, since: next, deadlines: false, limit: 1)
        #expect(one.map(\.ticketID) == [ticket.id])
        #expect(try db.database.tickets.notices(for: db.alice, since: partway, deadlines: false).notices.map(\.ticketID) == [bob.id])
    }

    @Test func anSLAAboutToBreakIsToldOnceWithinTheHalfHour() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Weiß AG"])[0]
        var ticket = try db.database.tickets.create(TicketFields(subject: "Server steht", customerID: customer.id, priority: .urgent), by: db.dave)
        ticket = try db.database.tickets.assign(id: ticket.id, to: db.bob.staff.id, expectedVersion: ticket.version, by: db.bob)
        let created = try #require(Timestamp.date(from: ticket.createdAt))
        let mark = try db.database.tickets.noticeMark()
        // Urgent: first answer within the hour. At 20 minutes it is not yet news; at 40 it is.
        #expect(try db.database.tickets(at: created.addingTimeInterval(20 * 60)).notices(for: db.bob, since: mark).notices.isEmpty)
        let (soon, next) = try db.database.tickets(at: created.addingTimeInterval(40 * 60)).notices(for: db.bob, since: mark)
        #expect(soon.map(\.kind) == [.slaSoon])
        #expect(soon.first?.date == Timestamp.date(from: ticket.slaDue ?? ""))
        #expect(try db.database.tickets(at: created.addingTimeInterval(45 * 60)).notices(for: db.bob, since: next).notices.isEmpty, "told once")
    }
}
