import GRDB

/// A dunning letter as sent: what it claimed, from whom to whom. Read back
/// from `dunning_letters` and `dunning_notices` with today's company
/// settings and the customer's address, so a letter can be printed again;
/// the amounts are those it was sent with.
public struct DunningLetter: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var customerID: Int64
    public var date: String
    public var level: DunningLevel
    /// The customer's name and address lines, for the window.
    public var recipient: [String]
    public var consumer: Bool
    public var notices: [ProposedNotice]
    public var interestRateBP: Int
    public var feeCents: Int
    public var earlierFeesCents: Int
    public var payBy: String
    /// The base rate the interest was reckoned from, and since when it held.
    public var baseRateBP: Int
    public var baseRateFrom: String
    public var seller: CompanySettings
    /// Without extension: `Mahnung-00012` (the text and the PDF add theirs).
    public var fileName: String
    public var sentBy: String

    public var openCents: Int { notices.reduce(0) { $0 + $1.openCents } }
    public var interestCents: Int { notices.reduce(0) { $0 + $1.interestCents } }
    public var totalCents: Int { openCents + interestCents + feeCents + earlierFeesCents }

    /// `Mahnung-00012`: the letter's number, as file name and reference.
    static func fileName(id: Int64) -> String {
        let digits = String(id)
        return "Mahnung-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    static func read(_ db: Database, id: Int64) throws -> DunningLetter {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM dunning_letters WHERE id = ?", arguments: [id]) else {
            throw KontorError.notFound(entity: "dunning letter", id: id)
        }
        let customerID: Int64 = row["customer_id"]
        let customer = try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [customerID])
        let settings = try CompanySettings.read(db)
        let notices = try Row.fetchAll(db, sql: """
            SELECT n.*, i.number, i.issue_date, i.due_date, i.gross_cents,
                   (SELECT p.level || ' ' || p.notice_date FROM dunning_notices p
                    WHERE p.invoice_id = n.invoice_id AND p.id < n.id ORDER BY p.id DESC LIMIT 1) AS previous
            FROM dunning_notices n JOIN invoices i ON i.id = n.invoice_id
            WHERE n.letter_id = ? ORDER BY i.due_date, i.id
            """, arguments: [id]).map { n in
            let previous = (n["previous"] as String?).flatMap { text -> CustomerDunning.SentLetter? in
                let parts = text.split(separator: " ")
                guard parts.count == 2, let level = DunningLevel(code: String(parts[0])) else { return nil }
                return CustomerDunning.SentLetter(level: level, date: String(parts[1]))
            }
            return ProposedNotice(invoiceID: n["invoice_id"], number: n["number"] ?? "", issueDate: n["issue_date"] ?? "",
                                  dueDate: n["due_date"] ?? "", grossCents: n["gross_cents"], openCents: n["open_cents"],
                                  daysOverdue: n["days_overdue"], interestCents: n["interest_cents"],
                                  level: DunningLevel(code: n["level"]) ?? .reminder, previous: previous)
        }
        let rate: Int = row["interest_rate_bp"]
        let base: Int = row["base_rate_bp"]
        let consumer = rate == max(0, base + 500) && rate != max(0, base + 900)
        // A person's own name once; the country as the post reads it (see `InvoiceSheet.postal`).
        let recipient = customer.map { c in
            [c.name] + [c.fields.contactName].filter { !$0.isEmpty && $0 != c.name && c.fields.kind != .person }
                + InvoiceSheet.postal(c.fields.addressLines, from: settings.country, german: settings.documentLanguage == .de)
        } ?? []
        return DunningLetter(id: id, customerID: customerID, date: row["letter_date"], level: DunningLevel(code: row["level"]) ?? .reminder,
                             recipient: recipient, consumer: consumer, notices: notices, interestRateBP: rate,
                             feeCents: row["fee_cents"], earlierFeesCents: row["earlier_fees_cents"], payBy: row["pay_by"],
                             baseRateBP: base, baseRateFrom: row["base_rate_from"],
                             seller: settings, fileName: row["file_name"], sentBy: row["created_by"])
    }
}

/// One line of an invoice's or a customer's dunning history.
public struct DunningNoticeRecord: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var letterID: Int64
    public var invoiceID: Int64
    public var number: String
    public var level: DunningLevel
    public var date: String
    public var openCents: Int
    public var interestCents: Int
}

/// A letter as the customer's view lists it.
public struct DunningLetterSummary: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var date: String
    public var level: DunningLevel
    public var invoiceCount: Int
    public var openCents: Int
    public var interestCents: Int
    public var feeCents: Int
    public var fileName: String
}

/// Reading what dunning has sent.
public struct DunningRepository: Sendable {
    let database: KontorDatabase

    public func letter(id: Int64) throws -> DunningLetter {
        try database.read { db in try DunningLetter.read(db, id: id) }
    }

    /// The notices an invoice was named in, oldest first.
    public func notices(ofInvoice invoiceID: Int64) throws -> [DunningNoticeRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.*, i.number FROM dunning_notices n JOIN invoices i ON i.id = n.invoice_id
                WHERE n.invoice_id = ? ORDER BY n.id
                """, arguments: [invoiceID]).map(Self.notice)
        }
    }

    /// The customer's letters, newest first.
    public func letters(ofCustomer customerID: Int64, limit: Int = 20) throws -> [DunningLetterSummary] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.*, (SELECT count(*) FROM dunning_notices n WHERE n.letter_id = l.id) AS invoices
                FROM dunning_letters l WHERE l.customer_id = ? ORDER BY l.id DESC LIMIT ?
                """, arguments: [customerID, limit]).map { row in
                DunningLetterSummary(id: row["id"], date: row["letter_date"], level: DunningLevel(code: row["level"]) ?? .reminder,
                                     invoiceCount: row["invoices"], openCents: row["open_cents"], interestCents: row["interest_cents"],
                                     feeCents: row["fee_cents"], fileName: row["file_name"])
            }
        }
    }

    static func notice(_ row: Row) -> DunningNoticeRecord {
        DunningNoticeRecord(id: row["id"], letterID: row["letter_id"], invoiceID: row["invoice_id"], number: row["number"] ?? "",
                            level: DunningLevel(code: row["level"]) ?? .reminder, date: row["notice_date"],
                            openCents: row["open_cents"], interestCents: row["interest_cents"])
    }
}

extension KontorDatabase {
    public var dunning: DunningRepository { DunningRepository(database: self) }
}
