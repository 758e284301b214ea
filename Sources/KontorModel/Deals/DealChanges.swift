import KontorLocale
import GRDB

/// Creating, editing and moving deals. Every change checks the session's
/// role, runs in one IMMEDIATE transaction, names the version it was read
/// at, and records what changed in the audit log.
extension DealRepository {
    /// Validates and stores a new deal, in an open stage (lead unless
    /// said otherwise): a deal is won or lost by moving it, so that the
    /// outcome has a date and, if lost, a reason.
    @discardableResult
    public func create(_ fields: DealFields, stage: DealStage = .lead, by session: Session) throws -> Deal {
        let fields = try fields.checked(in: database, alsoLooking: [
            { db in try Self.checkCustomer(db, fields.customerID) }, { db in try CustomerRepository.checkOwner(db, fields.ownerID) },
        ])
        guard !stage.isClosed else {
            throw KontorError.rule(tr("a new deal starts in an open stage; move it to {0} once it is created", stage.displayName))
        }
        return try session.write(.writeFrontOffice) { db in
            try FieldIssues.throwAll([], [{ try Self.checkCustomer(db, fields.customerID) }, { try CustomerRepository.checkOwner(db, fields.ownerID) }])
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO deals (customer_id, title, stage, value_cents, probability, expected_close, owner_id,
                                   next_activity, lead_source, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [fields.customerID, fields.title, stage.rawValue, fields.valueCents, fields.probability,
                                 Self.date(fields.expectedClose), fields.ownerID, Self.date(fields.nextActivity),
                                 fields.leadSource, now, now, session.username])
            return try Deal.inserted(db, by: session, values: Self.auditValues(fields).merging(["stage": stage.rawValue]) { $1 })
        }
    }

    /// Saves new field values, if nobody saved the deal since
    /// `expectedVersion`; otherwise throws `.conflict` naming who did.
    ///
    /// A deal with lines is worth their sum: a different value is refused
    /// (change the lines instead). An invoiced deal keeps its customer and
    /// value, which its invoice now states.
    @discardableResult
    public func update(id: Int64, _ fields: DealFields, expectedVersion: Int, by session: Session) throws -> Deal {
        // A refusal names changed links that would be refused too.
        let fields = try fields.checked(in: database, alsoLooking: [
            { db in if try Self.fetch(db, id: id)?.fields.customerID != fields.customerID { try Self.checkCustomer(db, fields.customerID) } },
            { db in if try Self.fetch(db, id: id)?.fields.ownerID != fields.ownerID { try CustomerRepository.checkOwner(db, fields.ownerID) } },
            // With the other fields' problems, not after them on the next save.
            { db in try Self.checkValue(db, fields.valueCents, ofDeal: id) },
        ])
        return try session.write(.writeFrontOffice) { db in
            let old = try Deal.current(db, id: id, expectedVersion: expectedVersion)
            // Unchanged links are kept even if the customer was archived or
            // the owner deactivated since: editing the title must not fail on them.
            if fields.customerID != old.fields.customerID { try Self.checkCustomer(db, fields.customerID) }
            if fields.ownerID != old.fields.ownerID { try CustomerRepository.checkOwner(db, fields.ownerID) }
            try Self.checkValue(db, fields.valueCents, ofDeal: id)
            if let invoiceID = old.invoiceID, fields.customerID != old.fields.customerID || fields.valueCents != old.valueCents {
                throw KontorError.rule(tr("the deal “{0}” is invoiced ({1}); its customer and value can no longer change", old.title, try Self.invoiceName(db, invoiceID)))
            }
            try db.execute(sql: """
                UPDATE deals SET customer_id = ?, title = ?, value_cents = ?, probability = ?, expected_close = ?, owner_id = ?,
                       next_activity = ?, lead_source = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ?
                """, arguments: [fields.customerID, fields.title, fields.valueCents, fields.probability, Self.date(fields.expectedClose),
                                 fields.ownerID, Self.date(fields.nextActivity), fields.leadSource, Timestamp.now(), session.username, id])
            try Audit.recordSave(db, session: session, entity: "deal", id: id, over: old,
                                 changes: Audit.differences(Self.auditValues(old.fields), Self.auditValues(fields)))
            return try Self.fetch(db, id: id)!
        }
    }

    /// Moves a deal to any stage.
    ///
    /// - Lost needs a reason (`lostReason`, read only then); leaving lost
    ///   clears it (the audit log keeps it).
    /// - Won and lost stamp `closed_at`; reopening clears it.
    /// - The deal's own probability is dropped: it judged the deal at the
    ///   old stage, and the new stage's default is the better guess until
    ///   someone says otherwise.
    /// - An invoiced deal stays won.
    /// Moving to the stage the deal is in changes nothing (for lost: unless
    /// the reason differs) and keeps the version.
    /// Every stage change is in `history(of: "deal", id:, fields: ["stage"])`.
    @discardableResult
    public func moveStage(id: Int64, to stage: DealStage, lostReason: String = "", expectedVersion: Int, by session: Session) throws -> Deal {
        let reason = stage == .lost ? TextFolding.trimmed(lostReason) : ""
        if stage == .lost, let failure = DealFields.validateLostReason(reason) { throw KontorError.invalid(failure) }
        return try session.write(.writeFrontOffice) { db in
            let old = try Deal.current(db, id: id, expectedVersion: expectedVersion)
            return try Self.move(db, old, to: stage, lostReason: reason, by: session)
        }
    }

    /// The board's `>`: one stage along lead → qualified → proposal →
    /// negotiation → won. Refused at won (nothing lies beyond) and at lost:
    /// lost is off the path, and stepping a lost deal "forward" would reopen
    /// it at a guessed stage; use `<` or `moveStage` to reopen it.
    @discardableResult
    public func moveForward(id: Int64, expectedVersion: Int, by session: Session) throws -> Deal {
        try session.write(.writeFrontOffice) { db in
            let old = try Deal.current(db, id: id, expectedVersion: expectedVersion)
            guard let next = old.stage.next else {
                throw KontorError.rule(old.stage == .won
                    ? tr("deal {0} is already won; there is no stage after Won", id)
                    : tr("deal {0} is lost and does not move forward; reopen it with < or by choosing its stage", id))
            }
            return try Self.move(db, old, to: next, lostReason: "", by: session)
        }
    }

    /// The board's `<`: one stage back along the path (won reopens to
    /// negotiation). On a lost deal it undoes the loss: the deal returns to
    /// the stage it was lost from, as the audit log records it (negotiation
    /// if the log does not say). Refused at lead, the first stage; a deal
    /// given up from there is marked lost instead.
    @discardableResult
    public func moveBack(id: Int64, expectedVersion: Int, by session: Session) throws -> Deal {
        try session.write(.writeFrontOffice) { db in
            let old = try Deal.current(db, id: id, expectedVersion: expectedVersion)
            let target: DealStage
            if old.stage == .lost {
                target = try Self.stageLostFrom(db, id: id) ?? .negotiation
            } else if let previous = old.stage.previous {
                target = previous
            } else {
                throw KontorError.rule(tr("deal {0} is at Lead, the first stage; to give it up, mark it lost with a reason", id))
            }
            return try Self.move(db, old, to: target, lostReason: "", by: session)
        }
    }

    // MARK: Rules

    /// The one way a deal changes stage; see `moveStage` for the rules.
    static func move(_ db: Database, _ old: Deal, to stage: DealStage, lostReason: String, by session: Session) throws -> Deal {
        if old.stage == stage && (stage != .lost || old.lostReason == lostReason) { return old }
        if let invoiceID = old.invoiceID, stage != .won {
            let name = try invoiceName(db, invoiceID)
            let issued = try String.fetchOne(db, sql: "SELECT number FROM invoices WHERE id = ?", arguments: [invoiceID]) != nil
            throw KontorError.rule(issued ? tr("the deal “{0}” is invoiced ({1}) and stays won; cancel {1} by credit note first", old.title, name)
                                          : tr("the deal “{0}” is invoiced ({1}) and stays won; delete the draft invoice first", old.title, name))
        }
        let stageChanges = old.stage != stage
        let closedAt = stage.isClosed ? (stageChanges ? Timestamp.now() : old.closedAt) : nil
        let probability = stageChanges ? nil : old.fields.probability
        // Won or lost, its close date is the day it closed, not the one
        // planned: the board, the list and their order by close date say
        // when it happened. Reopened (`<`, or a stage chosen), it is planned
        // again for the day it was before, as undo puts it back.
        let planned = old.fields.expectedClose.isEmpty ? nil : old.fields.expectedClose
        var expectedClose = stage.isClosed && stageChanges ? CalendarDate.today() : planned
        if old.stage.isClosed, !stage.isClosed, let before = try plannedBeforeClosing(db, id: old.id) { expectedClose = before }
        try db.execute(sql: """
            UPDATE deals SET stage = ?, lost_reason = ?, closed_at = ?, probability = ?, expected_close = ?,
                   version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: [stage.rawValue, lostReason, closedAt, probability, expectedClose, Timestamp.now(), session.username, old.id])
        try Audit.record(db, session: session, entity: "deal", id: old.id, action: "move", changes: Audit.differences(
            ["stage": old.stage.rawValue, "lost_reason": old.lostReason, "closed_at": old.closedAt, "probability": old.fields.probability.map(String.init),
             "expected_close": planned],
            ["stage": stage.rawValue, "lost_reason": lostReason, "closed_at": closedAt, "probability": probability.map(String.init),
             "expected_close": expectedClose]))
        return try fetch(db, id: old.id)!
    }

    /// The close date a deal was planned for before it was last won or
    /// lost (which set it to that day), from the audit log: `.some(nil)`
    /// when none was planned, nil when the log does not say.
    static func plannedBeforeClosing(_ db: Database, id: Int64) throws -> String?? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT old_value FROM \(Audit.byEntity())
            WHERE entity = 'deal' AND entity_id = ? AND action = 'move' AND field = 'expected_close'
            ORDER BY id DESC LIMIT 1
            """, arguments: [id]) else { return nil }
        return .some(row["old_value"])
    }

    /// The stage a lost deal was in when it was lost, from the audit log.
    static func stageLostFrom(_ db: Database, id: Int64) throws -> DealStage? {
        let raw = try String.fetchOne(db, sql: """
            SELECT old_value FROM \(Audit.byEntity())
            WHERE entity = 'deal' AND entity_id = ? AND field = 'stage' AND new_value = 'lost'
            ORDER BY id DESC LIMIT 1
            """, arguments: [id])
        return raw.flatMap(DealStage.init(rawValue:)).flatMap { $0 == .lost ? nil : $0 }
    }

    static func checkCustomer(_ db: Database, _ customerID: Int64?) throws {
        guard let customerID else { return } // validation has refused it already
        guard let archived = try Bool.fetchOne(db, sql: "SELECT archived FROM customers WHERE id = ?", arguments: [customerID]) else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "customer", message: tr("does not exist (it may have been deleted)"))]))
        }
        if archived {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "customer", message: tr("is archived; restore the customer first"))]))
        }
    }

    /// Empty form dates are stored as NULL ("not known").
    static func date(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func auditValues(_ f: DealFields) -> [String: String?] {
        ["customer_id": f.customerID.map(String.init), "title": f.title, "value_cents": String(f.valueCents),
         "probability": f.probability.map(String.init), "expected_close": date(f.expectedClose),
         "owner_id": f.ownerID.map(String.init), "next_activity": date(f.nextActivity), "lead_source": f.leadSource]
    }

    /// A deal with lines is worth their sum: another value is refused.
    static func checkValue(_ db: Database, _ valueCents: Int, ofDeal id: Int64) throws {
        if let lineTotal = try DealMoney.lineTotal(db, dealID: id), lineTotal != valueCents {
            throw KontorError.invalid(ValidationFailure([FieldIssue(
                field: "value", message: tr("is the sum of the deal's lines ({0}); change the lines instead", Money.format(cents: lineTotal)))]))
        }
    }
}
