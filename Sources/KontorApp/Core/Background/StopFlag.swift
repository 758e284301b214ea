import Foundation

/// A flag the screens' thread raises and work in the background looks at:
/// the dashboard's reading when the person leaves it, a dunning run's
/// sending when they quit.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
}
