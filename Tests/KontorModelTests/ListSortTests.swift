import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Lists sorted by a column the person chose: pages keyed by (value, id)
/// over the column's index, ties in id order, the same rows forward and
/// backward, whichever way the filter is searched.
@Suite("Lists sorted by a column")
struct ListSortTests {
    /// Customers with cities that tie (two Bonn, "berlin" and "Berlin"
    /// equal to the index), one without a city.
    static let cities = ["Köln", "Bonn", "berlin", "Aachen", "Bonn", "", "Berlin", "Zwickau", "Bonn"]

    static func database() throws -> (TestDatabase, [Int64]) {
        let t = try TestDatabase()
        var ids: [Int64] = []
        for (i, city) in cities.enumerated() {
            ids.append(try t.database.customers.create(CustomerFields(name: "Kunde \(i)", city: city), by: t.alice).id)
        }
        return (t, ids)
    }

    /// The expected order: city without regard to ASCII case, then id.
    static func expected(_ ids: [Int64], descending: Bool, keeping: (Int) -> Bool = { _ in true }) -> [Int64] {
        let rows = cities.indices.filter(keeping).map { (city: cities[$0].lowercased(), id: ids[$0]) }
        let rising = rows.sorted { ($0.city, $0.id) < ($1.city, $1.id) }.map(\.id)
        return descending ? rising.reversed() : rising
    }

    /// Every row of `prepared`, two at a time forward, then two at a time backward.
    static func walk(_ repo: CustomerRepository, _ prepared: PreparedCustomerQuery) throws -> (forward: [Int64], backward: [Int64]) {
        var forward: [CustomerSummary] = []
        while true {
            let page = try repo.page(prepared, after: forward.last?.listKey, limit: 2)
            if page.isEmpty { break }
            forward += page
        }
        var backward: [CustomerSummary] = []
        var before: CustomerListKey?
        while true {
            let page = try repo.page(prepared, before: before, limit: 2)
            if page.isEmpty { break }
            backward = page + backward
            before = page.first?.listKey
        }
        return (forward.map(\.id), backward.map(\.id))
    }

    @Test(arguments: [false, true])
    func citySortPagesThroughTiesBothWays(descending: Bool) throws {
        let (t, ids) = try Self.database()
        let repo = t.database.customers
        let prepared = try repo.prepare(CustomerQuery(sort: ListSort("city", descending: descending)))
        let (forward, backward) = try Self.walk(repo, prepared)
        #expect(forward == Self.expected(ids, descending: descending))
        #expect(backward == forward)
    }

    /// Open tickets and what a customer owes sort the list too (in memory,
    /// the list being short): who waits on us most, who owes most; ties
    /// and customers without any in id order, both ways, with a filter too.
    @Test func customersSortByOpenTicketsAndByWhatTheyOwe() throws {
        let (t, ids) = try Self.database()
        let tickets = [2: 3, 5: 1, 7: 3]
        for (index, count) in tickets {
            for n in 0..<count {
                try t.database.tickets.create(TicketFields(subject: "Frage \(n)", customerID: ids[index]), by: t.alice)
            }
        }
        // A closed ticket does not count.
        let closed = try t.database.tickets.create(TicketFields(subject: "Erledigt", customerID: ids[0]), by: t.alice)
        _ = try t.database.tickets.setStatus(ids: [closed.id], .closed, by: t.alice)
        let owed = [1: 50_000, 4: 12_000, 8: 90_000]
        try t.readyToInvoice()
        for (index, cents) in owed {
            let draft = try t.database.invoices.createDraft(customerID: ids[index], lines: [
                InvoiceLineInput(description: "Wartung", quantity: 1, unit: "h", unitPriceCents: cents),
            ], by: t.carol)
            _ = try t.database.invoices.issue(draft.id, expectedVersion: draft.version, by: t.carol)
        }
        let repo = t.database.customers
        func sorted(_ column: String, descending: Bool, text: String = "") throws -> [Int64] {
            let prepared = try repo.prepare(CustomerQuery(text: text, sort: ListSort(column, descending: descending)))
            #expect(prepared.refusedSort == nil)
            let (forward, backward) = try Self.walk(repo, prepared)
            #expect(backward == forward)
            return forward
        }
        let rest = ids.indices.filter { tickets[$0] == nil }.map { ids[$0] }
        #expect(try sorted("tickets", descending: true) == [ids[7], ids[2], ids[5]] + rest.reversed())
        #expect(try sorted("tickets", descending: false) == rest + [ids[5], ids[2], ids[7]])
        let none = ids.indices.filter { owed[$0] == nil }.map { ids[$0] }
        #expect(try sorted("open", descending: true).prefix(3) == [ids[8], ids[1], ids[4]])
        #expect(try sorted("open", descending: false) == none + [ids[4], ids[1], ids[8]])
        #expect(try sorted("open", descending: true, text: "kunde") .prefix(3) == [ids[8], ids[1], ids[4]])
    }

    /// A narrow filter's hits are sorted once in memory; a broad one walks
    /// the city index. Both give the order the index gives.
    @Test func filteredListsSortTheSameWhicheverWayTheyAreSearched() throws {
        let (t, ids) = try Self.database()
        let repo = t.database.customers
        let query = CustomerQuery(text: "kunde", sort: ListSort("city", descending: true))
        let narrow = try repo.prepare(query)
        let broad = PreparedCustomerQuery(query: query, plan: .scan(TextFolding.likePatterns("kunde"), contacts: nil), count: 0, isCountCapped: false)
        let expected = Self.expected(ids, descending: true)
        for prepared in [narrow, broad] {
            let (forward, backward) = try Self.walk(repo, prepared)
            #expect(forward == expected)
            #expect(backward == expected)
        }
    }

    /// A row placed from a record just saved (no sort value with it) still
    /// finds its place: the list reads the value from the row.
    @Test func aSavedRecordFindsItsPlaceInASortedList() throws {
        let (t, ids) = try Self.database()
        let repo = t.database.customers
        let prepared = try repo.prepare(CustomerQuery(sort: ListSort("city")))
        let bonn = try #require(try repo.find(id: ids[4]))
        let from = try repo.page(prepared, after: CustomerSummary(bonn).listKey, inclusive: true, limit: 3).map(\.id)
        let expected = Self.expected(ids, descending: false)
        let at = try #require(expected.firstIndex(of: ids[4]))
        #expect(from == Array(expected[at..<min(at + 3, expected.count)]))
    }

    /// The name sorted falling walks the name index backwards; a column the
    /// model does not sort by leaves the list in its own order.
    @Test func nameFallingAndUnknownColumns() throws {
        let (t, _) = try Self.database()
        let repo = t.database.customers
        let own = try repo.page(CustomerQuery(), after: nil, limit: 20).map(\.id)
        let falling = try repo.page(CustomerQuery(sort: ListSort("name", descending: true)), after: nil, limit: 20).map(\.id)
        #expect(falling == own.reversed())
        #expect(try repo.page(CustomerQuery(sort: ListSort("phone")), after: nil, limit: 20).map(\.id) == own)
    }

    /// A sorted window is read from the column's index in its order: no
    /// sort of the table on a key press.
    @Test func sortedWindowsWalkTheirIndex() throws {
        let (t, _) = try Self.database()
        for descending in [false, true] {
            let order = try #require(CustomerRepository.order(ListSort("city", descending: descending)))
            let sql = "SELECT id FROM customers WHERE archived = 0 AND (\(order.expression), id) > ('b', 0) ORDER BY "
                + "\(order.expression)\(descending ? " DESC" : ""), id\(descending ? " DESC" : "") LIMIT 50"
            let plan = try t.database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }.joined(separator: "; ")
            }
            #expect(plan.contains("customers_by_city"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    @Test func sortCodesReadBack() {
        #expect(ListSort(code: "-city") == ListSort("city", descending: true))
        #expect(ListSort(code: "city")?.code == "city")
        #expect(ListSort(code: "") == nil)
        #expect(ListSort(code: "x; drop") == nil)
    }
}

/// The product list sorted by stock on hand: ties in id order, the same rows
/// either way, the view and the search still narrowing it.
@Suite("Products sorted by a column")
struct ProductSortTests {
    @Test(arguments: [false, true])
    func stockPagesThroughTiesBothWays(descending: Bool) throws {
        let t = try TestDatabase()
        let products = t.database.products
        var expected: [(Int, Int64)] = []
        for (i, stock) in [5, 0, 5, 12, 0, 5, 7].enumerated() {
            let p = try products.create(ProductFields(sku: "P-\(i)", name: "Teil \(i)", price: "1,00"), by: t.alice)
            if stock > 0 { try products.receive(productID: p.id, quantity: stock, by: t.alice) }
            expected.append((stock, p.id))
        }
        var ids = expected.sorted { $0 < $1 }.map(\.1)
        if descending { ids.reverse() }
        let query = ProductListQuery(text: "teil", sort: ListSort("on_hand", descending: descending))
        var forward: [ProductListRow] = []
        while case let page = try products.listPage(query, after: forward.last?.listKey, limit: 2), !page.isEmpty { forward += page }
        #expect(forward.map(\.id) == ids)
        var backward: [ProductListRow] = []
        while case let page = try products.listPage(query, before: backward.first?.listKey, limit: 2), !page.isEmpty { backward = page + backward }
        #expect(backward.map(\.id) == ids)
        // A key without its value (a product just saved) finds its place.
        let third = try #require(try products.listRow(id: ids[2]))
        #expect(try products.listPage(query, after: third.listKey, inclusive: true, limit: 2).map(\.id) == Array(ids[2...3]))
    }
}

/// The staff directory sorted by department: ties by id, both ways.
@Suite("Staff sorted by a column")
struct StaffSortTests {
    @Test func departmentPagesThroughTiesBothWays() throws {
        let t = try TestDatabase()
        let staff = t.alice.staffDirectory
        for (i, department) in ["Lager", "Buchhaltung", "Lager", "", "vertrieb"].enumerated() {
            try staff.add(StaffFields(username: "p\(i)", fullName: "Person \(i)", department: department), role: .front)
        }
        let all = try staff.page(StaffListQuery(view: .all), after: nil, limit: 50)
        let expected = all.map { ($0.member.department.lowercased(), $0.id) }.sorted { $0 < $1 }.map(\.1)
        let query = StaffListQuery(view: .all, sort: ListSort("department"))
        var forward: [StaffListRow] = []
        while case let page = try staff.page(query, after: forward.last?.listKey, limit: 2), !page.isEmpty { forward += page }
        #expect(forward.map(\.id) == expected)
        var backward: [StaffListRow] = []
        while case let page = try staff.page(query, before: backward.first?.listKey, limit: 2), !page.isEmpty { backward = page + backward }
        #expect(backward.map(\.id) == expected)
    }
}

/// The ticket queue sorted by priority: urgent first when falling, the next
/// deadline among equals, whether collected (few) or walked (many).
@Suite("Tickets sorted by priority")
struct TicketSortTests {
    @Test(arguments: [false, true])
    func priorityPagesBothWaysCollectedOrWalked(descending: Bool) throws {
        let db = try TestDatabase()
        let customer = try db.add(["Müller GmbH"])[0]
        let repo = db.database.tickets
        var made: [Ticket] = []
        for (i, priority) in [TicketPriority.normal, .urgent, .low, .high, .urgent, .normal, .low].enumerated() {
            made.append(try repo.create(TicketFields(subject: "Fall \(i)", customerID: customer.id, priority: priority), by: db.bob))
        }
        let rank: [TicketPriority: Int] = [.urgent: 0, .high: 1, .normal: 2, .low: 3]
        var expected = made.sorted { (rank[$0.priority]!, $0.slaDue ?? "", $0.id) < (rank[$1.priority]!, $1.slaDue ?? "", $1.id) }.map(\.id)
        if !descending { expected.reverse() } // ▲: the least urgent first
        let sort = ListSort("priority", descending: descending)
        let collected = try repo.prepareSearch(.allOpen, matching: "", sort: sort)
        var walked = PreparedTicketSearch(query: .allOpen, text: "", plan: .sortedWalk(repo.queueCondition(.allOpen)), count: nil,
                                          isCountCapped: false)
        walked.sort = sort
        let narrow = try repo.prepareSearch(.allOpen, matching: "fall", sort: sort)
        for search in [collected, walked, narrow] {
            var forward: [TicketSummary] = []
            while case let page = try repo.page(search, after: forward.last?.queueKey, limit: 2), !page.isEmpty { forward += page }
            #expect(forward.map(\.id) == expected)
            var backward: [TicketSummary] = []
            while case let page = try repo.page(search, before: backward.first?.queueKey, limit: 2), !page.isEmpty { backward = page + backward }
            #expect(backward.map(\.id) == expected)
        }
        let plan = try repo.sortedWalkPlan(.allOpen, sort: sort).joined(separator: "; ")
        #expect(plan.contains("tickets_by_urgency") && !plan.contains("TEMP B-TREE"), "\(plan)")
    }
}

/// The customer list sorted by contact, phone or country, which have no
/// index: in memory, where the list or its filter holds few customers.
@Suite("Customers sorted by any column when few")
struct CustomerSortWhenFewTests {
    static let rows: [(name: String, contact: String, phone: String, country: String)] = [
        ("Alpha", "Özlem Kaya", "030 1", "DE"), ("Beta", "anna Berg", "+41 44", "ch"), ("Gamma", "", "089 7", "AT"),
        ("Delta", "Zora Vogel", "", "DE"), ("Epsilon", "Ölaf Nord", "030 1", ""),
    ]

    @Test(arguments: [false, true])
    func contactPhoneAndCountrySortAShortListBothWays(descending: Bool) throws {
        let t = try TestDatabase()
        let repo = t.database.customers
        var ids: [Int64] = []
        for row in Self.rows {
            ids.append(try repo.create(CustomerFields(name: row.name, contactName: row.contact, phone: row.phone, country: row.country), by: t.alice).id)
        }
        // Umlauts among their vowels, case ignored, the empty first; ties by id.
        let expected: [String: [Int]] = ["contact": [2, 1, 4, 0, 3], "phone": [3, 1, 0, 4, 2], "country": [4, 2, 1, 0, 3]]
        for (column, order) in expected {
            let sort = ListSort(column, descending: descending)
            for text in ["", "a"] {
                let prepared = try repo.prepare(CustomerQuery(text: text, sort: sort))
                #expect(prepared.sortsEveryColumn && prepared.refusedSort == nil, "\(column) “\(text)”")
                let found = Set(try repo.page(CustomerQuery(text: text), after: nil, limit: 50).map(\.id))
                var wanted = order.map { ids[$0] }.filter(found.contains)
                if descending { wanted.reverse() }
                let (forward, backward) = try ListSortTests.walk(repo, prepared)
                #expect(forward == wanted, "\(column) “\(text)”")
                #expect(backward == forward, "\(column) “\(text)”")
            }
        }
    }

    @Test func aLongerListKeepsItsOrderAndSaysSo() throws {
        let t = try TestDatabase()
        let repo = t.database.customers
        for row in Self.rows { _ = try repo.create(CustomerFields(name: row.name, contactName: row.contact), by: t.alice) }
        let sort = ListSort("contact")
        let long = try repo.prepare(CustomerQuery(sort: sort), narrowLimit: nil, sortLimit: 3)
        #expect(!long.sortsEveryColumn && long.refusedSort == sort)
        let byName = try repo.page(CustomerQuery(), after: nil, limit: 10).map(\.name)
        #expect(try repo.page(long, after: nil, limit: 10).map(\.name) == byName)
        // The city has its index and sorts any length.
        let byCity = try repo.prepare(CustomerQuery(sort: ListSort("city")), narrowLimit: nil, sortLimit: 3)
        #expect(byCity.refusedSort == nil)
        // A broad filter (walked) does not sort by contact either.
        let broad = try repo.prepare(CustomerQuery(text: "a", sort: sort), narrowLimit: 1)
        #expect(!broad.sortsEveryColumn && broad.refusedSort == sort)
    }
}

/// The ticket queue sorted by columns that have no index of their own:
/// in memory, where the view or search leaves few tickets; a longer queue
/// keeps its SLA order and says which order it did not take.
@Suite("Tickets sorted by any column when few")
struct TicketSortWhenFewTests {
    /// Five tickets of three customers, in three statuses, two assigned.
    static func queue() throws -> (TestDatabase, [Ticket]) {
        let db = try TestDatabase()
        let customers = try db.add(["Zeta AG", "Ärztehaus Nord", "bauer & Söhne"])
        let repo = db.database.tickets
        var made: [Ticket] = []
        for (i, (subject, customer)) in [("Zahlung offen", 0), ("Änderung der Adresse", 1), ("bestellung 4711", 2), ("Angebot", 0),
                                         ("Übergabe", 1)].enumerated() {
            made.append(try repo.create(TicketFields(subject: subject, customerID: customers[customer].id, priority: i % 2 == 0 ? .normal : .high),
                                        by: db.bob))
        }
        let staff = try db.bob.staffDirectory.find(username: "carol")!.id
        made[0] = try repo.assign(id: made[0].id, to: staff, expectedVersion: made[0].version, by: db.bob)
        made[2] = try repo.take(id: made[2].id, expectedVersion: made[2].version, by: db.bob)
        made[3] = try repo.setStatus(id: made[3].id, .pending, pendingUntil: Date().addingTimeInterval(86_400), expectedVersion: made[3].version, by: db.bob)
        made[4] = try repo.setStatus(id: made[4].id, .open, expectedVersion: made[4].version, by: db.bob)
        return (db, made)
    }

    static func pages(_ repo: TicketRepository, _ search: PreparedTicketSearch) throws -> (forward: [Int64], backward: [Int64]) {
        var forward: [TicketSummary] = []
        while case let page = try repo.page(search, after: forward.last?.queueKey, limit: 2), !page.isEmpty { forward += page }
        var backward: [TicketSummary] = []
        while case let page = try repo.page(search, before: backward.first?.queueKey, limit: 2), !page.isEmpty { backward = page + backward }
        return (forward.map(\.id), backward.map(\.id))
    }

    @Test(arguments: [false, true])
    func eachColumnSortsAShortQueueBothWays(descending: Bool) throws {
        let (db, t) = try Self.queue()
        let repo = db.database.tickets
        // As a person reads them: umlauts among their vowels, case ignored,
        // statuses in their course, the unassigned first (as SQLite's NULL).
        let rank: [TicketStatus: Int] = [.new: 0, .open: 1, .pending: 2]
        let byStatus = try t.map { try #require(try repo.find(id: $0.id)) }.sorted { (rank[$0.status]!, $0.id) < (rank[$1.status]!, $1.id) }
        let expected: [String: [Int64]] = [
            "number": t.map(\.id),
            "subject": [t[1], t[3], t[2], t[4], t[0]].map(\.id),
            "customer": [t[1], t[4], t[2], t[0], t[3]].map(\.id),
            "status": byStatus.map(\.id),
            "assignee": [t[1], t[3], t[4], t[2], t[0]].map(\.id),
        ]
        #expect(Set(byStatus.map(\.status)).count == 3)
        for (column, order) in expected {
            let sort = ListSort(column, descending: descending)
            // The whole queue, and a narrow search (its hits' keys).
            for text in ["", "a"] {
                var search = try repo.prepareSearch(.allOpen, matching: text, sort: sort)
                #expect(try search.isFew(repo))
                #expect(search.refusedSort == nil && search.sort == sort)
                let found = Set(try repo.page(repo.prepareSearch(.allOpen, matching: text), after: nil, limit: 50).map(\.id))
                let wanted = order.filter(found.contains)
                #expect(wanted.count >= 3, "\(column) “\(text)”")
                let shown = try Self.pages(repo, search)
                #expect(shown.forward == (descending ? wanted.reversed() : wanted), "\(column) “\(text)”")
                #expect(shown.backward == shown.forward, "\(column) “\(text)”")
            }
        }
    }

    @Test func aLongerQueueKeepsItsOrderAndSaysSo() throws {
        let (db, t) = try Self.queue()
        let repo = db.database.tickets
        var long = try repo.prepareSearch(.allOpen, matching: "")
        long.fewLimit = 3
        #expect(try !long.isFew(repo))
        let refused = try repo.sorted(long, by: ListSort("customer"))
        #expect(refused.refusedSort == ListSort("customer") && refused.sort == nil)
        let bySLA = try repo.page(long, after: nil, limit: 10).map(\.id)
        #expect(try repo.page(refused, after: nil, limit: 10).map(\.id) == bySLA)
        // The priority has its index and sorts any length.
        let byPriority = try repo.sorted(long, by: ListSort("priority", descending: true))
        #expect(byPriority.refusedSort == nil && byPriority.sort == ListSort("priority", descending: true))
        #expect(Set(try repo.page(byPriority, after: nil, limit: 10).map(\.id)) == Set(t.map(\.id)))
    }
}

/// A person's order, columns and saved views of a list: theirs alone.
@Suite("List choices and saved views")
struct ListChoicesTests {
    @Test func choicesAreEachPersonsOwn() throws {
        let t = try TestDatabase()
        try t.alice.setListSort(ListSort("city", descending: true), for: "customers")
        try t.alice.setHiddenColumns(["phone", "contact"], for: "customers")
        #expect(try t.alice.listChoices("customers") == ListChoices(sort: ListSort("city", descending: true), hiddenColumns: ["contact", "phone"]))
        #expect(try t.bob.listChoices("customers") == ListChoices())
        #expect(try t.alice.listChoices("tickets") == ListChoices(), "one list's choices are not another's")
        try t.alice.setListSort(nil, for: "customers")
        try t.alice.setHiddenColumns([], for: "customers")
        #expect(try t.alice.listChoices("customers") == ListChoices())
    }

    @Test func savedViewsAreNamedReplacedAndDeleted() throws {
        let t = try TestDatabase()
        let urgent = SavedListView(list: "tickets", name: "  Meine dringenden ", view: "mine", filter: "", sort: ListSort("priority", descending: true),
                                   hiddenColumns: ["queue"])
        try t.bob.save(urgent)
        try t.bob.save(SavedListView(list: "invoices", name: "Überfällig > 30 Tage", view: "overdue", filter: "", sort: ListSort("due"),
                                     hiddenColumns: [], scope: "30"))
        let saved = try t.bob.savedViews()
        #expect(saved.map(\.name) == ["Meine dringenden", "Überfällig > 30 Tage"])
        #expect(saved[0].listSort == ListSort("priority", descending: true))
        #expect(saved[0].scope == nil && saved[1].scope == "30", "a scope is kept where there is one")
        #expect(try t.bob.savedViews(of: "tickets").count == 1)
        #expect(try t.alice.savedViews().isEmpty, "nobody else's")
        // The same name again replaces it.
        var changed = urgent
        changed.filter = "drucker"
        try t.bob.save(changed)
        #expect(try t.bob.savedViews(of: "tickets").map(\.filter) == ["drucker"])
        try t.bob.deleteSavedView(named: "Meine dringenden", of: "tickets")
        #expect(try t.bob.savedViews().map(\.name) == ["Überfällig > 30 Tage"])
    }

    @Test("a view saved before views kept a scope still opens, without one")
    func aViewSavedWithoutScopeIsRead() throws {
        let t = try TestDatabase()
        try t.bob.setPreference(key: "list.tickets.saved.Alt",
                                to: #"{"list":"tickets","name":"Alt","view":"mine","filter":"","sort":"","hiddenColumns":[]}"#)
        let saved = try #require(try t.bob.savedViews(of: "tickets").first)
        #expect(saved.name == "Alt" && saved.view == "mine" && saved.scope == nil)
    }

    @Test func aNamelessOrLongNameIsRefused() throws {
        let t = try TestDatabase()
        func view(_ name: String) -> SavedListView {
            SavedListView(list: "customers", name: name, view: "", filter: "", sort: nil, hiddenColumns: [])
        }
        #expect(throws: KontorError.self) { try t.bob.save(view("   ")) }
        #expect(throws: KontorError.self) { try t.bob.save(view(String(repeating: "x", count: SavedListView.nameLimit + 1))) }
        #expect(try t.bob.savedViews().isEmpty)
    }
}
