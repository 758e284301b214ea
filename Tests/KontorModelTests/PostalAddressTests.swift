@testable import KontorModel
import Testing

/// A letter's address as the post reads it (DIN 5008): no country line at
/// home, the country's name in capitals abroad.
@Suite("Addresses on letters")
struct PostalAddressTests {
    @Test func homeLeavesTheCountryOutAbroadNamesItInCapitals() {
        let street = ["Hauptstraße 1", "10115 Berlin"]
        #expect(InvoiceSheet.postal(street + ["DE"], from: "DE", german: true) == street)
        #expect(InvoiceSheet.postal(["Ring 2", "1010 Wien", "AT"], from: "DE", german: true) == ["Ring 2", "1010 Wien", "ÖSTERREICH"])
        #expect(InvoiceSheet.postal(["Ring 2", "1010 Wien", "AT"], from: "DE", german: false) == ["Ring 2", "1010 Wien", "AUSTRIA"])
        #expect(InvoiceSheet.postal(["1-2-3 Umeda", "Osaka", "JP"], from: "DE", german: true).last == "JAPAN")
        #expect(InvoiceSheet.postal(street, from: "DE", german: true) == street, "no country line: as it is")
        #expect(InvoiceSheet.postal(["Postfach 12", "XX"], from: "DE", german: true) == ["Postfach 12", "XX"], "no country's code: as written")
    }
}
