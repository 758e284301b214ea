import KontorLocale
import Foundation
import GRDB
import KontorCSV

/// One open item (offener Posten) of the list as of a day: a document
/// issued by then with something still open on it that day — to be paid
/// (positive) or owed back to the customer (negative) — or a dunning fee
/// charged by then and not yet paid or waived, which is a receivable of
/// its own and so an item of its own ("Mahnung-00012 Gebühr").
public struct OpenItem: Equatable, Sendable {
    /// The invoice or credit note; for a dunning fee, the first invoice its
    /// letter dunned, so that opening the item shows what it was charged over.
    public var documentID: Int64
    public var number: String
    public var kind: InvoiceKind
    public var customerID: Int64
    public var customerName: String
    /// The customer's DATEV account, once given.
    public var debtorAccount: Int?
    public var issueDate: String
    public var dueDate: String?
    public var grossCents: Int
    /// Paid, refunded, set off and Skonto up to the day, signed as `payments`.
    public var paidCents: Int
    public var openCents: Int { grossCents - paidCents }
    /// Set when the item is a dunning fee: the fee's id.
    public var dunningFeeID: Int64? = nil
    /// For a dunning fee, the letter that charged it ("Mahnung-00012"),
    /// for words of the person's language around it.
    public var feeLetter: String? = nil
    public var isDunningFee: Bool { dunningFeeID != nil }

    /// Days past the due date on `day`; 0 when not yet due or nothing is to be paid.
    public func daysOverdue(on day: String) -> Int {
        guard openCents > 0, let due = dueDate, due < day else { return 0 }
        return CalendarDate.days(from: due, to: day) ?? 0
    }
}

/// The open items list (OP-Liste) as of a day, by customer and date.
public struct OpenItemList: Equatable, Sendable {
    public var asOf: String
    public var items: [OpenItem]

    public var totalCents: Int { items.reduce(0) { $0 + $1.openCents } }

    /// What each customer had open that day: the sum of their items.
    public var byCustomer: [Int64: Int] {
        items.reduce(into: [:]) { $0[$1.customerID, default: 0] += $1.openCents }
    }

    /// An item with its customer's sort key, in the list's order: by
    /// customer, a customer's fees after their documents, then by date and number.
    struct Sorted {
        var sortKey: String
        var item: OpenItem

        static func precedes(_ a: Sorted, _ b: Sorted) -> Bool {
            (a.sortKey, a.item.customerID, a.item.isDunningFee ? 1 : 0, a.item.issueDate, a.item.number)
                < (b.sortKey, b.item.customerID, b.item.isDunningFee ? 1 : 0, b.item.issueDate, b.item.number)
        }
    }

    /// The documents, in order as read, with the fees merged in.
    static func merge<Documents: Cursor>(_ documents: Documents, _ fees: [Sorted]) throws -> [OpenItem] where Documents.Element == Sorted {
        var items: [OpenItem] = []
        var next = fees.startIndex
        while let document = try documents.next() {
            while next < fees.endIndex, Sorted.precedes(fees[next], document) {
                items.append(fees[next].item)
                next += 1
            }
            items.append(document.item)
        }
        items += fees[next...].map(\.item)
        return items
    }
}

extension InvoiceRepository {
    /// The open items as of `day`: every document issued by then, less
    /// every payment, refund, settlement and Skonto dated by then, where
    /// something is left. As of today its items add up, customer by
    /// customer, to their balance (`balance(of:)`); for an earlier day it
    /// is what was open then, whatever was paid since.
    ///
    /// Dunning fees are items of their own, as they are in the balance: a
    /// fee charged by the day (the letter's date), less its payments and
    /// waivers dated by then.
    ///
    /// Only documents and fees open now or paid after the day are read, so
    /// the list costs what is open, not every invoice ever written.
    public func openItems(asOf day: String) throws -> OpenItemList {
        guard CalendarDate.isValid(day) else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "date", message: tr("must be a date like 2026-11-30"))]))
        }
        let items = try database.read { db in
            // By customer, then date and number: SQLite sorts the documents
            // (a sort of some 90 000 in Swift took 0.6 s at a million
            // customers); the fees, few, are sorted here and merged in
            // after each customer's documents. Columns are read by place.
            let documents = try Row.fetchCursor(db, sql: """
                SELECT i.id, i.number, i.kind, i.customer_id, c.name, c.sort_key, d.account, i.issue_date, i.due_date, i.gross_cents,
                       (SELECT coalesce(sum(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id AND p.paid_on <= ?1) AS paid
                FROM invoices i
                JOIN customers c ON c.id = i.customer_id
                LEFT JOIN datev_debtors d ON d.customer_id = i.customer_id
                WHERE i.id IN (SELECT id FROM invoices WHERE issue_date IS NOT NULL AND gross_cents <> paid_cents
                               UNION SELECT invoice_id FROM payments WHERE paid_on > ?1)
                  AND i.issue_date <= ?1
                ORDER BY c.sort_key, i.customer_id, i.issue_date, i.number
                """, arguments: [day]).map { row -> OpenItemList.Sorted in
                OpenItemList.Sorted(sortKey: row[5], item: OpenItem(documentID: row[0], number: row[1], kind: InvoiceKind(rawValue: row[2]) ?? .invoice,
                                                                    customerID: row[3], customerName: row[4], debtorAccount: row[6],
                                                                    issueDate: row[7], dueDate: row[8], grossCents: row[9], paidCents: row[10]))
            }.filter { $0.item.openCents != 0 }
            let fees = try OpenDunningFees.items(db, asOf: day).filter { $0.item.openCents != 0 }.sorted(by: OpenItemList.Sorted.precedes)
            return try OpenItemList.merge(documents, fees)
        }
        return OpenItemList(asOf: day, items: items)
    }
}

extension Session {
    /// Writes the open items as of `day` as CSV for a spreadsheet (German
    /// Excel unless `dialect` says otherwise), one line per item and a
    /// total line; returns the list written. Back office, managers and admins.
    @discardableResult
    public func exportOpenItems(asOf day: String, dialect: CSVDialect = .excel, to path: String) throws -> OpenItemList {
        try require(.writeBackOffice)
        let list = try database.invoices.openItems(asOf: day)
        let writer = try Self.openWriter(path: path, dialect: dialect)
        let amount = { (cents: Int) in CSVCell.number(Self.amount(Int64(cents), decimalComma: dialect.decimalComma)) }
        do {
            try writer.write(["Customer", "Debtor Account", "Document", "Kind", "Issue Date", "Due Date", "Gross", "Paid", "Open", "Days Overdue"])
            for item in list.items {
                try writer.write([.text(item.customerName), .number(item.debtorAccount.map(String.init) ?? ""), .text(item.number),
                                  .text(item.isDunningFee ? "dunning fee" : item.kind == .creditNote ? "credit note" : "invoice"), .text(item.issueDate), .text(item.dueDate ?? ""),
                                  amount(item.grossCents), amount(item.paidCents), amount(item.openCents),
                                  .number(String(item.daysOverdue(on: day)))])
            }
            try writer.write([.text("Total as of \(day)"), "", "", "", "", "", "", "", amount(list.totalCents), ""])
            try writer.close()
        } catch {
            writer.discard()
            throw error
        }
        return list
    }
}
