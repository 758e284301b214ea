/// The jumps between records, like a browser's history: where each jump
/// came from, so that Esc goes back there, and where back went from, so
/// that a key goes forward again.
///
/// Three rules keep it the browser's:
/// - A new jump forgets the way forward, and so does going anywhere else
///   from where a step back put the user (`forgetForward(unlessAt:)`):
///   `f` never brings back a page from before a new navigation.
/// - Back retraces the jumps, and the trail holds each place once: a
///   jump puts where the user came from on top (taking it off where it
///   was, if it was behind already), and leaves the place jumped to where
///   it is. So after customer → ticket → `c` (the customer again), Esc
///   goes to the ticket, then to the customer, then to what came before;
///   and screen keys pressed inside a chain of jumps never grow the trail
///   beyond the places there are.
/// - Esc means "back" only where a jump put the user. Stepping back onto
///   a record the user had opened from its own list makes Esc close the
///   record to that list, as it did before the jump, not leave the screen.
struct History {
    struct Entry: Equatable {
        var screen: Int
        var location: ScreenLocation

        /// The same screen showing the same record (or its list): the
        /// highlighted row and the filter do not make another place.
        func isSamePlace(as other: Entry) -> Bool {
            screen == other.screen && location.record == other.location.record
        }
    }

    /// A place on the trail, and whether the user had arrived there by a
    /// jump (and not moved on by the screen's own keys) when they left it.
    private struct Step {
        var entry: Entry
        var arrivedByJump: Bool
    }

    private var backSteps: [Step] = []
    private var forwardSteps: [Step] = []
    /// Where the last jump or step put the user. While the screen still
    /// stands there, and `landingMeansBack`, Esc means "back along the
    /// history" rather than the screen's own Esc.
    private(set) var landing: Entry?
    /// Whether the landing was reached by a jump (or by stepping onto a
    /// place reached so): false after stepping back onto a record the user
    /// had opened from its list.
    private(set) var landingMeansBack = false

    /// Steps kept at most; the oldest are forgotten.
    static let depth = 50

    var canGoBack: Bool { !backSteps.isEmpty }
    var canGoForward: Bool { !forwardSteps.isEmpty }
    var backTitle: String? { backSteps.last?.entry.location.title.text }
    /// The titles of the steps behind, oldest first.
    var trail: [String] { backSteps.map(\.entry.location.title.text) }
    var backStack: [Entry] { backSteps.map(\.entry) }

    /// A jump from `from` (where the user stood, `fromLanding` when a jump
    /// had put them there) to `to`.
    mutating func jumped(from: Entry, to: Entry, fromLanding: Bool = true) {
        if from.isSamePlace(as: to) {
            // Nowhere new: the trail stays.
        } else if let earlier = backSteps.firstIndex(where: { $0.entry.isSamePlace(as: from) }) {
            // From a place already behind: it moves to the top.
            let step = backSteps.remove(at: earlier)
            backSteps.append(Step(entry: from, arrivedByJump: fromLanding || step.arrivedByJump))
        } else {
            backSteps.append(Step(entry: from, arrivedByJump: fromLanding))
        }
        if backSteps.count > Self.depth { backSteps.removeFirst(backSteps.count - Self.depth) }
        forwardSteps = []
        landing = to
        landingMeansBack = true
    }

    /// The user is at `current` by the screen's own keys (a record closed
    /// up to its list): if that place is on the trail already, they are
    /// back at that point of it, as a step back would put them, and the
    /// trail no longer names the place they stand on.
    mutating func reached(_ current: Entry) {
        guard let earlier = backSteps.firstIndex(where: { $0.entry.isSamePlace(as: current) }) else { return }
        let step = backSteps[earlier]
        backSteps.removeSubrange(earlier...)
        forwardSteps = []
        landing = current
        landingMeansBack = step.arrivedByJump && !backSteps.isEmpty
    }

    /// The entry to go back to, remembering `current` to come forward to.
    mutating func back(from current: Entry, currentLanding: Bool) -> Entry? {
        guard let step = backSteps.popLast() else { return nil }
        forwardSteps.append(Step(entry: current, arrivedByJump: currentLanding))
        landingMeansBack = step.arrivedByJump
        return step.entry
    }

    mutating func forward(from current: Entry, currentLanding: Bool) -> Entry? {
        guard let step = forwardSteps.popLast() else { return nil }
        backSteps.append(Step(entry: current, arrivedByJump: currentLanding))
        landingMeansBack = step.arrivedByJump
        return step.entry
    }

    /// Where going back or forward put the user, as the screen shows it.
    mutating func landed(at entry: Entry) { landing = entry }

    /// Forgets the way forward once the user is no longer where the last
    /// step put them: they went somewhere new.
    mutating func forgetForward(unlessAt current: Entry) {
        guard canGoForward else { return }
        if let landing, landing.isSamePlace(as: current) { return }
        forwardSteps = []
    }
}
