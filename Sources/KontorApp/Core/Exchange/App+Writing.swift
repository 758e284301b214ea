import KontorLocale
import KontorModel

/// Files written off the keys' thread: an export of a long list takes
/// seconds at a million rows, and the screen stays usable meanwhile.
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
