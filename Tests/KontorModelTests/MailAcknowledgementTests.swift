import Foundation
import KontorMail
@testable import KontorModel
import TestSupport
import Testing

/// A new ticket from mail is acknowledged once, when the settings ask for
/// it: in the transaction that opens the ticket, answering the customer's
/// message, marked as automatic; answers on the ticket and machines' mail
/// never get one.
@Suite("Acknowledging new tickets from mail")
struct MailAcknowledgementTests {
    static func mail(from: String = "Eva Einkauf <eva@kunde.example>", subject: String, id: String, extra: String = "") -> Data {
        MailSamples.crlf("From: \(from)\nTo: support@kaffee-co.example\nSubject: \(subject)\nMessage-ID: <\(id)>\n\(extra)"
                         + "Content-Type: text/plain; charset=utf-8\n\nHallo\n")
    }

    @Test func onceForANewTicketAndNeverForAnswersOrMachines() throws {
        let business = try InvoiceBusiness()
        try business.alice.updateMailSettings {
            $0.queueAddresses = ["support": "support@kaffee-co.example"]
            $0.acknowledgeNewTickets = true
        }
        let intake = business.database.mailIntake
        func take(_ data: Data) throws -> MailIntakeOutcome { try intake.receive(try MailReader.read(data), raw: data) }

        guard case let .opened(id) = try take(Self.mail(subject: "Frage zur Lieferung", id: "eins@kunde.example")) else {
            Issue.record("no ticket"); return
        }
        var entries = try business.database.mail.page()
        #expect(entries.count == 1)
        let ack = try #require(entries.first)
        #expect(ack.kind == .acknowledgement && ack.ticketID == id && ack.recipients == "eva@kunde.example" && ack.createdBy == "mail")
        #expect(ack.subject == "Re: Frage zur Lieferung [#\(id)]")
        let raw = String(decoding: try #require(try business.database.mail.raw(id: ack.id)), as: UTF8.self)
        #expect(raw.contains("Auto-Submitted: auto-replied") && raw.contains("In-Reply-To: <eins@kunde.example>"), "\(raw)")

        // The customer answers on the ticket: no second acknowledgement.
        guard case .added = try take(Self.mail(subject: "Re: Frage zur Lieferung [#\(id)]", id: "zwei@kunde.example")) else {
            Issue.record("not added"); return
        }
        // A machine's mail opens nothing and is never answered.
        _ = try take(Self.mail(from: "mailer@kunde.example", subject: "Abwesend", id: "drei@kunde.example", extra: "Auto-Submitted: auto-replied\n"))
        entries = try business.database.mail.page()
        #expect(entries.count == 1, "\(entries.map(\.subject))")

        // Off in the settings: a new ticket, no acknowledgement.
        try business.alice.updateMailSettings { $0.acknowledgeNewTickets = false }
        guard case .opened = try take(Self.mail(subject: "Andere Frage", id: "vier@kunde.example")) else { Issue.record("no ticket"); return }
        #expect(try business.database.mail.page().count == 1)
    }

    /// A mail that came without a Message-ID is answered without
    /// In-Reply-To: the id Kontor keeps for it is one the sender never had.
    @Test func aMailWithoutAnIdIsAnsweredWithoutInReplyTo() throws {
        let business = try InvoiceBusiness()
        try business.alice.updateMailSettings {
            $0.queueAddresses = ["support": "support@kaffee-co.example"]
            $0.acknowledgeNewTickets = true
        }
        let data = MailSamples.crlf("From: Eva Einkauf <eva@kunde.example>\nTo: support@kaffee-co.example\nSubject: Ohne Kennung\n"
                                    + "Content-Type: text/plain; charset=utf-8\n\nHallo\n")
        guard case .opened = try business.database.mailIntake.receive(try MailReader.read(data), raw: data) else { Issue.record("no ticket"); return }
        let ack = try #require(try business.database.mail.page().first)
        let raw = String(decoding: try #require(try business.database.mail.raw(id: ack.id)), as: UTF8.self)
        #expect(!raw.contains("In-Reply-To") && !raw.contains("no-message-id"), "\(raw)")
    }
}
