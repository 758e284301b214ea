import KontorModel
import Testing

@Suite("Customer validation")
struct CustomerValidationTests {
    @Test func validFieldsPass() {
        let fields = CustomerFields(name: "Müller GmbH", email: "info@mueller.de", phone: "+49 30 123456", vatID: "DE123456788")
        #expect(fields.normalized().validate() == nil)
    }

    @Test func nameIsRequired() throws {
        let failure = try #require(CustomerFields(name: "   ").normalized().validate())
        #expect(failure.message(for: "name") == "is required")
    }

    @Test(arguments: ["no-at-sign", "a@b", "two@@example.com", "with space@example.com", "@example.com", "x@example.c", "x@.com"])
    func badEmailsAreRefused(email: String) throws {
        let failure = try #require(CustomerFields(name: "A", email: email).normalized().validate())
        #expect(failure.message(for: "e-mail") == "must look like name@example.com")
    }

    @Test(arguments: ["a@example.com", "jürgen.müller@example.de", "first.last+tag@sub.example.co.uk"])
    func plausibleEmailsPass(email: String) {
        #expect(CustomerFields(name: "A", email: email).normalized().validate() == nil)
    }

    @Test func overLongValuesSayTheLimit() throws {
        let failure = try #require(CustomerFields(name: String(repeating: "x", count: 130)).validate())
        #expect(failure.message(for: "name") == "is too long: 130 characters, at most 120")
    }

    @Test func everyBadFieldIsReportedAtOnce() throws {
        let failure = try #require(CustomerFields(name: "", email: "nope", phone: "call me", vatID: "123").normalized().validate())
        #expect(Set(failure.issues.map(\.field)) == ["name", "e-mail", "phone", "VAT id"])
    }

    @Test func controlCharactersAreRefusedInSingleLineFields() throws {
        let failure = try #require(CustomerFields(name: "Evil\u{1B}[2J Corp").validate())
        #expect(failure.message(for: "name")?.contains("control character (U+001B)") == true)
        #expect(CustomerFields(name: "Ok", notes: "line one\nline two").validate() == nil)
    }

    @Test func normalisingTrimsAndUppercasesTheVATID() {
        let fields = CustomerFields(name: "  Weiß KG ", vatID: "de 123 456 788").normalized()
        #expect(fields.name == "Weiß KG")
        #expect(fields.vatID == "DE123456788")
    }

    @Test func phoneNeedsDigits() throws {
        #expect(try #require(CustomerFields(name: "A", phone: "+-").validate()).message(for: "phone") == "needs at least 3 digits")
        #expect(CustomerFields(name: "A", phone: "(030) 12 34-56").validate() == nil)
    }

    @Test func aCountryIsARealCountrysCode() throws {
        for code in ["DE", "at", "CH", "GB", "JP"] {
            #expect(CustomerFields(name: "A", country: code).normalized().validate() == nil, "\(code)")
        }
        #expect(try #require(CustomerFields(name: "A", country: "xx").normalized().validate()).message(for: "country") == "XX is no country's code; like DE, AT or CH")
        // A country typed by its name is its code, as an import reads it.
        for (name, code) in [("Germany", "DE"), ("Deutschland", "DE"), ("Österreich", "AT"), ("schweiz", "CH")] {
            #expect(CustomerFields(name: "A", country: name).normalized().country == code, "\(name)")
        }
        #expect(try #require(CustomerFields(name: "A", country: "Atlantis").normalized().validate()).message(for: "country")
                == "must be a two-letter country code, like DE, AT or CH")
    }

    @Test func paymentTermsThatAreNoNumberSaySo() throws {
        #expect(try #require(CustomerFields(name: "A", paymentTerms: "14.5").validate()).message(for: "payment terms") == "must be a number of days from 0 to 365")
    }
}
