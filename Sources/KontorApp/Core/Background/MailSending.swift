import KontorLocale
import Foundation
import KontorModel

/// The outbox delivered from a terminal session, away from the keyboard:
/// sendmail may take seconds (or, with a broken mail server, its whole
/// timeout), so it runs on a background queue of its own and no key ever
/// waits for it. The App looks when the data changed (a reply was saved
/// here or elsewhere) and when the next retry falls due; otherwise it
/// does nothing, so an idle session stays idle. Other sessions and cron's
/// `kontor mail send-queued` may deliver the same outbox: each message is
/// claimed before it is sent.
@MainActor
final class MailSending {
    let delivery: MailDelivery
    private let background = Background(label: "kontor.mail")
    /// When to look again without a change: the next retry's time.
    private var nextLook = Date.distantPast
    private(set) var running = false

    init(session: Session) {
        delivery = MailDelivery(database: session.database, actor: session.username)
    }

    /// What one run in the background found, for the message line.
    struct Run: Sendable {
        var report: MailDelivery.Report?
        var error: String?
        var nextDue: Date?
    }

    /// Starts a run when there may be something to send: the data changed,
    /// or a retry fell due. `done` gets what it did, in the update step.
    func look(dataChanged: Bool, now: Date = Date(), done: @escaping (Run) -> Void) {
        background.deliver()
        guard !running, dataChanged || now >= nextLook else { return }
        running = true
        let delivery = self.delivery
        background.start({ outbox in
            var run = Run()
            do {
                run.report = try delivery.sendDue(limit: 20)
                run.nextDue = try delivery.nextDue()
            } catch {
                run.error = ErrorText.describe(error)
                run.nextDue = Date().addingTimeInterval(60)
            }
            outbox.send(run)
        }, receive: { [unowned self] (run: Run) in
            nextLook = run.nextDue ?? .distantFuture
            done(run)
        }, finished: { [unowned self] in
            running = false
        })
    }

    /// Hands over what a finished run found; for the update step.
    func deliver() { background.deliver() }

    /// Waits until the run under way has finished and been taken in: for tests.
    func settle(timeout: TimeInterval = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while running, Date() < deadline {
            background.wait(timeout: 0.05)
            background.deliver()
        }
    }
}

extension App {
    /// A look at the outbox from the idle tick; what was sent or refused
    /// shows on the message line, and the screen reads again so that the
    /// thread or the invoice says it.
    func lookAtOutbox(dataChanged: Bool) {
        guard sendsMail else { return }
        mailSending.look(dataChanged: dataChanged) { [unowned self] run in
            if let error = run.error { return showBeside(tr("mail: {0}", error), isError: true) }
            guard let report = run.report, !report.isEmpty else { return }
            // A reply just saved said "queued for …, not sent yet": when that
            // mail is now sent, the line says so in its place rather than
            // adding "1 sent" beside a "not sent yet".
            if report.retrying.isEmpty, report.failed.isEmpty, let shown = message?.text, message?.isError == false {
                var text = shown
                for entry in report.sent {
                    let queued = MailWording.report(.queued(for: entry.recipients, attempts: 0, lastError: "", nextAttemptAt: entry.nextAttemptAt))
                    text = text.replacingOccurrences(of: queued, with: MailWording.report(entry.report))
                }
                if text != shown {
                    show(text, isError: false)
                    return activeScreen.dataChanged(self)
                }
            }
            var parts: [String] = []
            if !report.sent.isEmpty { parts.append(tr("{0} sent", report.sent.count)) }
            if let last = (report.failed + report.retrying).last {
                parts.append(MailWording.report(last.report))
            }
            showBeside(tr("Mail: {0}", parts.joined(separator: " · ")), isError: !report.failed.isEmpty || !report.retrying.isEmpty)
            activeScreen.dataChanged(self)
        }
    }
}
