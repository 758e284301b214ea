/// SplitMix64: a small seeded generator that gives the same numbers for
/// the same seed on every machine (the demo's data, the load test's
/// schedules), which the system's generator does not promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The demo's draws, from `SplitMix64`, so that the same seed gives the
/// same demo database on every machine, and tests can rely on it.
struct DemoRandom {
    private var mix: SplitMix64

    init(seed: UInt64) { mix = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { mix.next() }

    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// True with the given probability (0...1).
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) < p * 1_000_000 }

    /// `count` random decimal digits (leading zeros kept).
    mutating func digits(_ count: Int) -> String {
        var limit = 1
        for _ in 0..<count { limit *= 10 }
        let text = String(int(0..<limit))
        return text.count < count ? String(repeating: "0", count: count - text.count) + text : text
    }
}
