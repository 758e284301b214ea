import Foundation
@testable import KontorApp
@testable import KontorModel
import KontorMail
import KontorUI
import TestSupport
import Testing

/// A ticket that came by mail, on the screen: who wrote to whom, the quoted
/// history folded, the files listed and saved, the unknown sender linked.
@MainActor
@Suite("Mail on the ticket screen")
struct MailTicketScreenTests {
    static let mail = MailSamples.crlf("""
        From: =?UTF-8?Q?Neu_K=C3=BCnde?= <neu@example.org>
        To: support@firma.de
        Cc: chef@example.org
        Subject: Frage zum Angebot
        Message-ID: <frage-1@example.org>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="M"

        --M
        Content-Type: text/plain; charset=utf-8

        Guten Tag, gilt das Angebot noch?

        Am 01.12.2026 um 09:00 schrieb Vertrieb <vertrieb@firma.de>:
        > Anbei unser Angebot.
        > Gültig bis Jahresende.
        --M
        Content-Type: application/pdf; name="Angebot.pdf"
        Content-Disposition: attachment; filename="Angebot.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJSVFT0YK
        --M--
        """)

    @Test func aMailTicketShowsItsSenderFoldsQuotesSavesFilesAndLinksTheSender() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        try h.session.updateMailSettings { $0.queueAddresses = ["support": "support@firma.de"] }
        guard case let .opened(id) = try h.database.mailIntake.receive(try MailReader.read(Self.mail), raw: Self.mail) else {
            Issue.record("no ticket"); return
        }
        h.openTickets()
        h.app.open(.ticket(id))
        var text = h.press(.char("G"))
        #expect(text.contains("#\(id)  Frage zum Angebot"), "\(text)")
        #expect(text.contains("? Unknown sender neu@example.org: L links the address to a customer"), "\(text)")
        #expect(text.contains("Customer · Neu Künde ·") && text.contains("by mail"), "\(text)")
        #expect(text.contains("From Neu Künde <neu@example.org> · To support@firma.de · Cc") && text.contains("chef@example.org"), "\(text)")
        #expect(text.contains("Guten Tag, gilt das Angebot noch?"))
        #expect(text.contains("┆ 3 quoted lines folded (z shows them)") && !text.contains("Anbei unser Angebot"), "\(text)")
        #expect(text.contains("Attachment: Angebot.pdf · 15 B"), "\(text)")

        text = h.press(.char("z"))
        #expect(text.contains("> Anbei unser Angebot.") && !text.contains("quoted lines folded"), "\(text)")

        text = h.press(.char("A"))
        let saved = h.folder.appendingPathComponent("exports/ticket-\(id)/Angebot.pdf")
        #expect(text.contains("Saved to") && FileManager.default.fileExists(atPath: saved.path), "\(text)")
        #expect(try Data(contentsOf: saved).starts(with: Array("%PDF-1.4".utf8)))

        // The sender becomes a new customer, the address theirs.
        text = h.press(.char("L"))
        #expect(text.contains("Link neu@example.org to which customer?") && text.contains("+ new customer: Neu Künde"), "\(text)")
        text = h.press(.enter)
        #expect(text.contains("neu@example.org linked: 1 ticket moved to the customer"), "\(text)")
        #expect(!text.contains("Unknown sender"), "\(text)")
        let ticket = try h.ticket(id)
        #expect(ticket.unknownSender == nil)
        let customer = try #require(try h.database.customers.find(id: ticket.customerID))
        #expect(customer.fields.name == "Neu Künde" && customer.fields.email == "neu@example.org" && !customer.archived)

        // The next mail from that address finds the customer.
        let next = MailSamples.crlf("From: neu@example.org\nTo: support@firma.de\nSubject: Noch was\nMessage-ID: <frage-2@example.org>\n\nText\n")
        guard case let .opened(second) = try h.database.mailIntake.receive(try MailReader.read(next), raw: next) else { Issue.record("no ticket"); return }
        #expect(try h.ticket(second).customerID == customer.id)
    }

    @Test func aMailWithoutASenderIsGivenToACustomerAloneAndTypingFindsTheCustomerFirst() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let noSender = MailSamples.crlf("To: support@firma.de\nSubject: ohne Absender\nMessage-ID: <ohne-1@example.org>\n\nText\n")
        let another = MailSamples.crlf("To: support@firma.de\nSubject: auch ohne\nMessage-ID: <ohne-2@example.org>\n\nText\n")
        guard case let .opened(id) = try h.database.mailIntake.receive(try MailReader.read(noSender), raw: noSender),
              case let .opened(other) = try h.database.mailIntake.receive(try MailReader.read(another), raw: another) else {
            Issue.record("no ticket"); return
        }
        h.openTickets()
        h.app.open(.ticket(id))
        var text = h.screen
        #expect(text.contains("? The mail named no sender: L gives the ticket to a customer"), "\(text)")
        text = h.press(.char("L"))
        #expect(text.contains("Give the ticket to which customer?") && !text.contains("+ new customer"), "nobody to make a customer of:\n\(text)")
        h.type("Müller")
        text = h.press(.enter)
        #expect(text.contains("Ticket #\(id) given to the customer"), "\(text)")
        let mueller = try #require(try h.customer(named: "Müller GmbH"))
        #expect(try h.ticket(id).customerID == mueller.id && h.ticket(id).unknownSender == nil)
        #expect(try h.ticket(other).unknownSender != nil, "another mail without a sender stays where it was")
    }

    @Test func typedTextPutsTheCustomersFoundBeforeANewOne() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        guard case let .opened(id) = try h.database.mailIntake.receive(try MailReader.read(Self.mail), raw: Self.mail) else {
            Issue.record("no ticket"); return
        }
        h.openTickets()
        h.app.open(.ticket(id))
        h.press(.char("L"))
        h.type("Müller")
        let text = h.press(.enter)
        #expect(text.contains("neu@example.org linked"), "\(text)")
        #expect(try h.ticket(id).customerID == h.customer(named: "Müller GmbH")?.id, "Enter took the customer found, not a new one")
    }
}
