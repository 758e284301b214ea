import KontorLocale
import GRDB

/// The invoice processes: each one transaction, all or nothing, so the
/// database never holds half an invoice, a number without an invoice, or
/// stock moved for an invoice that was not issued.
extension InvoiceRepository {
    // MARK: Drafts

    /// A new, empty draft for a customer.
    @discardableResult
    public func createDraft(customerID: Int64, lines: [InvoiceLineInput] = [], by session: Session) throws -> Invoice {
        for line in lines { if let failure = line.validate() { throw KontorError.invalid(failure) } }
        return try session.write(.writeBackOffice) { db in
            let id = try Self.insertDraft(db, session: session, customerID: customerID, dealID: nil)
            for line in lines { try Self.insertLine(db, invoiceID: id, line) }
            try Self.refreshTotals(db, invoiceID: id)
            return try Self.invoice(db, id)
        }
    }

    /// Won deal → draft invoice with the deal's lines, linked both ways. The
    /// deal's products stay reserved, now by the draft. Open to the front
    /// office too: winning the deal is where the process starts.
    @discardableResult
    public func createDraft(fromDeal dealID: Int64, by session: Session) throws -> Invoice {
        // Either side may; which one is checked against the role as it is now.
        let permission: Permission = session.may(.writeFrontOffice) ? .writeFrontOffice : .writeBackOffice
        return try session.write(permission) { db in
            let dealLines = try DealRepository.invoiceLines(db, ofWonDeal: dealID)
            guard let deal = try Row.fetchOne(db, sql: "SELECT customer_id, title, value_cents FROM deals WHERE id = ?", arguments: [dealID]) else {
                throw KontorError.notFound(entity: "deal", id: dealID)
            }
            let id = try Self.insertDraft(db, session: session, customerID: deal["customer_id"], dealID: dealID)
            if dealLines.isEmpty {
                // A deal without lines becomes one line for its value.
                try Self.insertLine(db, invoiceID: id, InvoiceLineInput(description: deal["title"], quantity: 1, unit: "Psch", unitPriceCents: deal["value_cents"]))
            }
            for line in dealLines {
                let rate = VATRate(rawValue: line.vatRateBP) ?? .standard
                try Self.insertLine(db, invoiceID: id, InvoiceLineInput(
                    productID: line.productID, description: line.description, quantity: line.quantity, unit: line.unit,
                    unitPriceCents: line.unitPriceCents, vatRate: rate, vatExemption: rate == .zero ? "Steuerfrei" : ""))
            }
            try Self.refreshTotals(db, invoiceID: id)
            try DealRepository.linkInvoice(db, dealID: dealID, invoiceID: id, by: session)
            return try Self.invoice(db, id)
        }
    }

    @discardableResult
    public func addLine(to invoiceID: Int64, _ line: InvoiceLineInput, expectedVersion: Int, by session: Session) throws -> Invoice {
        if let failure = line.validate() { throw KontorError.invalid(failure) }
        return try session.write(.writeBackOffice) { db in
            let draft = try Self.draft(db, invoiceID, expectedVersion: expectedVersion)
            try Self.requireSold(db, line.productID)
            try Self.insertLine(db, invoiceID: invoiceID, line)
            try Self.touch(db, session: session, invoiceID: invoiceID, action: "add line", change: ("line", nil, line.description), over: draft)
            return try Self.invoice(db, invoiceID)
        }
    }

    @discardableResult
    public func updateLine(_ lineID: Int64, _ line: InvoiceLineInput, expectedVersion: Int, by session: Session) throws -> Invoice {
        if let failure = line.validate() { throw KontorError.invalid(failure) }
        return try session.write(.writeBackOffice) { db in
            guard let old = try InvoiceLine.fetchOne(db, sql: "SELECT * FROM invoice_lines WHERE id = ?", arguments: [lineID]) else {
                throw KontorError.notFound(entity: "invoice line", id: lineID)
            }
            let draft = try Self.draft(db, old.invoiceID, expectedVersion: expectedVersion)
            // A line keeps the product it has even once that is no longer sold.
            if line.productID != old.productID { try Self.requireSold(db, line.productID) }
            let stored = try Self.resolve(db, invoiceID: old.invoiceID, line)
            try db.execute(sql: """
                UPDATE invoice_lines SET product_id = ?, description = ?, quantity_milli = ?, unit = ?, unit_code = ?, unit_price_cents = ?,
                       tax_category = ?, vat_rate_bp = ?, vat_exemption = ?, tax_reason = ?, discount_cents = ?, discount_reason = ?,
                       discount_milli_percent = ?, net_cents = ?, period_start = ?, period_end = ? WHERE id = ?
                """, arguments: [line.productID, TextFolding.trimmed(line.description), line.quantity.milli, stored.unit, stored.unitCode.rawValue,
                                 line.unitPriceCents, stored.category.rawValue, stored.rate.rawValue, stored.exemption, stored.reason,
                                 line.discountCents, TextFolding.trimmed(line.discountReason), line.discountPercent?.milli, line.netCents,
                                 line.periodStart, line.periodEnd, lineID])
            try Self.touch(db, session: session, invoiceID: old.invoiceID, action: "change line",
                           change: ("line \(old.position)", "\(old.quantity) × \(old.description)", "\(line.quantity) × \(line.description)"),
                           over: draft)
            return try Self.invoice(db, old.invoiceID)
        }
    }

    /// A product put on a line must still be sold: the picker offers only
    /// such, but a colleague may deactivate it while the line is being
    /// written.
    private static func requireSold(_ db: Database, _ productID: Int64?) throws {
        guard let productID, try Bool.fetchOne(db, sql: "SELECT active FROM products WHERE id = ?", arguments: [productID]) == false else { return }
        throw KontorError.invalid(ValidationFailure([FieldIssue(field: "description", message: tr("is a product no longer sold (inactive): choose another"))]))
    }

    @discardableResult
    public func removeLine(_ lineID: Int64, expectedVersion: Int, by session: Session) throws -> Invoice {
        try session.write(.writeBackOffice) { db in
            guard let old = try InvoiceLine.fetchOne(db, sql: "SELECT * FROM invoice_lines WHERE id = ?", arguments: [lineID]) else {
                throw KontorError.notFound(entity: "invoice line", id: lineID)
            }
            _ = try Self.draft(db, old.invoiceID, expectedVersion: expectedVersion)
            try db.execute(sql: "DELETE FROM invoice_lines WHERE id = ?", arguments: [lineID])
            // The lines after it move up: an invoice numbers its lines 1, 2, 3.
            try db.execute(sql: "UPDATE invoice_lines SET position = position - 1 WHERE invoice_id = ? AND position > ?",
                           arguments: [old.invoiceID, old.position])
            try Self.touch(db, session: session, invoiceID: old.invoiceID, action: "remove line", change: ("line", old.description, nil))
            return try Self.invoice(db, old.invoiceID)
        }
    }

    /// Deletes a draft (issued invoices are cancelled by credit note instead).
    public func deleteDraft(_ invoiceID: Int64, expectedVersion: Int, by session: Session) throws {
        try session.write(.writeBackOffice) { db in
            _ = try Self.draft(db, invoiceID, expectedVersion: expectedVersion)
            try DealRepository.unlinkInvoice(db, invoiceID: invoiceID, by: session)
            try db.execute(sql: "DELETE FROM invoices WHERE id = ?", arguments: [invoiceID])
            try Audit.record(db, session: session, entity: "invoice", id: invoiceID, action: "delete draft")
        }
    }

    // MARK: Issuing

    /// Issues a draft: assigns the next number of the year, freezes seller,
    /// buyer and totals, sets the due date from the customer's payment terms,
    /// takes the products out of stock (which releases their reservation),
    /// and writes the audit entry. Refused as a whole if any product lacks stock.
    @discardableResult
    public func issue(_ invoiceID: Int64, issueDate: String = CalendarDate.today(), deliveryDate: String? = nil,
                      period: (start: String, end: String)? = nil, orderReference: String = "", skonto offer: SkontoOffer = .usual,
                      expectedVersion: Int, by session: Session) throws -> Invoice {
        let delivery = deliveryDate ?? issueDate
        var issues: [FieldIssue] = []
        if !CalendarDate.isValid(issueDate) {
            issues.append(FieldIssue(field: "issue date", message: tr("must be a date like 2026-11-29")))
        } else if issueDate > CalendarDate.today() {
            // It would open next year's numbers early, or date a claim not yet made.
            issues.append(FieldIssue(field: "issue date", message: tr("is after today: an invoice bears the day it is written")))
        }
        if !CalendarDate.isValid(delivery) { issues.append(FieldIssue(field: "delivery date", message: tr("must be a date like 2026-11-29"))) }
        if let period {
            if !CalendarDate.isValid(period.start) || !CalendarDate.isValid(period.end) {
                issues.append(FieldIssue(field: "service period", message: tr("must be two dates like 2026-11-01 and 2026-11-30")))
            } else if period.end < period.start {
                issues.append(FieldIssue(field: "service period", message: tr("ends before it starts")))
            }
        }
        if orderReference.count > 80 { issues.append(FieldIssue(field: "order reference", message: tr("is too long: {0} characters, at most 80", orderReference.count))) }
        if case .terms(let terms) = offer, let problem = terms.problem { issues.append(FieldIssue(field: "Skonto", message: problem)) }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        return try session.write(.writeBackOffice) { db in
            let draft = try Self.draft(db, invoiceID, expectedVersion: expectedVersion)
            let lines = try Self.lines(db, invoiceID: invoiceID)
            let allowances = try Self.allowances(db, invoiceID: invoiceID)
            guard !lines.isEmpty else { throw KontorError.rule(tr("an invoice needs at least one line before it can be issued")) }
            let settings = try CompanySettings.read(db)
            guard let customer = try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [draft.customerID]) else {
                throw KontorError.notFound(entity: "customer", id: draft.customerID)
            }
            let skonto = offer.resolved(usual: settings.skonto, paymentDays: customer.fields.paymentTermsDays)
            var problems = Self.issueProblems(settings: settings, customer: customer, lines: lines)
            problems += Self.allowanceProblems(allowances, lines: lines)
            // (The usual terms are left out then: `resolved`.)
            if let skonto, !skonto.endsBeforeDueDate(paymentDays: customer.fields.paymentTermsDays) {
                problems.append(FieldIssue(field: "Skonto", message: tr("{0} days do not end before the due date, {1} days after issue for {2}; shorten them or offer none",
                                                                        skonto.days, customer.fields.paymentTermsDays, customer.name)))
            }
            for line in lines where line.taxReason.isEmpty && line.taxCategory != .exempt && line.taxCategory != .zeroRated {
                let suggested = try Self.suggestion(db, invoiceID: invoiceID, productID: line.productID, unitCode: line.unitCode, rate: line.vatRate)
                if suggested.category != line.taxCategory, !problems.contains(where: { $0.field == "line \(line.position)" }) {
                    problems.append(FieldIssue(field: "line \(line.position)", message: tr("tax category {0} does not fit: {1} ({2}) is suggested for {3}; change the line or give a reason", line.taxCategory.code, suggested.category.code, tr(suggested.category.label), customer.name)))
                }
            }
            if !problems.isEmpty { throw KontorError.invalid(ValidationFailure(problems)) }
            let seller = try Self.seller(db)
            let parties = InvoiceParties.current(settings: settings, customer: customer)
            let totals = InvoiceTotals(lines: lines, allowances: allowances)
            if totals.grossCents <= 0 {
                throw KontorError.rule(tr("an invoice must come to more than 0,00; its discounts are {0} against lines of {1}", Money.format(cents: totals.allowancesCents), Money.format(cents: totals.linesNetCents)))
            }
            // Numbers follow the dates: none dated before the last one numbered.
            let series = String(issueDate.prefix(4))
            if let last = try Row.fetchOne(db, SQLRequest<Row>(literal: """
                SELECT i.number, i.issue_date FROM invoices i WHERE \(Self.numberStarts(series + "-")) ORDER BY i.number DESC LIMIT 1
                """)), let lastDate = last["issue_date"] as String?, lastDate > issueDate {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "issue date", message: tr(
                    "is before {0}, the date of {1}, the last invoice numbered: numbers follow the dates", CalendarDate.german(lastDate), last["number"] as String))]))
            }
            let number = try Self.nextNumber(db, series: series)
            let due = CalendarDate.adding(days: customer.fields.paymentTermsDays, to: issueDate)!
            try db.execute(sql: """
                UPDATE invoices SET status = 'issued', number = ?, issue_date = ?, delivery_date = ?, due_date = ?,
                       net_cents = ?, vat_cents = ?, gross_cents = ?,
                       seller_name = ?, seller_address = ?, seller_vat_id = ?, seller_tax_number = ?,
                       buyer_name = ?, buyer_address = ?, buyer_vat_id = ?, buyer_reference = ?,
                       period_start = ?, period_end = ?, order_reference = ?, skonto_bp = ?, skonto_days = ?,
                       version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ?
                """, arguments: [number, issueDate, delivery, due, totals.netCents, totals.vatCents, totals.grossCents,
                                 seller.name, seller.address, seller.vatID, seller.taxNumber,
                                 customer.name, ([customer.fields.contactName].filter { !$0.isEmpty } + customer.fields.addressLines).joined(separator: "\n"),
                                 customer.fields.vatID, customer.fields.buyerReference,
                                 period?.start, period?.end, TextFolding.trimmed(orderReference),
                                 skonto?.percentBP ?? 0, skonto?.days ?? 0, Timestamp.now(), session.username, invoiceID])
            try InvoicePartiesSchema.store(db, invoiceID: invoiceID, parties: parties.json)
            for line in lines {
                guard let productID = line.productID else { continue }
                try ProductRepository.move(db, session: session, productID: productID, quantity: -line.quantity.whole, kind: .issue,
                                           invoiceID: invoiceID, reference: number)
            }
            try Audit.record(db, session: session, entity: "invoice", id: invoiceID, action: "issue", changes: [
                ("status", "draft", "issued"), ("number", nil, number), ("gross_cents", nil, String(totals.grossCents)),
            ] + (skonto.map { [("skonto", nil, $0.typed)] } ?? []))
            return try Self.invoice(db, invoiceID)
        }
    }

    // MARK: Payments

    /// Records a payment, partial or full; full payment marks the invoice paid.
    /// More than the open amount is refused unless `acceptingOverpayment`
    /// says the customer really paid more (twice, say): the invoice is then
    /// paid and the difference is owed back, to be refunded
    /// (`recordRefund`).
    @discardableResult
    public func recordPayment(to invoiceID: Int64, amountCents: Int, paidOn: String = CalendarDate.today(),
                              method: Payment.Method = .transfer, reference: String = "", acceptingOverpayment: Bool = false,
                              takingSkonto: Bool = false, skontoEvenIfLate: Bool = false, by session: Session) throws -> Invoice {
        var issues: [FieldIssue] = []
        if amountCents <= 0 { issues.append(FieldIssue(field: "amount", message: tr("must be more than 0,00"))) }
        if method == .offset { issues.append(FieldIssue(field: "method", message: tr("must be how the money came: transfer, cash, card, direct debit or other"))) }
        if !CalendarDate.isValid(paidOn) {
            issues.append(FieldIssue(field: "date", message: tr("must be a date like 2026-11-29")))
        } else if paidOn > CalendarDate.today() {
            // Recorded when the money has come: a later day would count it
            // in every balance and reminder until then.
            issues.append(FieldIssue(field: "date", message: tr("is after today: a payment is recorded once the money has come")))
        }
        if reference.count > 140 { issues.append(FieldIssue(field: "reference", message: tr("is too long: {0} characters, at most 140", reference.count))) }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        return try session.write(.writeBackOffice) { db in
            try Self.recordPayment(db, to: invoiceID, amountCents: amountCents, paidOn: paidOn, method: method, reference: reference,
                                   acceptingOverpayment: acceptingOverpayment, takingSkonto: takingSkonto, skontoEvenIfLate: skontoEvenIfLate,
                                   by: session).invoice
        }
    }

    /// `recordPayment` inside the caller's transaction (a bank statement
    /// books many at once); the arguments are already checked for form.
    /// `known` is the invoice as the caller read it in this transaction.
    /// With the payment's row (not the Skonto's), which a bank entry keeps.
    /// `skontoEvenIfLate`: a person granted the Skonto after its period.
    static func recordPayment(_ db: Database, to invoiceID: Int64, amountCents: Int, paidOn: String, method: Payment.Method, reference: String,
                              acceptingOverpayment: Bool, takingSkonto: Bool, skontoEvenIfLate: Bool = false, by session: Session,
                              known: Invoice? = nil) throws -> (invoice: Invoice, paymentID: Int64) {
        let invoice = try known.flatMap { $0.id == invoiceID ? $0 : nil } ?? Self.invoice(db, invoiceID)
        // A paid invoice takes money only as an overpayment, meant as one
        // (a customer who paid twice): owed back, not lost.
        guard invoice.kind == .invoice, invoice.status == .issued || (invoice.status == .paid && acceptingOverpayment && !takingSkonto) else {
            throw KontorError.rule(tr("payments can only be recorded against issued, unpaid invoices; {0} is {1}", invoice.number ?? "this draft", invoice.status.rawValue))
        }
        let open = invoice.grossCents - invoice.paidCents
        guard amountCents <= open || acceptingOverpayment else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "amount", message: tr("is more than the open {0} {1}", Money.format(cents: open), invoice.currency))]))
        }
        // Skonto, when taken, covers what the payment leaves open, as the invoice offered it.
        var skonto: Int?
        if takingSkonto {
            let taken = try Self.skontoTaken(db, invoiceID: invoiceID)
            guard let rest = invoice.skontoCovering(afterPaying: amountCents, on: paidOn, skontoTakenCents: taken, evenIfLate: skontoEvenIfLate) else {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "amount", message: Self.skontoRefusal(invoice, amountCents: amountCents, paidOn: paidOn, taken: taken))]))
            }
            skonto = rest
        }
        try db.cachedStatement(sql: """
            INSERT INTO payments (invoice_id, amount_cents, paid_on, method, reference, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [invoiceID, amountCents, paidOn, method.rawValue, TextFolding.trimmed(reference), session.username, Timestamp.now()])
        let paymentID = db.lastInsertedRowID
        if let skonto {
            try db.execute(sql: """
                INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, reference, created_by, created_at)
                VALUES (?, 'skonto', ?, ?, 'offset', ?, ?, ?)
                """, arguments: [invoiceID, skonto, paidOn, "Skonto \(invoice.skonto!.percentText) %", session.username, Timestamp.now()])
        }
        let paid = try Self.afterPayment(db, invoice)
        var changes: [Audit.Change] = [("paid_cents", String(invoice.paidCents), String(paid.paidCents))]
        if let skonto { changes.append(("skonto_cents", nil, String(skonto))) }
        if paid.status != invoice.status { changes.append(("status", invoice.status.rawValue, paid.status.rawValue)) }
        if paid.owedToCustomerCents > 0 { changes.append(("overpaid_cents", nil, String(paid.owedToCustomerCents))) }
        try Audit.record(db, session: session, entity: "invoice", id: invoiceID, action: "payment", changes: changes)
        return (paid, paymentID)
    }

    // MARK: Cancelling

    /// Cancels an issued invoice by issuing a credit note for all of it: the
    /// credit note gets its own number (CN-YYYY-NNNNN), the products come back
    /// into stock, the customer's balance drops by the invoice's amount, and
    /// the original is marked cancelled. Returns the credit note.
    ///
    /// What was still open on the invoice is set off against the credit
    /// note (a settlement pair), so the cancelled invoice shows nothing
    /// open and the credit note shows exactly what the customer paid and is
    /// owed back (refunded with `recordRefund`); a credit note for an unpaid
    /// invoice is settled at once. A deal the invoice came from is released
    /// (won, not invoiced) so it can be invoiced again or reopened.
    @discardableResult
    public func cancel(_ invoiceID: Int64, reason: String = "", on date: String = CalendarDate.today(),
                       expectedVersion: Int, by session: Session) throws -> Invoice {
        try session.write(.writeBackOffice) { db in
            let original = try Self.invoice(db, invoiceID).checked(version: expectedVersion, entity: "invoice", id: invoiceID)
            guard original.kind == .invoice else { throw KontorError.rule(tr("a credit note cannot itself be cancelled")) }
            switch original.status {
            case .draft: throw KontorError.rule(tr("a draft is not cancelled but deleted"))
            case .cancelled: throw KontorError.rule(tr("invoice {0} is already cancelled", original.number!))
            case .issued, .paid: break
            }
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO invoices (kind, status, customer_id, deal_id, corrects_id, currency, notes, created_at, updated_at, updated_by)
                VALUES ('credit_note', 'draft', ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [original.customerID, original.dealID, invoiceID, original.currency,
                                 "Storno zu Rechnung \(original.number!)" + (reason.isEmpty ? "" : ": \(TextFolding.trimmed(reason))"),
                                 now, now, session.username])
            let noteID = db.lastInsertedRowID
            let lines = try Self.lines(db, invoiceID: invoiceID)
            for line in lines {
                try db.execute(sql: """
                    INSERT INTO invoice_lines (invoice_id, position, product_id, description, quantity_milli, unit, unit_code, unit_price_cents,
                                               tax_category, vat_rate_bp, vat_exemption, tax_reason, discount_cents, discount_reason, discount_milli_percent,
                                               net_cents, period_start, period_end)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [noteID, line.position, line.productID, line.description, -line.quantity.milli, line.unit, line.unitCode.rawValue,
                                     line.unitPriceCents, line.taxCategory.rawValue, line.vatRate.rawValue, line.vatExemption, line.taxReason,
                                     line.discountCents, line.discountReason, line.discountPercent?.milli, -line.netCents,
                                     line.periodStart, line.periodEnd])
            }
            let allowances = try Self.allowances(db, invoiceID: invoiceID)
            for allowance in allowances {
                try Self.insertAllowance(db, invoiceID: noteID, position: allowance.position, isCharge: allowance.isCharge,
                                         amountCents: -allowance.amountCents, percentBP: allowance.percentBP, reason: allowance.reason,
                                         category: allowance.taxCategory, rate: allowance.vatRate)
            }
            let totals = InvoiceTotals(lines: lines.map { (-$0.netCents, $0.vatRate, $0.taxCategory) },
                                       adjustments: allowances.map { (-$0.amountCents, $0.isCharge, $0.vatRate, $0.taxCategory) })
            let number = try Self.nextNumber(db, series: "CN-\(date.prefix(4))")
            try db.execute(sql: """
                UPDATE invoices SET status = 'issued', number = ?, issue_date = ?, delivery_date = ?, due_date = ?,
                       net_cents = ?, vat_cents = ?, gross_cents = ?,
                       seller_name = ?, seller_address = ?, seller_vat_id = ?, seller_tax_number = ?,
                       buyer_name = ?, buyer_address = ?, buyer_vat_id = ?, buyer_reference = ?,
                       period_start = ?, period_end = ?, order_reference = ?
                WHERE id = ?
                """, arguments: [number, date, original.deliveryDate, date, totals.netCents, totals.vatCents, totals.grossCents,
                                 original.seller.name, original.seller.address, original.seller.vatID, original.seller.taxNumber,
                                 original.buyer.name, original.buyer.address, original.buyer.vatID, original.buyerReference,
                                 original.periodStart, original.periodEnd, original.orderReference, noteID])
            // The credit note names the parties as the invoice did.
            try db.execute(sql: "INSERT INTO invoice_parties (invoice_id, parties) SELECT ?, parties FROM invoice_parties WHERE invoice_id = ?",
                           arguments: [noteID, invoiceID])
            for line in lines {
                guard let productID = line.productID else { continue }
                try ProductRepository.move(db, session: session, productID: productID, quantity: line.quantity.whole, kind: .return,
                                           invoiceID: noteID, reference: number)
            }
            // Before the status changes: a settlement sets off issued documents.
            let open = original.grossCents - original.paidCents
            if open != 0 {
                try Self.settle(db, invoiceID: invoiceID, invoiceNumber: original.number!, noteID: noteID, noteNumber: number,
                                amountCents: open, on: date, by: session)
            }
            // Skonto the customer took was never paid: the credit note owes back only the money received.
            let skontoTaken = try Self.skontoTaken(db, invoiceID: invoiceID)
            if skontoTaken != 0 {
                try db.execute(sql: """
                    INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, reference, created_by, created_at)
                    VALUES (?, 'skonto', ?, ?, 'offset', ?, ?, ?)
                    """, arguments: [noteID, -skontoTaken, date, original.number!, session.username, now])
            }
            try db.execute(sql: "UPDATE invoices SET status = 'cancelled', version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [now, session.username, invoiceID])
            var changes: [Audit.Change] = [("status", original.status.rawValue, "cancelled"), ("credit_note", nil, number)]
            if open != 0 { changes.append(("paid_cents", String(original.paidCents), String(original.grossCents))) }
            try Audit.record(db, session: session, entity: "invoice", id: invoiceID, action: "cancel", changes: changes)
            let note = try Self.invoice(db, noteID)
            try Audit.record(db, session: session, entity: "invoice", id: noteID, action: "issue",
                             changes: [("number", nil, number), ("gross_cents", nil, String(totals.grossCents))]
                                + (note.paidCents != 0 ? [("paid_cents", "0", String(note.paidCents))] : [])
                                + (note.status == .paid ? [("status", "issued", "paid")] : []))
            try DealRepository.releaseCredited(db, invoiceID: invoiceID, invoiceNumber: original.number!, creditNote: number, by: session)
            return note
        }
    }

    // MARK: Helpers

    /// The invoice as the payment triggers left it: they change only what
    /// was paid and the status, so only those are read again (a second wide
    /// row per payment was a good part of a bank statement's booking).
    static func afterPayment(_ db: Database, _ invoice: Invoice) throws -> Invoice {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT paid_cents, status FROM invoices WHERE id = ?"), arguments: [invoice.id]) else {
            throw KontorError.notFound(entity: "invoice", id: invoice.id)
        }
        var changed = invoice
        changed.paidCents = row["paid_cents"]
        changed.status = InvoiceStatus(rawValue: row["status"]) ?? invoice.status
        return changed
    }

    /// The invoice with its parties (`invoice_parties`), as printing, mailing
    /// and the e-invoice need it.
    static func invoice(_ db: Database, _ id: Int64) throws -> Invoice {
        guard let invoice = try Invoice.fetchOne(db.cachedStatement(sql: InvoicePartiesSchema.selectWithParties + " WHERE i.id = ?"), arguments: [id]) else {
            throw KontorError.notFound(entity: "invoice", id: id)
        }
        return invoice
    }

    /// The invoice, if it is a draft nobody changed since `expectedVersion`.
    static func draft(_ db: Database, _ id: Int64, expectedVersion: Int) throws -> Invoice {
        let invoice = try invoice(db, id)
        guard invoice.status == .draft else {
            throw KontorError.rule(tr("invoice {0} is {1}; issued invoices cannot be changed, only cancelled by credit note", invoice.number ?? "", invoice.status.rawValue))
        }
        return try invoice.checked(version: expectedVersion, entity: "invoice", id: id)
    }

    static func insertDraft(_ db: Database, session: Session, customerID: Int64, dealID: Int64?) throws -> Int64 {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE id = ?", arguments: [customerID])! > 0 else {
            throw KontorError.notFound(entity: "customer", id: customerID)
        }
        let now = Timestamp.now()
        try db.execute(sql: """
            INSERT INTO invoices (kind, status, customer_id, deal_id, created_at, updated_at, updated_by)
            VALUES ('invoice', 'draft', ?, ?, ?, ?, ?)
            """, arguments: [customerID, dealID, now, now, session.username])
        let id = db.lastInsertedRowID
        try Audit.record(db, session: session, entity: "invoice", id: id, action: "create draft",
                         changes: [("customer_id", nil, String(customerID))] + (dealID.map { [("deal_id", nil, String($0))] } ?? []))
        return id
    }

    static func insertLine(_ db: Database, invoiceID: Int64, _ line: InvoiceLineInput) throws {
        if let productID = line.productID, try Int.fetchOne(db, sql: "SELECT count(*) FROM products WHERE id = ?", arguments: [productID])! == 0 {
            throw KontorError.notFound(entity: "product", id: productID)
        }
        let stored = try resolve(db, invoiceID: invoiceID, line)
        let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM invoice_lines WHERE invoice_id = ?", arguments: [invoiceID]) ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO invoice_lines (invoice_id, position, product_id, description, quantity_milli, unit, unit_code, unit_price_cents,
                                       tax_category, vat_rate_bp, vat_exemption, tax_reason, discount_cents, discount_reason, discount_milli_percent,
                                       net_cents, period_start, period_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [invoiceID, position, line.productID, TextFolding.trimmed(line.description), line.quantity.milli, stored.unit,
                             stored.unitCode.rawValue, line.unitPriceCents, stored.category.rawValue, stored.rate.rawValue,
                             stored.exemption, stored.reason, line.discountCents, TextFolding.trimmed(line.discountReason),
                             line.discountPercent?.milli, line.netCents, line.periodStart, line.periodEnd])
    }

    /// Keeps a draft's stored totals equal to its lines, so lists show them.
    static func refreshTotals(_ db: Database, invoiceID: Int64) throws {
        let lines = try lines(db, invoiceID: invoiceID)
        let totals = InvoiceTotals(lines: lines, allowances: try recomputePercentAllowances(db, invoiceID: invoiceID, lines: lines))
        try db.execute(sql: "UPDATE invoices SET net_cents = ?, vat_cents = ?, gross_cents = ? WHERE id = ?",
                       arguments: [totals.netCents, totals.vatCents, totals.grossCents, invoiceID])
    }

    /// After a change to a draft: totals, version, audit. `draft` is the
    /// version the change was checked against, for a form's save (which
    /// may knowingly overwrite a colleague's, see `Audit.recordSave`).
    static func touch(_ db: Database, session: Session, invoiceID: Int64, action: String, change: Audit.Change, over draft: Invoice? = nil) throws {
        try refreshTotals(db, invoiceID: invoiceID)
        try db.execute(sql: "UPDATE invoices SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [Timestamp.now(), session.username, invoiceID])
        if let draft {
            try Audit.recordSave(db, session: session, entity: "invoice", id: invoiceID, action: action, over: draft, changes: [change])
        } else {
            try Audit.record(db, session: session, entity: "invoice", id: invoiceID, action: action, changes: [change])
        }
    }

    /// The next number in a series, inside the caller's transaction: if the
    /// transaction fails, the number was never taken, so numbers stay gapless.
    static func nextNumber(_ db: Database, series: String) throws -> String {
        try db.execute(sql: """
            INSERT INTO invoice_numbers (series, last_number) VALUES (?, 1)
            ON CONFLICT (series) DO UPDATE SET last_number = last_number + 1
            """, arguments: [series])
        let number = try Int.fetchOne(db, sql: "SELECT last_number FROM invoice_numbers WHERE series = ?", arguments: [series])!
        let digits = String(number)
        return "\(series)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    /// The seller as §14 UStG requires it: name, address, and a VAT id or tax number.
    static func seller(_ db: Database) throws -> Invoice.Party {
        let settings = try CompanySettings.read(db)
        guard !TextFolding.trimmed(settings.name).isEmpty, !TextFolding.trimmed(settings.address).isEmpty else {
            throw KontorError.rule(tr("the company's name and address are not set; an admin sets them in the company settings"))
        }
        guard !settings.vatID.isEmpty || !settings.taxNumber.isEmpty else {
            throw KontorError.rule(tr("the company has neither a VAT id nor a tax number, and an invoice must show one; an admin sets them in the company settings"))
        }
        return Invoice.Party(name: settings.name, address: settings.address, vatID: settings.vatID, taxNumber: settings.taxNumber)
    }
}
