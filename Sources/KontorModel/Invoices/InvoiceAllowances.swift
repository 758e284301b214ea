import KontorLocale
import GRDB

/// Discounts and surcharges on a draft as a whole: added and removed like
/// lines, each in one transaction with the draft's totals, version and audit.
extension InvoiceRepository {
    public func allowances(of invoiceID: Int64) throws -> [InvoiceAllowance] {
        try database.read { db in try Self.allowances(db, invoiceID: invoiceID) }
    }

    static func allowances(_ db: Database, invoiceID: Int64) throws -> [InvoiceAllowance] {
        try InvoiceAllowance.fetchAll(db, sql: "SELECT * FROM invoice_allowances WHERE invoice_id = ? ORDER BY position, id", arguments: [invoiceID])
    }

    /// Adds a discount or surcharge to a draft. Its VAT group is the one
    /// named, or the lines' only one; a percentage is of that group's lines.
    /// Refused, naming the field, when the draft has no line in the group or
    /// a discount would take the group below zero.
    @discardableResult
    public func addAllowance(to invoiceID: Int64, _ input: InvoiceAllowanceInput, expectedVersion: Int, by session: Session) throws -> Invoice {
        if let failure = input.validate() { throw KontorError.invalid(failure) }
        return try session.write(.writeBackOffice) { db in
            _ = try Self.draft(db, invoiceID, expectedVersion: expectedVersion)
            let lines = try Self.lines(db, invoiceID: invoiceID)
            let groups = InvoiceTotals(lines: lines, allowances: try Self.allowances(db, invoiceID: invoiceID)).byRate
            guard !lines.isEmpty else {
                throw KontorError.rule(tr("add the lines first: a discount or surcharge belongs to the lines it changes"))
            }
            let candidates = groups.filter { group in
                (input.taxCategory.map { $0 == group.category } ?? true) && (input.vatRate.map { $0 == group.rate } ?? true)
            }
            guard candidates.count == 1, let group = candidates.first else {
                let named = groups.map { Self.groupName($0.category, $0.rate) }.joined(separator: ", ")
                let message = candidates.isEmpty
                    ? tr("has no line of its own on this draft; the lines are at {0}", named)
                    : tr("must be given: the lines are at {0}", named)
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "VAT", message: message)]))
            }
            let lineSum = Self.groupLineNet(lines, group.category, group.rate)
            let amount = input.amountCents ?? Money.share(input.percentBP ?? 0, of: lineSum)
            guard amount > 0 else {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "amount", message: tr("comes to 0,00 on lines of {0}", Money.format(cents: lineSum)))]))
            }
            if !input.isCharge, amount > group.netCents {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "amount", message: tr("is more than the {0} at {1} it reduces", Money.format(cents: group.netCents), Self.groupName(group.category, group.rate)))]))
            }
            let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM invoice_allowances WHERE invoice_id = ?", arguments: [invoiceID]) ?? 0) + 1
            let reason = TextFolding.trimmed(input.reason)
            try Self.insertAllowance(db, invoiceID: invoiceID, position: position, isCharge: input.isCharge, amountCents: amount,
                                     percentBP: input.amountCents == nil ? input.percentBP : nil,
                                     reason: reason, category: group.category, rate: group.rate)
            try Self.touch(db, session: session, invoiceID: invoiceID, action: input.isCharge ? "add surcharge" : "add discount",
                           change: (input.isCharge ? "surcharge" : "discount", nil, "\(Money.format(cents: amount)) \(reason)"))
            return try Self.invoice(db, invoiceID)
        }
    }

    @discardableResult
    public func removeAllowance(_ allowanceID: Int64, expectedVersion: Int, by session: Session) throws -> Invoice {
        try session.write(.writeBackOffice) { db in
            guard let old = try InvoiceAllowance.fetchOne(db, sql: "SELECT * FROM invoice_allowances WHERE id = ?", arguments: [allowanceID]) else {
                throw KontorError.rule(tr("that discount or surcharge was removed meanwhile"))
            }
            _ = try Self.draft(db, old.invoiceID, expectedVersion: expectedVersion)
            try db.execute(sql: "DELETE FROM invoice_allowances WHERE id = ?", arguments: [allowanceID])
            try Self.touch(db, session: session, invoiceID: old.invoiceID, action: old.isCharge ? "remove surcharge" : "remove discount",
                           change: (old.isCharge ? "surcharge" : "discount", "\(Money.format(cents: old.amountCents)) \(old.reason)", nil))
            return try Self.invoice(db, old.invoiceID)
        }
    }

    static func insertAllowance(_ db: Database, invoiceID: Int64, position: Int, isCharge: Bool, amountCents: Int, percentBP: Int?,
                                reason: String, category: TaxCategory, rate: VATRate) throws {
        try db.execute(sql: """
            INSERT INTO invoice_allowances (invoice_id, position, is_charge, amount_cents, percent_bp, reason, tax_category, vat_rate_bp)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [invoiceID, position, isCharge, amountCents, percentBP, reason, category.rawValue, rate.rawValue])
    }

    /// The net of a draft's lines in one VAT group: what a percentage of it is taken of.
    static func groupLineNet(_ lines: [InvoiceLine], _ category: TaxCategory, _ rate: VATRate) -> Int {
        lines.filter { $0.taxCategory == category && $0.vatRate == rate }.reduce(0) { $0 + $1.netCents }
    }

    /// Works out a draft's percentage discounts and surcharges again from
    /// its lines as they are now: "5 % Treuerabatt" stays 5 % when a line
    /// is added or its price changes. One whose group has no line left, or
    /// whose share would come to nothing, keeps its amount; issuing names
    /// it (`allowanceProblems`).
    static func recomputePercentAllowances(_ db: Database, invoiceID: Int64, lines: [InvoiceLine]) throws -> [InvoiceAllowance] {
        var allowances = try allowances(db, invoiceID: invoiceID)
        for index in allowances.indices {
            guard let percent = allowances[index].percentBP else { continue }
            let share = Money.share(percent, of: groupLineNet(lines, allowances[index].taxCategory, allowances[index].vatRate))
            guard share != 0, share != allowances[index].amountCents else { continue }
            try db.execute(sql: "UPDATE invoice_allowances SET amount_cents = ? WHERE id = ?", arguments: [share, allowances[index].id])
            allowances[index].amountCents = share
        }
        return allowances
    }

    /// Why the discounts and surcharges keep a draft from being issued: each
    /// must stay in a VAT group that still has lines (they may have been
    /// edited since), and no group may go below zero.
    public static func allowanceProblems(_ allowances: [InvoiceAllowance], lines: [InvoiceLine]) -> [FieldIssue] {
        var problems: [FieldIssue] = []
        for allowance in allowances where !lines.contains(where: { $0.taxCategory == allowance.taxCategory && $0.vatRate == allowance.vatRate }) {
            problems.append(FieldIssue(field: allowance.isCharge ? tr("surcharge \"{0}\"", allowance.reason) : tr("discount \"{0}\"", allowance.reason),
                                       message: tr("is at {0}, where no line is left; remove it or add it again", groupName(allowance.taxCategory, allowance.vatRate))))
        }
        for allowance in allowances where allowance.percentBP != nil
            && Money.share(allowance.percentBP!, of: groupLineNet(lines, allowance.taxCategory, allowance.vatRate)) == 0
            && lines.contains(where: { $0.taxCategory == allowance.taxCategory && $0.vatRate == allowance.vatRate }) {
            problems.append(FieldIssue(field: allowance.isCharge ? tr("surcharge \"{0}\"", allowance.reason) : tr("discount \"{0}\"", allowance.reason),
                                       message: tr("comes to 0,00 on lines of {0}", Money.format(cents: groupLineNet(lines, allowance.taxCategory, allowance.vatRate)))))
        }
        for group in InvoiceTotals(lines: lines, allowances: allowances).byRate where group.netCents < 0 {
            problems.append(FieldIssue(field: tr("discounts"), message: tr("take {0} below zero ({1})", groupName(group.category, group.rate), Money.format(cents: group.netCents))))
        }
        return problems
    }

    /// "19 %" for a standard-rated group, else the category: "reverse charge (AE)".
    static func groupName(_ category: TaxCategory, _ rate: VATRate) -> String {
        category.chargesVAT ? rate.label : "\(category.label) (\(category.code))"
    }
}

// MARK: Skonto taken

extension InvoiceRepository {
    /// The Skonto already taken on an invoice.
    public func skontoTaken(on invoiceID: Int64) throws -> Int {
        try database.read { db in try Self.skontoTaken(db, invoiceID: invoiceID) }
    }

    static func skontoTaken(_ db: Database, invoiceID: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE invoice_id = ? AND kind = 'skonto'"),
                         arguments: [invoiceID]) ?? 0
    }

    /// Why Skonto cannot cover what a payment leaves open, in words.
    static func skontoRefusal(_ invoice: Invoice, amountCents: Int, paidOn: String, taken: Int) -> String {
        guard let skonto = invoice.skonto, let deadline = invoice.skontoDeadline else {
            return tr("cannot take Skonto: {0} offers none", invoice.number ?? "this invoice")
        }
        if paidOn > deadline { return tr("cannot take Skonto: it was offered until {0}, paid on {1}", deadline, paidOn) }
        let rest = invoice.grossCents - invoice.paidCents - amountCents
        return tr("leaves {0} open, but the {1} % Skonto comes to {2}", Money.format(cents: rest), skonto.percentText, Money.format(cents: invoice.skontoCents - taken))
    }
}
