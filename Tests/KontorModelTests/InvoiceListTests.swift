import Foundation
@testable import KontorModel
import Testing

/// Invoices in every state for two customers, issued over a few days.
private struct ListFixture {
    let f: InvoiceFixture
    let weiss: Customer
    var invoices: InvoiceRepository { f.invoices }
    /// By role: draft, open (not due), overdue, paid, cancelled, and the credit note.
    var ids: [String: Int64] = [:]

    init() throws {
        f = try InvoiceFixture()
        weiss = try f.db.database.customers.create(CustomerFields(name: "Weiß Logistik AG", city: "Hamburg", paymentTerms: "14"), by: f.db.bob)
        try f.db.readyToInvoice()
        let carol = f.db.carol
        func draft(_ customer: Customer, _ cents: Int) throws -> Invoice {
            try invoices.createDraft(customerID: customer.id, lines: [InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: cents)], by: carol)
        }
        let overdue = try draft(f.customer, 10_000)
        ids["overdue"] = try invoices.issue(overdue.id, issueDate: "2026-01-10", expectedVersion: overdue.version, by: carol).id
        let paid = try draft(weiss, 20_000)
        let issuedPaid = try invoices.issue(paid.id, issueDate: "2026-01-11", expectedVersion: paid.version, by: carol)
        try invoices.recordPayment(to: paid.id, amountCents: issuedPaid.grossCents, paidOn: "2026-01-20", by: carol)
        ids["paid"] = paid.id
        let cancelled = try draft(weiss, 30_000)
        let issuedCancelled = try invoices.issue(cancelled.id, issueDate: "2026-01-12", expectedVersion: cancelled.version, by: carol)
        ids["credit"] = try invoices.cancel(cancelled.id, on: "2026-01-13", expectedVersion: issuedCancelled.version, by: carol).id
        ids["cancelled"] = cancelled.id
        let open = try draft(f.customer, 40_000)
        ids["open"] = try invoices.issue(open.id, issueDate: "2026-03-01", expectedVersion: open.version, by: carol).id
        ids["draft"] = try draft(weiss, 50_000).id
    }

    func ids(_ query: InvoiceQuery) throws -> [Int64] {
        try invoices.page(invoices.prepare(query), after: nil, limit: 100).map(\.id)
    }
}

@Suite("Invoice list")
struct InvoiceListTests {
    static let today = "2026-02-15"

    @Test func eachViewShowsItsInvoicesInItsOrder() throws {
        let l = try ListFixture()
        func view(_ v: InvoiceView) throws -> [Int64] { try l.ids(InvoiceQuery(view: v, today: Self.today)) }
        let all = try view(.all)
        #expect(all == all.sorted(by: >), "newest first")
        #expect(all.count == 6)
        #expect(try view(.drafts) == [l.ids["draft"]!])
        #expect(try view(.open) == [l.ids["open"]!, l.ids["overdue"]!])
        #expect(try view(.overdue) == [l.ids["overdue"]!])
        #expect(try view(.paid) == [l.ids["paid"]!])
        #expect(try view(.cancelled) == [l.ids["cancelled"]!])
        #expect(try view(.creditNotes) == [l.ids["credit"]!])
        let row = try #require(try l.invoices.summary(id: l.ids["overdue"]!))
        #expect(row.isOverdue(today: Self.today))
        #expect(row.daysOverdue(today: Self.today) == 6) // due 2026-02-09 (30 days' terms)
        #expect(row.customerName == "Müller GmbH")
        #expect(try l.invoices.summary(id: l.ids["draft"]!)?.customerName == "Weiß Logistik AG") // a draft shows the customer
    }

    @Test("the overdue view narrowed to more than 30 or 60 days past due, its totals with it")
    func overdueByMoreThanSomeDays() throws {
        let l = try ListFixture()
        // On 20 March the overdue invoice (due 9 February) is 39 days late;
        // the open one (due 31 March) is not due yet.
        func overdue(_ days: Int) throws -> (ids: [Int64], count: Int?) {
            let query = InvoiceQuery(view: .overdue, today: "2026-03-20", overdueDays: days)
            return (try l.ids(query), try l.invoices.prepare(query).totals?.count)
        }
        #expect(try overdue(0) == ([l.ids["overdue"]!], 1))
        #expect(try overdue(30) == ([l.ids["overdue"]!], 1))
        #expect(try overdue(39) == ([], 0), "39 days late is not more than 39")
        #expect(try overdue(60) == ([], 0))
        // Other views do not look at the days.
        #expect(try l.ids(InvoiceQuery(view: .open, today: "2026-03-20", overdueDays: 60)).count == 2)
    }

    @Test func pagesGoBothWaysWithoutGapsOrRepeats() throws {
        let l = try ListFixture()
        let prepared = try l.invoices.prepare(InvoiceQuery(view: .all, today: Self.today))
        let all = try l.invoices.page(prepared, after: nil, limit: 100)
        var forward: [InvoiceSummary] = []
        var last: InvoiceListKey?
        while true {
            let page = try l.invoices.page(prepared, after: last, limit: 2)
            if page.isEmpty { break }
            forward += page
            last = page.last?.listKey
        }
        #expect(forward.map(\.id) == all.map(\.id))
        #expect(try l.invoices.page(prepared, before: nil, limit: 2).map(\.id) == all.suffix(2).map(\.id))
        #expect(try l.invoices.page(prepared, before: all[3].listKey, limit: 2).map(\.id) == all[1...2].map(\.id))
        #expect(try l.invoices.page(prepared, after: all[2].listKey, inclusive: true, limit: 2).map(\.id) == all[2...3].map(\.id))
    }

    @Test func theFilterFindsNumbersAndCustomers() throws {
        let l = try ListFixture()
        // The customer, accents folded, in any view.
        let weiss = try l.ids(InvoiceQuery(view: .all, text: "weiss", today: Self.today))
        #expect(Set(weiss) == Set([l.ids["paid"]!, l.ids["cancelled"]!, l.ids["credit"]!, l.ids["draft"]!]))
        #expect(weiss == weiss.sorted(by: >))
        #expect(try l.ids(InvoiceQuery(view: .drafts, text: "weiß", today: Self.today)) == [l.ids["draft"]!])
        // The number by its start, and by its serial alone.
        #expect(try l.ids(InvoiceQuery(text: "2026-00001", today: Self.today)) == [l.ids["overdue"]!])
        #expect(try l.ids(InvoiceQuery(text: "cn-2026", today: Self.today)) == [l.ids["credit"]!])
        let serialOne = try l.ids(InvoiceQuery(text: "1", today: Self.today))
        #expect(Set(serialOne) == Set([l.ids["overdue"]!, l.ids["credit"]!])) // 2026-00001 and CN-2026-00001
        #expect(try l.ids(InvoiceQuery(text: "nobody", today: Self.today)).isEmpty)
    }

    @Test func totalsAreTheViewsSums() throws {
        let l = try ListFixture()
        let open = try #require(try l.invoices.prepare(InvoiceQuery(view: .open, today: Self.today)).totals)
        #expect(open.count == 2)
        #expect(open.grossCents == 11_900 + 47_600)
        #expect(open.openCents == 11_900 + 47_600)
        let paid = try #require(try l.invoices.prepare(InvoiceQuery(view: .paid, today: Self.today)).totals)
        #expect(paid.paidCents == 23_800)
        #expect(paid.openCents == 0)
        let weiss = try #require(try l.invoices.prepare(InvoiceQuery(view: .all, text: "weiss", today: Self.today)).totals)
        #expect(weiss.count == 4)
        // What was billed: the draft is listed but was never sent, so it counts neither in gross nor in what is open
        // (cancelled and credited cancel out), in a filtered list as in the whole view.
        #expect(weiss.grossCents == 23_800 + 35_700 - 35_700)
        #expect(weiss.openCents == 0)
        let all = try #require(try l.invoices.prepare(InvoiceQuery(view: .all, today: Self.today)).totals)
        let billed = try #require(try l.invoices.prepare(InvoiceQuery(view: .all, text: "", today: Self.today)).totals)
        #expect(all == billed)
        let drafts = try #require(try l.invoices.prepare(InvoiceQuery(view: .drafts, today: Self.today)).totals)
        #expect(drafts.grossCents == 59_500)  // the drafts' own view sums them
        #expect(try #require(try l.invoices.prepare(InvoiceQuery(view: .drafts, text: "weiss", today: Self.today)).totals).grossCents == 59_500)
        #expect(all.grossCents == (try l.f.db.database.read { db in
            try Int.fetchOne(db, sql: "SELECT sum(gross_cents) FROM invoices WHERE status <> 'draft'")! }))
    }

    @Test func aBroadFilterWalksTheListInstead() throws {
        let l = try ListFixture()
        // More matching customers than are worth collecting: the list scans, totals are left out.
        for i in 0..<5 { try l.f.db.database.customers.create(CustomerFields(name: "Weißbier \(i)"), by: l.f.db.bob) }
        let prepared = try l.invoices.prepare(InvoiceQuery(view: .all, text: "wei", today: Self.today), narrowLimit: 3)
        #expect(prepared.totals == nil)
        let found = try l.invoices.page(prepared, after: nil, limit: 100).map(\.id)
        #expect(Set(found) == Set([l.ids["paid"]!, l.ids["cancelled"]!, l.ids["credit"]!, l.ids["draft"]!]))
        #expect(try l.invoices.page(prepared, before: nil, limit: 2).map(\.id) == Array(found.suffix(2)))
    }

    /// What a pass over every invoice of the view gives, to check the kept totals against.
    static func scannedTotals(_ database: KontorDatabase, _ query: InvoiceQuery) throws -> InvoiceViewTotals {
        try database.read { db in
            try InvoiceRepository.totals(db, where: InvoiceRepository.condition(query), draftsBilled: query.view == .drafts)
        }
    }

    @Test func viewTotalsAreKeptThroughEveryChange() throws {
        let l = try ListFixture()
        let carol = l.f.db.carol
        // A line added to a draft, a draft deleted, a part payment.
        let draft = try #require(try l.invoices.find(id: l.ids["draft"]!))
        try l.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Fahrt", quantity: 2, unit: "h", unitPriceCents: 5_000),
                               expectedVersion: draft.version, by: carol)
        let doomed = try l.invoices.createDraft(customerID: l.weiss.id, lines: [InvoiceLineInput(description: "X", quantity: 1, unit: "h", unitPriceCents: 700)], by: carol)
        try l.invoices.deleteDraft(doomed.id, expectedVersion: doomed.version, by: carol)
        try l.invoices.recordPayment(to: l.ids["open"]!, amountCents: 1_000, paidOn: "2026-03-05", by: carol)
        for view in InvoiceView.allCases {
            let query = InvoiceQuery(view: view, today: Self.today)
            #expect(try l.invoices.prepare(query).totals == Self.scannedTotals(l.f.db.database, query), "\(view)")
        }
        let all = try #require(try l.invoices.prepare(InvoiceQuery(view: .all, today: Self.today)).totals)
        #expect(all.count == 6)
    }

    @Test(arguments: [1, 10_000])
    func aNumbersStartFindsTheSameRowsWalkedOrCollected(narrowLimit: Int) throws {
        let l = try ListFixture()
        let expected = [l.ids["open"]!, l.ids["cancelled"]!, l.ids["paid"]!, l.ids["overdue"]!] // 2026-00004 … 00001, newest first
        let prepared = try l.invoices.prepare(InvoiceQuery(view: .all, text: "2026", today: Self.today), narrowLimit: narrowLimit)
        let all = try l.invoices.page(prepared, after: nil, limit: 100)
        #expect(all.map(\.id) == expected)
        var forward: [Int64] = []
        var last: InvoiceListKey?
        while case let page = try l.invoices.page(prepared, after: last, limit: 1), !page.isEmpty {
            forward += page.map(\.id)
            last = page.last?.listKey
        }
        #expect(forward == expected)
        #expect(try l.invoices.page(prepared, before: nil, limit: 2).map(\.id) == Array(expected.suffix(2)))
        #expect(try l.invoices.page(prepared, before: all[2].listKey, limit: 5).map(\.id) == Array(expected.prefix(2)))
        #expect(try l.invoices.page(prepared, after: all[1].listKey, inclusive: true, limit: 2).map(\.id) == Array(expected[1...2]))
        if narrowLimit == 1 {
            // Most of a year's numbers: walked newest first along the index, not summed.
            #expect(prepared.totals == nil)
            let plan = try l.invoices.walkPlan(prepared)
            #expect(plan.contains { $0.contains("invoices_by_id_number") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        } else {
            #expect(prepared.totals?.count == 4)
        }
        // The view still applies, and so do customers and serials beside the number.
        let paid = try l.invoices.prepare(InvoiceQuery(view: .paid, text: "2026", today: Self.today), narrowLimit: narrowLimit)
        #expect(try l.invoices.page(paid, after: nil, limit: 10).map(\.id) == [l.ids["paid"]!])
        let overdue = try l.invoices.prepare(InvoiceQuery(view: .overdue, text: "2026-0", today: Self.today), narrowLimit: narrowLimit)
        #expect(try l.invoices.page(overdue, after: nil, limit: 10).map(\.id) == [l.ids["overdue"]!])
        #expect(try l.invoices.page(overdue, before: nil, limit: 10).map(\.id) == [l.ids["overdue"]!])
    }

    @Test func aDemoDatabaseHasItsTotalsKept() throws {
        let db = try TestDatabase(demoScale: 300)
        for view in InvoiceView.allCases where view != .overdue {
            let query = InvoiceQuery(view: view)
            #expect(try db.database.invoices.prepare(query).totals == Self.scannedTotals(db.database, query), "\(view)")
        }
        // Typing an invoice number, letter by letter: every step finds what its text says.
        let number = try #require(try db.database.read { try String.fetchOne($0, sql: "SELECT max(number) FROM invoices WHERE number NOT LIKE 'CN-%'") })
        for length in 4...number.count {
            let text = String(number.prefix(length))
            let prepared = try db.database.invoices.prepare(InvoiceQuery(text: text), narrowLimit: 20)
            let found = try db.database.invoices.page(prepared, after: nil, limit: 500)
            #expect(found.map(\.id) == found.map(\.id).sorted(by: >), "\(text)")
            #expect(found.contains { $0.number == number }, "\(text)")
        }
    }

    @Test func lineFieldsNameEveryWrongField() throws {
        var fields = InvoiceLineFields(description: " ", quantity: "zwei", unit: "", price: "12,5x", vatRate: "16")
        #expect(throws: KontorError.invalid(ValidationFailure([
            FieldIssue(field: "description", message: "is required"),
            FieldIssue(field: "quantity", message: "must be a number with up to three decimals, like 3 or 2,5"),
            FieldIssue(field: "unit", message: "is required (Stk, h, Pck, …)"),
            FieldIssue(field: "price", message: "must be an amount like 1.234,50"),
            FieldIssue(field: "VAT rate", message: "must be 19, 7 or 0 (%)"),
        ]))) { try fields.input() }
        fields = InvoiceLineFields(description: "Export", quantity: "3", unit: "Stk", price: "1.234,50", vatRate: "0 %")
        #expect(throws: KontorError.self) { try fields.input() } // 0 % needs a reason
        fields.vatExemption = "Steuerfreie Ausfuhrlieferung"
        let line = try fields.input()
        #expect(line.unitPriceCents == 123_450)
        #expect(line.vatRate == .zero)
        #expect(line.quantity == 3)
    }

    @Test func paymentFieldsReadBothDateFormsAndMethodStarts() throws {
        let typed = try PaymentFields(amount: "1.000,00", date: "5.3.2026", method: "dir", reference: " RE 1 ").input()
        #expect(typed.amountCents == 100_000)
        #expect(typed.paidOn == "2026-03-05")
        #expect(typed.method == .directDebit)
        #expect(typed.reference == "RE 1")
        #expect(throws: KontorError.invalid(ValidationFailure([
            FieldIssue(field: "amount", message: "must be more than 0,00"),
            FieldIssue(field: "date", message: "must be a date like 2026-11-29 or 29.11.2026"),
            FieldIssue(field: "method", message: "must be one of transfer, cash, card, direct debit, other"),
        ]))) { try PaymentFields(amount: "0", date: "31.2.2026", method: "c").input() }
    }

    @Test func thePrintedInvoiceHoldsEveryParticularTheLawAsksFor() throws {
        let f = try InvoiceFixture()
        var settings = try f.db.alice.settings()
        settings.taxNumber = "27/123/45678"
        settings.bank = "DE02 1001 0010 0006 8201 01"
        settings.completeForInvoices()
        try f.db.alice.saveSettings(settings)
        let draft = try f.draft()
        let preview = try f.invoices.document(for: draft.id)
        #expect(preview.fileName == "draft-\(draft.id).txt")
        #expect(preview.text.contains("ENTWURF"))
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", deliveryDate: "2026-10-30", expectedVersion: draft.version, by: f.db.carol)
        let asIssued = try f.invoices.document(for: issued.id)
        try f.invoices.recordPayment(to: issued.id, amountCents: 10_000, paidOn: "2026-11-05", by: f.db.carol)
        let document = try f.invoices.document(for: issued.id)
        // Printed again after a payment: the same document, as issued (§ 14 UStG, GoBD); the screen says what was paid.
        #expect(document == asIssued)
        #expect(document.fileName == "2026-00001.txt")
        let text = document.text
        for part in ["Kontor Demo GmbH", "Hauptstraße 1", "10115 Berlin", "USt-IdNr.: DE123456788", "Steuernummer: 27/123/45678",
                     "Müller GmbH", "Lindenallee 3", "50667 Köln", "USt-IdNr. des Kunden: DE987654328",
                     "RECHNUNG 2026-00001", "Rechnungsdatum:   02.11.2026", "Lieferdatum:      30.10.2026", "Fällig am:        02.12.2026",
                     "Kaffee Crema 500 g", "Kaffeemühle", "Netto 19 %", "179,80", "Netto 7 %", "125,00", "USt 19 % auf 179,80", "34,16",
                     "USt 7 % auf 125,00", "8,75", "Gesamtbetrag EUR", "347,71", "Bitte zahlen Sie bis zum 02.12.2026",
                     "Bankverbindung: DE02 1001 0010 0006 8201 01"] {
            #expect(text.contains(part), "printed invoice lacks \(part):\n\(text)")
        }
        #expect(text.contains(" 10 Pck "), "quantity and unit of the coffee line:\n\(text)")
        #expect(!text.contains("Bezahlt am") && !text.contains("Offener Betrag"))
        let note = try f.invoices.cancel(issued.id, on: "2026-11-10", expectedVersion: f.invoices.find(id: issued.id)!.version, by: f.db.carol)
        let credit = try f.invoices.document(for: note.id).text
        #expect(credit.contains("RECHNUNGSKORREKTUR / STORNORECHNUNG CN-2026-00001"))
        #expect(credit.contains("Storno zu Rechnung: 2026-00001"))
        #expect(credit.contains("-347,71"))
        // In English when the company says so.
        settings.documentLanguage = .en
        try f.db.alice.saveSettings(settings)
        let english = try f.invoices.document(for: issued.id).text
        for part in ["VAT id: DE123456788", "INVOICE 2026-00001", "Issue date:       2026-11-02", "Net at 19 %", "VAT 7 % on 125,00",
                     "Gross total EUR", "Please pay by 2026-12-02"] {
            #expect(english.contains(part), "English invoice lacks \(part):\n\(english)")
        }
        // Cancelled meanwhile, the invoice is still the document that was issued: the credit note says the rest.
        #expect(!english.contains("Paid on") && !english.contains("cancelled"))
    }

    @Test func settingsSavedMeanwhileAreNotOverwritten() throws {
        let db = try TestDatabase()
        try db.staffAdmin("erin")
        let erin = try db.database.session(for: Actor(username: "erin"))
        let seen = try db.alice.settingsRevision()
        var mine = try db.alice.settings()
        var theirs = mine
        theirs.bank = "DE02 1001 0010 0006 8201 01"
        try erin.saveSettings(theirs, expected: try erin.settingsRevision())
        mine.vatID = "DE123456788"
        #expect {
            try db.alice.saveSettings(mine, expected: seen)
        } throws: { error in
            guard case let KontorError.conflict(_, _, who, _) = error else { return false }
            return who == "erin"
        }
        #expect(try db.alice.settings().bank == theirs.bank)
        try db.alice.saveSettings(mine, expected: try db.alice.settingsRevision())
        #expect(try db.alice.settings().vatID == "DE123456788")
        #expect(throws: KontorError.self) { try db.carol.saveSettings(mine, expected: try db.carol.settingsRevision()) } // back office may not
    }
}

private extension TestDatabase {
    func staffAdmin(_ username: String) throws {
        try alice.staffDirectory.add(StaffFields(username: username, fullName: username.capitalized), role: .admin)
    }
}

/// The invoice list sorted by issue date, due date or amount: ties by id,
/// drafts (no dates) first rising, the same rows forward and backward,
/// collected (few) or walked along the column's index (many).
@Suite("Invoice list sorted by a column")
struct InvoiceListSortTests {
    @Test(arguments: ["issued", "due", "gross"], [false, true])
    func sortedPagesBothWays(column: String, descending: Bool) throws {
        let l = try ListFixture()
        let all = try l.invoices.page(l.invoices.prepare(InvoiceQuery(view: .all)), after: nil, limit: 100)
        func value(_ row: InvoiceSummary) -> String {
            switch column {
            case "issued": return row.issueDate ?? ""
            case "due": return row.dueDate ?? ""
            default: return String(format: "%012d", row.grossCents + 1_000_000_000)
            }
        }
        var expected = all.sorted { (value($0), $0.id) < (value($1), $1.id) }.map(\.id)
        if descending { expected.reverse() }
        let query = InvoiceQuery(view: .all, sort: ListSort(column, descending: descending))
        let collected = try l.invoices.prepare(query)
        var walked = PreparedInvoiceQuery(query: query, plan: .sortedWalk(InvoiceRepository.condition(query)), totals: nil)
        walked.sort = query.sort
        for prepared in [collected, walked] {
            var forward: [InvoiceSummary] = []
            while case let page = try l.invoices.page(prepared, after: forward.last?.listKey, limit: 2), !page.isEmpty { forward += page }
            #expect(forward.map(\.id) == expected)
            var backward: [InvoiceSummary] = []
            while case let page = try l.invoices.page(prepared, before: backward.first?.listKey, limit: 2), !page.isEmpty { backward = page + backward }
            #expect(backward.map(\.id) == expected)
        }
        // A row placed from an invoice just saved finds its place.
        let third = try #require(try l.invoices.summary(id: expected[2]))
        #expect(try l.invoices.page(collected, after: third.listKey, inclusive: true, limit: 2).map(\.id) == Array(expected[2...3]))
        let plan = try l.invoices.sortedWalkPlan(query).joined(separator: "; ")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    /// A search keeps the order chosen: the Weiß invoices by amount, falling.
    @Test func aSearchIsSortedToo() throws {
        let l = try ListFixture()
        let query = InvoiceQuery(view: .all, text: "weiss", sort: ListSort("gross", descending: true))
        let rows = try l.invoices.page(l.invoices.prepare(query), after: nil, limit: 10)
        #expect(rows.count >= 3)
        #expect(rows.map(\.grossCents) == rows.map(\.grossCents).sorted(by: >))
    }
}

/// The invoice list sorted by number, customer, paid or status, which have
/// no index: in memory, where the view or search leaves few invoices; a
/// longer list keeps its own order and says which order it did not take.
@Suite("Invoice list sorted by any column when few")
struct InvoiceSortWhenFewTests {
    @Test(arguments: ["number", "customer", "paid", "status"], [false, true])
    func eachColumnSortsAShortListBothWays(column: String, descending: Bool) throws {
        let l = try ListFixture()
        let rank: [InvoiceStatus: Int] = [.draft: 0, .issued: 1, .paid: 2, .cancelled: 3]
        func value(_ row: InvoiceSummary) -> String {
            switch column {
            case "number": return row.number ?? "" // a draft has none: first
            case "customer": return row.customerName.lowercased().replacingOccurrences(of: "ü", with: "u").replacingOccurrences(of: "ß", with: "ss")
            case "paid": return String(format: "%012d", row.paidCents)
            default: return "\(rank[row.status]!)"
            }
        }
        for text in ["", "weiss"] {
            let found = try l.invoices.page(l.invoices.prepare(InvoiceQuery(view: .all, text: text)), after: nil, limit: 100)
            var expected = found.sorted { (value($0), $0.id) < (value($1), $1.id) }.map(\.id)
            if descending { expected.reverse() }
            if text.isEmpty { #expect(Set(found.map { value($0) }).count >= 2, "\(column)") }
            let prepared = try l.invoices.prepare(InvoiceQuery(view: .all, text: text, sort: ListSort(column, descending: descending)))
            #expect(prepared.sortsEveryColumn && prepared.refusedSort == nil && prepared.sort?.column == column)
            var forward: [InvoiceSummary] = []
            while case let page = try l.invoices.page(prepared, after: forward.last?.listKey, limit: 2), !page.isEmpty { forward += page }
            #expect(forward.map(\.id) == expected, "\(column) “\(text)”")
            var backward: [InvoiceSummary] = []
            while case let page = try l.invoices.page(prepared, before: backward.first?.listKey, limit: 2), !page.isEmpty { backward = page + backward }
            #expect(backward.map(\.id) == expected, "\(column) “\(text)”")
        }
    }

    @Test func aLongerListKeepsItsOrderAndSaysSo() throws {
        let l = try ListFixture()
        let newestFirst = try l.ids(InvoiceQuery(view: .all))
        let sort = ListSort("customer")
        let long = try l.invoices.prepare(InvoiceQuery(view: .all, sort: sort), sortLimit: 3)
        #expect(!long.sortsEveryColumn && long.refusedSort == sort && long.sort == nil)
        #expect(try l.invoices.page(long, after: nil, limit: 10).map(\.id) == newestFirst)
        // The amount has its index and sorts any length.
        let byGross = try l.invoices.prepare(InvoiceQuery(view: .all, sort: ListSort("gross")), sortLimit: 3)
        #expect(byGross.refusedSort == nil && byGross.sort == ListSort("gross"))
        // A search's hits (Weiß's four) count the same way.
        let weiss = InvoiceQuery(view: .all, text: "weiss", sort: ListSort("paid"))
        #expect(try l.invoices.prepare(weiss, sortLimit: 3).refusedSort == ListSort("paid"))
        #expect(try l.invoices.prepare(weiss, sortLimit: 4).refusedSort == nil)
    }
}
