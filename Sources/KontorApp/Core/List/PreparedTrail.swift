/// The queries a list prepared on the way to the one it shows, newest
/// last: a letter erased goes back to the query as it was a letter
/// earlier, without asking the database again, and a letter typed is
/// prepared with the one before it at hand (a customer filter typed
/// further takes its keys from it).
///
/// Only the way to the shown query is kept: going back drops what came
/// after, so a query is never taken from a text typed later. It holds
/// while the data does; the screen forgets it when the data changes.
struct PreparedTrail<Query: Equatable, Prepared> {
    private var steps: [(query: Query, prepared: Prepared)] = []

    /// Steps kept: a few letters back, each a few hundred kilobytes at most
    /// (a narrow customer filter's keys at a million customers).
    static var depth: Int { 8 }

    /// The query prepared last, if any.
    var last: Prepared? { steps.last?.prepared }

    /// `query` prepared: the last step, or one further back (the steps
    /// after it dropped), or made anew from the last and kept.
    mutating func prepared(_ query: Query, make: (_ before: Prepared?) throws -> Prepared) rethrows -> Prepared {
        if let index = steps.lastIndex(where: { $0.query == query }) {
            steps.removeSubrange((index + 1)...)
            return steps[index].prepared
        }
        let fresh = try make(steps.last?.prepared)
        steps.append((query, fresh))
        if steps.count > Self.depth { steps.removeFirst() }
        return fresh
    }

    mutating func forget() { steps = [] }
}
