import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KontorLocale
import KontorText
import KontorUI

/// What a layer shows that is read off the keys' thread: a report over
/// every open invoice takes seconds at a million rows, and the layer opens
/// at once, says what it is reading, and keeps its keys meanwhile (Esc
/// leaves; what was shown before a new read stays until the new one is
/// there).
///
/// Only the latest read counts: one started while another is under way
/// (another day asked for) makes the earlier one's answer be dropped, and
/// an answer for a layer that was closed meanwhile goes nowhere.
@MainActor
final class LayerReading<Value: Sendable> {
    /// The last value read; nil until the first arrives.
    private(set) var value: Value? {
        didSet { Self.release(oldValue) }
    }
    /// What is being read now, in words ("Reading the open items…"), while it is.
    private(set) var under: String?
    private var latest = 0

    var isReading: Bool { under != nil }

    deinit { Self.release(value) }

    /// Lets go of a value read off the keys' thread too: freeing some
    /// 90 000 open items took 10–15 ms, which Esc would otherwise wait for.
    /// The memory then goes back to the system, not only to the allocator:
    /// a session that looked at the dunning run once stayed at 86 MB, not 57.
    private nonisolated static func release(_ value: Value?) {
        guard let value else { return }
        let held = Held(value)
        DispatchQueue.global(qos: .utility).async {
            held.value = nil
            Self.trimHeap()
        }
    }

    /// glibc's `malloc_trim`, which its module map leaves out: hands the
    /// allocator's free pages back to the system.
    private nonisolated static func trimHeap() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// The one reference to a value being let go, so that it is freed
    /// where the box is emptied.
    private final class Held: @unchecked Sendable {
        var value: Value?
        init(_ value: Value) { self.value = value }
    }

    /// Reads with `work` in the background; `arrived` gets the value in the
    /// update step, after it is `value`, or why it could not be read (said
    /// to the person too).
    func read(_ what: String, host: ScreenHost, _ work: @escaping @Sendable () throws -> Value,
              arrived: @escaping (Result<Value, ReadFailure>) -> Void = { _ in }) {
        latest += 1
        let mine = latest
        under = what
        host.readInBackground(work) { [weak self, weak host] result in
            guard let self, mine == latest else { return }
            under = nil
            switch result {
            case let .success(read): value = read
            case let .failure(failure): host?.show(failure.text, isError: true)
            }
            arrived(result)
        }
    }

    /// Draws "Reading…" in the middle of `rect`, for a layer with nothing
    /// read yet.
    func drawWaiting(in rect: Rect, grid: inout Grid, theme: Theme) {
        let text = under ?? tr("Reading…")
        let width = TextWidth.of(text)
        grid.write(text, x: rect.x + max(1, (rect.width - width) / 2), y: rect.y + rect.height / 2, maxWidth: rect.width - 2, style: theme[.dim])
    }
}
