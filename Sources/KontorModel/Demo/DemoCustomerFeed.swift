import Foundation
import KontorCSV

/// The demo's customers made on a thread of their own while the seeder
/// writes the ones before them, as an import reads its file ahead
/// (`RowFeed`).
///
/// Making a customer (its fields, then its folded sort key and search
/// words) depends on the random draws alone, not on the database; about
/// half of the customers' step at a million was that work. The draws are
/// made in the same order as one thread made them, so a seed gives the
/// same customers; the random generator's state after the last customer
/// is handed back for the rest of the demo.
final class DemoCustomerFeed: @unchecked Sendable {
    /// One customer as written, with the draws made for it.
    struct Row: Equatable, Sendable {
        var fields: CustomerFields
        var sortKey: String
        var alias: String
        var searchText: String
        var paymentTermsDays: Int
        var archived: Bool
        var ownerID: Int64?
    }

    /// Customers per handover: one lock handover per batch, not per row.
    static let batchSize = 512

    private let batches = ReadAhead<[Row]>(depth: 4)
    private var current: [Row] = []
    /// The generator's state after the last customer, set by the making
    /// thread before it says it is done (so read after `next()` gave nil).
    private var randomAfter: DemoRandom

    /// Starts making `count` customers from `random` on a thread of its own.
    init(count: Int, random: DemoRandom, owners: [Int64]) {
        randomAfter = random
        let thread = Thread { [self] in
            var random = random
            var batch: [Row] = []
            batch.reserveCapacity(Self.batchSize)
            for index in 0..<count {
                batch.append(Self.make(index: index, random: &random, owners: owners))
                if batch.count == Self.batchSize || index == count - 1 {
                    guard batches.hand(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            randomAfter = random
            batches.finish()
        }
        thread.name = "kontor demo customers"
        thread.start()
    }

    /// The draws for one customer, in the order they have always been made.
    static func make(index: Int, random: inout DemoRandom, owners: [Int64]) -> Row {
        let fields = DemoSeeder.makeCustomer(index: index, random: &random)
        let derived = CustomerRepository.derivedColumns(fields)
        let days = fields.kind == .person ? 0 : random.chance(0.3) ? 30 : 14
        let archived = random.chance(0.03)
        let owner = random.chance(0.8) ? random.pick(owners) : nil
        return Row(fields: fields, sortKey: derived.sortKey, alias: derived.alias, searchText: derived.searchText,
                   paymentTermsDays: days, archived: archived, ownerID: owner)
    }

    /// The next customer in order; nil after the last.
    func next() -> Row? {
        if current.isEmpty {
            // The making thread never fails.
            guard let batch = (try? batches.next()) ?? nil else { return nil }
            current = batch.reversed()
        }
        return current.popLast()
    }

    /// The generator as the last customer left it. Waits for the making
    /// thread to say it is done (`next()` giving nil), which it says only
    /// after setting it: a seeder that took exactly its count of customers
    /// and read this at once could get the state from before them (a race
    /// that, under load, made the rest of a demo differ from run to run).
    var random: DemoRandom {
        while next() != nil {}
        return randomAfter
    }

    /// Stops the making thread (after an error while writing).
    func stop() { batches.stop() }
}
