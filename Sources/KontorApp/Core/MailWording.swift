import KontorModel
import KontorText

/// What mail did with a message, in the words the ticket thread, the
/// invoice and `kontor mail outbox` use alike. Addresses and errors come
/// from data and the mail system: they go through the sanitiser.
public enum MailWording {
    public static func report(_ report: MailReport) -> String {
        let text: String
        switch report {
        case let .sent(to, at):
            text = "sent to \(to) at \(Format.localTime(at))"
        case let .queued(recipients, attempts, lastError, next):
            text = attempts == 0 || lastError.isEmpty
                ? "queued for \(recipients), not sent yet"
                : "not sent yet to \(recipients): \(lastError) (try \(attempts) failed; next try \(Format.shortTime(next)))"
        case let .failed(to, error):
            text = "not sent: \(error) (to \(to); given up — kontor mail retry puts it back)"
        case let .notSent(reason):
            text = "not sent by mail: \(reason)"
        }
        return VisibleText.clean(text)
    }

    /// Whether the words are bad news, to be shown as an error: the mail
    /// system refused. A reply with nobody to send it to is not an error.
    public static func isTrouble(_ report: MailReport) -> Bool {
        switch report {
        case .sent, .notSent: return false
        case let .queued(_, attempts, lastError, _): return attempts > 0 && !lastError.isEmpty
        case .failed: return true
        }
    }
}
