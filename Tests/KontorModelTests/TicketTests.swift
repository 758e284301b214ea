import Foundation
@testable import KontorModel
import Testing

/// Tickets on real database files, with the clock stopped at chosen times so
/// that SLA deadlines are exact.
@Suite("Tickets")
struct TicketTests {
    /// When the test tickets are opened.
    static let t0 = "2026-11-29T10:00:00Z"

    // MARK: SLA

    @Test func dueTimesFollowThePriority() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let expected: [(TicketPriority, String, String)] = [
            (.urgent, "2026-11-29T11:00:00Z", "2026-11-29T14:00:00Z"),
            (.high, "2026-11-29T14:00:00Z", "2026-11-30T10:00:00Z"),
            (.normal, "2026-11-29T18:00:00Z", "2026-12-02T10:00:00Z"),
            (.low, "2026-11-30T10:00:00Z", "2026-12-06T10:00:00Z"),
        ]
        for (priority, firstResponse, resolution) in expected {
            let ticket = try db.newTicket(customer: customer, priority: priority)
            #expect(ticket.status == .new)
            #expect(ticket.createdAt == Self.t0)
            #expect(ticket.firstResponseDue == firstResponse, "\(priority)")
            #expect(ticket.resolutionDue == resolution, "\(priority)")
            #expect(ticket.slaDue == firstResponse, "\(priority): the first response is due first")
        }
        #expect(TicketSLA.target(for: .urgent) == TicketSLA.Target(firstResponseHours: 1, resolutionHours: 4))
        #expect(TicketSLA.target(for: .low) == TicketSLA.Target(firstResponseHours: 24, resolutionHours: 168))
    }

    @Test func slaMovesFromFirstResponseToResolutionAfterAReply() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        var ticket = try db.newTicket(customer: customer, priority: .normal, firstMessage: "It broke.")
        // Notes and the customer's own messages do not answer the customer.
        ticket = try db.ticketsAt("2026-11-29T10:30:00Z").addMessage(to: ticket.id, kind: .note, body: "Looking.", expectedVersion: ticket.version, by: db.bob).ticket
        ticket = try db.ticketsAt("2026-11-29T10:40:00Z").addMessage(to: ticket.id, kind: .customer, body: "Hello?", expectedVersion: ticket.version, by: db.bob).ticket
        #expect(ticket.status == .new)
        #expect(ticket.firstResponseAt == nil)
        #expect(ticket.slaDue == "2026-11-29T18:00:00Z")

        ticket = try db.ticketsAt("2026-11-29T12:00:00Z").addMessage(to: ticket.id, kind: .reply, body: "On it.", expectedVersion: ticket.version, by: db.bob).ticket
        #expect(ticket.status == .open)
        #expect(ticket.firstResponseAt == "2026-11-29T12:00:00Z")
        #expect(ticket.slaDue == ticket.resolutionDue)
        #expect(ticket.slaDue == "2026-12-02T10:00:00Z")

        // A second reply keeps the first response time.
        ticket = try db.ticketsAt("2026-11-29T13:00:00Z").addMessage(to: ticket.id, kind: .reply, body: "Fixed?", expectedVersion: ticket.version, by: db.dave).ticket
        #expect(ticket.firstResponseAt == "2026-11-29T12:00:00Z")

        // A new priority moves both deadlines, still counted from creation.
        ticket = try db.ticketsAt("2026-11-29T13:05:00Z").setPriority(id: ticket.id, .urgent, expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.firstResponseDue == "2026-11-29T11:00:00Z")
        #expect(ticket.resolutionDue == "2026-11-29T14:00:00Z")
        #expect(ticket.slaDue == "2026-11-29T14:00:00Z")

        ticket = try db.ticketsAt("2026-11-29T13:30:00Z").setStatus(id: ticket.id, .resolved, expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.slaDue == nil)
        #expect(ticket.resolvedAt == "2026-11-29T13:30:00Z")
        ticket = try db.ticketsAt("2026-11-29T15:00:00Z").setStatus(id: ticket.id, .open, expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.slaDue == "2026-11-29T14:00:00Z", "reopening restores the resolution deadline")
        #expect(ticket.resolvedAt == nil)
    }

    @Test func priorityChangeBeforeAReplyMovesTheFirstResponseDeadline() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        var ticket = try db.newTicket(customer: customer, priority: .low)
        ticket = try db.ticketsAt("2026-11-29T10:10:00Z").setPriority(id: ticket.id, .high, expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.slaDue == "2026-11-29T14:00:00Z")
        #expect(ticket.createdAt == Self.t0)
    }

    @Test func breachedFilterListsTicketsPastTheirNextDeadline() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let urgent = try db.newTicket("Urgent", customer: customer, priority: .urgent)   // answer by 11:00
        let normal = try db.newTicket("Normal", customer: customer, priority: .normal)   // answer by 18:00
        let low = try db.newTicket("Low", customer: customer, priority: .low)            // answer by next day 10:00
        let resolved = try db.newTicket("Done", customer: customer, priority: .urgent)
        try db.ticketsAt("2026-11-29T10:05:00Z").setStatus(id: resolved.id, .resolved, expectedVersion: 1, by: db.bob)

        func breached(_ time: String) throws -> [Int64] {
            try db.ticketsAt(time).page(.breached, after: nil, limit: 50).map(\.id)
        }
        #expect(try breached("2026-11-29T10:59:59Z") == [])
        #expect(try breached("2026-11-29T12:00:00Z") == [urgent.id])
        #expect(try breached("2026-11-29T19:00:00Z") == [urgent.id, normal.id])
        #expect(try breached("2026-12-01T00:00:00Z") == [urgent.id, normal.id, low.id])
        #expect(try db.ticketsAt("2026-11-29T12:00:00Z").count(.breached) == 1)

        // Answering in time moves the urgent ticket to its resolution deadline (14:00).
        try db.ticketsAt("2026-11-29T10:30:00Z").addMessage(to: urgent.id, kind: .reply, body: "Hi", expectedVersion: urgent.version, by: db.bob)
        #expect(try breached("2026-11-29T12:00:00Z") == [])
        #expect(try breached("2026-11-29T14:30:00Z") == [urgent.id])
        let row = try #require(try db.database.tickets.page(.allOpen, after: nil, limit: 50).first { $0.id == urgent.id })
        #expect(row.isBreached(at: TicketTime.date(from: "2026-11-29T14:30:00Z")!))
        #expect(!row.isBreached(at: TicketTime.date(from: "2026-11-29T13:30:00Z")!))
    }

    // MARK: The queue

    @Test func queueIsOrderedByUrgencyAndPagesWithoutGapsOrRepeats() throws {
        let db = try TestDatabase()
        let customers = try db.add(["Acme", "Beta"]).map(\.id)
        let priorities: [TicketPriority] = [.low, .normal, .high, .urgent]
        var created: [Ticket] = []
        for i in 0..<45 {
            // Several tickets share a creation time and priority, so the id
            // must break ties.
            let minute = String(format: "%02d", (i * 7) % 4)
            let ticket = try db.ticketsAt("2026-11-29T10:\(minute):00Z").create(
                TicketFields(subject: "Ticket \(i)", customerID: customers[i % 2], queue: i % 3 == 0 ? "billing" : "support",
                             priority: priorities[i % 4]), by: db.bob)
            created.append(ticket)
        }
        // Some tickets leave the queue; some change their place in it.
        for ticket in created where ticket.id % 5 == 0 {
            try db.database.tickets.setStatus(id: ticket.id, .resolved, expectedVersion: ticket.version, by: db.bob)
        }
        for ticket in created where ticket.id % 7 == 0 && ticket.id % 5 != 0 {
            try db.ticketsAt("2026-11-29T10:30:00Z").addMessage(to: ticket.id, kind: .reply, body: "Hi", expectedVersion: ticket.version, by: db.bob)
        }
        let current = try created.map { try #require(try db.database.tickets.find(id: $0.id)) }
        let expected = current.filter { $0.slaDue != nil }
            .sorted { TicketQueueKey(slaDue: $0.slaDue!, id: $0.id) < TicketQueueKey(slaDue: $1.slaDue!, id: $1.id) }
            .map(\.id)
        #expect(expected.count == 36)

        let repo = db.database.tickets
        var walked: [Int64] = []
        var key: TicketQueueKey?
        while case let page = try repo.page(.allOpen, after: key, limit: 7), !page.isEmpty {
            #expect(page.count <= 7)
            walked += page.map(\.id)
            key = page.last?.queueKey
        }
        #expect(walked == expected)
        #expect(Set(walked).count == walked.count)

        var backwards: [Int64] = []
        key = nil
        while case let page = try repo.page(.allOpen, before: key, limit: 5), !page.isEmpty {
            backwards = page.map(\.id) + backwards
            key = page.first?.queueKey
        }
        #expect(backwards == expected)
        let middle = try repo.page(.allOpen, after: nil, limit: 10)[9].queueKey
        #expect(try repo.page(.allOpen, after: middle, inclusive: true, limit: 1).map(\.id) == [expected[9]])
        #expect(try repo.count(.allOpen) == 36)
        #expect(try repo.count(.allOpen, cap: 10) == 10)

        // The row carries what the list shows.
        let first = try #require(try repo.page(.allOpen, after: nil, limit: 1).first)
        let ticket = try #require(current.first { $0.id == first.id })
        #expect(first.subject == ticket.subject)
        #expect(first.customerName == (ticket.customerID == customers[0] ? "Acme" : "Beta"))
        #expect(first.priority == ticket.priority)
        #expect(first.status == ticket.status)
        #expect(first.slaDue == ticket.slaDue)
        #expect(first.assigneeName == nil)

        // The queue walks its partial index in order; it never reads the
        // whole table nor sorts it.
        for query in [TicketQueueQuery.allOpen, .breached, .unassigned, .pending, TicketQueueQuery(queue: "billing")] {
            for key in [nil, TicketQueueKey(slaDue: Self.t0, id: 3)] {
                let plan = try repo.queuePlan(query, after: key)
                #expect(plan.contains { $0.contains("tickets_queue") }, "\(query): \(plan)")
                #expect(!plan.contains { $0.contains("TEMP B-TREE") || $0.hasPrefix("SCAN") }, "\(query): \(plan)")
            }
        }
        // One person's queue reads only their open tickets (few), then sorts them.
        let mine = try repo.queuePlan(.mine(db.bob.staff.id), after: nil)
        #expect(mine.contains { $0.contains("tickets_by_assignee (assignee_id=? AND status=?)") }, "\(mine)")
    }

    @Test func queueFilters() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let a = try db.newTicket("A", customer: customer, queue: "billing")
        let b = try db.newTicket("B", customer: customer)
        let c = try db.newTicket("C", customer: customer, queue: "sales")
        let d = try db.newTicket("D", customer: customer)
        let repo = db.ticketsAt("2026-11-29T10:10:00Z")
        try repo.take(id: a.id, expectedVersion: a.version, by: db.bob)
        try repo.assign(id: b.id, to: db.dave.staff.id, expectedVersion: b.version, by: db.bob)
        try repo.setStatus(id: c.id, .pending, pendingUntil: TicketTime.date(from: "2026-12-01T09:00:00Z"), expectedVersion: c.version, by: db.bob)
        try repo.setStatus(id: d.id, .closed, expectedVersion: d.version, by: db.bob)

        func ids(_ query: TicketQueueQuery) throws -> Set<Int64> { Set(try repo.page(query, after: nil, limit: 50).map(\.id)) }
        #expect(try ids(.allOpen) == [a.id, b.id, c.id])
        #expect(try ids(.mine(db.bob.staff.id)) == [a.id])
        #expect(try ids(.mine(db.dave.staff.id)) == [b.id])
        #expect(try ids(.unassigned) == [c.id])
        #expect(try ids(.pending) == [c.id])
        #expect(try ids(TicketQueueQuery(queue: "billing")) == [a.id])
        #expect(try ids(TicketQueueQuery(assignee: .staff(db.bob.staff.id), queue: "support")) == [])
        let row = try #require(try repo.page(.mine(db.dave.staff.id), after: nil, limit: 1).first)
        #expect(row.assigneeName == "Dave Manager")
    }

    @Test func customerListAndOpenCounts() throws {
        let db = try TestDatabase()
        let (acme, beta, gamma) = try { let c = try db.add(["Acme", "Beta", "Gamma"]); return (c[0].id, c[1].id, c[2].id) }()
        let a1 = try db.newTicket("A1", customer: acme)
        let a2 = try db.newTicket("A2", customer: acme)
        let a3 = try db.newTicket("A3", customer: acme)
        let b1 = try db.newTicket("B1", customer: beta)
        try db.database.tickets.setStatus(id: a3.id, .resolved, expectedVersion: a3.version, by: db.bob)
        try db.ticketsAt(Self.t0).setStatus(id: b1.id, .pending, pendingUntil: TicketTime.date(from: "2026-12-24T00:00:00Z"), expectedVersion: b1.version, by: db.bob)

        #expect(try db.database.tickets.openCounts(forCustomers: [acme, beta, gamma, acme]) == [acme: 2, beta: 1])
        #expect(try db.database.tickets.openCounts(forCustomers: []) == [:])

        let repo = db.database.tickets
        #expect(try repo.page(ofCustomer: acme, limit: 10).map(\.id) == [a3.id, a2.id, a1.id])
        let first = try repo.page(ofCustomer: acme, limit: 2)
        #expect(first.map(\.id) == [a3.id, a2.id])
        #expect(try repo.page(ofCustomer: acme, before: first.last?.id, limit: 2).map(\.id) == [a1.id])
        #expect(try repo.page(ofCustomer: acme, openOnly: true, limit: 10).map(\.id) == [a2.id, a1.id])
        #expect(try repo.page(ofCustomer: gamma, limit: 10).isEmpty)
    }

    // MARK: Status

    @Test func everyStatusTransitionFollowsTheRules() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let repo = db.ticketsAt("2026-11-29T11:00:00Z")
        let later = TicketTime.date(from: "2026-12-05T09:00:00Z")!
        let allowed: [TicketStatus: Set<TicketStatus>] = [
            .new: [.open, .pending, .resolved, .closed],
            .open: [.pending, .resolved, .closed],
            .pending: [.open, .resolved, .closed],
            .resolved: [.open, .closed],
            .closed: [.open],
        ]
        for from in TicketStatus.allCases {
            for to in TicketStatus.allCases where to != from {
                var ticket = try db.newTicket("\(from) → \(to)", customer: customer)
                if from != .new {
                    ticket = try repo.setStatus(id: ticket.id, from, pendingUntil: from == .pending ? later : nil,
                                                expectedVersion: ticket.version, by: db.bob)
                }
                #expect(ticket.status == from)
                let result = kontorError {
                    try repo.setStatus(id: ticket.id, to, pendingUntil: to == .pending ? later : nil,
                                       expectedVersion: ticket.version, by: db.bob)
                }
                let after = try #require(try repo.find(id: ticket.id))
                if allowed[from]!.contains(to) {
                    #expect(result == nil, "\(from) → \(to) should be allowed: \(String(describing: result))")
                    #expect(after.status == to)
                    #expect((after.slaDue != nil) == to.isOpen, "\(from) → \(to): sla_due only while open")
                    #expect((after.pendingUntil != nil) == (to == .pending))
                    #expect((after.resolvedAt != nil) == (to == .resolved || (to == .closed && from == .resolved)))
                } else {
                    guard case .rule = result else {
                        Issue.record("\(from) → \(to) should be refused by a rule, got \(String(describing: result))")
                        continue
                    }
                    #expect(after == ticket, "a refused change leaves the ticket as it was")
                }
                #expect(from.canChange(to: to) == allowed[from]!.contains(to))
            }
        }
    }

    @Test func settingTheSameStatusAgainChangesNothing() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let ticket = try db.newTicket(customer: customer)
        let opened = try db.database.tickets.setStatus(id: ticket.id, .open, expectedVersion: ticket.version, by: db.bob)
        let again = try db.database.tickets.setStatus(id: ticket.id, .open, expectedVersion: opened.version, by: db.bob)
        #expect(again == opened)
    }

    @Test func pendingRequiresADateInTheFuture() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let repo = db.ticketsAt("2026-11-29T12:00:00Z")
        var ticket = try db.newTicket(customer: customer)

        for date in [nil, TicketTime.date(from: "2026-11-29T11:59:59Z"), TicketTime.date(from: "2026-11-29T12:00:00Z")] {
            let error = kontorError { try repo.setStatus(id: ticket.id, .pending, pendingUntil: date, expectedVersion: ticket.version, by: db.bob) }
            guard case let .invalid(failure) = error else {
                Issue.record("pending until \(String(describing: date)) should be invalid, got \(String(describing: error))")
                continue
            }
            #expect(failure.message(for: "pending until") != nil)
        }
        let error = kontorError {
            try repo.setStatus(id: ticket.id, .open, pendingUntil: TicketTime.date(from: "2026-12-01T00:00:00Z"), expectedVersion: ticket.version, by: db.bob)
        }
        #expect(error.map { if case .invalid = $0 { true } else { false } } == true, "a date only goes with pending")
        #expect(try repo.find(id: ticket.id)?.status == .new)

        ticket = try repo.setStatus(id: ticket.id, .pending, pendingUntil: TicketTime.date(from: "2026-12-01T08:00:00Z"), expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.status == .pending)
        #expect(ticket.pendingUntil == "2026-12-01T08:00:00Z")
        #expect(ticket.slaDue != nil, "a pending ticket stays in the queue")
        // Pending again moves the date.
        ticket = try repo.setStatus(id: ticket.id, .pending, pendingUntil: TicketTime.date(from: "2026-12-02T08:00:00Z"), expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.pendingUntil == "2026-12-02T08:00:00Z")
        // Leaving pending clears it.
        ticket = try repo.setStatus(id: ticket.id, .open, expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.pendingUntil == nil)
    }

    @Test func messagesMoveTheStatus() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let repo = db.ticketsAt("2026-11-29T12:00:00Z")
        let soon = TicketTime.date(from: "2026-12-01T08:00:00Z")

        // A customer writing again reopens a resolved ticket…
        var ticket = try db.newTicket(customer: customer)
        ticket = try repo.setStatus(id: ticket.id, .resolved, expectedVersion: ticket.version, by: db.bob)
        ticket = try repo.addMessage(to: ticket.id, kind: .customer, body: "Still broken", expectedVersion: ticket.version, by: db.bob).ticket
        #expect(ticket.status == .open)
        #expect(ticket.resolvedAt == nil)
        #expect(ticket.slaDue == ticket.firstResponseDue)

        // …and a pending one; notes and replies leave pending alone.
        ticket = try repo.setStatus(id: ticket.id, .pending, pendingUntil: soon, expectedVersion: ticket.version, by: db.bob)
        ticket = try repo.addMessage(to: ticket.id, kind: .note, body: "Waiting for the part", expectedVersion: ticket.version, by: db.bob).ticket
        #expect(ticket.status == .pending)
        ticket = try repo.addMessage(to: ticket.id, kind: .reply, body: "Any news?", expectedVersion: ticket.version, by: db.bob).ticket
        #expect(ticket.status == .pending)
        ticket = try repo.addMessage(to: ticket.id, kind: .customer, body: "Here is the part number", expectedVersion: ticket.version, by: db.bob).ticket
        #expect(ticket.status == .open)
        #expect(ticket.pendingUntil == nil)

        // A note never moves a new ticket; a reply does.
        var fresh = try db.newTicket(customer: customer)
        fresh = try repo.addMessage(to: fresh.id, kind: .note, body: "Hm.", expectedVersion: fresh.version, by: db.bob).ticket
        #expect(fresh.status == .new)
        fresh = try repo.setStatus(id: fresh.id, .resolved, expectedVersion: fresh.version, by: db.bob)
        fresh = try repo.addMessage(to: fresh.id, kind: .note, body: "Done.", expectedVersion: fresh.version, by: db.bob).ticket
        #expect(fresh.status == .resolved)

        // Closed tickets take no messages.
        let closed = try repo.setStatus(id: fresh.id, .closed, expectedVersion: fresh.version, by: db.bob)
        let error = kontorError { try repo.addMessage(to: closed.id, kind: .customer, body: "Hello?", expectedVersion: closed.version, by: db.bob) }
        guard case .rule = error else { Issue.record("expected a rule, got \(String(describing: error))"); return }
    }

    @Test func messagesAreSignedAndKeptInOrder() throws {
        let db = try TestDatabase()
        let acme = try db.database.customers.create(CustomerFields(name: "Acme", contactName: "Ann Acme"), by: db.bob)
        let contact = try db.database.customers.addContact(to: acme.id, ContactFields(name: "Carl Contact"), by: db.bob)
        var ticket = try db.ticketsAt(Self.t0).create(
            TicketFields(subject: "Hi", customerID: acme.id, contactID: contact.id, firstMessage: "Line 1\r\nLine 2\n\n"), by: db.bob)
        ticket = try db.ticketsAt("2026-11-29T10:01:00Z").addMessage(to: ticket.id, kind: .reply, body: "Hello Carl", expectedVersion: ticket.version, by: db.dave).ticket
        ticket = try db.ticketsAt("2026-11-29T10:02:00Z").addMessage(to: ticket.id, kind: .customer, body: "Thanks", authorName: "Carl, by phone", expectedVersion: ticket.version, by: db.bob).ticket
        let messages = try db.database.tickets.messages(of: ticket.id)
        #expect(messages.map(\.kind) == [.customer, .reply, .customer])
        #expect(messages.map(\.authorName) == ["Carl Contact", "Dave Manager", "Carl, by phone"])
        #expect(messages.map(\.authorStaffID) == [nil, db.dave.staff.id, nil])
        #expect(messages[0].body == "Line 1\nLine 2")
        #expect(messages.map(\.createdAt) == [Self.t0, "2026-11-29T10:01:00Z", "2026-11-29T10:02:00Z"])
        #expect(ticket.version == 3)

        // Without a contact, the customer's contact person, else its name.
        let other = try db.newTicket(customer: acme.id, firstMessage: "x")
        #expect(try db.database.tickets.messages(of: other.id).map(\.authorName) == ["Ann Acme"])
        let beta = try db.add(["Beta"])[0].id
        let third = try db.newTicket(customer: beta, firstMessage: "y")
        #expect(try db.database.tickets.messages(of: third.id).map(\.authorName) == ["Beta"])
        // Without a first message, no thread yet.
        let empty = try db.newTicket(customer: beta, firstMessage: "  \n ")
        #expect(try db.database.tickets.messages(of: empty.id).isEmpty)
    }

    // MARK: Merge

    @Test func mergeMovesMessagesAndPointsToTheSurvivor() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let repo = db.ticketsAt("2026-11-29T11:00:00Z")
        var duplicate = try db.newTicket("Printer again", customer: customer, firstMessage: "Printer broken (2nd mail)")
        var survivor = try db.newTicket("Printer", customer: customer, firstMessage: "Printer broken")
        duplicate = try repo.addMessage(to: duplicate.id, kind: .reply, body: "We'll look", expectedVersion: duplicate.version, by: db.bob).ticket
        survivor = try repo.addMessage(to: survivor.id, kind: .note, body: "Same as the other one", expectedVersion: survivor.version, by: db.bob).ticket
        let before = try db.database.tickets.messages(of: duplicate.id) + db.database.tickets.messages(of: survivor.id)

        let kept = try repo.merge(duplicate.id, into: survivor.id, expectedVersion: duplicate.version, survivorVersion: survivor.version, by: db.dave)
        #expect(kept.id == survivor.id)
        #expect(kept.version == survivor.version + 1)
        #expect(kept.firstResponseAt == "2026-11-29T11:00:00Z", "the duplicate's reply answered the customer")
        #expect(kept.slaDue == kept.resolutionDue)
        #expect(kept.status == .open, "answered, so no longer new")

        let merged = try #require(try repo.find(id: duplicate.id))
        #expect(merged.status == .closed)
        #expect(merged.mergedIntoID == survivor.id)
        #expect(merged.slaDue == nil)
        #expect(try repo.messages(of: duplicate.id).isEmpty)

        let thread = try repo.messages(of: survivor.id)
        #expect(thread.map(\.id) == before.map(\.id).sorted(), "all messages, in the order written")
        for message in thread {
            let cameFromDuplicate = before.prefix(2).contains { $0.id == message.id }
            #expect(message.movedFromID == (cameFromDuplicate ? duplicate.id : nil))
            #expect(message.ticketID == survivor.id)
        }
        #expect(try repo.page(.allOpen, after: nil, limit: 10).map(\.id) == [survivor.id])

        let history = try db.database.history(of: "ticket", id: duplicate.id, fields: ["status", "merged_into_id"])
        #expect(history.map(\.newValue) == ["new", "open", String(survivor.id), "closed"])
        #expect(history.last?.action == "merge")
        #expect(history.last?.actor == "dave")

        // A merged ticket takes no more changes; they belong on the survivor.
        for attempt: () throws -> Void in [
            { try repo.setStatus(id: merged.id, .open, expectedVersion: merged.version, by: db.bob) },
            { try repo.assign(id: merged.id, to: db.bob.staff.id, expectedVersion: merged.version, by: db.bob) },
            { try repo.setPriority(id: merged.id, .urgent, expectedVersion: merged.version, by: db.bob) },
            { try repo.addMessage(to: merged.id, kind: .note, body: "x", expectedVersion: merged.version, by: db.bob) },
        ] {
            guard case let .rule(message) = kontorError(attempt) else { Issue.record("a merged ticket was changed"); continue }
            #expect(message.contains("merged into ticket \(survivor.id)"))
        }
    }

    @Test func mergeRefusals() throws {
        let db = try TestDatabase()
        let customers = try db.add(["Acme", "Beta"]).map(\.id)
        let repo = db.database.tickets
        let a = try db.newTicket("A", customer: customers[0])
        let b = try db.newTicket("B", customer: customers[0])
        let c = try db.newTicket("C", customer: customers[0])
        let closed = try repo.setStatus(id: try db.newTicket("Closed", customer: customers[0]).id, .closed, expectedVersion: 1, by: db.bob)
        let foreign = try db.newTicket("Other customer", customer: customers[1])

        func refusal(_ id: Int64, into survivor: Int64) -> String? {
            let version = (try? repo.find(id: id)?.version) ?? 1
            guard case let .rule(message) = kontorError({ try repo.merge(id, into: survivor, expectedVersion: version, by: db.bob) }) else { return nil }
            return message
        }
        #expect(refusal(a.id, into: a.id)?.contains("itself") == true)
        #expect(refusal(a.id, into: closed.id)?.contains("closed") == true)
        #expect(refusal(a.id, into: foreign.id)?.contains("different customers") == true)
        // Into a ticket that was itself merged away.
        try repo.merge(b.id, into: c.id, expectedVersion: b.version, by: db.bob)
        #expect(refusal(a.id, into: b.id)?.contains("merged into ticket \(c.id)") == true)
        // A ticket merged once cannot be merged again.
        #expect(refusal(b.id, into: a.id)?.contains("merged") == true)
        #expect(try repo.find(id: a.id) == a, "refusals change nothing")

        // A survivor saved by someone else since it was read is a conflict.
        let c2 = try #require(try repo.find(id: c.id))
        try repo.setPriority(id: c.id, .high, expectedVersion: c2.version, by: db.dave)
        guard case .conflict = kontorError({ try repo.merge(a.id, into: c.id, expectedVersion: a.version, survivorVersion: c2.version, by: db.bob) }) else {
            Issue.record("expected a conflict on the survivor")
            return
        }
    }

    // MARK: Who may, and who did

    @Test func backOfficeMayReadButNotChangeTickets() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let repo = db.database.tickets
        let fields = TicketFields(subject: "Help", customerID: customer, firstMessage: "Please")

        let denied = kontorError { try repo.create(fields, by: db.carol) }
        guard case .denied(username: "carol", role: .back, action: _) = denied else {
            Issue.record("carol should be denied, got \(String(describing: denied))")
            return
        }
        let byBob = try repo.create(fields, by: db.bob)
        let byDave = try repo.create(fields, by: db.dave)
        #expect(byBob.updatedBy == "bob" && byDave.updatedBy == "dave")

        let t = byBob
        let attempts: [() throws -> Void] = [
            { try repo.assign(id: t.id, to: db.bob.staff.id, expectedVersion: t.version, by: db.carol) },
            { try repo.take(id: t.id, expectedVersion: t.version, by: db.carol) },
            { try repo.setStatus(id: t.id, .open, expectedVersion: t.version, by: db.carol) },
            { try repo.setPriority(id: t.id, .high, expectedVersion: t.version, by: db.carol) },
            { try repo.addMessage(to: t.id, kind: .note, body: "x", expectedVersion: t.version, by: db.carol) },
            { try repo.merge(byDave.id, into: t.id, expectedVersion: byDave.version, by: db.carol) },
            { try repo.assign(ids: [t.id], to: nil, by: db.carol) },
            { try repo.setStatus(ids: [t.id], .open, by: db.carol) },
            { try repo.setPriority(ids: [t.id], .low, by: db.carol) },
        ]
        for attempt in attempts {
            guard case .denied = kontorError(attempt) else { Issue.record("carol changed a ticket"); continue }
        }
        #expect(try repo.find(id: t.id) == t)
        #expect(try repo.messages(of: t.id).count == 1, "carol reads the thread")

        // Front office and managers work tickets.
        var ticket = try repo.take(id: t.id, expectedVersion: t.version, by: db.bob)
        ticket = try repo.setPriority(id: ticket.id, .high, expectedVersion: ticket.version, by: db.dave)
        ticket = try repo.addMessage(to: ticket.id, kind: .reply, body: "Hi", expectedVersion: ticket.version, by: db.dave).ticket
        ticket = try repo.setStatus(id: ticket.id, .resolved, expectedVersion: ticket.version, by: db.bob)
        #expect(ticket.assigneeID == db.bob.staff.id)
        #expect(ticket.updatedBy == "bob")
        #expect(ticket.version == 5)
    }

    @Test func aStaleSaveIsAConflictNamingWhoChangedIt() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let bobsCopy = try db.newTicket(customer: customer)
        let davesSave = try db.ticketsAt("2026-11-29T10:20:00Z").setPriority(id: bobsCopy.id, .urgent, expectedVersion: bobsCopy.version, by: db.dave)
        let error = kontorError { try db.database.tickets.setStatus(id: bobsCopy.id, .resolved, expectedVersion: bobsCopy.version, by: db.bob) }
        #expect(error == .conflict(entity: "ticket", id: bobsCopy.id, changedBy: "dave", changedAt: "2026-11-29T10:20:00Z"))
        #expect(error?.description.contains("changed by dave") == true)
        #expect(try db.database.tickets.find(id: bobsCopy.id) == davesSave)
        // A message written on a stale copy is refused too: the writer has not seen the latest.
        guard case .conflict = kontorError({ try db.database.tickets.addMessage(to: bobsCopy.id, kind: .reply, body: "x", expectedVersion: bobsCopy.version, by: db.bob) }) else {
            Issue.record("expected a conflict")
            return
        }
        #expect(try db.database.tickets.messages(of: bobsCopy.id).isEmpty)
    }

    @Test func historyOfStatusPriorityAndAssigneeComesFromTheAuditLog() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let repo = db.ticketsAt("2026-11-29T10:30:00Z")
        var t = try db.newTicket(customer: customer, priority: .low)
        t = try repo.take(id: t.id, expectedVersion: t.version, by: db.bob)
        t = try repo.setPriority(id: t.id, .high, expectedVersion: t.version, by: db.dave)
        t = try repo.addMessage(to: t.id, kind: .reply, body: "Hi", expectedVersion: t.version, by: db.bob).ticket
        t = try repo.setStatus(id: t.id, .pending, pendingUntil: TicketTime.date(from: "2026-12-01T00:00:00Z"), expectedVersion: t.version, by: db.bob)
        t = try repo.assign(id: t.id, to: db.dave.staff.id, expectedVersion: t.version, by: db.dave)
        t = try repo.setStatus(id: t.id, .resolved, expectedVersion: t.version, by: db.dave)
        t = try repo.assign(id: t.id, to: nil, expectedVersion: t.version, by: db.dave)

        let history = try db.database.history(of: "ticket", id: t.id, fields: ["status", "priority", "assignee_id"])
        let lines = history.map { "\($0.actor) \($0.action) \($0.field!) \($0.oldValue ?? "-") → \($0.newValue ?? "-")" }
        let bob = db.bob.staff.id, dave = db.dave.staff.id
        #expect(lines == [
            "bob create priority - → low",
            "bob create status - → new",
            "bob assign assignee_id - → \(bob)",
            "dave priority priority low → high",
            "bob message status new → open",
            "bob status status open → pending",
            "dave assign assignee_id \(bob) → \(dave)",
            "dave status status pending → resolved",
            "dave assign assignee_id \(dave) → -",
        ])
        let pending = try db.database.history(of: "ticket", id: t.id, fields: ["pending_until"]).map(\.newValue)
        #expect(pending == ["2026-12-01T00:00:00Z", nil])
    }

    // MARK: Assignment and bulk changes

    @Test func assigneesMustBeActiveStaff() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let t = try db.newTicket(customer: customer)
        let carol = db.carol.staff
        try db.alice.staffDirectory.setActive(id: carol.id, false, expectedVersion: carol.version)
        for staffID in [carol.id, 999] {
            guard case let .invalid(failure) = kontorError({ try db.database.tickets.assign(id: t.id, to: staffID, expectedVersion: t.version, by: db.bob) }) else {
                Issue.record("staff \(staffID) should not be assignable")
                continue
            }
            #expect(failure.message(for: "assignee") != nil)
        }
        let taken = try db.database.tickets.take(id: t.id, expectedVersion: t.version, by: db.dave)
        #expect(taken.assigneeID == db.dave.staff.id)
        // Assigning to whom it already has changes nothing.
        #expect(try db.database.tickets.assign(id: t.id, to: db.dave.staff.id, expectedVersion: taken.version, by: db.bob) == taken)
    }

    @Test func bulkChangesAreAllOrNothing() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let tickets = try (0..<4).map { try db.newTicket("T\($0)", customer: customer) }
        let ids = tickets.map(\.id)
        let repo = db.ticketsAt("2026-11-29T11:00:00Z")

        // One ticket that does not exist: nothing changes.
        let missing = kontorError { try repo.assign(ids: ids + [9_999], to: db.bob.staff.id, by: db.bob) }
        #expect(missing == .notFound(entity: "ticket", id: 9_999))
        // One ticket that cannot take the change: nothing changes either.
        try repo.setStatus(id: ids[2], .closed, expectedVersion: tickets[2].version, by: db.bob)
        let closedOne = try #require(try repo.find(id: ids[2]))
        guard case let .rule(message) = kontorError({ try repo.setStatus(ids: ids, .resolved, by: db.bob) }) else {
            Issue.record("expected a rule")
            return
        }
        #expect(message.contains("ticket \(ids[2])"))
        let unchanged = try ids.map { try #require(try repo.find(id: $0)) }
        #expect(unchanged == [tickets[0], tickets[1], closedOne, tickets[3]])
        #expect(try db.database.history(of: "ticket", id: ids[0], fields: ["assignee_id", "status"]).map(\.action) == ["create"])

        // All valid: all change, in one go, duplicates once.
        let assigned = try repo.assign(ids: [ids[0], ids[1], ids[0], ids[3]], to: db.dave.staff.id, by: db.bob)
        #expect(assigned.map(\.id) == [ids[0], ids[1], ids[3]])
        #expect(assigned.allSatisfy { $0.assigneeID == db.dave.staff.id && $0.version == 2 })
        let urgent = try repo.setPriority(ids: [ids[0], ids[1]], .urgent, by: db.bob)
        #expect(urgent.allSatisfy { $0.priority == .urgent && $0.slaDue == "2026-11-29T11:00:00Z" })
        let parked = try repo.setStatus(ids: [ids[0], ids[1]], .pending, pendingUntil: TicketTime.date(from: "2026-12-01T00:00:00Z"), by: db.bob)
        #expect(parked.allSatisfy { $0.status == .pending && $0.pendingUntil == "2026-12-01T00:00:00Z" })
        #expect(try repo.page(.mine(db.dave.staff.id), after: nil, limit: 10).count == 3)
    }

    // MARK: Validation and guards

    @Test func aTypoInTheQueueIsRefusedAndANewQueueNeedsSayingSo() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0].id
        let tickets = db.database.tickets
        guard case let .invalid(failure) = kontorError({ try tickets.create(TicketFields(subject: "Drucker", customerID: acme, queue: "suport"), by: db.bob) }) else {
            Issue.record("a ticket in the queue “suport” was created")
            return
        }
        #expect(failure.issues.map(\.field) == ["queue"] && failure.issues[0].message.contains("“suport” is no queue yet"))
        #expect(try tickets.likelyQueue(for: "suport") == "support")
        #expect(try !tickets.queueExists("suport") && tickets.queueExists(" Billing "))
        #expect(try tickets.page(TicketQueueQuery(), after: nil, limit: 10).isEmpty, "nothing was stored")

        let first = try tickets.create(TicketFields(subject: "Server", customerID: acme, queue: "it-ops"), allowingNewQueue: true, by: db.bob)
        #expect(first.queue == "it-ops")
        // Once it holds a ticket the queue exists for everyone.
        #expect(try tickets.create(TicketFields(subject: "VPN", customerID: acme, queue: "IT-Ops"), by: db.bob).queue == "it-ops")
        #expect(try tickets.knownQueues() == ["support", "billing", "sales", "it-ops"])
    }

    @Test func validation() throws {
        let db = try TestDatabase()
        let customers = try db.add(["Acme", "Beta"]).map(\.id)
        let betaContact = try db.database.customers.addContact(to: customers[1], ContactFields(name: "Bea"), by: db.bob)
        func problems(_ fields: TicketFields) -> [String: String] {
            guard case let .invalid(failure) = kontorError({ try db.database.tickets.create(fields, by: db.bob) }) else { return [:] }
            return Dictionary(uniqueKeysWithValues: failure.issues.map { ($0.field, $0.message) })
        }
        let acme = customers[0]
        #expect(problems(TicketFields(subject: "  ", customerID: acme))["subject"] == "is required")
        #expect(problems(TicketFields(subject: String(repeating: "x", count: 201), customerID: acme))["subject"]?.contains("at most 200") == true)
        #expect(problems(TicketFields(subject: String(repeating: "x", count: 200), customerID: acme)).isEmpty)
        #expect(problems(TicketFields(subject: "Two\nlines", customerID: acme))["subject"]?.contains("control character") == true)
        #expect(problems(TicketFields(subject: "Bell\u{7}", customerID: acme))["subject"]?.contains("U+0007") == true)
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, firstMessage: String(repeating: "y", count: 20_001)))["message"]?.contains("at most 20000") == true)
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, firstMessage: "a\u{0}b"))["message"] != nil)
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, queue: "two words"))["queue"] != nil)
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, queue: ""))["queue"] == "is required")
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, queue: String(repeating: "q", count: 31)))["queue"] != nil)
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, queue: "9lives"))["queue"] != nil)
        #expect(problems(TicketFields(subject: "Hi", customerID: 4_242))["customer"] != nil)
        #expect(problems(TicketFields(subject: "Hi", customerID: acme, contactID: betaContact.id))["contact"] != nil)

        let ok = try db.database.tickets.create(TicketFields(subject: "  Invoice wrong \t", customerID: acme, queue: " Billing ",
                                                             firstMessage: String(repeating: "y", count: 20_000)), by: db.bob)
        #expect(ok.subject == "Invoice wrong")
        #expect(ok.queue == "billing")
        #expect(try db.database.tickets.create(TicketFields(subject: "Hi", customerID: acme, queue: "field-service_2"), allowingNewQueue: true, by: db.bob).queue == "field-service_2")

        // Message bodies: required, bounded; nothing stored when refused.
        for body in ["", " \n ", String(repeating: "z", count: 20_001)] {
            guard case .invalid = kontorError({ try db.database.tickets.addMessage(to: ok.id, kind: .reply, body: body, expectedVersion: ok.version, by: db.bob) }) else {
                Issue.record("body of \(body.count) characters accepted")
                continue
            }
        }
        #expect(try db.database.tickets.messages(of: ok.id).count == 1)
        #expect(try db.database.tickets.find(id: ok.id)?.version == 1)
    }

    @Test func messagesCannotBeEditedOrDeletedBehindTheModelsBack() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Acme"])[0].id
        let ticket = try db.newTicket(customer: customer, firstMessage: "The original words")
        let message = try #require(try db.database.tickets.messages(of: ticket.id).first)
        for sql in [
            "DELETE FROM ticket_messages WHERE id = \(message.id)",
            "DELETE FROM ticket_messages",
            "UPDATE ticket_messages SET body = 'Rewritten' WHERE id = \(message.id)",
            "UPDATE ticket_messages SET kind = 'note' WHERE id = \(message.id)",
            "UPDATE ticket_messages SET author_name = 'Someone else' WHERE id = \(message.id)",
            "UPDATE ticket_messages SET created_at = '2020-01-01T00:00:00Z' WHERE id = \(message.id)",
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try db.raw(sql) }
        }
        #expect(try db.database.tickets.messages(of: ticket.id) == [message])
        // The audit log of the ticket is just as fixed.
        #expect(throws: (any Error).self) { try db.raw("DELETE FROM audit_log WHERE entity = 'ticket'") }
    }
}

// MARK: Helpers

/// The error a throwing call raised, if it was a `KontorError`.
private func kontorError(_ body: () throws -> Void) -> KontorError? {
    do {
        try body()
        return nil
    } catch let error as KontorError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

private extension TestDatabase {
    /// The ticket repository with the clock stopped at `time`.
    func ticketsAt(_ time: String) -> TicketRepository {
        database.tickets(at: TicketTime.date(from: time)!)
    }

    /// A ticket opened by bob at `TicketTests.t0`.
    @discardableResult
    func newTicket(_ subject: String = "Printer on fire", customer: Int64, priority: TicketPriority = .normal,
                   queue: String = "support", firstMessage: String = "") throws -> Ticket {
        try ticketsAt(TicketTests.t0).create(
            TicketFields(subject: subject, customerID: customer, queue: queue, priority: priority, firstMessage: firstMessage), by: bob)
    }
}

@Suite("Service clock while pending")
struct PendingClockTests {
    @Test func aPendingTicketIsDueWhenTheWaitEndsAndReopenedItIsDueAsBefore() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let ticket = try db.database.tickets.create(TicketFields(subject: "Warten auf Rückruf", customerID: acme.id, priority: .urgent), by: db.bob)
        let due = try #require(ticket.slaDue)
        let until = Date().addingTimeInterval(5 * 86_400)
        let pending = try db.database.tickets.setStatus(id: ticket.id, .pending, pendingUntil: until, expectedVersion: ticket.version, by: db.bob)
        #expect(pending.slaDue != due)
        #expect(pending.slaDue.map { $0 > due } == true, "the clock stops while waiting: \(pending.slaDue ?? "nil")")
        #expect(!pending.isBreached())
        let reopened = try db.database.tickets.setStatus(id: ticket.id, .open, expectedVersion: pending.version, by: db.bob)
        #expect(reopened.slaDue == due)
    }
}
