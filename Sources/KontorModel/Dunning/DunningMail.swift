import Foundation
import GRDB

/// A dunning letter by mail: its text as the message, its PDF attached, to
/// the customer's billing address, queued in the outbox in the transaction
/// that records the letter (so a letter is mailed exactly when it is sent).
enum DunningMail {
    /// Queues `letter` with `pdf`; nil when the customer has no address,
    /// and the letter goes by post only.
    static func enqueue(_ db: Database, letter: DunningLetter, pdf: Data, session: Session, now: Date = Date()) throws -> OutboxEntry? {
        guard let first = letter.notices.first,
              let to = try DocumentMail.billingAddress(db, customerID: letter.customerID, issuedEmail: nil) else { return nil }
        let company = try CompanySettings.read(db).name
        return try DocumentMail.enqueue(db, kind: .dunning, invoiceID: first.invoiceID, to: to,
                                        subject: "\(letter.level.germanTitle) \(letter.fileName) · \(company)", body: letter.text,
                                        attachments: [OutgoingAttachment(fileName: letter.fileName + ".pdf", mimeType: "application/pdf", data: pdf)],
                                        session: session, now: now)
    }
}

extension Session {
    /// `sendDunning` that also mails each letter with its PDF (`pdf` makes
    /// it) to customers with an address. Returns the letters sent and those
    /// of them mailed.
    public func sendDunning(_ reviewed: DunningRun, excluding excluded: Set<Int64> = [], batchSize: Int = 50, progress: (Int) -> Void = { _ in },
                            stop: @escaping () -> Bool = { false }, beforeSending: () throws -> Void = {},
                            mailing pdf: (DunningLetter) throws -> Data,
                            deliver: (DunningLetter) throws -> Void) throws -> (letters: [DunningLetter], mailed: [Int64]) {
        var mailed: [Int64] = []
        let letters = try sendDunning(reviewed, excluding: excluded, batchSize: batchSize, progress: progress, stop: stop,
                                      beforeSending: beforeSending, deliver: deliver) { db, letter in
            if try DunningMail.enqueue(db, letter: letter, pdf: try pdf(letter), session: self) != nil { mailed.append(letter.id) }
        }
        return (letters, mailed)
    }
}
