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

    func workInBackground(saying first: String, _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void) throws -> String,
                          then: @escaping () -> Void) {
        show(first, isError: false)
        writing.start({ (outbox: Background.Outbox<Said>) in
            do {
                outbox.send(.done(try work { outbox.send(.progress($0)) }))
            } catch {
                outbox.send(.failed(ErrorText.describe(error)))
            }
        }, receive: { [weak self] said in
            switch said {
            case let .progress(text), let .done(text): self?.show(text, isError: false)
            case let .failed(text): self?.show(text, isError: true)
            }
        }, finished: then)
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
