@testable import KontorModel
import KontorLocale
import Testing

/// The company settings refuse what would make every invoice wrong: a
/// country that is none (its VAT rules follow the seller's country), an
/// address mail cannot reach, a usual Skonto that outlasts the usual
/// payment terms.
@Suite("Company settings checked")
struct SettingsValidationTests {
    static func problems(_ change: (inout CompanySettings) -> Void) throws -> [String: String] {
        let db = try TestDatabase()
        var settings = try db.alice.settings()
        change(&settings)
        return Dictionary((settings.validate()?.issues ?? []).map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func aCountryMustBeOne() throws {
        #expect(try Self.problems { $0.country = "XX" }["country"] == "XX is no country's code; like DE, AT or CH")
        #expect(try Self.problems { $0.country = "AT" }["country"] == nil)
    }

    @Test func theCompanysAddressMustBeOneMailReaches() throws {
        #expect(try Self.problems { $0.email = "nomail" }["e-mail"] == "must look like name@example.com")
        #expect(try Self.problems { $0.email = "" }["e-mail"] == nil)
        #expect(try Self.problems { $0.email = "info@firma.de" }["e-mail"] == nil)
    }

    @Test func theUsualSkontoEndsByTheUsualDueDate() throws {
        let long = try Self.problems {
            $0.paymentTermsDays = 14
            $0.skonto = SkontoTerms(percentBP: 500, days: 40)
        }
        #expect(long["Skonto"] == "40 days do not end before the usual payment terms of 14 days; shorten them or offer none")
        #expect(try Self.problems {
            $0.paymentTermsDays = 14
            $0.skonto = SkontoTerms(percentBP: 200, days: 14)
        }["Skonto"] == "14 days do not end before the usual payment terms of 14 days; shorten them or offer none")
        #expect(try Self.problems {
            $0.paymentTermsDays = 14
            $0.skonto = SkontoTerms(percentBP: 200, days: 10)
        }["Skonto"] == nil)
    }
}

/// A refusal names its fields in the reader's language ("VAT id: ist
/// keine USt-IdNr." read half English in German).
@Suite("Field names in refusals")
struct FieldLabelTests {
    @Test func fieldsAreNamedInTheReadersLanguage() {
        let failure = ValidationFailure([FieldIssue(field: "payment terms", message: "x"), FieldIssue(field: "line 2", message: "y"),
                                         FieldIssue(field: "no such field", message: "z")])
        #expect(failure.description == "payment terms: x; line 2: y; no such field: z")
        Language.$scoped.withValue(.german) {
            #expect(failure.description == "Zahlungsziel: x; Zeile 2: y; no such field: z")
        }
    }
}

/// The mail settings refuse what would silently change where mail goes.
@Suite("Mail settings checked")
struct MailSettingsValidationTests {
    @Test func aQueueAddressTypedWrongIsSaidNotDropped() {
        #expect(MailSettings.queueAddressProblem("support=support@firma.de, billing=rechnung@firma.de") == nil)
        #expect(MailSettings.queueAddressProblem("foo") == "'foo' is not queue=address, as support=support@firma.de")
        #expect(MailSettings.queueAddressProblem("support=support@firma.de, =x@y.de") != nil)
        #expect(MailSettings.queueAddressProblem("") == nil, "no queues at all is a choice")
    }

    @Test func theDefaultQueueIsAQueue() throws {
        let db = try TestDatabase()
        var settings = try db.alice.mailSettings()
        settings.defaultQueue = "nonexist"
        #expect(settings.validate()?.issues.first { $0.field == "default queue" }?.message
                == "nonexist is no queue: support, billing, sales, or one given an address")
        settings.queueAddresses = ["nonexist": "x@firma.de"]
        #expect(settings.validate() == nil)
        settings.defaultQueue = "billing"
        #expect(settings.validate() == nil)
    }
}
