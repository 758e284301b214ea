import KontorLocale
import GRDB

/// Adding, changing and removing a deal's lines. Each change recomputes the
/// deal's value and bumps the deal's version in the same transaction, so
/// the board's totals never disagree with the lines, and someone editing
/// the deal meanwhile learns that it changed. `expectedVersion` is the deal's.
extension DealRepository {
    /// Appends a line. With a product, the description, unit price and VAT
    /// rate left empty come from the product; the product must be active.
    @discardableResult
    public func addLine(to dealID: Int64, _ fields: DealLineFields, expectedVersion: Int,
                        by session: Session) throws -> (deal: Deal, line: DealLine) {
        let fields = try fields.checked()
        return try session.write(.writeFrontOffice) { db in
            let deal = try Deal.current(db, id: dealID, expectedVersion: expectedVersion)
            try Self.checkLinesEditable(db, deal)
            let line = try Self.resolve(db, fields, requireActive: true)
            let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), 0) + 1 FROM deal_lines WHERE deal_id = ?",
                                            arguments: [dealID])!
            try db.execute(sql: """
                INSERT INTO deal_lines (deal_id, position, product_id, description, quantity_milli, unit_price_cents, vat_rate_bp)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [dealID, position, line.productID, line.description, line.quantity.milli, line.unitPriceCents, line.vatRateBP])
            let lineID = db.lastInsertedRowID
            try Audit.recordCreation(db, session: session, entity: "deal_line", id: lineID, values: Self.auditValues(line, dealID: dealID))
            let saved = try Self.settleValue(db, deal, by: session)
            return (saved, try Self.line(db, id: lineID)!)
        }
    }

    /// Changes a line. A product given anew must be active; one kept may
    /// have been deactivated since, and the line still stands.
    @discardableResult
    public func updateLine(id: Int64, _ fields: DealLineFields, expectedVersion: Int,
                           by session: Session) throws -> (deal: Deal, line: DealLine) {
        let fields = try fields.checked()
        return try session.write(.writeFrontOffice) { db in
            guard let old = try Self.line(db, id: id) else { throw KontorError.notFound(entity: "deal line", id: id) }
            let deal = try Deal.current(db, id: old.dealID, expectedVersion: expectedVersion)
            try Self.checkLinesEditable(db, deal)
            let line = try Self.resolve(db, fields, requireActive: fields.productID != old.productID)
            try db.execute(sql: """
                UPDATE deal_lines SET product_id = ?, description = ?, quantity_milli = ?, unit_price_cents = ?, vat_rate_bp = ?
                WHERE id = ?
                """, arguments: [line.productID, line.description, line.quantity.milli, line.unitPriceCents, line.vatRateBP, id])
            try Audit.record(db, session: session, entity: "deal_line", id: id, action: "update", changes: Audit.differences(
                Self.auditValues(old.fields, dealID: old.dealID), Self.auditValues(line, dealID: old.dealID)))
            let saved = try Self.settleValue(db, deal, by: session)
            return (saved, try Self.line(db, id: id)!)
        }
    }

    /// Removes a line and closes the gap in the positions. Removing the
    /// last line leaves the deal worth 0.00 (the sum of no lines) until a
    /// value is typed in again; the value typed before the lines is not
    /// brought back, as it may be long out of date.
    @discardableResult
    public func removeLine(id: Int64, expectedVersion: Int, by session: Session) throws -> Deal {
        try session.write(.writeFrontOffice) { db in
            guard let old = try Self.line(db, id: id) else { throw KontorError.notFound(entity: "deal line", id: id) }
            let deal = try Deal.current(db, id: old.dealID, expectedVersion: expectedVersion)
            try Self.checkLinesEditable(db, deal)
            try db.execute(sql: "DELETE FROM deal_lines WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE deal_lines SET position = position - 1 WHERE deal_id = ? AND position > ?",
                           arguments: [old.dealID, old.position])
            try Audit.record(db, session: session, entity: "deal_line", id: id, action: "delete",
                             changes: Audit.differences(Self.auditValues(old.fields, dealID: old.dealID), [:]))
            return try Self.settleValue(db, deal, by: session, typed: 0)
        }
    }

    // MARK: Rules

    /// Stores the value the lines give (`DealMoney.value`) and bumps the
    /// deal's version: the deal changed, even when its value did not.
    static func settleValue(_ db: Database, _ deal: Deal, by session: Session, typed: Int? = nil) throws -> Deal {
        let value = DealMoney.value(lineTotal: try DealMoney.lineTotal(db, dealID: deal.id), typed: typed ?? deal.valueCents)
        if value > DealMoney.maxValueCents {
            throw KontorError.rule(tr("deal {0} would be worth {1}, more than a deal may be ({2}); split it into several deals", deal.id, Money.format(cents: value), Money.format(cents: DealMoney.maxValueCents)))
        }
        try db.execute(sql: "UPDATE deals SET value_cents = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [value, Timestamp.now(), session.username, deal.id])
        try Audit.record(db, session: session, entity: "deal", id: deal.id, action: "lines",
                         changes: value == deal.valueCents ? [] : [("value_cents", String(deal.valueCents), String(value))])
        return try fetch(db, id: deal.id)!
    }

    /// The lines of an invoiced deal are what was invoiced; they stay as they are.
    static func checkLinesEditable(_ db: Database, _ deal: Deal) throws {
        if let invoiceID = deal.invoiceID {
            throw KontorError.rule(tr("the deal “{0}” is invoiced ({1}); its lines can no longer change", deal.title, try invoiceName(db, invoiceID)))
        }
    }

    /// The line's fields with the product's defaults filled in, checked again as complete.
    static func resolve(_ db: Database, _ fields: DealLineFields, requireActive: Bool) throws -> DealLineFields {
        var line = fields
        if let productID = fields.productID {
            guard let product = try Row.fetchOne(db, sql: "SELECT name, price_cents, vat_rate_bp, active, stocked FROM products WHERE id = ?",
                                                 arguments: [productID]) else {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "product", message: tr("does not exist (it may have been deleted)"))]))
            }
            if requireActive && !(product["active"] as Bool) {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "product", message: tr("is no longer sold (inactive)"))]))
            }
            // Stock is reserved in pieces: 2,5 of a stocked product is no quantity.
            if product["stocked"] as Bool, !fields.quantity.isWhole {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "quantity", message: tr("must be whole pieces for a product kept in stock"))]))
            }
            if line.description.isEmpty { line.description = TextFolding.trimmed(product["name"]) }
            if line.unitPriceCents == nil { line.unitPriceCents = product["price_cents"] }
            if line.vatRateBP == nil { line.vatRateBP = product["vat_rate_bp"] }
        }
        var complete = line
        complete.productID = nil // now everything must be filled in
        if let failure = complete.validate() { throw KontorError.invalid(failure) }
        return line
    }

    static func line(_ db: Database, id: Int64) throws -> DealLine? {
        try DealLine.fetchOne(db, sql: "SELECT * FROM deal_lines WHERE id = ?", arguments: [id])
    }

    static func auditValues(_ f: DealLineFields, dealID: Int64) -> [String: String?] {
        ["deal_id": String(dealID), "product_id": f.productID.map(String.init), "description": f.description,
         "quantity": f.quantity.description, "unit_price_cents": f.unitPriceCents.map(String.init), "vat_rate_bp": f.vatRateBP.map(String.init)]
    }
}
