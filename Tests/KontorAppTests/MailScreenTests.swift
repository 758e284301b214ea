import Foundation
@testable import KontorApp
@testable import KontorModel
import KontorMail
import KontorUI
import TestSupport
import Testing

/// What the screens say about mail: under each reply in the thread (queued,
/// not sent yet with the mail system's words, not sent, sent to whom and
/// when), on the message line after a reply, and on the invoice — with the
/// App's own background sender running real sendmail commands.
@MainActor
@Suite("Mail on the screens")
struct MailScreenTests {
    func script(_ h: ScreenHarness, _ name: String, _ body: String) throws -> String {
        let url = h.folder.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    /// One idle tick, its delivery waited for, and the next tick that
    /// reads what it changed.
    func idle(_ h: ScreenHarness) -> String {
        h.app.settleMail()
        h.app.tick()
        h.app.settleMail()
        h.app.tick()
        return h.screen
    }

    /// The support queue mailing through `sendmail`, a script of this
    /// test, and the tickets of the harness's customers.
    func mailingTickets(_ h: ScreenHarness, sendmail: String) throws -> [String: Ticket] {
        try h.session.updateMailSettings {
            $0.queueAddresses = ["support": "support@firma.example"]
            $0.sendmailCommand = sendmail
        }
        return try h.addTickets()
    }

    /// A reply sent right after it was saved: the message line says it
    /// was sent in the place of "not sent yet", never both at once.
    @Test func theMessageLineSaysSentInThePlaceOfQueued() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 50))
        let sink = h.folder.appendingPathComponent("sent.eml").path
        let tickets = try mailingTickets(h, sendmail: try script(h, "sendmail-ok", "cat > '\(sink)'"))
        let id = tickets["Drucker brennt"]!.id
        h.app.open(.ticket(id))
        h.press(.char("r"))
        h.type("Wir kommen heute noch.")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Reply saved on #\(id) · queued for j.mueller@mueller.example, not sent yet"), "\(text)")
        text = idle(h)
        let line = try #require(text.split(separator: "\n").first { $0.contains("Reply saved on #\(id)") }, "\(text)")
        #expect(line.contains("sent to j.mueller@mueller.example at") && !line.contains("not sent yet") && !line.contains("Mail: 1 sent"), "\(line)")
    }

    @Test func theThreadSaysWhatBecameOfEachReply() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 50))
        let failing = try script(h, "sendmail-down", "cat > /dev/null\necho 'msmtp: cannot connect to mail.example: Connection refused' >&2\nexit 75")
        let tickets = try mailingTickets(h, sendmail: failing)
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.app.open(.ticket(id))
        h.press(.char("i"))
        h.type("Kunde ist verärgert")
        h.press(.ctrl("s"))
        h.press(.char("r"))
        h.type("Wir kommen heute noch.")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Reply saved on #\(id) · queued for j.mueller@mueller.example, not sent yet"), "\(text)")
        #expect(text.contains("✉ queued for j.mueller@mueller.example, not sent yet"), "\(text)")

        text = idle(h)
        #expect(text.contains("✉ not sent yet to j.mueller@mueller.example: sendmail-down exited with 75 (temporary failure, try again later):"), "\(text)")
        #expect(text.contains("Connection refused"), "\(text)")
        #expect(text.contains("(try 1 failed; next try"), "\(text)")
        #expect(try h.database.mail.page().count == 1, "the note was not queued")

        // The mail system keeps refusing until Kontor gives up.
        try h.database.write { db in
            try db.execute(sql: "UPDATE mail_outbox SET attempts = ?, next_attempt_at = '2000-01-01T00:00:00Z'",
                           arguments: [MailDelivery.maxAttempts - 1])
        }
        text = idle(h)
        #expect(text.contains("✉ not sent: sendmail-down exited with 75"), "\(text)")
        #expect(text.contains("given up — kontor mail retry puts it back"), "\(text)")

        // Repaired and retried: sent, to whom and when.
        let received = h.folder.appendingPathComponent("received.eml")
        let working = try script(h, "sendmail-ok", "cat > '\(received.path)'")
        try h.session.updateMailSettings { $0.sendmailCommand = working }
        try h.database.mail.retry(id: try #require(try h.database.mail.page().first).id, by: h.session)
        text = idle(h)
        #expect(text.contains("✉ sent to j.mueller@mueller.example at "), "\(text)")
        #expect(FileManager.default.fileExists(atPath: received.path))
        #expect(!(try String(contentsOf: received, encoding: .utf8)).contains("verärgert"))
    }

    /// The reply's copy is shown before it is sent: whoever the customer
    /// wrote to in Cc gets the answer too.
    @Test func theReplySaysWhoGetsItInCopy() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 50))
        try h.session.updateMailSettings { $0.queueAddresses = ["support": "support@firma.example"] }
        let raw = Data("From: Jürgen Müller <j.mueller@mueller.example>\r\nTo: support@firma.example\r\nCc: Chef <chef@mueller.example>, support@firma.example\r\nSubject: Drucker\r\nMessage-ID: <cc1@mueller.example>\r\n\r\nHallo\r\n".utf8)
        guard case let .opened(id) = try h.database.mailIntake.receive(try MailReader.read(raw), raw: raw, recipient: nil) else {
            Issue.record("no ticket"); return
        }
        h.openTickets()
        h.app.open(.ticket(id))
        let text = h.press(.char("r"))
        #expect(text.contains("To Jürgen Müller <j.mueller@mueller.example> · Cc Chef <chef@mueller.example>"), "\(text)")
        let route = text.split(separator: "\n").first { $0.contains("To Jürgen Müller") }.map(String.init) ?? ""
        #expect(!route.contains("support@firma.example"), "our own address is not copied: \(route)")
    }

    @Test func aReplyWithNobodyToSendToSaysWhyAndIsKept() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 50))
        try h.session.updateMailSettings { $0.queueAddresses = ["support": "support@firma.example"] }
        let cafe = try #require(try h.customer(named: "Café Crème 👍 Bistro"))
        let ticket = try h.database.tickets.create(TicketFields(subject: "Kaffeemaschine", customerID: cafe.id), by: h.bob)
        h.openTickets()
        h.app.open(.ticket(ticket.id))
        h.press(.char("r"))
        h.type("Bitte rufen Sie uns an.")
        let text = h.press(.ctrl("s"))
        #expect(text.contains("Reply saved on #\(ticket.id) · not sent by mail: neither the ticket's sender, its contact nor the customer has an e-mail address"), "\(text)")
        #expect(text.contains("✉ not sent by mail: neither"), "\(text)")
        #expect(try h.database.tickets.messages(of: ticket.id).map(\.kind) == [.reply])
    }

    @Test func anInvoiceIsMailedFromItsRecordAndTheRecordSaysWhatBecameOfIt() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        let received = h.folder.appendingPathComponent("received.eml")
        let working = try script(h, "sendmail-ok", "cat > '\(received.path)'")
        try h.session.updateMailSettings {
            $0.queueAddresses = ["billing": "rechnung@kontor-test.de"]
            $0.sendmailCommand = working
        }
        let number = try #require(data.overdue.number)
        h.press(.char("4"))
        h.app.open(.invoice(data.overdue.id))
        var text = h.press(.char("m"))
        #expect(text.contains("Send \(number) to Müller GmbH <j.mueller@mueller.example>?"), "\(text)")
        #expect(text.contains("Attached: Rechnung \(number) Müller GmbH.pdf"), "\(text)")
        // No buyer reference: no XRechnung, and the PDF is offered alone.
        #expect(text.contains("The e-invoice cannot be made:") && text.contains("y sends the PDF alone."), "\(text)")
        #expect(try h.database.mail.page().isEmpty, "nothing is queued before y")
        text = h.press(.char("y"))
        #expect(text.contains("\(number) queued for j.mueller@mueller.example: it is sent in the background"), "\(text)")
        #expect(text.contains("✉ queued for j.mueller@mueller.example, not sent yet"), "\(text)")
        text = idle(h)
        #expect(text.contains("✉ sent to j.mueller@mueller.example at "), "\(text)")
        let mail = try String(contentsOf: received, encoding: .utf8)
        #expect(mail.contains("Content-Type: application/pdf;") && !mail.contains("application/xml"))
        // Asked again, the dialog says it went before.
        text = h.press(.char("m"))
        #expect(text.contains("Before: sent to j.mueller@mueller.example at "), "\(text)")
        h.press(.char("n"))
        #expect(try h.database.mail.page().count == 1)
    }

    @Test func theMailSettingsFormRefusesWhatCannotWorkAndSavesTheRest() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 50))
        h.press(.char("4"))
        var text = h.press(.char("@"))
        #expect(text.contains("Mail settings · sending and receiving"), "\(text)")
        #expect(text.contains("/usr/sbin/sendmail -t -i"), "the default command is shown")
        h.type("support=kein")
        text = h.press(.ctrl("s"))
        #expect(text.contains("support's address 'kein' is not an e-mail address"), "\(text)")
        h.press(.ctrl("u"))
        h.type("support=support@firma.example, billing=rechnung@firma.example")
        h.press(.tab, .tab, .tab, .tab)
        h.type("Ihr Support-Team")
        h.press(.tab)
        h.type("Firma GmbH")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Mail settings saved"), "\(text)")
        let saved = try h.session.mailSettings()
        #expect(saved.queueAddresses == ["support": "support@firma.example", "billing": "rechnung@firma.example"])
        #expect(saved.signature == "Ihr Support-Team\nFirma GmbH")
        #expect(saved.sendmailCommand == MailSettings.defaultSendmail)
    }
}
