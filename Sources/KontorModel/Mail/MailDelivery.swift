import KontorLocale
import Foundation
import GRDB

/// Delivers the outbox: claims a message that is due, hands it to sendmail,
/// and marks it sent, or due again later with the error, or — after the
/// last try — failed. Run by every terminal session in the background and
/// by `kontor mail send-queued` from cron; any number of them may run at
/// once, as a message is claimed in a write transaction before it is sent.
public struct MailDelivery: Sendable {
    public let database: KontorDatabase
    /// Who the audit log names for sent and given-up messages.
    public var actor: String
    /// The clock; tests move it to make retries due.
    public var now: @Sendable () -> Date
    /// How long sendmail may take with one message.
    public var timeout: TimeInterval = 120

    /// The waits after the first, second, … failed try: 1 min, 5 min,
    /// 30 min, 2 h, 6 h, 12 h. A message that fails once more is given up
    /// (about 21 hours after it was written) and shows as "not sent".
    public static let retryDelays: [TimeInterval] = [60, 300, 1_800, 7_200, 21_600, 43_200]
    public static var maxAttempts: Int { retryDelays.count + 1 }
    /// A claimed message is due again after this long, should the process
    /// sending it die before it could say how it went.
    static let claimLease: TimeInterval = 900

    public init(database: KontorDatabase, actor: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.actor = actor
        self.now = now
    }

    /// What one run did.
    public struct Report: Equatable, Sendable {
        public var sent: [OutboxEntry] = []
        /// Failed this time, to be tried again.
        public var retrying: [OutboxEntry] = []
        /// Failed for the last time.
        public var failed: [OutboxEntry] = []
        public var isEmpty: Bool { sent.isEmpty && retrying.isEmpty && failed.isEmpty }
    }

    /// Sends every message due now, one after the other, up to `limit`.
    public func sendDue(limit: Int = 200) throws -> Report {
        var report = Report()
        // Every open session looks whenever a colleague saved anything;
        // nearly always nothing is due, and a read says so without taking
        // the write lock that the colleagues' saves wait on.
        guard try anyDue() else { return report }
        for _ in 0..<limit {
            guard let claim = try claim() else { break }
            let result: Result<Void, Sendmail.Failure>
            do {
                try Sendmail.deliver(claim.raw, command: claim.command, timeout: timeout,
                                     setIn: database.serverSendmail == nil ? "the mail settings" : "the server's configuration (sendmail = … in kontor.conf)")
                result = .success(())
            } catch let failure as Sendmail.Failure {
                result = .failure(failure)
            }
            guard let entry = try finish(claim, result) else { continue }
            switch entry.state {
            case .sent: report.sent.append(entry)
            case .queued: report.retrying.append(entry)
            case .failed: report.failed.append(entry)
            }
        }
        return report
    }

    /// Whether a queued message is due now.
    func anyDue() throws -> Bool {
        let now = Timestamp.string(from: self.now())
        return try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?)",
                              arguments: [now])!
        }
    }

    /// When the next queued message falls due; nil when none waits.
    public func nextDue() throws -> Date? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'")
        }.flatMap(Timestamp.date(from:))
    }

    struct Claim {
        var id: Int64
        var attempt: Int
        var raw: Data
        var command: String
    }

    /// Takes the message due first: counts the try and moves its next try
    /// past the lease, so that no other sender takes it meanwhile.
    func claim() throws -> Claim? {
        let now = self.now()
        return try database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, attempts, raw FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT 1
                """, arguments: [Timestamp.string(from: now)]) else { return nil }
            let id: Int64 = row["id"]
            let attempt = (row["attempts"] as Int) + 1
            try db.execute(sql: "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ? WHERE id = ? AND state = 'queued'",
                           arguments: [attempt, Timestamp.string(from: now.addingTimeInterval(Self.claimLease)), id])
            return Claim(id: id, attempt: attempt, raw: row["raw"], command: try database.serverSendmail ?? MailSettings.read(db).sendmailCommand)
        }
    }

    /// Records how the try went, unless another sender has claimed the
    /// message since (its lease ran out): then theirs is the word.
    func finish(_ claim: Claim, _ result: Result<Void, Sendmail.Failure>) throws -> OutboxEntry? {
        let now = self.now()
        let at = Timestamp.string(from: now)
        return try database.write { db in
            switch result {
            case .success:
                try db.execute(sql: """
                    UPDATE mail_outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ? AND attempts = ? AND state = 'queued'
                    """, arguments: [at, claim.id, claim.attempt])
                guard db.changesCount == 1 else { return nil }
                try Audit.record(db, actor: actor, entity: "mail", id: claim.id, action: "sent", changes: [("state", "queued", "sent")])
            case let .failure(failure):
                let error = String(failure.description.prefix(1_000))
                if claim.attempt >= Self.maxAttempts {
                    try db.execute(sql: """
                        UPDATE mail_outbox SET state = 'failed', last_error = ? WHERE id = ? AND attempts = ? AND state = 'queued'
                        """, arguments: [error, claim.id, claim.attempt])
                    guard db.changesCount == 1 else { return nil }
                    try Audit.record(db, actor: actor, entity: "mail", id: claim.id, action: "failed",
                                     changes: [("state", "queued", "failed"), ("error", nil, error)])
                } else {
                    let next = now.addingTimeInterval(Self.retryDelays[claim.attempt - 1])
                    try db.execute(sql: """
                        UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND attempts = ? AND state = 'queued'
                        """, arguments: [Timestamp.string(from: next), error, claim.id, claim.attempt])
                    guard db.changesCount == 1 else { return nil }
                }
            }
            return try MailOutbox.entry(db, id: claim.id)
        }
    }
}

extension MailRepository {
    /// Puts a message given up on back in the queue, due at once, with its
    /// tries counted afresh: after the mail system was repaired.
    @discardableResult
    public func retry(id: Int64, by session: Session) throws -> OutboxEntry {
        try session.write(.workBillingTickets) { db in
            guard let entry = try MailOutbox.entry(db, id: id) else { throw KontorError.notFound(entity: "message", id: id) }
            // A message still waiting for its next try (the mail system was
            // repaired meanwhile) is due now rather than after its wait.
            switch entry.state {
            case .sent: throw KontorError.rule(tr("message {0} was sent already: nothing to retry", id))
            case .queued:
                try db.execute(sql: "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?", arguments: [Timestamp.now(), id])
                try Audit.record(db, session: session, entity: "mail", id: id, action: "retry", changes: [("next_attempt_at", entry.nextAttemptAt, "now")])
            case .failed:
                try db.execute(sql: "UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?",
                               arguments: [Timestamp.now(), id])
                try Audit.record(db, session: session, entity: "mail", id: id, action: "retry", changes: [("state", "failed", "queued")])
            }
            return try MailOutbox.entry(db, id: id)!
        }
    }
}
