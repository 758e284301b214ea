import Foundation
@testable import KontorModel
import Testing

/// Every field a person types into refuses controls and invisible
/// formatting with the same words, wherever the text comes from.
@Suite("Controls and invisible characters refused on input")
struct TypedTextRuleTests {
    static let payloads = ["\u{FEFF}Anna", "Demo\u{200B} GmbH", "A\u{2060}B", "x\u{2061}", "Zero\u{200C}Width",
                           "\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "C1\u{9B}31m", "rtl\u{202E}gpj.exe", "al\u{061C}m", "rl\u{200F}m"]

    @Test(arguments: payloads)
    func staffNamesRefuseThem(_ name: String) throws {
        let db = try TestDatabase()
        #expect {
            try db.alice.staffDirectory.add(StaffFields(username: "x", fullName: name), role: .front)
        } throws: { error in
            "\(error)".contains("name: contains ")
        }
        #expect(try db.alice.staffDirectory.find(username: "x") == nil)
    }

    @Test(arguments: payloads)
    func companySettingsRefuseThem(_ value: String) throws {
        let db = try TestDatabase()
        let before = try db.alice.settings()
        #expect(throws: KontorError.self) { try db.alice.updateSettings { $0.name = value } }
        #expect(throws: KontorError.self) { try db.alice.updateSettings { $0.bank = value } }
        #expect(try db.alice.settings() == before)
    }

    @Test func anAddressKeepsItsLineBreaksOnly() throws {
        let db = try TestDatabase()
        try db.alice.updateSettings { $0.address = "Hauptstraße 1\n10115 Berlin" }
        #expect {
            try db.alice.updateSettings { $0.address = "Hauptstraße 1\n\u{200B}10115 Berlin" }
        } throws: { error in
            "\(error)" == "address: contains an invisible formatting character (U+200B) at character 15"
        }
    }

    @Test(arguments: payloads)
    func customerProductTicketAndDealTextRefuseThem(_ value: String) throws {
        let db = try TestDatabase()
        #expect(throws: KontorError.self) { try db.database.customers.create(CustomerFields(name: value), by: db.bob) }
        #expect(throws: KontorError.self) {
            try db.database.products.create(ProductFields(sku: "P-1", name: value, price: "1,00"), by: db.carol)
        }
        #expect(TicketFields(subject: value, customerID: 1).normalized().validate() != nil)
        #expect(DealFields(customerID: 1, title: value).normalized().validate() != nil)
    }

    @Test func emojiSequencesUmlautsAndCJKAreWelcome() throws {
        let db = try TestDatabase()
        try db.alice.staffDirectory.add(StaffFields(username: "yamada", fullName: "山田 太郎 👩‍💻 Jürgen"), role: .front)
        #expect(try db.alice.staffDirectory.find(username: "yamada")?.fullName == "山田 太郎 👩‍💻 Jürgen")
    }

    /// The command line's way: only the setting asked for is written, so a
    /// value a colleague saved in between is never put back.
    @Test func changingOneSettingLeavesAColleaguesChangeToAnother() throws {
        let db = try TestDatabase()
        let other = try db.database.session(for: Actor(username: "alice"))
        try db.alice.updateSettings { $0.name = "Vorher GmbH"; $0.bank = "DE02 1203 0000 0000 2020 51" }
        let readEarlier = try db.alice.settings()
        try other.updateSettings { $0.name = "Nachher GmbH" }
        try db.alice.updateSettings { $0.bank = "DE89 3704 0044 0532 0130 00" }
        let now = try db.alice.settings()
        #expect(now.name == "Nachher GmbH")
        #expect(now.bank == "DE89 3704 0044 0532 0130 00")
        #expect(readEarlier.name == "Vorher GmbH")
    }

    @Test func concurrentSettingChangesLoseNothing() async throws {
        let db = try TestDatabase()
        let path = db.path
        // Eight processes' worth of sessions, each setting its own key over
        // and over; at the end each key holds its writer's last value.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let database = try KontorDatabase(path: path)
                    let session = try database.session(for: Actor(username: "alice"))
                    for round in 0..<20 {
                        switch writer {
                        case 0: try session.updateSettings { $0.name = "Name \(round)" }
                        case 1: try session.updateSettings { $0.bank = "Bank \(round)" }
                        case 2: try session.updateSettings { $0.taxNumber = "12/345/\(round)" }
                        default: try session.updateSettings { $0.paymentTermsDays = round }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let settings = try db.alice.settings()
        #expect(settings.name == "Name 19" && settings.bank == "Bank 19" && settings.taxNumber == "12/345/19" && settings.paymentTermsDays == 19)
    }
}
