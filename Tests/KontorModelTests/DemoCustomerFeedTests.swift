@testable import KontorModel
import Testing

/// The demo's customers made on a thread of their own are the customers
/// one thread made from the same seed, and the generator goes on from the
/// same state afterwards: a seed gives the same database either way.
@Suite("Demo customers made ahead")
struct DemoCustomerFeedTests {
    @Test(arguments: [0, 1, DemoCustomerFeed.batchSize, 2 * DemoCustomerFeed.batchSize + 7])
    func theSameCustomersAsOneThreadMakes(count: Int) {
        let owners: [Int64] = [3, 5, 8]
        var alone = DemoRandom(seed: 42)
        let expected = (0..<count).map { DemoCustomerFeed.make(index: $0, random: &alone, owners: owners) }

        let feed = DemoCustomerFeed(count: count, random: DemoRandom(seed: 42), owners: owners)
        var made: [DemoCustomerFeed.Row] = []
        while let row = feed.next() { made.append(row) }
        #expect(made == expected)
        var after = feed.random
        #expect((0..<8).map { _ in after.next() } == (0..<8).map { _ in alone.next() }, "the draws go on where one thread left them")
    }

    /// As the seeder takes them: exactly its count, then the generator at
    /// once, without a last `next()`; the generator is still the one the
    /// making thread left (it was, at times, the one from before, and the
    /// rest of the demo then differed from run to run).
    @Test func takenByCountTheGeneratorGoesOnWhereTheThreadLeftIt() {
        let owners: [Int64] = [3, 5, 8]
        for count in [1, 2, 3, 17] {
            var alone = DemoRandom(seed: 7)
            for index in 0..<count { _ = DemoCustomerFeed.make(index: index, random: &alone, owners: owners) }
            let expected = alone.next()
            for _ in 0..<25 {
                let feed = DemoCustomerFeed(count: count, random: DemoRandom(seed: 7), owners: owners)
                for _ in 0..<count { _ = feed.next() }
                var after = feed.random
                #expect(after.next() == expected, "count \(count)")
            }
        }
    }

    /// Stopped early (the writing failed), the making thread stops at its
    /// next handover instead of making the rest.
    @Test func stoppedEarlyItMakesNoMore() {
        let feed = DemoCustomerFeed(count: 1_000_000, random: DemoRandom(seed: 1), owners: [1])
        #expect(feed.next() != nil)
        feed.stop()
        var rest = 0
        while feed.next() != nil { rest += 1 }
        #expect(rest < 6 * DemoCustomerFeed.batchSize, "at most the batches already made: \(rest)")
    }
}
