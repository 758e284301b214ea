import Foundation
import GRDB
import KontorCSV
import Testing
@testable import KontorModel

@Suite("Export")
struct ExportTests {
    func file(_ test: TestDatabase, _ name: String) -> String {
        test.folder.appendingPathComponent(name).path
    }

    /// A customer with everything a spreadsheet could trip over.
    func awkwardCustomer(_ test: TestDatabase) throws -> Customer {
        try test.database.customers.create(CustomerFields(
            name: "=HYPERLINK(\"http://x\";\"Müller\")", contactName: "Jürgen; Weiß", email: "j@example.de", phone: "+49 30 1234",
            street: "Straße \"Alt\" 1", postalCode: "01067", city: "Dresden", country: "DE", vatID: "DE123456788",
            paymentTerms: "30", tags: "vip", notes: "zwei\nZeilen"), by: test.bob)
    }

    @Test func excelDialectFileAsPythonsCSVModuleReadsIt() throws {
        let test = try TestDatabase()
        _ = try awkwardCustomer(test)
        try test.database.products.create(ProductFields(sku: "A-1", name: "Öl", price: "1.234,50"), by: test.carol)
        let customers = file(test, "customers.csv"), products = file(test, "products.csv")
        try test.bob.export(.customers, dialect: .excel, to: customers)
        try test.bob.export(.products, dialect: .excel, to: products)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: customers)))
        #expect(Array(bytes.prefix(3)) == TextEncoding.byteOrderMark)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\r\n"))
        // Python's csv module with Excel's dialect and ';', as Calc or Excel would split it.
        let script = """
            import csv, json, sys
            out = []
            for path in sys.argv[1:]:
                with open(path, newline='', encoding='utf-8-sig') as f:
                    out.append(list(csv.reader(f, dialect='excel', delimiter=';')))
            print(json.dumps(out))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, customers, products]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let tables = try JSONDecoder().decode([[[String]]].self, from: data)
        let header = tables[0][0], row = tables[0][1]
        #expect(header.count == row.count && header[0] == "Number")
        let cell = { (name: String) in row[header.firstIndex(of: name)!] }
        #expect(cell("Name") == "'=HYPERLINK(\"http://x\";\"Müller\")")   // neutralised, not run
        #expect(cell("Contact") == "Jürgen; Weiß" && cell("Street") == "Straße \"Alt\" 1")
        // A leading zero as Excel's text formula: opened, it shows 01067 and saves it so.
        #expect(cell("Postal Code") == "=\"01067\"" && cell("Notes") == "zwei\nZeilen")
        let productHeader = tables[1][0], product = tables[1][1]
        #expect(product[productHeader.firstIndex(of: "Price")!] == "1234,50" && product[productHeader.firstIndex(of: "Name")!] == "Öl")
        // The database keeps the name as it was typed.
        #expect(try test.database.read { db in try String.fetchOne(db, sql: "SELECT name FROM customers") }?.hasPrefix("=HYPERLINK") == true)
    }

    /// An invoice's lines add up from the export alone: quantities with
    /// their decimals, the tax category, each line's discount; the
    /// discounts on the whole invoice; and what each payment row is.
    @Test func invoicesCanBeReconciledFromTheExport() throws {
        let f = try InvoiceFixture()
        var fields = InvoiceLineFields(productID: f.coffee.id, description: "Kaffee Crema 500 g", quantity: "8", unit: "Pck", price: "14,50",
                                       vatRate: "7", discount: "5 %", discountReason: "Treue")
        var hours = InvoiceLineFields(description: "Beratung", quantity: "2,5", unit: "h", price: "80,00", vatRate: "19")
        var draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [try fields.input(), try hours.input()], by: f.db.carol)
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, amountCents: 1_000, reason: "Jahresrabatt", vatRate: .standard),
                                            expectedVersion: draft.version, by: f.db.carol)
        let issued = try f.invoices.issue(draft.id, issueDate: CalendarDate.today(), skonto: .none, expectedVersion: draft.version, by: f.db.carol)
        try f.invoices.recordPayment(to: issued.id, amountCents: 5_000, by: f.db.carol)
        let folder = f.db.folder.appendingPathComponent("all")
        _ = try f.db.carol.exportAll(to: folder.path, dialect: .rfc4180)
        func table(_ name: String) throws -> [[String: String]] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).csv"), encoding: .utf8)
            let rows = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        }
        let lines = try table("invoice-lines")
        let coffee = try #require(lines.first { $0["Description"] == "Kaffee Crema 500 g" })
        #expect(coffee["Quantity"] == "8" && coffee["Tax Category"] == "S" && coffee["Discount"] == "5.80" && coffee["Discount Percent"] == "5"
                && coffee["Net"] == "110.20", "\(coffee)")
        let consulting = try #require(lines.first { $0["Description"] == "Beratung" })
        #expect(consulting["Quantity"] == "2.5" && consulting["Net"] == "200.00", "\(consulting)")
        let allowance = try #require(try table("invoice-allowances").first)
        #expect(allowance["Amount"] == "10.00" && allowance["Charge"] == "no" && allowance["Reason"] == "Jahresrabatt", "\(allowance)")
        #expect(try table("payments").first?["Kind"] == "payment")
    }

    /// A business leaving keeps its conversations and its offers: every
    /// ticket's messages (notes too, with their line breaks) and every
    /// deal's lines are tables of `--all`.
    @Test func ticketMessagesAndDealLinesAreExportedWhole() throws {
        let f = try InvoiceFixture()
        let ticket = try f.db.database.tickets.create(TicketFields(subject: "Mühle defekt", customerID: f.customer.id), by: f.db.bob)
        let asked = try f.db.database.tickets.addMessage(to: ticket.id, kind: .customer, body: "Die Mühle mahlt nicht mehr.",
                                                         authorName: "Frau Weiß", expectedVersion: ticket.version, by: f.db.bob)
        try f.db.database.tickets.addMessage(to: ticket.id, kind: .note, body: "=SUMME(A1)\nzweite Zeile; mit \"Zitat\"",
                                             expectedVersion: asked.ticket.version, by: f.db.bob)
        let deal = try f.db.database.deals.create(DealFields(customerID: f.customer.id, title: "Kaffee fürs Büro"), by: f.db.bob)
        let first = try f.db.database.deals.addLine(to: deal.id, DealLineFields(productID: f.coffee.id, quantity: 12), expectedVersion: deal.version,
                                                    by: f.db.bob)
        try f.db.database.deals.addLine(to: deal.id, DealLineFields(description: "Einweisung", quantity: 2, unitPriceCents: 4_500, vatRateBP: 1_900),
                                        expectedVersion: first.deal.version, by: f.db.bob)

        let folder = f.db.folder.appendingPathComponent("all")
        let results = try f.db.bob.exportAll(to: folder.path, dialect: .rfc4180)
        #expect(results.first { $0.table == .ticketMessages }?.rows == 2 && results.first { $0.table == .dealLines }?.rows == 2)
        func table(_ name: String) throws -> [[String: String]] {
            let reader = try CSVReader(path: folder.appendingPathComponent("\(name).csv").path, dialect: .rfc4180)
            let header = try #require(reader.next()).fields
            var rows: [[String: String]] = []
            while let record = reader.next() { rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields))) }
            return rows
        }
        let messages = try table("ticket-messages")
        #expect(messages.map { $0["Kind"] } == ["customer", "note"])
        #expect(messages[0]["Ticket"] == String(ticket.id) && messages[0]["Author"] == "Frau Weiß" && messages[0]["Text"] == "Die Mühle mahlt nicht mehr.")
        // Kept whole, its line break and quotes; a formula is not run.
        #expect(messages[1]["Text"] == "'=SUMME(A1)\nzweite Zeile; mit \"Zitat\"", "\(messages[1])")
        #expect(messages[1]["Author Account"] == "bob")
        let lines = try table("deal-lines")
        #expect(lines.map { $0["Position"] } == ["1", "2"])
        #expect(lines[0]["SKU"] == "KAF-500" && lines[0]["Quantity"] == "12" && lines[0]["Unit Price"] == "12.50" && lines[0]["VAT"] == "7", "\(lines[0])")
        #expect(lines[1]["SKU"] == "" && lines[1]["Description"] == "Einweisung" && lines[1]["Unit Price"] == "45.00", "\(lines[1])")
        let readme = try String(contentsOf: folder.appendingPathComponent("README.txt"), encoding: .utf8)
        #expect(readme.contains("ticket-messages.csv") && readme.contains("deal-lines.csv"))
    }

    /// A long export says how far it is: rows written of all there are,
    /// never going back, ending at the total, table by table in order.
    @Test func anExportSaysHowFarItIs() throws {
        let test = try TestDatabase()
        try test.add((1...4_100).map { "Kunde \($0)" })
        var told: [(written: Int, total: Int, table: ExportTable)] = []
        let results = try test.alice.exportAll(to: test.folder.appendingPathComponent("all").path, dialect: .excel) { told.append(($0, $1, $2)) }
        let total = results.reduce(0) { $0 + $1.rows }
        #expect(total > 4_100 && told.allSatisfy { $0.total == total })
        #expect(zip(told, told.dropFirst()).allSatisfy { $0.written <= $1.written })
        #expect(told.last?.written == total && told.contains { $0.table == .customers && $0.written == 4_096 })
        #expect(told.map(\.table).reduce(into: [ExportTable]()) { if $0.last != $1 { $0.append($1) } } == results.map(\.table))

        var one: [Int] = []
        let customers = try test.alice.export(.customers, dialect: .excel, to: test.folder.appendingPathComponent("c.csv").path) { written, all, _ in
            #expect(all == 4_100)
            one.append(written)
        }
        #expect(customers.rows == 4_100 && one == [4_096, 4_100])
    }

    @Test func roundTripIntoAnEmptyDatabase() throws {
        let source = try TestDatabase()
        let awkward = try awkwardCustomer(source)
        let other = try source.database.customers.create(CustomerFields(kind: .person, name: "Ærø Ålund", city: "København", country: "DK"), by: source.bob)
        try source.database.customers.addContact(to: awkward.id, ContactFields(name: "Anna Äpfel", role: "Einkauf", email: "a@example.de", isPrimary: true), by: source.bob)
        let öl = try source.database.products.create(ProductFields(sku: "OEL-1", ean: "4006381333931", name: "Öl „extra“", unit: "l", price: "12,34",
                                                                    vatRate: .reduced, cost: "8,00", reorderPoint: "3"), by: source.carol)
        try source.database.products.receive(productID: öl.id, quantity: 7, by: source.carol)
        try source.database.products.create(ProductFields(sku: "SVC", name: "Stunde", unit: "Std", price: "90", stocked: false), by: source.carol)
        for dialect in [CSVDialect.excel, .rfc4180] {
            let folder = source.folder.appendingPathComponent(dialect.decimalComma ? "excel" : "rfc").path
            _ = try source.alice.exportAll(to: folder, dialect: dialect)
            #expect(FileManager.default.fileExists(atPath: folder + "/README.txt"))
            let target = try TestDatabase()
            for kind in [ImportKind.customers, .contacts, .products] {
                let report = try target.alice.importFile(ImportOptions(kind: kind, path: folder + "/\(kind.rawValue).csv"))
                #expect(report.problems.isEmpty && report.committed, "\(kind): \(report.problems)")
            }
            func customers(_ test: TestDatabase) throws -> [Customer] {
                try test.database.read { db in try Customer.fetchAll(db, sql: "SELECT * FROM customers ORDER BY id") }
            }
            #expect(try customers(target).map(\.fields) == customers(source).map(\.fields))
            #expect(try customers(target).map(\.id) == [awkward.id, other.id])
            let contacts = try target.database.customers.contacts(of: awkward.id)
            // The one the customer was entered with (its contact field), once, and the one added.
            #expect(contacts.map(\.fields) == [ContactFields(name: "Anna Äpfel", role: "Einkauf", email: "a@example.de", isPrimary: true),
                                               ContactFields(name: "Jürgen; Weiß", email: "j@example.de", phone: "+49 30 1234")])
            #expect(try contacts.map(\.fields) == source.database.customers.contacts(of: awkward.id).map(\.fields))
            func products(_ test: TestDatabase) throws -> [Row] {
                try test.database.read { db in
                    try Row.fetchAll(db, sql: "SELECT sku, ean, name, unit, price_cents, vat_rate_bp, cost_cents, reorder_point, on_hand, active, stocked FROM products ORDER BY sku")
                }
            }
            #expect(try products(target) == products(source))
            #expect(try target.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM stock_moves WHERE kind = 'receipt'") } == 1)
        }
    }

    @Test func aListExportsWhatItShowsInItsOrder() throws {
        let test = try TestDatabase()
        try test.add(["Zebra Berlin", "Alpha Berlin", "Mitte Hamburg"])
        let archived = try test.database.customers.create(CustomerFields(name: "Alt Berlin"), by: test.bob)
        try test.database.customers.setArchived(id: archived.id, true, expectedVersion: archived.version, by: test.bob)
        let path = file(test, "berlin.csv")
        let selection = try ExportSelection.named(.customers, view: nil, filter: "berlin", for: test.bob)
        let result = try test.bob.export(.customers, selection: selection, dialect: .rfc4180, to: path)
        #expect(result.rows == 2)
        let reader = try CSVReader(path: path, dialect: .rfc4180)
        _ = reader.next()
        #expect(reader.next()?.fields[2] == "Alpha Berlin")
        #expect(reader.next()?.fields[2] == "Zebra Berlin")
        let archivedOnly = try ExportSelection.named(.customers, view: "archived", filter: nil, for: test.bob)
        #expect(try test.bob.export(.customers, selection: archivedOnly, dialect: .excel, to: path).rows == 1)
        #expect(throws: KontorError.self) { try ExportSelection.named(.customers, view: "nope", filter: nil, for: test.bob) }
        #expect(throws: KontorError.self) { try ExportSelection.named(.payments, view: nil, filter: "x", for: test.bob) }
    }

    @Test func theAuditLogIsForManagersAndStaffDetailsFollowTheRole() throws {
        let test = try TestDatabase()
        try test.raw("UPDATE staff SET phone = '0171 1', email = 'c@example.de' WHERE username = 'carol'")
        #expect(throws: KontorError.self) { try test.bob.export(.audit, dialect: .excel, to: file(test, "a.csv")) }
        #expect(try test.dave.export(.audit, dialect: .excel, to: file(test, "a.csv")).rows > 0)
        try test.bob.export(.staff, dialect: .rfc4180, to: file(test, "s.csv"))
        #expect(!(try String(contentsOfFile: file(test, "s.csv"), encoding: .utf8)).contains("c@example.de"))
        try test.carol.export(.staff, dialect: .rfc4180, to: file(test, "s.csv"))
        #expect(try String(contentsOfFile: file(test, "s.csv"), encoding: .utf8).contains("c@example.de"))
        let folder = test.folder.appendingPathComponent("all").path
        #expect(try test.bob.exportAll(to: folder, dialect: .excel).map(\.table).contains(.audit) == false)
    }
}
