import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Invoices screen of the real binary, driven through tmux on a demo
/// database, with the results read back with sqlite3.
@Suite("Invoices end to end (tmux)", .timeLimit(.minutes(2)))
struct InvoicesEndToEndTests {
    // MARK: Draft, issue, payments

    @Test("a draft with a 19 % and a 7 % product is issued, then paid in part and in full")
    func draftIssuePay() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        // A customer, and two products in stock at each rate.
        let customer = try await value(workspace, db, """
            SELECT name FROM customers c WHERE archived = 0 AND name NOT LIKE '%''%' AND length(name) < 28
              AND NOT EXISTS (SELECT 1 FROM customers d WHERE d.id <> c.id AND d.name = c.name)
            ORDER BY id LIMIT 1
            """)
        let standard = try await value(workspace, db, "SELECT sku FROM products WHERE active = 1 AND vat_rate_bp = 1900 AND on_hand >= 10 ORDER BY id LIMIT 1")
        let reduced = try await value(workspace, db, "SELECT sku FROM products WHERE active = 1 AND vat_rate_bp = 700 AND on_hand >= 10 ORDER BY id LIMIT 1")
        let before = try await value(workspace, db, "SELECT count(*) FROM invoices")

        let tmux = try await startKontor(workspace, db: db, width: 120, height: 30)
        try await tmux.waitFor(text: "1 Customers", "q quit")
        try await tmux.press("4")
        try await tmux.waitFor(text: "[All]", "Number", "n new draft")

        // New draft: choose the customer in the picker.
        try await tmux.press("n")
        try await tmux.waitFor(text: "choose the customer")
        try await tmux.type(customer)
        try await pick(customer, in: tmux)
        try await tmux.waitFor(text: "Draft created for \(customer)")

        // Two product lines, quantity 2 each.
        for sku in [standard, reduced] {
            try await tmux.press("a")
            try await tmux.waitFor(text: "Add a product line")
            try await tmux.type(sku)
            try await pick(sku, in: tmux)
            try await tmux.waitFor(text: "New line on draft", sku, "This line:")
            try await tmux.press("C-u")
            try await tmux.type("2")
            try await tmux.waitFor(text: "This line: 2 ×")
            try await tmux.press("C-s")
            try await tmux.waitFor(text: "Line saved")
        }
        let draftID = try await value(workspace, db, "SELECT max(id) FROM invoices WHERE status = 'draft'")
        #expect(try await value(workspace, db, "SELECT count(*) FROM invoices") == String(Int(before)! + 1))
        #expect(try await value(workspace, db, "SELECT group_concat(vat_rate_bp || ':' || quantity, ',') FROM (SELECT * FROM invoice_lines WHERE invoice_id = \(draftID) ORDER BY position)")
                == "1900:2,700:2")

        // Issue it: the question says it is final; the number shows.
        try await tmux.press("i")
        try await tmux.waitFor(text: "cannot be changed afterwards")
        try await tmux.press("y")
        let issued = try await tmux.waitFor(text: "Issued invoice ")
        let number = try #require(issued.text.firstMatch(of: /Issued invoice (\d{4}-\d{5,})/)?.1).description
        #expect(issued.contains("Invoice \(number)"))
        #expect(try await value(workspace, db, "SELECT status || '|' || number FROM invoices WHERE id = \(draftID)") == "issued|\(number)")
        let gross = Int(try await value(workspace, db, "SELECT gross_cents FROM invoices WHERE id = \(draftID)"))!

        // A partial payment of 10,00, then the rest.
        try await tmux.press("r")
        try await tmux.waitFor(text: "Payment for \(number)")
        try await tmux.press("C-u")
        try await tmux.type("10")
        try await tmux.press("C-s")
        try await tmux.waitFor(text: "Payment of 10,00 recorded · balance")
        #expect(try await value(workspace, db, "SELECT status || '|' || paid_cents FROM invoices WHERE id = \(draftID)") == "issued|1000")
        try await tmux.press("r")
        try await tmux.waitFor(text: "Payment for \(number)")
        try await tmux.press("C-s")
        try await tmux.waitFor(text: "\(number) is paid in full")
        #expect(try await value(workspace, db, "SELECT status || '|' || paid_cents FROM invoices WHERE id = \(draftID)") == "paid|\(gross)")
        #expect(try await value(workspace, db, "SELECT count(*) FROM payments WHERE invoice_id = \(draftID)") == "2")

        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
    }

    // MARK: Credit note

    @Test("an issued invoice is cancelled by a credit note")
    func cancelByCreditNote() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let number = try await value(workspace, db, "SELECT number FROM invoices WHERE status = 'issued' AND kind = 'invoice' ORDER BY id DESC LIMIT 1")
        let id = try await value(workspace, db, "SELECT id FROM invoices WHERE number = '\(number)'")

        let tmux = try await startKontor(workspace, db: db, width: 120, height: 30)
        try await tmux.waitFor(text: "1 Customers", "q quit")
        try await tmux.press("4")
        try await tmux.waitFor(text: "[All]")
        try await tmux.press("/")
        try await tmux.type(number)
        try await tmux.waitFor(text: "/ \(number)", "1 invoice")
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "filter: \(number)")
        try await tmux.press("Enter")
        try await tmux.waitFor(text: "Invoice \(number)", "Seller", "Buyer")
        try await tmux.press("X")
        try await tmux.waitFor(text: "Cancel by credit note", "cannot be undone")
        try await tmux.press("y")
        let done = try await tmux.waitFor(text: "Cancelled \(number) by credit note CN-")
        let note = try #require(done.text.firstMatch(of: /credit note (CN-\d{4}-\d{5,})/)?.1).description

        #expect(try await value(workspace, db, "SELECT status FROM invoices WHERE id = \(id)") == "cancelled")
        #expect(try await value(workspace, db, "SELECT kind || '|' || status || '|' || corrects_id || '|' || (gross_cents + (SELECT gross_cents FROM invoices WHERE id = \(id))) FROM invoices WHERE number = '\(note)'")
                == "credit_note|paid|\(id)|0")
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
    }

    // MARK: Roles

    @Test("a front-office user is not offered issuing, and pressing i is refused")
    func frontUserCannotIssue() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let me = Self.currentUser()
        // Identity is the account running kontor: make it front office (after
        // adding a second admin, so the database keeps one).
        try await kontor(workspace, ["staff", "add", "second-admin", "--name", "Second Admin", "--role", "admin", "--db", db])
        try await kontor(workspace, ["staff", "role", me, "front", "--db", db])
        #expect(try await value(workspace, db, "SELECT role FROM staff WHERE username = '\(me)'") == "front")
        let draftID = try await value(workspace, db, "SELECT max(id) FROM invoices WHERE status = 'draft'")

        let tmux = try await startKontor(workspace, db: db, width: 120, height: 30)
        try await tmux.waitFor(text: "1 Customers", "q quit")
        try await tmux.press("4")
        let list = try await tmux.waitFor(text: "[All]", "Enter open")
        #expect(!list.contains("new draft"), "a front user is not offered new drafts\n\(list)")
        try await tmux.press("v")
        try await tmux.waitFor(text: "[Drafts]")
        try await tmux.press("Enter")
        let draft = try await tmux.waitFor(text: "Draft invoice #\(draftID)", "p print")
        #expect(!draft.contains("i issue"), "issuing is not offered\n\(draft)")
        try await tmux.press("i")
        try await tmux.waitFor(text: "i issue — back office, managers and admins only")
        #expect(try await value(workspace, db, "SELECT status || '|' || coalesce(number, '-') FROM invoices WHERE id = \(draftID)") == "draft|-")
        try await tmux.press("q")
        try await tmux.waitFor(text: "KONTOR-EXITED")
    }

    // MARK: Helpers

    func startKontor(_ workspace: Workspace, db: String, width: Int, height: Int) async throws -> TmuxSession {
        try await TmuxSession(workspace: workspace, width: width, height: height,
                              command: "\(Processes.shellQuoted(try KontorBinary.path())) --db \(Processes.shellQuoted(db)); echo KONTOR-EXITED")
    }

    /// Runs `kontor` with arguments (as the account running the tests); fails on a non-zero status.
    func kontor(_ workspace: Workspace, _ arguments: [String]) async throws {
        let result = try await Processes.run(try KontorBinary.path(), arguments, environment: workspace.environment, directory: workspace.path)
        guard result.status == 0 else { throw E2EError("kontor \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.err)") }
    }

    /// One value from the database, without its newline.
    func value(_ workspace: Workspace, _ db: String, _ sql: String) async throws -> String {
        try await workspace.sqlite(db, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Moves the picker's highlight to the row containing `text` and picks it.
    func pick(_ text: String, in tmux: TmuxSession) async throws {
        for _ in 0..<15 {
            let screen = try await tmux.waitFor("the picker to list \(text)") { $0.contains(text) && $0.lines.contains { $0.contains("│ ›") } }
            if screen.lines.contains(where: { $0.contains("│ ›") && $0.contains(text) }) {
                try await tmux.press("Enter")
                return
            }
            try await tmux.press("Down")
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the picker never highlighted \(text)")
    }

    static func currentUser() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }
}
