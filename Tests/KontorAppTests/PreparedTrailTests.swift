@testable import KontorApp
import Testing

/// A list's prepared queries on the way to the one shown: erasing a letter
/// goes back a step without preparing again; typing prepares with the step
/// before at hand.
@Suite("Prepared trail")
struct PreparedTrailTests {
    @Test func erasingGoesBackAStepAndTypingPreparesWithTheOneBefore() {
        var trail = PreparedTrail<String, String>()
        var made: [(query: String, before: String?)] = []
        func prepared(_ query: String) -> String {
            trail.prepared(query) { before in
                made.append((query, before))
                return "\(query)#\(made.count)"
            }
        }
        #expect(prepared("m") == "m#1")
        #expect(prepared("mü") == "mü#2")
        #expect(prepared("mül") == "mül#3")
        #expect(made.map(\.before) == [nil, "m#1", "mü#2"])
        #expect(prepared("mül") == "mül#3", "the same query: the same step")
        // Erased back: the step as it was, nothing prepared.
        #expect(prepared("mü") == "mü#2")
        #expect(made.count == 3)
        // Typed on another way: the later step was dropped, so "mül" is prepared anew.
        #expect(prepared("müx") == "müx#4" && made.last?.before == "mü#2")
        #expect(prepared("mü") == "mü#2")
        #expect(prepared("mül") == "mül#5", "never taken from a text typed after the one shown")
        #expect(made.count == 5)

        trail.forget()
        #expect(prepared("mü") == "mü#6" && made.last?.before == nil, "the data changed: prepared afresh")
    }

    @Test func onlyAFewStepsAreKept() {
        var trail = PreparedTrail<Int, Int>()
        var made = 0
        for query in 0..<20 { _ = trail.prepared(query) { _ in made += 1; return query } }
        let depth = PreparedTrail<Int, Int>.depth
        _ = trail.prepared(20 - depth) { _ in made += 1; return -1 }
        #expect(made == 20, "the oldest step kept is still there")
        _ = trail.prepared(20 - depth - 1) { _ in made += 1; return -1 }
        #expect(made == 21, "one older was let go")
    }
}
