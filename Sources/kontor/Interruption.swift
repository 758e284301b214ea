import Foundation
import KontorLocale

/// Ctrl-C, SIGTERM or a dropped link during long work that can stop
/// between its steps (a dunning run between two letters): the signal is
/// noted instead of ending the process, and the work asks `isRaised`, so
/// what it finished stays whole and nothing is left half-written. A second
/// signal ends the process at once.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []

    var isRaised: Bool { lock.withLock { raised } }

    /// Notes SIGINT, SIGTERM and SIGHUP from now until `end()`.
    func begin() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let again = lock.withLock { () -> Bool in
                    defer { raised = true }
                    return raised
                }
                if again { exit(128 + number) }
                FileHandle.standardError.write(Data("\n\(tr("kontor: stopping after the letter under way (again to stop at once)"))\n".utf8))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signals do what they did before.
    func end() {
        sources.forEach { $0.cancel() }
        sources = []
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }
}
