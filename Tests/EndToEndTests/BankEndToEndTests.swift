import Foundation
import GRDB
import KontorModel
import TestSupport
import Testing

/// A bank statement through the real binary in tmux at 80×24: imported on
/// the Invoices screen (`B`, the file, the dry run, `y`), its proposal
/// confirmed in the review, the invoices then paid on the list and the
/// balance gone on the customer; checked in the database file afterwards,
/// and imported once more from the command line without booking anything twice.
@Suite("Bank statements end to end (tmux)", .timeLimit(.minutes(2)))
struct BankEndToEndTests {
    /// The business the statement pays: four customers with one issued invoice each.
    struct Business {
        var weiss: Invoice     // paid by its number
        var brandt: Invoice    // paid by the payer's name and the exact amount
        var mueller: Invoice   // paid in part: only proposed
        var zeller: Invoice    // not paid at all
        var customers: [String: Int64]
    }

    static let weissName = "Weiß Logistik AG"
    static let brandtName = "Brandt Maschinenbau GmbH"
    static let muellerName = "Müller GmbH"
    static let zellerName = "Zeller Feinkost KG"

    @Test("a statement is imported, reviewed and booked: the invoices are paid and the customer owes nothing")
    func importReviewBook() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = workspace.file("kontor.sqlite")
        let business = try Self.seed(db)
        let weiss = try #require(business.weiss.number), brandt = try #require(business.brandt.number)
        let mueller = try #require(business.mueller.number), zeller = try #require(business.zeller.number)
        #expect(business.weiss.grossCents == 23_800 && business.brandt.grossCents == 41_650 && business.mueller.grossCents == 10_698)

        // The statement, as the bank writes it: one entry names Weiß's invoice
        // (written the way people write it), one comes from Brandt with no
        // number but the exact amount, one pays part of Müller's invoice, and
        // one comes from nobody Kontor knows, over an amount nobody owes.
        let statement = workspace.file("kontoauszug-2026-11.xml")
        typealias T = CAMTFixture.Transaction
        let parts = weiss.split(separator: "-")
        try #require(parts.count == 2, "an invoice number like 2026-00001: \(weiss)")
        // "Rg.-Nr. 2026 1": the year and the serial without its zeros.
        let written = "\(parts[0]) \(Int(parts[1]) ?? 0)"
        try CAMTFixture(version: .v08).xml([.init(id: "2026-11-KA", openingCents: 1_000_000, entries: [
            .init(reference: "E2E-1", credit: true, date: "2026-11-20", transactions: [
                T(amountCents: 23_800, name: "WEISS LOGISTIK AG", iban: "DE89370400440532013000", unstructured: ["Rg.-Nr. \(written) vielen Dank"]),
            ]),
            .init(reference: "E2E-2", credit: true, date: "2026-11-21", transactions: [
                T(amountCents: 41_650, name: "BRANDT MASCHINENBAU GMBH", iban: "DE12500105170648489890", unstructured: ["Zahlung Wartung Oktober"]),
            ]),
            .init(reference: "E2E-3", credit: true, date: "2026-11-21", transactions: [
                T(amountCents: 1_234, name: "Unbekannt & Co.", unstructured: ["Spende"]),
            ]),
            .init(reference: "E2E-4", credit: true, date: "2026-11-23", transactions: [
                T(amountCents: 5_000, name: "Mueller GmbH", unstructured: ["Teilzahlung \(mueller)"]),
            ]),
        ])]).write(toFile: statement, atomically: true, encoding: .utf8)

        let tmux = try await TmuxSession(workspace: workspace, width: 80, height: 24,
                                         command: "\(q(kontor)) --db \(q(db)); echo KONTOR-EXITED")
        defer { tmux.kill() }
        try await tmux.waitFor(text: "4 Invoices", "q quit")
        try await tmux.press("4")
        try await tmux.waitFor(text: "[All]", weiss, zeller)

        // B: the file, then the dry run, which books nothing yet.
        try await tmux.press("B")
        try await tmux.waitFor(text: "Import a bank statement")
        try await tmux.type(statement)
        try await tmux.waitFor(text: "-2026-11.xml")
        try await tmux.press("Enter")
        let dry = try await tmux.waitFor(text: "dry run", "1 statement, 4 entries", "Would book 2: in 654,50, out 0,00",
                                         "Would propose 1", "Would leave 1 unmatched")
        // Each line says where the money goes and why (wrapped at 80 columns).
        #expect(dry.contains("\(weiss) 238,00 · names \(weiss)"), "\(dry)")
        #expect(dry.contains("\(brandt) 416,50 · by amount and the payer's name"), "\(dry)")
        #expect(dry.contains("→ \(mueller) 50,00") && dry.contains("names \(mueller), but pays 50,00 of the 106,98 open"), "\(dry)")
        #expect(dry.contains("Unbekannt & Co. “Spende”"), "\(dry)")
        #expect(try Self.bankEntries(db) == 0, "the dry run booked something")
        #expect(try Self.paidCents(db, weiss) == 0)

        // y books what is sure; the review opens on what waits.
        try await tmux.press("y")
        // (Both in one wait: the review can be drawn a frame before the message.)
        let review = try await tmux.waitFor(text: "Bank entries waiting for review: 2", "Booked 2 bank entries (in 654,50)")
        #expect(review.line(containing: "12,34")?.text.contains("Unbekannt") == true, "\(review)")
        #expect(review.line(containing: "50,00")?.text.contains("Mueller GmbH") == true, "\(review)")
        #expect(try Self.paidCents(db, weiss) == 23_800 && Self.paidCents(db, brandt) == 41_650)
        #expect(try Self.paidCents(db, mueller) == 0, "a part payment is only proposed")

        // The unknown payer comes first (the earlier day): y is refused on it.
        try await tmux.waitFor(text: "names no invoice, and none is open for exactly this amount")
        try await tmux.press("y")
        try await tmux.waitFor(text: "nothing is proposed")
        #expect(try Self.bankEntries(db, state: "unmatched") == 1)
        // Down to the proposal, and book it as proposed.
        try await tmux.press("j")
        try await tmux.waitFor(text: "names \(mueller), but pays 50,00 of the 106,98 open")
        try await tmux.press("y")
        let left = try await tmux.waitFor(text: "Bank entries waiting for review: 1", "Booked 23.11.2026 50,00 Mueller GmbH")
        #expect(left.contains("Unbekannt") && !left.contains("Teilzahlung"), "\(left)")
        #expect(try Self.paidCents(db, mueller) == 5_000)
        // The unknown one is left for later.
        try await tmux.press("Escape")
        try await tmux.waitFor("the review to close") { !$0.contains("waiting for review") && $0.contains("[All]") }

        // The Paid view lists exactly the two invoices paid in full.
        for view in ["[Drafts]", "[Open]", "[Overdue]", "[Paid]"] {
            try await tmux.press("v")
            try await tmux.waitFor(text: view)
        }
        let paid = try await tmux.waitFor(text: weiss, brandt, "2 invoices")
        for (number, gross) in [(weiss, "238,00"), (brandt, "416,50")] {
            let row = try #require(paid.line(containing: number), "no row for \(number)\n\(paid)")
            #expect(row.text.hasSuffix(" Paid") && row.text.components(separatedBy: gross).count == 3, "row of \(number): \(row.text)")
        }
        #expect(!paid.contains(mueller) && !paid.contains(zeller), "\(paid)")
        // Müller's invoice is still open, with the part paid.
        try await tmux.press("v")
        try await tmux.waitFor(text: "[Cancelled]")
        for view in ["[Credit notes]", "[All]", "[Drafts]", "[Open]"] {
            try await tmux.press("v")
            try await tmux.waitFor(text: view)
        }
        let open = try await tmux.waitFor(text: mueller, zeller)
        let muellerRow = try #require(open.line(containing: mueller))
        #expect(muellerRow.text.contains("106,98") && muellerRow.text.contains("50,00"), "\(muellerRow.text)")
        #expect(!open.contains(weiss) && !open.contains(brandt), "\(open)")

        // The customers: Brandt, found by name, owes nothing any more; Müller still does.
        // On the list, a customer who owes nothing shows no open amount.
        try await tmux.press("1")
        let customers = try await tmux.waitFor(text: "Open €", "Zeller Fein")
        for (name, open) in [("Weiß Logist", nil), ("Brandt Masch", nil), ("Müller GmbH", "56,98"), ("Zeller Fein", "160,18")] {
            let row = try #require(customers.line(containing: name), "no row for \(name)\n\(customers)")
            if let open {
                #expect(row.text.hasSuffix(open), "\(name): \(row.text)")
            } else {
                #expect(!row.text.contains(","), "\(name) owes nothing: \(row.text)")
            }
        }
        try await tmux.press("/")
        try await tmux.type("brandt")
        try await tmux.waitFor(text: "/ brandt")
        try await tmux.press("Enter")
        let listed = try await tmux.waitFor(text: "1 matching", "filter: brandt", "Brandt Masch")
        #expect(!listed.contains("Weiß"), "\(listed)")
        try await tmux.press("Enter")
        let card = try await tmux.waitFor(text: Self.brandtName, "nothing owed", "Invoices (open 0,00")
        #expect(card.contains(brandt), "\(card)")
        try await tmux.press("Escape")
        try await tmux.waitFor("the customer list") { $0.contains("filter: brandt") && !$0.contains("nothing owed") }
        try await tmux.press("/")
        try await tmux.press("C-u")
        try await tmux.type("müller")
        try await tmux.waitFor(text: "/ müller")
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "1 matching", "filter: müller", Self.muellerName)
        try await tmux.press("Enter")
        try await tmux.waitFor(text: Self.muellerName, "open 56,98")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")

        // In the file: each payment booked once, to the invoice it pays.
        try Self.checkBooked(db, business)

        // The same statement from the command line: every entry was imported before.
        let again = try await Processes.run(kontor, ["bank", "import", statement, "--db", db], environment: workspace.environment,
                                            directory: workspace.path)
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out.contains("1 statement, 4 entries, 4 imported before and left alone"), "\(again.out)")
        #expect(again.out.contains("Booked: 0 (in 0,00, out 0,00)") && again.out.contains("Proposed, for review: 0")
                && again.out.contains("Unmatched: 0"), "\(again.out)")
        try Self.checkBooked(db, business)
        let waiting = try await Processes.run(kontor, ["bank", "waiting", "--db", db], environment: workspace.environment,
                                              directory: workspace.path)
        #expect(waiting.status == 0, "\(waiting.err)")
        let lines = waiting.out.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("unmatched 21.11.2026 12,34 Unbekannt & Co. “Spende”"), "\(waiting.out)")
    }

    // MARK: The business

    /// A new database with the company's details and four customers, each
    /// with one invoice issued on 2026-11-02, made through the model as the
    /// account that runs the tests (its first user, so its admin).
    static func seed(_ path: String) throws -> Business {
        let database = try KontorDatabase(path: path)
        let session = try database.session(for: Actor.current())
        var settings = try session.settings()
        settings.completeForInvoices()
        settings.bank = "Hamburger Sparkasse"
        settings.iban = "DE02 2005 0550 1015 8713 93"
        settings.bic = "HASPDEHHXXX"
        try session.saveSettings(settings)
        var customers: [String: Int64] = [:]
        func invoice(_ name: String, _ description: String, cents: Int, quantity: Int, rate: VATRate) throws -> Invoice {
            let customer = try database.customers.create(CustomerFields(kind: .company, name: name, contactName: "Eva Einkauf",
                                                                        email: "einkauf@kunde.example", street: "Großer Burstah 7",
                                                                        postalCode: "20457", city: "Hamburg", country: "DE"), by: session)
            customers[name] = customer.id
            let draft = try database.invoices.createDraft(customerID: customer.id, lines: [
                InvoiceLineInput(description: description, quantity: Quantity(quantity), unit: "Stk", unitPriceCents: cents, vatRate: rate),
            ], by: session)
            return try database.invoices.issue(draft.id, issueDate: "2026-11-02", deliveryDate: "2026-10-30", skonto: .none,
                                               expectedVersion: draft.version, by: session)
        }
        let weiss = try invoice(weissName, "Lagerregal", cents: 10_000, quantity: 2, rate: .standard)
        let brandt = try invoice(brandtName, "Wartung Oktober", cents: 35_000, quantity: 1, rate: .standard)
        let mueller = try invoice(muellerName, "Kaffee Crema", cents: 9_998, quantity: 1, rate: .reduced)
        let zeller = try invoice(zellerName, "Präsentkorb", cents: 4_990, quantity: 3, rate: .reduced)
        return Business(weiss: weiss, brandt: brandt, mueller: mueller, zeller: zeller, customers: customers)
    }

    // MARK: Reading the file

    static func read<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path, configuration: KontorDatabase.configuration())
        return try queue.read(body)
    }

    static func paidCents(_ path: String, _ number: String) throws -> Int {
        try read(path) { db in try Int.fetchOne(db, sql: "SELECT paid_cents FROM invoices WHERE number = ?", arguments: [number]) ?? -1 }
    }

    static func bankEntries(_ path: String, state: String? = nil) throws -> Int {
        try read(path) { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM bank_entries WHERE ?1 IS NULL OR state = ?1", arguments: [state]) ?? -1
        }
    }

    /// What the statement must have left, however often it was imported:
    /// one payment per invoice it pays, each on its bank entry, and the
    /// customers' balances to match.
    static func checkBooked(_ path: String, _ business: Business, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let database = try KontorDatabase(path: path)
        let invoices = database.invoices
        for (invoice, paid, day) in [(business.weiss, 23_800, "2026-11-20"), (business.brandt, 41_650, "2026-11-21"),
                                     (business.mueller, 5_000, "2026-11-23")] {
            let now = try #require(try invoices.find(id: invoice.id), sourceLocation: sourceLocation)
            #expect(now.paidCents == paid && now.status == (paid == invoice.grossCents ? .paid : .issued),
                    "\(invoice.number ?? ""): \(now.status) \(now.paidCents)", sourceLocation: sourceLocation)
            let payments = try invoices.payments(of: invoice.id)
            #expect(payments.count == 1, "\(invoice.number ?? ""): \(payments)", sourceLocation: sourceLocation)
            #expect(payments.first.map { $0.amountCents == paid && $0.method == .transfer && $0.paidOn == day } == true,
                    "\(invoice.number ?? ""): \(payments)", sourceLocation: sourceLocation)
        }
        #expect(try invoices.payments(of: business.zeller.id).isEmpty, sourceLocation: sourceLocation)
        #expect(try invoices.find(id: business.zeller.id)?.paidCents == 0, sourceLocation: sourceLocation)
        for (name, open) in [(weissName, 0), (brandtName, 0), (muellerName, 5_698), (zellerName, business.zeller.grossCents)] {
            let id = try #require(business.customers[name], sourceLocation: sourceLocation)
            #expect(try invoices.balance(of: id).openCents == open, "\(name)", sourceLocation: sourceLocation)
        }

        try read(path) { db in
            let entries = try Row.fetchAll(db, sql: "SELECT reference, state, amount_cents FROM bank_entries ORDER BY reference")
                .map { "\($0["reference"] as String) \($0["state"] as String) \($0["amount_cents"] as Int)" }
            #expect(entries == ["E2E-1 booked 23800", "E2E-2 booked 41650", "E2E-3 unmatched 1234", "E2E-4 booked 5000"],
                    sourceLocation: sourceLocation)
            // Every booked match carries its own payment, of its amount, to its invoice.
            let matches = try Row.fetchAll(db, sql: """
                SELECT e.reference, i.number, m.amount_cents, p.amount_cents AS paid, p.invoice_id = m.invoice_id AS same
                FROM bank_entry_matches m JOIN bank_entries e ON e.id = m.entry_id JOIN invoices i ON i.id = m.invoice_id
                LEFT JOIN payments p ON p.id = m.payment_id ORDER BY e.reference
                """).map { "\($0["reference"] as String) \($0["number"] as String) \($0["amount_cents"] as Int) \($0["paid"] as Int? ?? -1) \($0["same"] as Bool? ?? false)" }
            #expect(matches == ["E2E-1 \(business.weiss.number!) 23800 23800 true", "E2E-2 \(business.brandt.number!) 41650 41650 true",
                                "E2E-4 \(business.mueller.number!) 5000 5000 true"], sourceLocation: sourceLocation)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM payments") == 3, sourceLocation: sourceLocation)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT payment_id) FROM bank_entry_matches") == 3, sourceLocation: sourceLocation)
            // The accounts learnt from the bookings, for the next statement.
            let learnt = try Row.fetchAll(db, sql: "SELECT iban, customer_id FROM bank_counterparties ORDER BY iban")
                .map { "\($0["iban"] as String) \($0["customer_id"] as Int64)" }
            #expect(learnt == ["DE12500105170648489890 \(business.customers[brandtName]!)", "DE89370400440532013000 \(business.customers[weissName]!)"],
                    sourceLocation: sourceLocation)
        }
    }

    func q(_ word: String) -> String { Processes.shellQuoted(word) }
}
