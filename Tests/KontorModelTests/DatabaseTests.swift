import Foundation
@testable import KontorModel
import GRDB
import Testing

@Suite("Database")
struct DatabaseTests {
    @Test func changeWatcherSeesCommitsFromAnotherConnection() throws {
        let db = try TestDatabase()
        let watcher = try ChangeWatcher(database: db.database)
        #expect(!watcher.hasChanged())
        // A second, independent opening of the same file stands in for another process.
        let other = try KontorDatabase(path: db.path)
        try other.customers.create(CustomerFields(name: "From elsewhere"), by: try other.session(for: Actor(username: "dave")))
        #expect(watcher.hasChanged())
        #expect(!watcher.hasChanged())
    }

    @Test func reopeningKeepsDataAndSchema() throws {
        let db = try TestDatabase()
        try db.add(["Persisted"])
        let again = try KontorDatabase(path: db.path)
        #expect(try again.customers.count(CustomerQuery()) == 1)
        #expect(try again.appliedMigrations() == ["v1-customers", "v10-staff-keys", "v11-einvoice", "v12-street-search", "v13-customer-list-index", "v14-deal-stage-totals", "v15-refunds", "v16-invoice-terms", "v18-bank-statements", "v19-dunning", "v2-business", "v20-datev", "v21-mail", "v22-product-reservations", "v23-staff-workload", "v24-invoice-parties", "v25-person-preferences", "v26-ticket-message-search", "v27-deal-search", "v28-contact-search", "v29-ticket-customer-words", "v3-deal-list", "v30-list-sort-indexes", "v31-deal-title-spellings", "v32-change-marks", "v33-contact-phones", "v34-longer-search-prefixes", "v35-contact-keys", "v36-contact-own-words", "v37-ticket-keys", "v38-product-search-words", "v39-line-discount-percent", "v4-ticket-search", "v40-payments-on-paid-invoices", "v41-allowance-percent", "v42-interest-received", "v43-ticket-sender-words", "v44-mail-reply-to", "v45-deal-line-quantities", "v46-cjk-search", "v47-proposal-open-amount", "v48-local-phone-digits", "v5-invoice-list", "v6-stock-and-staff", "v7-dashboard", "v8-services", "v9-pending-sla"])
    }

    @Test func aFolderThatCannotBeCreatedIsAClearError() {
        #expect {
            _ = try KontorDatabase(path: "/proc/kontor-cannot-be-here/x.sqlite")
        } throws: { error in
            "\(error)".contains("cannot open database /proc/kontor-cannot-be-here/x.sqlite")
        }
    }

    @Test func demoSeedingIsCoherentAndRefusesAFullDatabase() throws {
        let db = try TestDatabase()
        let report = try DemoSeeder.seed(db.database, scale: 500, actor: Actor(username: "alice"))
        #expect(report.rows > 500 * 8, "a year of business, not just customers: \(report.rows) rows")
        let repo = db.database.customers
        #expect(try repo.count(CustomerQuery()) + repo.count(CustomerQuery(archived: true)) == 500)
        // The search index was rebuilt and is kept up to date afterwards.
        #expect(try repo.count(CustomerQuery(text: "gmbh")) > 0)
        #expect(try repo.count(CustomerQuery(text: "muller")) == repo.count(CustomerQuery(text: "müller")))
        // Umlauts and CJK names are present, and every seeded record passes validation.
        let all = try repo.page(CustomerQuery(), after: nil, limit: 1000)
        #expect(all.contains { $0.name.contains("ü") || $0.contactName.contains("ü") })
        #expect(all.contains { $0.name.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0xAC00...0xD7A3).contains($0.value) } })
        for row in all.prefix(200) {
            let customer = try #require(try repo.find(id: row.id))
            #expect(customer.fields.validate() == nil, "\(customer.fields)")
        }
        #expect(throws: KontorError.self) { try DemoSeeder.seed(db.database, scale: 10, actor: Actor(username: "alice")) }
    }

    @Test func demoSeedingIsDeterministic() throws {
        let a = try TestDatabase(), b = try TestDatabase()
        try DemoSeeder.seed(a.database, scale: 50, actor: Actor(username: "alice"))
        try DemoSeeder.seed(b.database, scale: 50, actor: Actor(username: "alice"))
        let namesA = try a.database.customers.page(CustomerQuery(), after: nil, limit: 100).map(\.name)
        let namesB = try b.database.customers.page(CustomerQuery(), after: nil, limit: 100).map(\.name)
        #expect(namesA == namesB)
    }

    @Test func demoIsACoherentYearOfBusiness() throws {
        let db = try TestDatabase(demoScale: 800)
        func value(_ sql: String) throws -> Int { try db.database.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
        func values(_ sql: String) throws -> Set<String> { Set(try db.database.read { try String.fetchAll($0, sql: sql) }) }
        // Every area has data, in every state.
        #expect(try values("SELECT role FROM staff WHERE active") == ["front", "back", "manager", "admin"])
        #expect(try values("SELECT status FROM tickets") == ["new", "open", "pending", "resolved", "closed"])
        #expect(try values("SELECT kind FROM ticket_messages") == ["customer", "reply", "note"])
        #expect(try values("SELECT stage FROM deals") == ["lead", "qualified", "proposal", "negotiation", "won", "lost"])
        #expect(try values("SELECT status || '/' || kind FROM invoices") == ["draft/invoice", "issued/invoice", "paid/invoice", "cancelled/invoice", "paid/credit_note"])
        #expect(try value("SELECT count(*) FROM invoices WHERE kind = 'invoice' AND status = 'issued' AND due_date < date('now')") > 0, "no overdue invoices")
        #expect(try value("SELECT count(*) FROM products WHERE active AND on_hand < reorder_point") > 0, "nothing below its reorder point")
        #expect(try value("SELECT count(*) FROM tickets") >= 800)
        #expect(try value("SELECT count(*) FROM invoice_lines") >= 800)
        #expect(try value("SELECT count(*) FROM contacts") >= 800)
        // Derived data agrees with its ledger.
        #expect(try value("SELECT count(*) FROM products p WHERE on_hand <> (SELECT coalesce(sum(quantity), 0) FROM stock_moves WHERE product_id = p.id)") == 0)
        #expect(try value("SELECT min(on_hand) FROM products") >= 0)
        #expect(try value("SELECT count(*) FROM invoices i WHERE paid_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE invoice_id = i.id)") == 0)
        #expect(try value("SELECT count(*) FROM invoices WHERE status = 'paid' AND paid_cents < gross_cents") == 0)
        #expect(try value("SELECT count(*) FROM invoices WHERE status <> 'draft' AND buyer_name = ''") == 0)
        // Won deals that were invoiced are linked both ways.
        #expect(try value("SELECT count(*) FROM deals WHERE invoice_id IS NOT NULL") > 0)
        #expect(try value("SELECT count(*) FROM deals d WHERE invoice_id IS NOT NULL AND (SELECT deal_id FROM invoices WHERE id = d.invoice_id) IS NOT d.id") == 0)
        // Totals follow EN 16931 from the lines.
        let ids = try db.database.read { try Int64.fetchAll($0, sql: "SELECT id FROM invoices ORDER BY id LIMIT 200") }
        for id in ids {
            let invoice = try #require(try db.database.invoices.find(id: id))
            let totals = try db.database.invoices.totals(of: id)
            #expect(invoice.grossCents == totals.grossCents && invoice.vatCents == totals.vatCents, "invoice \(id)")
        }
        // Numbers are gapless per series and year, and follow the calendar.
        let numbers = try db.database.read { try Row.fetchAll($0, sql: "SELECT number, issue_date FROM invoices WHERE number IS NOT NULL ORDER BY id") }
        var bySeries: [String: [Int]] = [:]
        for row in numbers {
            let number: String = row["number"]
            let date: String = row["issue_date"]
            let series = String(number[..<number.lastIndex(of: "-")!])
            #expect(series.hasSuffix(String(date.prefix(4))), "\(number) issued on \(date)")
            bySeries[series, default: []].append(Int(number[number.index(after: number.lastIndex(of: "-")!)...])!)
        }
        for (series, sequence) in bySeries {
            #expect(sequence == Array(1...sequence.count), "series \(series) has gaps")
        }
        // Work goes on where the demo's year ends: the next invoice takes the next number.
        let thisYear = String(CalendarDate.today().prefix(4))
        let last = bySeries[thisYear]?.count ?? 0
        let customer = try db.database.customers.page(CustomerQuery(), after: nil, limit: 1)[0]
        let draft = try db.database.invoices.createDraft(customerID: customer.id, lines: [InvoiceLineInput(description: "Beratung", quantity: 1, unitPriceCents: 100)], by: db.carol)
        let issued = try db.database.invoices.issue(draft.id, expectedVersion: draft.version, by: db.carol)
        #expect(issued.number == "\(thisYear)-\(DemoBusiness.pad5(last + 1))")
        // The rules hold afterwards: the guards are back in place.
        #expect(throws: (any Error).self) { try db.raw("UPDATE invoices SET gross_cents = 0 WHERE status = 'paid'") }
        #expect(throws: (any Error).self) { try db.raw("DELETE FROM stock_moves") }
        #expect(try db.database.integrityProblems().isEmpty)
    }
}
