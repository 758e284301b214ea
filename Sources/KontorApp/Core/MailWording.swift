import KontorLocale
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
            text = tr("sent to {0} at {1}", to, Format.localTime(at))
        case let .queued(recipients, attempts, lastError, next):
            text = attempts == 0 || lastError.isEmpty
                ? tr("queued for {0}, not sent yet", recipients)
                : tr("not sent yet to {0}: {1} (try {2} failed; next try {3})", recipients, lastError, attempts, Format.shortTime(next))
        case let .failed(to, error):
            text = tr("not sent: {0} (to {1}; given up — kontor mail retry puts it back)", error, to)
        case let .notSent(reason):
            text = tr("not sent by mail: {0}", reason.text)
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
