import Foundation
import KontorModel
import KontorUI
import Testing

/// The contacts of a customer's 360° view at 200 columns: the columns take
/// the width (an e-mail address shows whole), and the highlighted primary
/// contact keeps its ★ beside the cursor.
@MainActor
@Suite("A customer's contacts table")
struct CustomerContactsTableTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func theEMailGetsTheWidthAndThePrimaryKeepsItsStarUnderTheCursor() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        let address = "buchhaltung@wolff-maschinenbau.example.com"
        _ = try h.database.customers.addContact(to: zeta.id, ContactFields(name: "Petra Wolff", role: "Buchhaltung", email: address,
                                                                          phone: "+49 421 998877", isPrimary: true), by: h.session)
        _ = try h.database.customers.addContact(to: zeta.id, ContactFields(name: "Jan Wolff", role: "Einkauf"), by: h.session)
        h.press(.char("/"))
        h.type("zeta")
        let screen = h.press(.enter, .enter)
        let primary = try #require(lines(screen).first { $0.contains("★ Petra Wolff") }, "\(screen)")
        #expect(primary.contains(address) && primary.contains("+49 421 998877"), "the address whole: \(primary)")
        // The cursor is on the primary contact: both marks are there.
        #expect(primary.contains("›★ Petra Wolff"), "\(primary)")
        let other = try #require(lines(screen).first { $0.contains("Jan Wolff") }, "\(screen)")
        #expect(!other.contains("★"), "\(other)")
    }
}
