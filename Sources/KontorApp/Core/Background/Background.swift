import KontorLocale
import Foundation

/// Work done away from the keyboard, whose results come back as messages
/// in the update step.
///
/// A screen starts a job with two halves: the work, which runs on a
/// background queue and may touch nothing of the screen (it is `@Sendable`:
/// it gets what it reads with, a repository, and sends what it found), and
/// the receiver, which the App runs later on the screens' own thread, in
/// `deliver()` before a frame or on a tick — where a message changes the
/// screen's state as a key does. So the screens' state is only ever touched
/// on one thread, and the only thing both threads share is the mailbox.
///
/// Anything slow can use it: a sum over a million rows, an export, a search.
final class Background {
    /// One job's way to send its results home.
    struct Outbox<Message: Sendable>: Sendable {
        fileprivate let job: Int
        fileprivate let mailbox: Mailbox

        /// Posts a message; its receiver gets it in the next update step.
        func send(_ message: Message) { mailbox.post(job: job, message) }
    }

    private let mailbox = Mailbox()
    private let queue: DispatchQueue
    /// The nice value background threads run with (see `init`).
    private static let niceness: Int32 = 10
    private var receivers: [Int: (receive: (any Sendable) -> Void, finished: () -> Void)] = [:]
    private var nextJob = 0

    /// - Parameter qos: `.utility` for work nobody waits on (the
    ///   dashboard's figures, mail), `.userInitiated` for what follows a
    ///   key (the related pane, the palette's search). Either way its
    ///   threads run with a nice value of 10: with a hundred sessions on
    ///   one server, every person's keys come before anyone's background
    ///   work. (One value for all: Dispatch may hand a thread from one
    ///   queue's work to another's, and a thread lowered stays lowered.)
    init(label: String = "kontor.background", qos: DispatchQoS = .utility) {
        queue = DispatchQueue(label: label, qos: qos, attributes: .concurrent)
    }

    /// Lowers the calling thread's priority to `niceness` (on Linux the
    /// nice value is the thread's own, not the process's). Dispatch's
    /// threads serve only background work here, and a thread lowered once
    /// stays so: raising it again needs a privilege sessions do not have.
    private static func yield(to niceness: Int32) {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        if getpriority(which, 0) < niceness { setpriority(which, 0, niceness) }
        #endif
    }

    /// Jobs started and not yet finished (their last message not yet delivered).
    var running: Int { receivers.count }

    /// Runs `work` on the background queue after `delay` seconds. Each
    /// message it sends reaches `receive`, in order, in the update step;
    /// when the work has returned and every message is delivered,
    /// `finished` runs.
    func start<Message: Sendable>(after delay: TimeInterval = 0,
                                  _ work: @escaping @Sendable (Outbox<Message>) -> Void,
                                  receive: @escaping (Message) -> Void,
                                  finished: @escaping () -> Void = {}) {
        nextJob += 1
        let outbox = Outbox<Message>(job: nextJob, mailbox: mailbox)
        receivers[nextJob] = ({ message in
            // Only this job's outbox posts under its number, and it posts Messages.
            if let message = message as? Message { receive(message) }
        }, finished)
        let mailbox = self.mailbox
        // The words the work makes (a section's heading) are the person's,
        // as they would be had it run in the step that started it.
        let language = Language.current
        let run: @Sendable () -> Void = {
            Self.yield(to: Self.niceness)
            Language.$scoped.withValue(language) { work(outbox) }
            mailbox.post(job: outbox.job, nil)
        }
        // Without a delay, at once: a timer, even one due now, waits for
        // the dispatch manager's next turn (tens of milliseconds here).
        if delay > 0 { queue.asyncAfter(deadline: .now() + delay, execute: run) } else { queue.async(execute: run) }
    }

    /// Hands every message that has arrived to its receiver; returns
    /// whether there were any. The App calls it in the update step.
    @discardableResult
    func deliver() -> Bool {
        let posts = mailbox.take()
        for post in posts {
            guard let receiver = receivers[post.job] else { continue }
            if let message = post.message {
                receiver.receive(message)
            } else {
                receivers[post.job] = nil
                receiver.finished()
            }
        }
        return !posts.isEmpty
    }

    /// Whether messages have arrived that the next update step will hand
    /// over: the loop draws a frame for them, and not before.
    var hasArrivals: Bool { mailbox.hasPosts }

    /// Waits until a message has arrived or `timeout` has passed; for tests
    /// and tools that have nothing else to do meanwhile.
    func wait(timeout: TimeInterval) {
        mailbox.wait(until: Date().addingTimeInterval(timeout))
    }

    /// Hands over messages as they arrive until every job has finished or
    /// `deadline` has passed: for tests, and for a session ending with work
    /// under way.
    func finish(by deadline: Date) {
        while running > 0, Date() < deadline {
            wait(timeout: 0.05)
            deliver()
        }
    }
}

/// Messages posted by background work, waiting for the update step: the
/// one thing both threads touch, guarded by its condition's lock.
private final class Mailbox: @unchecked Sendable {
    struct Post {
        var job: Int
        /// Nil: the job's work has returned.
        var message: (any Sendable)?
    }

    private let condition = NSCondition()
    private var posts: [Post] = []

    func post(job: Int, _ message: (any Sendable)?) {
        condition.lock()
        posts.append(Post(job: job, message: message))
        condition.broadcast()
        condition.unlock()
    }

    /// Whether anything waits to be taken, without taking it.
    var hasPosts: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !posts.isEmpty
    }

    func take() -> [Post] {
        condition.lock()
        defer { condition.unlock() }
        let taken = posts
        posts = []
        return taken
    }

    func wait(until deadline: Date) {
        condition.lock()
        defer { condition.unlock() }
        while posts.isEmpty, condition.wait(until: deadline) {}
    }
}
