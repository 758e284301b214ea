import Foundation
import KontorLocale
import KontorModel

/// Files written and reports read off the keys' thread: an export of a
/// long list or the open items take seconds at a million rows, and the
/// screen stays usable meanwhile.
extension App {
    /// What work in the background says.
    private enum Said: Sendable {
        case progress(String)
        case done(String)
        case failed(String)
    }

    func workInBackground(saying first: String,
                          _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void, _ stopped: @escaping @Sendable () -> Bool) throws -> String,
                          then: @escaping () -> Void) {
        show(first, isError: false)
        let stop = StopFlag()
        let job = BackgroundWork(said: first, stop: stop)
        working.append(job)
        writing.start({ (outbox: Background.Outbox<Said>) in
            do {
                outbox.send(.done(try work({ outbox.send(.progress($0)) }, { stop.isRaised })))
            } catch {
                outbox.send(.failed(ErrorText.describe(error)))
            }
        }, receive: { [weak self] said in
            switch said {
            case let .progress(text):
                job.said = text
                self?.show(text, isError: false)
                // The question asked meanwhile says how far it is now, as the line below does.
                if let self, quitDialog != nil, working.last === job { quitDialog = workUnderWayDialog(job) }
            case let .done(text): self?.show(text, isError: false)
            case let .failed(text): self?.show(text, isError: true)
            }
        }, finished: { [weak self] in
            self?.working.removeAll { $0 === job }
            then()
        })
    }

    /// Asks the work under way to stop, and waits until it has (at most
    /// `timeout` seconds): before the process ends.
    /// What the work said as it stopped ("540 letters were sent; then the
    /// run stopped…") is kept in `partingWords`, for the command line to
    /// print once the terminal is back: the screen it would show on is gone.
    func stopBackgroundWork(timeout: TimeInterval = 60) {
        guard writing.running > 0 else { return }
        working.forEach { $0.stop.raise() }
        let before = messagesShown
        writing.finish(by: Date().addingTimeInterval(timeout))
        if messagesShown != before, let message { partingWords.append(message.text) }
    }
}

/// Work under way in the background: what it last said, and its stop.
final class BackgroundWork {
    var said: String
    let stop: StopFlag

    init(said: String, stop: StopFlag) {
        self.said = said
        self.stop = stop
    }
}

/// Why a read in the background came back empty, in the person's words.
struct ReadFailure: Error, Sendable {
    let text: String
}

extension App {
    func readInBackground<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value,
                                           receive: @escaping (Result<Value, ReadFailure>) -> Void) {
        reading.start({ (outbox: Background.Outbox<Result<Value, ReadFailure>>) in
            do { outbox.send(.success(try work())) } catch { outbox.send(.failure(ReadFailure(text: ErrorText.describe(error)))) }
        }, receive: receive)
    }
}
