import KontorLocale
import KontorModel

/// Files written and reports read off the keys' thread: an export of a
/// long list or the open items take seconds at a million rows, and the
/// screen stays usable meanwhile.
extension App {
    /// What a write in the background ends with.
    private enum Written: Sendable {
        case done(String)
        case failed(String)
    }

    func writeInBackground(_ work: @escaping @Sendable () throws -> String) {
        show(tr("Writing the file…"), isError: false)
        writing.start({ (outbox: Background.Outbox<Written>) in
            do { outbox.send(.done(try work())) } catch { outbox.send(.failed(ErrorText.describe(error))) }
        }, receive: { [weak self] written in
            switch written {
            case let .done(text): self?.show(text, isError: false)
            case let .failed(text): self?.show(text, isError: true)
            }
        })
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
