import Foundation
import GRDB
@testable import KontorModel
import Testing

/// "wartung müller": a word of the deal's title and a word of its
/// customer's name find the deal, on the board's `/` and in the palette
/// (both ask `DealRepository.search`).
@Suite("Deal search across title and customer")
struct DealSearchAcrossTests {
    @Test func aWordOfTheTitleAndAWordOfTheCustomerFindTheDeal() throws {
        let t = try TestDatabase()
        let customers = try t.add(["Müller Bürotechnik GmbH", "Weiß & Söhne", "Zeta Systems"])
        let deals = t.database.deals
        let service = try deals.create(DealFields(customerID: customers[0].id, title: "Wartungsvertrag 2027"), by: t.bob)
        let zetaService = try deals.create(DealFields(customerID: customers[2].id, title: "Wartungsvertrag Kantine"), by: t.bob)
        let coffee = try deals.create(DealFields(customerID: customers[0].id, title: "Rahmenvertrag Kaffee"), by: t.bob)
        let weiss = try deals.create(DealFields(customerID: customers[1].id, title: "Straßenfest Ausstattung"), by: t.bob)

        #expect(try deals.search("wartung müller", limit: 8).map(\.id) == [service.id])
        #expect(try deals.search("MÜLLER wartung", limit: 8).map(\.id) == [service.id], "in any order")
        #expect(try deals.search("wartung mueller", limit: 8).map(\.id) == [service.id], "the customer's German spelling")
        #expect(try deals.search("wartung muller gmbh", limit: 8).map(\.id) == [service.id])
        #expect(try deals.search("vertrag müller", limit: 8).isEmpty, "words start words, in the title as elsewhere")
        #expect(try deals.search("wartung zeta", limit: 8).map(\.id) == [zetaService.id])
        #expect(try deals.search("müller 2027 rahmen", limit: 8).isEmpty, "every word must match one or the other")
        #expect(try deals.search("kaffee bürotechnik", limit: 8).map(\.id) == [coffee.id])
        #expect(try deals.search("straßenfest weiss", limit: 8).map(\.id) == [weiss.id], "ß typed or as ss")
        #expect(try deals.search("wartung", limit: 8).map(\.id) == [zetaService.id, service.id], "one word as before")
    }

    /// Against every deal of a demo business checked word by word: the
    /// same deals as the bounded lookup, and with lists cut short (common
    /// words) only deals that do match, newest first.
    @Test func theBoundedLookupFindsWhatCheckingEveryDealFinds() throws {
        let t = try TestDatabase(demoScale: 300)
        let deals = t.database.deals
        let all = try t.database.read { db in
            try Row.fetchAll(db, sql: "SELECT d.id, d.title, c.name, c.search_text FROM deals d JOIN customers c ON c.id = d.customer_id")
        }
        let sample = try #require(all.first { ($0["title"] as String).hasPrefix("Wartung") })
        let titleWord = String(TextFolding.tokens(sample["title"] as String)[0].prefix(5))
        let customerWord = String(TextFolding.tokens(sample["name"] as String)[0])
        let words = [titleWord, customerWord]
        let expected = all.filter { row in
            let title = TextFolding.tokens(row["title"] as String), customer = TextFolding.tokens(row["search_text"] as String)
            return words.allSatisfy { word in title.contains { $0.hasPrefix(word) } || customer.contains { $0.hasPrefix(word) } }
        }.map { $0["id"] as Int64 }.sorted(by: >)
        #expect(expected.contains(sample["id"] as Int64))
        let found = try t.database.read { db in try deals.searchAcross(db, words: words, limit: 1000) }
        #expect(found == expected, "\(words)")
        #expect(try deals.search(words.joined(separator: " "), limit: 1000).map(\.id).sorted(by: >) == expected)
        let cut = try t.database.read { db in try deals.searchAcross(db, words: words, limit: 1000, cap: 3) }
        #expect(!cut.isEmpty && cut.allSatisfy(expected.contains) && cut == cut.sorted(by: >))
    }

    /// The deals of customers a word finds: the newest ids first (SQLite
    /// reads them from the index on the customer at a million customers,
    /// or walks the few deals of a small business), then only those rows.
    /// The same deals as joining every customer's deals and sorting them.
    @Test func theCustomersNewestDealsAreTheJoinsNewest() throws {
        let t = try TestDatabase(demoScale: 300)
        let match = try #require(TextFolding.ftsQuery("m"))
        let joined = try t.database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT d.id FROM deals d JOIN customers c ON c.id = d.customer_id
                WHERE d.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT 500) ORDER BY d.id DESC LIMIT 3
                """, arguments: [match])
        }
        #expect(joined.count == 3)
        #expect(try t.database.read { db in try Int64.fetchAll(db, SQLRequest<Int64>(literal: DealRepository.newestOfCustomers(matching: match, limit: 3))) } == joined)
    }
}

/// How many deals a search finds in all: what the palette's heading says.
@Suite("Deal search count")
struct DealSearchCountTests {
    @Test func countsTitleAndCustomerMatchesAndStopsAtTheCap() throws {
        let t = try TestDatabase()
        let customers = try t.add(["Müller Bürotechnik GmbH", "Zeta Systems"])
        let deals = t.database.deals
        for i in 1...30 { try deals.create(DealFields(customerID: customers[1].id, title: "Wartungsvertrag \(i)"), by: t.bob) }
        try deals.create(DealFields(customerID: customers[0].id, title: "Kopierer"), by: t.bob)
        try deals.create(DealFields(customerID: customers[0].id, title: "Wartung Kopierer"), by: t.bob)
        #expect(try deals.count(matching: "wartung") == (31, false))
        #expect(try deals.count(matching: "müller") == (2, false), "by the customer's name")
        #expect(try deals.count(matching: "wartung müller") == (1, false), "a word of each")
        #expect(try deals.count(matching: "wartung", cap: 10) == (10, true), "past the cap: a lower bound")
        #expect(try deals.count(matching: "xyzzy") == (0, false))
    }
}
