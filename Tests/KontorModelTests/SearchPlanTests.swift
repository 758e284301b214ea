@testable import KontorModel
import Testing

/// The two ways a filter is searched must find the same customers in the
/// same order; which one runs depends only on how many match.
@Suite("Search plans agree")
struct SearchPlanTests {
    static let queries = ["m", "mü", "müller", "muller", "mueller", "weiss", "berlin", "gmbh", "49 30", "jürg mül",
                          "山田", "o'brien", "de1", "a-b", "zz", "k", "hauptstr",
                          "buchhaltung", "rechnung anna"]

    @Test func indexAndScanFindTheSameRowsInTheSameOrder() throws {
        let db = try TestDatabase()
        try DemoSeeder.seed(db.database, scale: 2_500, actor: Actor(username: "alice"))
        try db.add(["O'Brien & Partner", "A-B Handel", "Weiß Logistik"])
        let repo = db.database.customers
        for text in Self.queries {
            for archived in [false, true] {
                let query = CustomerQuery(text: text, archived: archived)
                // Every hit collected and sorted, however many: the narrow way.
                let byIndex = try repo.prepare(query, narrowLimit: 1_000_000)
                #expect(!byIndex.isCountCapped)
                let byScan = PreparedCustomerQuery(query: query, plan: .scan(TextFolding.likePatterns(text), contacts: TextFolding.ftsQuery(text)), count: 0, isCountCapped: false)
                let a = try repo.page(byIndex, after: nil, limit: 5_000).map(\.id)
                let b = try repo.page(byScan, after: nil, limit: 5_000).map(\.id)
                #expect(a == b, "plans differ for “\(text)” (archived: \(archived)): \(a.count) vs \(b.count)")
                let prepared = try repo.prepare(query)
                if !prepared.isCountCapped {
                    // Paging the in-memory keys, forwards in small steps, gives the same rows.
                    var walked: [Int64] = []
                    var key: CustomerListKey?
                    while case let page = try repo.page(prepared, after: key, limit: 7), !page.isEmpty {
                        walked += page.map(\.id)
                        key = page.last?.listKey
                    }
                    #expect(walked == a, "keyed paging differs for “\(text)”")
                    let tail = try repo.page(prepared, before: nil, limit: 3).map(\.id)
                    #expect(tail == Array(a.suffix(3)))
                }
            }
        }
        #expect(try repo.count(CustomerQuery(text: "weiss")) >= 1)
        #expect(try repo.page(CustomerQuery(text: "o'brien"), after: nil, limit: 100).contains { $0.name == "O'Brien & Partner" })
    }

    /// A filter typed one letter further takes its keys from the one before
    /// when that one looked at every customer it finds; the list is the
    /// same as when read afresh, and a customer the earlier filter never
    /// saw (added since, or found only by the shorter text) is read afresh.
    @Test func aFilterTypedFurtherTakesItsKeysFromTheOneBefore() throws {
        let db = try TestDatabase()
        try DemoSeeder.seed(db.database, scale: 2_500, actor: Actor(username: "alice"))
        let repo = db.database.customers
        var reused = 0
        for typed in ["müller gmbh", "schmidt", "berlin", "anna k", "weiss"] {
            for (archived, sort) in [(false, nil), (true, nil), (false, ListSort("city"))] as [(Bool, ListSort?)] {
                var previous: PreparedCustomerQuery?
                for end in typed.indices.dropFirst().map({ typed[..<$0] }) + [typed[...]] {
                    let query = CustomerQuery(text: String(end), archived: archived, sort: sort)
                    let fresh = try repo.prepare(query)
                    let typedOn = try repo.prepare(query, previous: previous)
                    if case .keys = fresh.plan, previous?.keys(narrowedTo: typedOn.examined, for: query) != nil { reused += 1 }
                    #expect(typedOn.count == fresh.count && typedOn.isCountCapped == fresh.isCountCapped, "“\(end)”")
                    let rows = try repo.page(typedOn, after: nil, limit: 5_000).map(\.id)
                    #expect(try rows == repo.page(fresh, after: nil, limit: 5_000).map(\.id),
                            "“\(end)” (archived: \(archived), sort: \(String(describing: sort)))")
                    previous = typedOn
                }
            }
        }
        #expect(reused > 10, "keys taken over \(reused) times")

        // Erased back: the longer text never saw what only the shorter finds.
        let longer = try repo.prepare(CustomerQuery(text: "schmidt"))
        let shorter = try repo.prepare(CustomerQuery(text: "schm"))
        #expect(shorter.count > longer.count)
        #expect(longer.keys(narrowedTo: shorter.examined, for: CustomerQuery(text: "schm")) == nil)
        // Another archive or order: not taken over.
        let before = try repo.prepare(CustomerQuery(text: "schm"))
        #expect(before.keys(narrowedTo: before.examined, for: CustomerQuery(text: "schmi", archived: true)) == nil)
        #expect(before.keys(narrowedTo: before.examined, for: CustomerQuery(text: "schmi", sort: ListSort("city"))) == nil)
        // A customer added meanwhile is among the hits, unseen before: read afresh.
        let added = try db.add(["Schmitz Neugründung"])[0]
        let after = try repo.prepare(CustomerQuery(text: "schmi"), previous: before)
        let rows = try repo.page(after, after: nil, limit: 5_000)
        #expect(rows.contains { $0.id == added.id })
    }

    @Test func foldingMatchesTheTokenizer() {
        #expect(TextFolding.fold("ÄRZTE Straße Øresund Łódź Ĳssel") == "arzte strasse oresund lodz ijssel")
        #expect(TextFolding.tokens("j.mueller@mueller.example") == ["j", "mueller", "mueller", "example"])
        #expect(TextFolding.searchText(["Müller GmbH", "", "+49 30 123"]) == " muller gmbh ; 49 30 123 ; ")
        #expect(TextFolding.likePatterns("o'brien 50%") == ["% o brien%", "% 50%"])
        #expect(TextFolding.ftsQuery("  ") == nil)
        // A phone number written internationally is its digits, not its pieces ("1"* is every word starting with 1).
        #expect(TextFolding.ftsQuery("+49 221 229 1") == "(\"492212291\"* OR \"02212291\"*)")
        #expect(TextFolding.ftsQuery("0049 30 3250") == "(\"0049303250\"* OR \"49303250\"* OR \"0303250\"*)")
        // Written nationally it may be a postal code and a house number too ("01067 12"): pieces and digits both.
        #expect(TextFolding.ftsQuery("01067 12")?.contains("\"01067\"* AND \"12\"*") == true)
        #expect(TextFolding.ftsQuery("say \"hi\"") == "\"say\"* AND \"\"\"hi\"\"\"*")
        #expect(TextFolding.ftsQuery("weiß logistik") == "(\"weiß\"* OR \"weiss\"*) AND \"logistik\"*", "ß matches as ss too")
    }
}
