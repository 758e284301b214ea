import Foundation
import GRDB
@testable import KontorModel
import Testing

@Suite("Deal list pages")
struct DealListPagesTests {
    /// 60 proposals with repeated values and dates, owners of all kinds, some
    /// without owner or date; and a few leads that must never show up.
    func seed(_ db: TestDatabase) throws -> [DealSummary] {
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let owners: [Int64?] = [db.bob.staff.id, db.dave.staff.id, nil, db.alice.staff.id, db.bob.staff.id]
        let dates = ["2026-05-01", "", "2026-03-15", "2026-03-15", "2026-12-31", "", "2026-01-02"]
        let values = [500, 120_000, 500, 9_900, 0, 120_000, 77]
        for i in 0..<60 {
            try repo.create(DealFields(customerID: acme.id, title: "Proposal \(i)", valueCents: values[i % values.count],
                                       expectedClose: dates[i % dates.count], ownerID: owners[i % owners.count]),
                            stage: .proposal, by: db.bob)
        }
        for i in 0..<4 {
            try repo.create(DealFields(customerID: acme.id, title: "Lead \(i)", valueCents: 1_000_000, ownerID: db.bob.staff.id), by: db.bob)
        }
        return try repo.page(stage: .proposal, order: .close, after: nil, limit: 1000)
    }

    /// Walks the whole stage forward in pages of `size`, then backward.
    func walk(_ repo: DealRepository, _ order: DealListOrder, size: Int) throws -> (forward: [DealSummary], backward: [DealSummary]) {
        var forward: [DealSummary] = []
        while true {
            let page = try repo.page(stage: .proposal, order: order, after: forward.last, limit: size)
            if page.isEmpty { break }
            #expect(page.count <= size)
            forward += page
        }
        var backward: [DealSummary] = []
        while true {
            let page = try repo.page(stage: .proposal, order: order, before: backward.first, limit: size)
            if page.isEmpty { break }
            backward = page + backward
        }
        return (forward, backward)
    }

    @Test(arguments: DealListOrder.allCases) func everyOrderWalksTheStageWithoutGapsOrRepeats(order: DealListOrder) throws {
        let db = try TestDatabase()
        let all = try seed(db)
        #expect(all.count == 60)
        let names = [db.alice.staff.id: db.alice.staff.fullName, db.bob.staff.id: "Bob Front", db.dave.staff.id: "Dave Manager"]
        // The order the list promises, computed here the slow way.
        let byClose: (DealSummary, DealSummary) -> Bool = { a, b in
            switch (a.expectedClose, b.expectedClose) {
            case let (x?, y?) where x != y: return x < y
            case (.some, .none): return true
            case (.none, .some): return false
            default: return a.id < b.id
            }
        }
        let expected: [DealSummary]
        switch order {
        case .value:
            expected = all.sorted { ($0.valueCents, $0.id) > ($1.valueCents, $1.id) }
        case .close:
            expected = all.sorted(by: byClose)
        case .owner:
            let rank = { (deal: DealSummary) -> String in deal.ownerID.map { names[$0]!.lowercased() } ?? "\u{10FFFF}" }
            expected = all.sorted { rank($0) != rank($1) ? rank($0) < rank($1) : byClose($0, $1) }
        }
        for size in [1, 7, 100] {
            let (forward, backward) = try walk(db.database.deals, order, size: size)
            #expect(forward.map(\.id) == expected.map(\.id), "\(order) forward in pages of \(size)")
            #expect(backward.map(\.id) == expected.map(\.id), "\(order) backward in pages of \(size)")
        }
        // Reading again from a row includes it: what a list does to stay on a record.
        let middle = expected[31]
        let again = try db.database.deals.page(stage: .proposal, order: order, after: middle, inclusive: true, limit: 3)
        #expect(again.map(\.id) == expected[31..<34].map(\.id))
        #expect(try db.database.deals.page(stage: .proposal, order: order, after: nil, limit: 0).isEmpty)
    }

    @Test func eachRunIsOneIndexRangeNotTheTable() throws {
        let db = try TestDatabase()
        let plans = try db.database.read { d in
            try ["(d.value_cents, d.id) < (100, 5) ORDER BY d.value_cents DESC, d.id DESC",
                 "d.owner_id = 3 AND d.expected_close IS NOT NULL AND (d.expected_close, d.id) > ('2026-01-01', 1) ORDER BY d.expected_close, d.id",
                 "d.owner_id IS NULL AND d.expected_close IS NULL AND (d.id) > (1) ORDER BY d.id"].map { tail in
                try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN SELECT \(DealSummary.columns) FROM \(DealSummary.from) WHERE d.stage = 'won' AND \(tail) LIMIT 10",
                                 arguments: ["2026-01-01"]).map { $0["detail"] as String }.joined(separator: " | ")
            }
        }
        #expect(plans[0].contains("deals_by_stage_value"), "\(plans[0])")
        #expect(plans[1].contains("deals_by_stage_owner"), "\(plans[1])")
        #expect(plans[2].contains("deals_by_stage_owner"), "\(plans[2])")
        for plan in plans { #expect(!plan.contains("TEMP B-TREE") && !plan.contains("SCAN d"), "\(plan)") }
        // The column heads add up a stage from the index alone.
        let totals = try db.database.read { d in
            try Row.fetchAll(d, sql: """
                EXPLAIN QUERY PLAN SELECT d.stage, count(*), coalesce(sum(d.value_cents), 0), \(DealSQL.weightedSum) FROM deals d GROUP BY d.stage
                """).map { $0["detail"] as String }.joined(separator: " | ")
        }
        #expect(totals.contains("COVERING INDEX deals_by_stage_value"), "\(totals)")
    }

    @Test func theOrdersCycle() {
        #expect(DealListOrder.value.next == .close)
        #expect(DealListOrder.close.next == .owner)
        #expect(DealListOrder.owner.next == .value)
    }
}
