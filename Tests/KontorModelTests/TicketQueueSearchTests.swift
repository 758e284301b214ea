import Foundation
import Testing
@testable import KontorModel

@Suite("Ticket queue search")
struct TicketQueueSearchTests {
    /// Tickets for three customers, a few of them resolved (out of the queue).
    func fixture() throws -> (TestDatabase, [String: Ticket]) {
        let db = try TestDatabase()
        let customers = try db.add(["Müller GmbH", "Schäfer & Söhne KG", "山田商事"])
        let repo = db.database.tickets(at: Timestamp.date(from: "2026-11-29T10:00:00Z")!)
        var tickets: [String: Ticket] = [:]
        let rows: [(String, Int, TicketPriority, String)] = [
            ("Drucker druckt nicht", 0, .urgent, "support"),
            ("Rechnung 2026-0042 doppelt", 0, .normal, "billing"),
            ("Lieferung 100% beschädigt", 1, .high, "support"),
            ("Angebot für Wartung", 1, .low, "sales"),
            ("Drucker: Toner leer", 2, .normal, "support"),
            ("Alte Frage zum Drucker", 0, .normal, "support"),
        ]
        for (subject, customer, priority, queue) in rows {
            tickets[subject] = try repo.create(TicketFields(subject: subject, customerID: customers[customer].id, queue: queue,
                                                            priority: priority), by: db.bob)
        }
        let old = tickets["Alte Frage zum Drucker"]!
        try db.database.tickets.setStatus(id: old.id, .resolved, expectedVersion: old.version, by: db.bob)
        return (db, tickets)
    }

    func subjects(_ db: TestDatabase, _ text: String, _ query: TicketQueueQuery = .allOpen) throws -> [String] {
        try db.database.tickets.page(query, matching: text, after: nil, limit: 50).map(\.subject)
    }

    @Test func matchesSubjectCustomerAndNumberInQueueOrder() throws {
        let (db, tickets) = try fixture()
        // Subject, anywhere in it, case ignored; urgent before normal; resolved ones never.
        #expect(try subjects(db, "drucker") == ["Drucker druckt nicht", "Drucker: Toner leer"])
        // Customer name, accents ignored, by the start of a word.
        #expect(try subjects(db, "muller") == ["Drucker druckt nicht", "Rechnung 2026-0042 doppelt"])
        #expect(try subjects(db, "Söhne") == ["Lieferung 100% beschädigt", "Angebot für Wartung"])
        #expect(try subjects(db, "山田") == ["Drucker: Toner leer"])
        // The number, with or without #.
        let id = tickets["Angebot für Wartung"]!.id
        #expect(try subjects(db, "#\(id)") == ["Angebot für Wartung"])
        #expect(try subjects(db, "\(id)").contains("Angebot für Wartung"))
        // Every word must match somewhere.
        #expect(try subjects(db, "müller drucker") == ["Drucker druckt nicht"])
        #expect(try subjects(db, "müller wartung") == [])
        // LIKE's wildcards are taken literally.
        #expect(try subjects(db, "100%") == ["Lieferung 100% beschädigt"])
        #expect(try subjects(db, "_") == [])
        // Nothing typed: the whole queue.
        #expect(try subjects(db, "  ").count == 5)
    }

    @Test func combinesWithTheQueueViews() throws {
        let (db, tickets) = try fixture()
        #expect(try subjects(db, "drucker", TicketQueueQuery(queue: "support")) == ["Drucker druckt nicht", "Drucker: Toner leer"])
        #expect(try subjects(db, "drucker", TicketQueueQuery(queue: "billing")) == [])
        let printer = tickets["Drucker druckt nicht"]!
        try db.database.tickets.take(id: printer.id, expectedVersion: printer.version, by: db.bob)
        #expect(try subjects(db, "drucker", .mine(db.bob.staff.id)) == ["Drucker druckt nicht"])
        #expect(try subjects(db, "drucker", .unassigned) == ["Drucker: Toner leer"])
        #expect(try db.database.tickets.count(.unassigned, matching: "drucker") == 1)
        #expect(try db.database.tickets.count(.allOpen, matching: "") == 5)
    }

    @Test func pagesForwardAndBackWithoutGapsOrRepeats() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Weiß Logistik"])[0]
        let repo = db.database.tickets(at: Timestamp.date(from: "2026-11-29T10:00:00Z")!)
        for i in 0..<30 {
            try repo.create(TicketFields(subject: i % 3 == 0 ? "Palette \(i)" : "Sonstiges \(i)", customerID: customer.id,
                                         priority: TicketPriority.allCases[i % 4]), by: db.bob)
        }
        let all = try db.database.tickets.page(.allOpen, matching: "palette", after: nil, limit: 100)
        #expect(all.count == 10)
        var forward: [TicketSummary] = []
        var key: TicketQueueKey?
        while true {
            let page = try db.database.tickets.page(.allOpen, matching: "palette", after: key, limit: 3)
            forward += page
            guard let last = page.last, page.count == 3 else { break }
            key = last.queueKey
        }
        #expect(forward == all)
        let tail = try db.database.tickets.page(.allOpen, matching: "palette", before: nil, limit: 4)
        #expect(tail == Array(all.suffix(4)))
        let before = try db.database.tickets.page(.allOpen, matching: "palette", before: tail.first?.queueKey, limit: 4)
        #expect(before == Array(all.dropLast(4).suffix(4)))
    }

    @Test func openQueuesListTheStandardOnesFirst() throws {
        let (db, _) = try fixture()
        let customer = try db.add(["Zeta"])[0]
        try db.database.tickets.create(TicketFields(subject: "Intern", customerID: customer.id, queue: "it-ops"), by: db.bob)
        #expect(try db.database.tickets.openQueues() == ["support", "billing", "sales", "it-ops"])
    }

    @Test func searchWalksTheQueueIndexWithoutSorting() throws {
        let (db, _) = try fixture()
        let details = try db.database.tickets.searchPlan(.allOpen, matching: "müller 42", after: TicketQueueKey(slaDue: "2026-11-29T10:00:00Z", id: 1))
        #expect(details.contains { $0.contains("tickets_queue") }, "\(details)")
        #expect(!details.contains { $0.contains("TEMP B-TREE") }, "\(details)")
    }
}
