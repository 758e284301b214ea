import GRDB
@testable import KontorModel
import Testing

/// The product list and the staff directory sorted by columns without an
/// index: while the list is short (every office's, and any filter of it),
/// by SQLite for each window; a list of more keeps its own order and says
/// which order it did not take.
@Suite("Products and staff sorted by any column when few")
struct ShortListSortTests {
    /// Products with prices, reorder points, stock and reservations that
    /// tie in places; reservations written as the triggers keep them.
    static func products(_ t: TestDatabase) throws -> [Int64] {
        let repo = t.database.products
        var ids: [Int64] = []
        for (i, (price, reorder, stock, reserved)) in [("9,90", 5, 10, 2), ("1,50", 0, 3, 0), ("9,90", 20, 0, 0), ("120,00", 5, 8, 7),
                                                        ("0,99", 1, 4, 1)].enumerated() {
            let p = try repo.create(ProductFields(sku: "T-\(i)", name: "Teil \(i)", price: price, reorderPoint: "\(reorder)"), by: t.alice)
            if stock > 0 { try repo.receive(productID: p.id, quantity: stock, by: t.alice) }
            if reserved > 0 { try t.raw("INSERT INTO reservation_totals (product_id, quantity) VALUES (\(p.id), \(reserved))") }
            ids.append(p.id)
        }
        // A service: no stock, its cells blank; first rising, last falling.
        ids.append(try repo.create(ProductFields(sku: "T-5", name: "Teil 5 Wartung", unit: "Std", price: "80,00", stocked: false), by: t.alice).id)
        return ids
    }

    static func pages<Row, Key>(_ page: (Key?, Bool) throws -> [Row], key: (Row) -> Key, id: (Row) -> Int64) throws -> (forward: [Int64], backward: [Int64]) {
        var forward: [Row] = []
        while case let rows = try page(forward.last.map(key), true), !rows.isEmpty { forward += rows }
        var backward: [Row] = []
        while case let rows = try page(backward.first.map(key), false), !rows.isEmpty { backward = rows + backward }
        return (forward.map(id), backward.map(id))
    }

    @Test(arguments: [false, true])
    func productsSortByEveryColumnBothWays(descending: Bool) throws {
        let t = try TestDatabase()
        let ids = try Self.products(t)
        let repo = t.database.products
        // Ties by id: price 9,90 twice, reorder 5 twice, reserved 0 twice.
        let expected: [String: [Int]] = ["price": [4, 1, 0, 2, 5, 3], "reorder": [5, 1, 4, 0, 3, 2], "reserved": [5, 1, 2, 4, 0, 3],
                                         "available": [5, 2, 3, 1, 4, 0]]
        for (column, order) in expected {
            let sort = ListSort(column, descending: descending)
            let counted = try repo.prepare(ProductListQuery(text: "teil", sort: sort))
            #expect(counted.sortsEveryColumn && counted.refusedSort == nil && counted.query.sort == sort && counted.count == 6)
            let shown = try Self.pages({ key, forward in
                forward ? try repo.listPage(counted.query, after: key, limit: 2) : try repo.listPage(counted.query, before: key, limit: 2)
            }, key: \.listKey, id: \.id)
            let wanted = order.map { ids[$0] }
            #expect(shown.forward == (descending ? wanted.reversed() : wanted), "\(column)")
            #expect(shown.backward == shown.forward, "\(column)")
        }
        // A row placed from a product just saved (its key without the value) finds its place.
        let third = try #require(try repo.listRow(id: ids[0]))
        #expect(try repo.listPage(ProductListQuery(sort: ListSort("price")), after: third.listKey, inclusive: true, limit: 2).map(\.id)
                == [ids[0], ids[2]])
    }

    @Test func aLongerProductListKeepsItsOrderAndSaysSo() throws {
        let t = try TestDatabase()
        _ = try Self.products(t)
        let repo = t.database.products
        let long = try repo.prepare(ProductListQuery(sort: ListSort("price")), sortLimit: 5)
        #expect(!long.sortsEveryColumn && long.refusedSort == ListSort("price") && long.query.sort == nil)
        // The stock on hand has its index and sorts any length.
        let byStock = try repo.prepare(ProductListQuery(sort: ListSort("on_hand")), sortLimit: 5)
        #expect(byStock.refusedSort == nil && byStock.query.sort == ListSort("on_hand"))
        // A filter that leaves few sorts again.
        #expect(try repo.prepare(ProductListQuery(text: "teil 3", sort: ListSort("price")), sortLimit: 5).refusedSort == nil)
    }

    @Test(arguments: [false, true])
    func staffSortByEveryColumnBothWays(descending: Bool) throws {
        let t = try TestDatabase()
        let directory = t.alice.staffDirectory
        for (i, (title, role, phone)) in [("Lagerist", Role.back, "0301"), ("Ärztin", .front, ""), ("buchhalter", .manager, "0891")].enumerated() {
            try directory.add(StaffFields(username: "p\(i)", fullName: "Person \(i)", title: title, phone: phone), role: role)
        }
        let all = try directory.page(StaffListQuery(view: .all), after: nil, limit: 50)
        let course: [Role: Int] = [.front: 0, .back: 1, .manager: 2, .admin: 3]
        func fold(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "ä", with: "a") }
        let values: [String: (StaffListRow) -> String] = [
            "title": { fold($0.member.title) }, "role": { "\(course[$0.member.role]!)" }, "phone": { $0.member.phone },
            "tickets": { String(format: "%06d", $0.openTickets) },
        ]
        #expect(all.count >= 5)
        for (column, value) in values {
            var wanted = all.sorted { (value($0), $0.id) < (value($1), $1.id) }.map(\.id)
            if descending { wanted.reverse() }
            let counted = try directory.prepare(StaffListQuery(view: .all, sort: ListSort(column, descending: descending)))
            #expect(counted.sortsEveryColumn && counted.refusedSort == nil)
            let shown = try Self.pages({ key, forward in
                forward ? try directory.page(counted.query, after: key, limit: 2) : try directory.page(counted.query, before: key, limit: 2)
            }, key: \.listKey, id: \.id)
            #expect(shown.forward == wanted, "\(column)")
            #expect(shown.backward == wanted, "\(column)")
        }
    }

    /// Phone and e-mail order only readers who may see them: for others the
    /// order would tell what the directory hides.
    @Test func phoneOrdersOnlyThoseWhoMaySeeIt() throws {
        let t = try TestDatabase()
        try t.alice.staffDirectory.add(StaffFields(username: "zed", fullName: "Aaron Zed", phone: "0000"), role: .front)
        let front = t.bob
        #expect(!front.may(.readStaffDetails))
        let asked = StaffListQuery(view: .all, sort: ListSort("phone"))
        #expect(try front.staffDirectory.prepare(asked).query.sort == nil)
        let byName = try front.staffDirectory.page(StaffListQuery(view: .all), after: nil, limit: 50).map(\.id)
        #expect(try front.staffDirectory.page(asked, after: nil, limit: 50).map(\.id) == byName)
        #expect(try t.alice.staffDirectory.prepare(asked).query.sort == ListSort("phone"))
        let long = try t.alice.staffDirectory.prepare(StaffListQuery(view: .all, sort: ListSort("role")), sortLimit: 2)
        #expect(long.refusedSort == ListSort("role") && long.query.sort == nil && !long.sortsEveryColumn)
    }
}
