import Foundation
@testable import KontorModel
import Testing

@Suite("Staff directory and workload")
struct StaffListTests {
    @Test func pagesSearchAndViews() throws {
        let db = try TestDatabase()
        let staff = db.alice.staffDirectory
        let erin = try staff.add(StaffFields(username: "erin", fullName: "Erin Lager", department: "Lager"), role: .back)
        try staff.setActive(id: erin.id, false, expectedVersion: erin.version)
        func names(_ query: StaffListQuery) throws -> [String] {
            try staff.page(query, after: nil, limit: 10).map(\.member.username)
        }
        #expect(try names(StaffListQuery()) == ["alice", "bob", "carol", "dave"])
        #expect(try names(StaffListQuery(view: .inactive)) == ["erin"])
        #expect(try names(StaffListQuery(view: .all)) == ["alice", "bob", "carol", "dave", "erin"])
        #expect(try names(StaffListQuery(view: .all, text: "lager")) == ["erin"])
        #expect(try names(StaffListQuery(text: "manager")) == ["dave"])
        // No letter or digit: nothing to match, so nothing is filtered out, as on every list.
        #expect(try names(StaffListQuery(text: "-!")) == ["alice", "bob", "carol", "dave"])
        #expect(try staff.count(StaffListQuery(view: .all)) == 5)

        let first = try staff.page(StaffListQuery(), after: nil, limit: 2)
        #expect(first.map(\.member.username) == ["alice", "bob"])
        #expect(try staff.page(StaffListQuery(), after: first[1].listKey, limit: 5).map(\.member.username) == ["carol", "dave"])
        #expect(try staff.page(StaffListQuery(), after: first[1].listKey, inclusive: true, limit: 1).map(\.member.username) == ["bob"])
        #expect(try staff.page(StaffListQuery(), before: nil, limit: 2).map(\.member.username) == ["carol", "dave"])
        #expect(try staff.page(StaffListQuery(), before: first[1].listKey, limit: 2).map(\.member.username) == ["alice"])
    }

    @Test func aSearchFindsEveryoneItMatches() throws {
        let db = try TestDatabase()
        let staff = db.alice.staffDirectory
        for (username, name) in [("erin", "Erin Lager"), ("frank", "Frank Lager"), ("gina", "Gina Lagerhaus")] {
            _ = try staff.add(StaffFields(username: username, fullName: name, department: "Lager"), role: .back)
        }
        let all = try staff.page(StaffListQuery(text: "lager"), after: nil, limit: 10).map(\.member.username)
        #expect(all == ["erin", "frank", "gina"], "several people match")
        #expect(try staff.count(StaffListQuery(text: "lager")) == 3)
        #expect(try staff.page(StaffListQuery(text: "lager"), after: nil, limit: 2).map(\.member.username) == ["erin", "frank"])
    }

    @Test func aPhoneNumberIsCheckedAsACustomersIs() throws {
        let db = try TestDatabase()
        let staff = db.alice.staffDirectory
        for phone in ["abc", "+-"] {
            #expect(throws: KontorError.self, "\(phone)") { try staff.add(StaffFields(username: "erin", fullName: "Erin Lager", phone: phone), role: .back) }
        }
        #expect(try staff.add(StaffFields(username: "erin", fullName: "Erin Lager", phone: "(030) 12 34-56"), role: .back).phone == "(030) 12 34-56")
    }

    @Test func searchFoldsCaseAccentsAndGermanSpellings() throws {
        let db = try TestDatabase()
        let staff = db.alice.staffDirectory
        _ = try staff.add(StaffFields(username: "jweiss", fullName: "Jürgen Weiß", title: "Leitung Buchhaltung", department: "Büro"), role: .back)
        func names(_ text: String) throws -> [String] {
            try staff.page(StaffListQuery(text: text), after: nil, limit: 10).map(\.member.username)
        }
        for typed in ["jürgen", "JÜRGEN", "jurgen", "juergen", "weiss", "Weiß", "jürg weiß", "buero", "buchhalt", "jweiss"] {
            #expect(try names(typed) == ["jweiss"], "\(typed)")
        }
        #expect(try names("jürgen müller").isEmpty)
        #expect(try staff.count(StaffListQuery(text: "juergen")) == 1)
    }

    @Test func workloadIsCountedPerPerson() throws {
        let db = try TestDatabase()
        let bobID = db.bob.staff.id
        let customer = try db.database.customers.create(CustomerFields(name: "Müller GmbH"), by: db.bob)
        let tickets = db.database.tickets
        for subject in ["Gerät defekt", "Rechnung falsch", "Lieferung fehlt"] {
            let ticket = try tickets.create(TicketFields(subject: subject, customerID: customer.id), by: db.bob)
            try tickets.assign(id: ticket.id, to: bobID, expectedVersion: ticket.version, by: db.bob)
        }
        let done = try tickets.create(TicketFields(subject: "Erledigt", customerID: customer.id), by: db.bob)
        let assigned = try tickets.assign(id: done.id, to: bobID, expectedVersion: done.version, by: db.bob)
        try tickets.setStatus(id: done.id, .resolved, expectedVersion: assigned.version, by: db.bob)

        let deals = db.database.deals
        let open = try deals.create(DealFields(customerID: customer.id, title: "Zweites Gerät", ownerID: bobID), by: db.bob)
        let lost = try deals.create(DealFields(customerID: customer.id, title: "Verloren", ownerID: bobID), by: db.bob)
        try deals.moveStage(id: lost.id, to: .lost, lostReason: "zu teuer", expectedVersion: lost.version, by: db.bob)

        let row = try #require(try db.alice.staffDirectory.row(id: bobID))
        #expect(row.openTickets == 3)
        #expect(row.openDeals == 1)
        #expect(try db.alice.staffDirectory.row(id: db.carol.staff.id)?.openTickets == 0)
        let bobsDeals = try db.alice.staffDirectory.openDeals(of: bobID, olderThan: nil, limit: 10)
        #expect(bobsDeals.map(\.id) == [open.id])
        #expect(try db.alice.staffDirectory.openDeals(of: bobID, newerThan: nil, limit: 10).map(\.id) == [open.id])
        #expect(try db.alice.staffDirectory.openDeals(of: bobID, olderThan: open.id, limit: 10).isEmpty)
    }

    @Test func managersReportsAndPrivateFields() throws {
        let db = try TestDatabase()
        let staff = db.alice.staffDirectory
        let dave = try #require(try staff.find(username: "dave"))
        let erin = try staff.add(StaffFields(username: "erin", fullName: "Erin Lager", managerID: dave.id, phone: "+49 30 1", email: "erin@example.com"), role: .back)
        #expect(try staff.reports(of: dave.id).map(\.member.username) == ["erin"])
        let seenByAdmin = try #require(try staff.row(id: erin.id))
        #expect(seenByAdmin.managerName == "Dave Manager")
        #expect(seenByAdmin.member.phone == "+49 30 1" && seenByAdmin.member.email == "erin@example.com")
        // Front office reads the directory without private fields, in every query.
        let seenByFront = try #require(try db.bob.staffDirectory.row(id: erin.id))
        #expect(seenByFront.member.phone.isEmpty && seenByFront.member.email.isEmpty)
        #expect(try db.bob.staffDirectory.page(StaffListQuery(), after: nil, limit: 10).allSatisfy { $0.member.phone.isEmpty && $0.member.email.isEmpty })
        #expect(try db.bob.staffDirectory.reports(of: dave.id).allSatisfy { $0.member.email.isEmpty })
    }

    /// Managers form a tree: choosing someone who works under you (directly
    /// or through others) as your manager is refused, on the form and in
    /// an import, as choosing yourself is.
    @Test func aChainOfManagersNeverGoesRoundInACircle() throws {
        let db = try TestDatabase()
        let staff = db.alice.staffDirectory
        let dave = try #require(try staff.find(username: "dave"))
        let erin = try staff.add(StaffFields(username: "erin", fullName: "Erin Lager", managerID: dave.id), role: .back)
        let finn = try staff.add(StaffFields(username: "finn", fullName: "Finn Hof", managerID: erin.id), role: .back)
        var fields = StaffFields(username: dave.username, fullName: dave.fullName, title: dave.title, department: dave.department,
                                 managerID: finn.id, phone: dave.phone, email: dave.email)
        #expect { try staff.update(id: dave.id, fields, expectedVersion: dave.version) } throws: {
            "\($0)".contains("Finn Hof works under Dave Manager (directly or through others), so cannot be Dave Manager's manager")
        }
        fields.managerID = erin.id
        #expect(throws: KontorError.self) { try staff.update(id: dave.id, fields, expectedVersion: dave.version) }
        // Another branch of the tree is a fine manager.
        let gina = try staff.add(StaffFields(username: "gina", fullName: "Gina Chef"), role: .manager)
        fields.managerID = gina.id
        #expect(try staff.update(id: dave.id, fields, expectedVersion: dave.version).managerID == gina.id)
        // The same through an import: the row is refused, nothing written.
        try FileManager.default.createDirectory(at: db.folder, withIntermediateDirectories: true)
        let file = db.folder.appendingPathComponent("staff.csv")
        try Data("Username;Full Name;Manager\ngina;Gina Chef;finn\n".utf8).write(to: file)
        let report = try db.alice.importFile(ImportOptions(kind: .staff, path: file.path, update: true))
        #expect(report.rejected == 1 && !report.committed)
        #expect(report.problems.map { "\($0)" } == ["staff.csv:2: Manager: 'finn' Finn Hof works under Gina Chef (directly or through others), so cannot be Gina Chef's manager: the chain of managers would go round in a circle"])
        #expect(try staff.find(username: "gina")?.managerID == nil)
        // Nor one's own manager.
        try Data("Username;Full Name;Manager\ngina;Gina Chef;gina\n".utf8).write(to: file)
        let own = try db.alice.importFile(ImportOptions(kind: .staff, path: file.path, update: true))
        #expect(own.rejected == 1 && own.problems.first?.message.contains("cannot be their own manager") == true, "\(own.problems)")
        #expect(try staff.find(username: "gina")?.managerID == nil)
    }
}
