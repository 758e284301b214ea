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
        // A word of the subject by its start, case ignored; urgent before normal; resolved ones never.
        #expect(try subjects(db, "drucker") == ["Drucker druckt nicht", "Drucker: Toner leer"])
        #expect(try subjects(db, "DRUCK") == ["Drucker druckt nicht", "Drucker: Toner leer"])
        #expect(try subjects(db, "beschadigt") == ["Lieferung 100% beschädigt"])
        #expect(try subjects(db, "rucker") == [], "words match by their start, as in the customer list")
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
        // Punctuation is not a wildcard; alone it filters nothing, as in the customer list.
        #expect(try subjects(db, "100%") == ["Lieferung 100% beschädigt"])
        #expect(try subjects(db, "_").count == 5)
        #expect(try subjects(db, "2026-0042") == ["Rechnung 2026-0042 doppelt"])
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

    /// `count` open tickets of one customer, every fourth priority alike;
    /// those `isPalette` picks are about a "Palette", the rest "Sonstiges".
    private func queue(of count: Int, palettes isPalette: (Int) -> Bool) throws -> TestDatabase {
        let db = try TestDatabase()
        let customer = try db.add(["Weiß Logistik"])[0]
        let repo = db.database.tickets(at: Timestamp.date(from: "2026-11-29T10:00:00Z")!)
        for i in 0..<count {
            try repo.create(TicketFields(subject: isPalette(i) ? "Palette \(i)" : "Sonstiges \(i)", customerID: customer.id,
                                         priority: TicketPriority.allCases[i % 4]), by: db.bob)
        }
        return db
    }

    @Test(arguments: [nil, 0])
    func pagesForwardAndBackWithoutGapsOrRepeats(narrowLimit: Int?) throws {
        let db = try queue(of: 30) { $0 % 3 == 0 }
        // Collected and sorted (nil: the usual limit), or walked in queue order (0).
        let search = try db.database.tickets.prepareSearch(.allOpen, matching: "palette", countCap: 1000, narrowLimit: narrowLimit)
        // Walked or collected, the whole queue's hits are its count.
        #expect(search.count == 10)
        let all = try db.database.tickets.page(search, after: nil, limit: 100)
        #expect(all.count == 10)
        #expect(all.compactMap(\.queueKey) == all.compactMap(\.queueKey).sorted())
        var forward: [TicketSummary] = []
        var key: TicketQueueKey?
        while true {
            let page = try db.database.tickets.page(search, after: key, limit: 3)
            forward += page
            guard let last = page.last, page.count == 3 else { break }
            key = last.queueKey
        }
        #expect(forward == all)
        #expect(try db.database.tickets.page(search, after: all[4].queueKey, inclusive: true, limit: 2) == Array(all[4...5]))
        let tail = try db.database.tickets.page(search, before: nil, limit: 4)
        #expect(tail == Array(all.suffix(4)))
        let before = try db.database.tickets.page(search, before: tail.first?.queueKey, limit: 4)
        #expect(before == Array(all.dropLast(4).suffix(4)))
    }

    /// Hits rare in the queue: a walked window reads the queue in growing
    /// rounds until it has its rows, and gives what collecting gives, in
    /// both directions and in a view of the queue.
    @Test func aWalkOverRareHitsReadsOnUntilItsWindowIsFull() throws {
        let db = try queue(of: 400) { $0 % 45 == 7 }
        for view in [TicketQueueQuery.allOpen, TicketQueueQuery(priority: .high)] {
            let collected = try db.database.tickets.page(db.database.tickets.prepareSearch(view, matching: "palette"), after: nil, limit: 100)
            let walked = try db.database.tickets.prepareSearch(view, matching: "palette", countCap: 1000, narrowLimit: 0)
            // Over the whole queue counted by its hits; in a view, not without a walk.
            #expect(walked.count == (view == .allOpen ? collected.count : nil))
            var forward: [TicketSummary] = []
            var key: TicketQueueKey?
            repeat {
                let page = try db.database.tickets.page(walked, after: key, limit: 2)
                forward += page
                key = page.count == 2 ? page.last?.queueKey : nil
            } while key != nil
            #expect(forward == collected)
            #expect(try db.database.tickets.page(walked, before: nil, limit: 3) == Array(collected.suffix(3)))
            #expect(try db.database.tickets.page(walked, before: collected.last?.queueKey, limit: 100) == Array(collected.dropLast()))
        }
        #expect(try db.database.tickets.count(.allOpen, matching: "palette") == 9)
    }

    @Test func foldsCaseAndAccentsOfSubjects() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Zeta"])[0]
        for subject in ["Überweisung fehlt", "Größe falsch geliefert", "Café-Maschine tropft"] {
            try db.database.tickets.create(TicketFields(subject: subject, customerID: customer.id), by: db.bob)
        }
        for typed in ["über", "Über", "uber", "ÜBER"] {
            #expect(try subjects(db, typed) == ["Überweisung fehlt"], "\(typed)")
        }
        #expect(try subjects(db, "cafe") == ["Café-Maschine tropft"])
        #expect(try subjects(db, "café maschine") == ["Café-Maschine tropft"])
        #expect(try subjects(db, "große") == ["Größe falsch geliefert"])
        // Umlauts and ß written out, as people type them without the keys.
        #expect(try subjects(db, "ueberweisung") == ["Überweisung fehlt"])
        #expect(try subjects(db, "groesse") == ["Größe falsch geliefert"])
        #expect(try subjects(db, "grosse falsch") == ["Größe falsch geliefert"])
        #expect(try subjects(db, "tropft") == ["Café-Maschine tropft"])
    }

    @Test func theSubjectIndexFollowsEveryChange() throws {
        let (db, tickets) = try fixture()
        func indexed() throws -> Int { try db.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tickets_fts") ?? -1 } }
        #expect(try indexed() == 5, "open tickets only")
        // Resolved: out of the index; reopened: back in.
        let toner = tickets["Drucker: Toner leer"]!
        let resolved = try db.database.tickets.setStatus(id: toner.id, .resolved, expectedVersion: toner.version, by: db.bob)
        #expect(try subjects(db, "toner") == [])
        try db.database.tickets.setStatus(id: toner.id, .open, expectedVersion: resolved.version, by: db.bob)
        #expect(try subjects(db, "toner") == ["Drucker: Toner leer"])
        // A new subject replaces the old one; a deadline moving leaves it be.
        try db.database.write { db in
            try db.execute(sql: "UPDATE tickets SET subject = 'Kartusche leer' WHERE id = ?", arguments: [toner.id])
            try db.execute(sql: "UPDATE tickets SET sla_due = '2030-01-01T00:00:00Z' WHERE id = ?", arguments: [toner.id])
        }
        #expect(try subjects(db, "toner") == [])
        #expect(try subjects(db, "kartusche") == ["Kartusche leer"])
        #expect(try indexed() == 5)
        try db.database.write { db in try db.execute(sql: "INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check')") }
    }

    @Test func theIndexFollowsTheCustomersWords() throws {
        let (db, tickets) = try fixture()
        // A customer renamed: their open tickets are found by the new name, no longer by the old.
        let müller = try db.database.customers.find(id: tickets["Drucker druckt nicht"]!.customerID)!
        var fields = müller.fields
        fields.name = "Kowalski Druckluft GmbH"
        fields.city = "Görlitz"
        try db.database.customers.update(id: müller.id, fields, expectedVersion: müller.version, by: db.bob)
        #expect(try subjects(db, "müller") == [])
        #expect(try subjects(db, "kowalski") == ["Drucker druckt nicht", "Rechnung 2026-0042 doppelt"])
        #expect(try subjects(db, "gorlitz rechnung") == ["Rechnung 2026-0042 doppelt"])
        // A ticket moved to another customer takes that customer's words.
        let toner = tickets["Drucker: Toner leer"]!
        try db.database.write { db in
            try db.execute(sql: "UPDATE tickets SET customer_id = ? WHERE id = ?", arguments: [müller.id, toner.id])
        }
        #expect(try subjects(db, "kowalski toner") == ["Drucker: Toner leer"])
        #expect(try subjects(db, "山田") == [])
        // A word of the subject and one of the customer, with a number that is the ticket's own.
        #expect(try subjects(db, "\(toner.id) kowalski") == ["Drucker: Toner leer"])
        #expect(try subjects(db, "#\(toner.id) schäfer") == [])
        #expect(try subjects(db, "#\(toner.id) #\(toner.id + 1)") == [])
        try db.database.write { db in try db.execute(sql: "INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check')") }
    }

    @Test func aWordOfTheCustomerWalksTheQueueWhenItIsCommon() throws {
        let (db, _) = try fixture()
        let collected = try subjects(db, "muller")
        let broad = try db.database.tickets.prepareSearch(.allOpen, matching: "muller", countCap: 1000, narrowLimit: 1)
        #expect(broad.count == 2)
        // A number typed may add a closed ticket of its own: not counted by the hits.
        #expect(try db.database.tickets.prepareSearch(.allOpen, matching: "muller 1", countCap: 1000, narrowLimit: 0).count == nil)
        #expect(try db.database.tickets.page(broad, after: nil, limit: 50).map(\.subject) == collected)
        #expect(try db.database.tickets.count(.allOpen, matching: "muller") == 2)
    }

    /// A glance (the palette's few uncounted tickets) shows the same
    /// tickets as the queue's first rows, whether it collects the hits or
    /// walks the queue.
    @Test func aGlanceShowsTheQueuesFirstMatches() throws {
        let db = try TestDatabase(demoScale: 300)
        let tickets = db.database.tickets
        for text in ["m", "müller", "drucker", "rechnung 2", "zzz", "#1"] {
            let first = try tickets.page(tickets.prepareSearch(.allOpen, matching: text), after: nil, limit: 3).map(\.id)
            #expect(try tickets.glance(matching: text, limit: 3).map(\.id) == first, "\(text)")
            #expect(try tickets.glance(matching: text, limit: 3, walkAbove: 0).map(\.id) == first, "\(text), walking")
            #expect(try tickets.glance(matching: text, limit: 3, walkAbove: 10_000).map(\.id) == first, "\(text), collecting")
        }
        #expect(try tickets.glance(matching: "m", limit: 3).count == 3)
    }

    /// A narrow search collects its hits' queue keys from the open
    /// tickets' narrow index, never their rows, in every view of the queue.
    @Test func theHitsKeysAreReadFromTheNarrowIndex() throws {
        let db = try TestDatabase(demoScale: 300)
        try db.database.writer.writeWithoutTransaction { db in try SQLiteSpecific.analyze(db) }
        let tickets = db.database.tickets
        let views = [TicketQueueQuery.allOpen, TicketQueueQuery(assignee: .nobody), TicketQueueQuery(status: .pending),
                     TicketQueueQuery(breachedOnly: true), TicketQueueQuery(queue: "billing")]
        for view in views {
            let plan = try db.database.read { d in
                try SQLiteSpecific.queryPlan(d, TicketRepository.queueKeys(of: SQLiteSpecific.idList([1, 2, 3]), tickets.queueCondition(view)))
            }
            #expect(plan.contains { $0.contains("COVERING INDEX tickets_open_keys") }, "\(view): \(plan)")
        }
        let keys = try tickets.prepareSearch(.allOpen, matching: "m")
        let expected = try db.database.read { d in
            try Int64.fetchAll(d, sql: """
                SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id
                WHERE t.sla_due IS NOT NULL AND t.status IN ('new', 'open', 'pending') AND t.id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH '"m"*')
                ORDER BY t.sla_due, t.id
                """)
        }
        #expect(keys.count == expected.count && expected.count > 0)
        #expect(try tickets.page(keys, after: nil, limit: 1000).map(\.id) == expected)
    }

    @Test func aDemoDatabaseHasEveryOpenTicketIndexed() throws {
        let db = try TestDatabase(demoScale: 300)
        let (open, indexed) = try db.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets WHERE sla_due IS NOT NULL")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets_fts")!)
        }
        #expect(open > 0)
        #expect(indexed == open)
        // And the seeded triggers keep it so.
        let customer = try db.add(["Omega"])[0]
        try db.database.tickets.create(TicketFields(subject: "Zylinderkopf undicht", customerID: customer.id), by: db.bob)
        #expect(try subjects(db, "zylinderkopf") == ["Zylinderkopf undicht"])
    }

    @Test func openQueuesListTheStandardOnesFirst() throws {
        let (db, _) = try fixture()
        let customer = try db.add(["Zeta"])[0]
        try db.database.tickets.create(TicketFields(subject: "Intern", customerID: customer.id, queue: "it-ops"), allowingNewQueue: true, by: db.bob)
        #expect(try db.database.tickets.openQueues() == ["support", "billing", "sales", "it-ops"])
    }

    @Test func aBroadSearchWalksTheQueueIndexWithoutSorting() throws {
        let (db, _) = try fixture()
        // Past the narrow limit every word is tested row by row along the queue.
        let broad = try db.database.tickets.prepareSearch(.allOpen, matching: "müller druck", countCap: 1000, narrowLimit: 0)
        let details = try db.database.tickets.searchPlan(broad, after: TicketQueueKey(slaDue: "2026-11-29T10:00:00Z", id: 1))
        #expect(details.contains { $0.contains("tickets_queue") }, "\(details)")
        #expect(!details.contains { $0.contains("TEMP B-TREE") }, "\(details)")
        #expect(broad.count == (try db.database.tickets.page(broad, after: nil, limit: 100).count))
        #expect(try db.database.tickets.count(.allOpen, matching: "müller 42") == 0)
        // A narrow one is collected from the indexes and counted exactly.
        let narrow = try db.database.tickets.prepareSearch(.allOpen, matching: "müller", countCap: 1000)
        #expect(narrow.count == 2)
        #expect(try db.database.tickets.searchPlan(narrow, after: nil) == [])
    }
    /// A search typed one letter further takes its keys from the one before
    /// when that one's candidates hold every ticket it finds: the same
    /// tickets, counted the same, as when searched afresh; a ticket the
    /// earlier search never saw (opened since) is found by searching afresh.
    @Test func aSearchTypedFurtherTakesItsKeysFromTheOneBefore() throws {
        let db = try TestDatabase(demoScale: 300)
        let tickets = db.database.tickets
        var narrowed = 0
        for typed in ["drucker", "müller rechnung", "schmidt", "liefer 2"] {
            for view in [TicketQueueQuery.allOpen, TicketQueueQuery(assignee: .nobody), TicketQueueQuery(queue: "billing")] {
                var previous: PreparedTicketSearch?
                for end in typed.indices.dropFirst().map({ typed[..<$0] }) + [typed[...]] {
                    let fresh = try tickets.prepareSearch(view, matching: String(end))
                    let typedOn = try tickets.prepareSearch(view, matching: String(end), previous: previous)
                    if case .keys = fresh.plan, previous?.keys(narrowedTo: typedOn.examined, for: view) != nil { narrowed += 1 }
                    #expect(typedOn.count == fresh.count, "“\(end)” in \(view)")
                    #expect(try tickets.page(typedOn, after: nil, limit: 5_000).map(\.id) == tickets.page(fresh, after: nil, limit: 5_000).map(\.id),
                            "“\(end)” in \(view)")
                    previous = typedOn
                }
            }
        }
        #expect(narrowed > 10, "keys narrowed \(narrowed) times")

        // Erased back, or another view: not taken over.
        let shorter = try tickets.prepareSearch(.allOpen, matching: "druck")
        let longer = try tickets.prepareSearch(.allOpen, matching: "drucker")
        #expect(longer.keys(narrowedTo: shorter.examined, for: .allOpen) == nil || shorter.examined == longer.examined)
        #expect(shorter.keys(narrowedTo: shorter.examined, for: TicketQueueQuery(queue: "billing")) == nil)
        // A ticket opened meanwhile is among the hits, unseen before: searched afresh.
        let customer = try db.add(["Omega"])[0]
        let added = try tickets.create(TicketFields(subject: "Drucker Fach klemmt", customerID: customer.id), by: db.bob)
        let after = try tickets.prepareSearch(.allOpen, matching: "drucke", previous: shorter)
        #expect(try tickets.page(after, after: nil, limit: 5_000).contains { $0.id == added.id })
    }
}
