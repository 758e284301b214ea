import Synchronization

/// A counter that work in the background reads to learn whether it is
/// still the latest of its kind: the App numbers each search as it starts
/// one, and a search asks, between its steps, whether a newer one began.
final class Generation: Sendable {
    private let latest = Atomic<Int>(0)

    /// Starts the next generation; returns its number.
    func next() -> Int { latest.add(1, ordering: .relaxed).newValue }

    /// Whether `number` is still the latest generation.
    func isLatest(_ number: Int) -> Bool { latest.load(ordering: .relaxed) == number }
}
