import KontorLocale
import Foundation

/// The business rules of a ticket's life, as pure changes to a `Ticket`
/// value. The repository applies them inside a transaction and saves the
/// result; keeping them free of the database lets single and bulk changes
/// share one definition of what is allowed.
extension Ticket {
    /// Merged tickets are closed records pointing at their survivor; every
    /// change belongs on the survivor instead.
    func refuseIfMerged() throws {
        if let survivor = mergedIntoID {
            throw KontorError.rule(tr("ticket {0} was merged into ticket {1}; work on that one instead", id, survivor))
        }
    }

    /// The ticket moved to `status`.
    ///
    /// Pending needs a date in the future to look at it again, and only
    /// pending has one. Resolving stamps `resolvedAt`; going back to work
    /// (reopening) clears it, and the SLA deadline returns (see `withSLA`).
    /// Setting the status a ticket already has changes nothing, except that
    /// a pending ticket takes the new date.
    func changingStatus(to newStatus: TicketStatus, pendingUntil: Date?, now: Date) throws -> Ticket {
        try refuseIfMerged()
        if newStatus == .pending {
            guard let pendingUntil else {
                throw Self.invalid("pending until", tr("is required: the date to look at the ticket again"))
            }
            guard pendingUntil > now else { throw Self.invalid("pending until", tr("must be in the future")) }
        } else if pendingUntil != nil {
            throw Self.invalid("pending until", tr("applies only to pending tickets"))
        }
        var copy = self
        copy.pendingUntil = pendingUntil.map(Timestamp.string(from:))
        if newStatus == status { return copy }
        guard status.canChange(to: newStatus) else {
            let options = status.allowedNext.map { $0.displayName.lowercased() }.joined(separator: " or ")
            throw KontorError.rule(tr("ticket {0} is {1} and cannot become {2}; it can become {3}", id, status.displayName.lowercased(), newStatus.displayName.lowercased(), options))
        }
        copy.status = newStatus
        switch newStatus {
        case .resolved: copy.resolvedAt = Timestamp.string(from: now)
        case .closed: break // keeps when it was resolved, if it was
        case .new, .open, .pending: copy.resolvedAt = nil
        }
        return copy
    }

    /// The ticket after a message of `kind` arrives at `now`.
    ///
    /// Our first reply meets the first-response SLA and means someone is on
    /// it (new → open). A customer writing again puts a resolved or pending
    /// ticket back to work. Notes are internal and change nothing. Closed
    /// tickets take no messages: the conversation is over, and a merged
    /// ticket's thread now lives on its survivor.
    func receiving(_ kind: TicketMessageKind, at now: String) throws -> Ticket {
        try refuseIfMerged()
        guard status != .closed else {
            throw KontorError.rule(tr("ticket {0} is closed; reopen it before adding a message", id))
        }
        var copy = self
        switch kind {
        case .reply:
            if copy.firstResponseAt == nil { copy.firstResponseAt = now }
            if copy.status == .new { copy.status = .open }
        case .customer:
            if copy.status == .resolved || copy.status == .pending {
                copy.status = .open
                copy.pendingUntil = nil
                copy.resolvedAt = nil
            }
        case .note:
            break
        }
        return copy
    }

    /// The fields whose history the audit log keeps, by column name.
    var auditValues: [String: String?] {
        ["subject": subject, "contact_id": contactID.map(String.init), "queue": queue, "status": status.rawValue,
         "pending_until": pendingUntil, "priority": priority.rawValue, "assignee_id": assigneeID.map(String.init),
         "first_response_at": firstResponseAt, "merged_into_id": mergedIntoID.map(String.init), "tags": tags]
    }

    static func invalid(_ field: String, _ message: String) -> KontorError {
        KontorError.invalid(ValidationFailure([FieldIssue(field: field, message: message)]))
    }
}
