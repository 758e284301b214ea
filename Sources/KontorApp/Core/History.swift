/// The jumps between records, like a browser's history: where each jump
/// came from, so that Esc goes back there, and where back went from, so
/// that a key goes forward again.
struct History {
    struct Entry: Equatable {
        var screen: Int
        var location: ScreenLocation
    }

    private(set) var backStack: [Entry] = []
    private(set) var forwardStack: [Entry] = []
    /// Where the last jump or step put the user. While the screen still
    /// stands there, Esc means "back along the history" rather than the
    /// screen's own Esc.
    private(set) var landing: Entry?

    /// Steps kept at most; the oldest are forgotten.
    static let depth = 50

    var canGoBack: Bool { !backStack.isEmpty }
    var canGoForward: Bool { !forwardStack.isEmpty }
    var backTitle: String? { backStack.last?.location.title }
    /// The titles of the steps behind, oldest first.
    var trail: [String] { backStack.map(\.location.title) }

    mutating func jumped(from: Entry, to: Entry) {
        if backStack.last != from { backStack.append(from) }
        if backStack.count > Self.depth { backStack.removeFirst(backStack.count - Self.depth) }
        forwardStack = []
        landing = to
    }

    /// The entry to go back to, remembering `current` to come forward to.
    mutating func back(from current: Entry) -> Entry? {
        guard let entry = backStack.popLast() else { return nil }
        forwardStack.append(current)
        return entry
    }

    mutating func forward(from current: Entry) -> Entry? {
        guard let entry = forwardStack.popLast() else { return nil }
        backStack.append(current)
        return entry
    }

    mutating func landed(at entry: Entry) { landing = entry }
}
