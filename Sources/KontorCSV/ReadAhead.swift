import Foundation

/// Batches made on one thread and taken, in order, on another: how a file
/// is read ahead on a second core while the rows before are written.
///
/// The batches in flight are bounded (`depth`), so memory does not grow with
/// the file; one lock handover per batch, not per row. The maker stops when
/// the taker says it needs no more, and an error the maker ends with reaches
/// the taker after every batch made before it.
public final class ReadAhead<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var ready: [Batch] = []
    private var done = false
    private var stopped = false
    private var failure: (any Error)?

    public init(depth: Int) { self.depth = depth }

    /// The maker passes a batch on, waiting while `depth` are ready; false
    /// once the taker has stopped.
    public func hand(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= depth && !stopped { condition.wait() }
        if stopped { return false }
        ready.append(batch)
        condition.broadcast()
        return true
    }

    /// The maker has made its last batch; `error`, if any, is what it failed with.
    public func finish(_ error: (any Error)? = nil) {
        condition.lock()
        failure = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the taker has stopped.
    public var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// The next batch, in the order made; nil after the last (or once
    /// stopped and nothing is ready). Throws the maker's error after the
    /// batches made before it.
    public func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !done && !stopped { condition.wait() }
        guard !ready.isEmpty else {
            if let failure, !stopped { throw failure }
            return nil
        }
        condition.broadcast()
        return ready.removeFirst()
    }

    /// The taker needs no more: the maker stops at its next handover.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
