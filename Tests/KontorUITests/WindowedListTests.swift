import KontorUI
import Testing

/// A sorted array standing in for a database table, counting what is asked of it.
final class FakeSource {
    struct Row: Identifiable, Equatable { var id: Int }
    var ids: [Int]
    var largestFetch = 0
    var fetches = 0

    init(count: Int) { ids = Array(0..<count) }

    func list() -> WindowedList<Row> {
        WindowedList<Row>(
            fetchAfter: { row, inclusive, limit in
                self.fetches += 1
                self.largestFetch = max(self.largestFetch, limit)
                let start = row.map { r in self.ids.firstIndex { inclusive ? $0 >= r.id : $0 > r.id } ?? self.ids.count } ?? 0
                return self.ids[start...].prefix(limit).map(Row.init)
            },
            fetchBefore: { row, limit in
                self.fetches += 1
                self.largestFetch = max(self.largestFetch, limit)
                let end = row.map { r in self.ids.firstIndex { $0 >= r.id } ?? self.ids.count } ?? self.ids.count
                return self.ids[..<end].suffix(limit).map(Row.init)
            })
    }
}

@Suite("Windowed list")
struct WindowedListTests {
    @Test func movesAndPagesWithoutLoadingEverything() throws {
        let source = FakeSource(count: 1_000_000)
        let list = source.list()
        list.visibleCount = 20
        try list.loadFirst()
        #expect(list.selected?.id == 0)
        try list.move(by: 1)
        #expect(list.selected?.id == 1)
        for _ in 0..<100 { try list.page(by: 1) }
        #expect(list.selected?.id == 2001)
        try list.loadLast()
        #expect(list.selected?.id == 999_999)
        try list.move(by: 1)
        #expect(list.selected?.id == 999_999)
        try list.page(by: -3)
        #expect(list.selected?.id == 999_939)
        try list.loadFirst()
        try list.move(by: -5)
        #expect(list.selected?.id == 0)
        #expect(source.largestFetch <= 60)
        #expect(list.rows.count <= 200)
    }

    @Test func walkingDownTheWholeListVisitsEveryRowOnce() throws {
        let source = FakeSource(count: 503)
        let list = source.list()
        list.visibleCount = 7
        try list.loadFirst()
        var seen = [list.selected!.id]
        while true {
            try list.move(by: 1)
            if list.selected!.id == seen.last { break }
            seen.append(list.selected!.id)
        }
        #expect(seen == Array(0..<503))
    }

    @Test func reloadKeepsTheCursorOnTheSameRecordAndHeight() throws {
        let source = FakeSource(count: 1000)
        let list = source.list()
        list.visibleCount = 10
        try list.loadFirst()
        try list.move(by: 505)
        let height = list.cursor - list.top
        source.ids.removeFirst(100) // rows before the cursor vanish
        source.ids.insert(-1, at: 0)
        try list.reload()
        #expect(list.selected?.id == 505)
        #expect(list.cursor - list.top == height)
        source.ids.removeAll { $0 == 505 } // the highlighted row itself goes
        try list.reload()
        #expect(list.selected?.id == 506)
    }

    /// Read again with the cursor a few rows down from the very first row:
    /// the list knows nothing is above ("▲" is not shown beside row one).
    @Test func reloadNearTheTopKnowsItIsAtTheStart() throws {
        let source = FakeSource(count: 1000)
        let list = source.list()
        list.visibleCount = 10
        try list.loadFirst()
        try list.move(by: 3)
        try list.reload()
        #expect(list.selected?.id == 3 && list.top == 0 && list.atStart)
        try list.move(by: 20)
        try list.reload()
        #expect(!list.atStart)
    }

    @Test func emptyListsAreHarmless() throws {
        let list = FakeSource(count: 0).list()
        try list.loadFirst()
        try list.move(by: 1)
        try list.page(by: -1)
        try list.loadLast()
        try list.reload()
        #expect(list.selected == nil)
        #expect(list.isEmpty)
    }
}

@Suite("Windowed list after a resize")
struct WindowedListResizeTests {
    @Test func aTallerWindowAtTheEndScrollsBackInsteadOfLeavingRowsHidden() throws {
        let source = FakeSource(count: 30)
        let list = source.list()
        list.visibleCount = 10
        try list.loadLast()
        #expect(list.visibleRows.first?.id == 20)
        list.visibleCount = 25
        try list.fillWindow()
        #expect(list.visibleRows.first?.id == 5, "25 rows fit: the last 25 show")
        #expect(list.visibleRows.count == 25)
        #expect(list.selected?.id == 29)
    }
}
