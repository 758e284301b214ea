import Foundation
import GRDB
@testable import KontorApp
import KontorMail
@testable import KontorModel
import TestSupport
import Testing

/// Mail over a real mail path: Kontor's outbox through msmtp (as the
/// sendmail command) to an SMTP server on 127.0.0.1 that writes what it
/// receives to files, read back with Python's `email` package.
@Suite("Mail over a real mail path", .serialized)
struct MailDeliveryTests {
    @Test(.enabled(if: MailCapture.available || MailCapture.required, "\(MailCapture.unavailableReason)"))
    func repliesAcknowledgementAndInvoiceArriveAsWritten() throws {
        guard MailCapture.available else {
            Issue.record("\(MailCapture.unavailableReason) — required under .ci/run")
            return
        }
        let capture = try MailCapture()
        defer { capture.stop() }
        let business = try InvoiceBusiness()
        let alice = business.alice
        let database = business.database
        try alice.updateMailSettings {
            $0.queueAddresses = ["support": "support@kaffee-co.example", "billing": "rechnung@kaffee-co.example"]
            $0.signature = "Ihr Kaffee-Team\nKaffee & Co. · Hamburg"
            $0.acknowledgeNewTickets = true
            $0.sendmailCommand = try capture.sendmailCommand(envelopeFrom: "support@kaffee-co.example")
        }
        let customer = try business.customer("Müller & Söhne GmbH", vatID: "DE129273398", buyerReference: "04011000-12345-03",
                                              email: "einkauf@mueller.example")
        let subject = "Drucker läuft nicht – Störung im Büro"
        var ticket = try database.tickets.create(TicketFields(subject: subject, customerID: customer.id), by: alice)
        // The customer's message as mail-in keeps it, and the acknowledgement it would ask for.
        let ack = try database.write { db -> OutboxEntry? in
            try db.execute(sql: """
                INSERT INTO ticket_messages (ticket_id, kind, author_name, body, created_at, mail_message_id, mail_from, mail_to, mail_cc)
                VALUES (?, 'customer', 'Jürgen Müller', 'Der Drucker im Büro druckt nicht mehr.', '2026-12-01T09:00:00Z',
                        'CAF1234.5678@mail.mueller.example', 'Jürgen Müller <j.mueller@mueller.example>', 'support@kaffee-co.example',
                        '"Weiß, Sabine" <sabine@mueller.example>, support@kaffee-co.example')
                """, arguments: [ticket.id])
            return try TicketMail.enqueueAcknowledgement(db, ticketID: ticket.id, to: "Jürgen Müller <j.mueller@mueller.example>",
                                                         settings: try MailSettings.read(db))
        }
        let acknowledgement = try #require(ack)
        let secret = "Intern: Kunde zahlt schleppend, keine Kulanz"
        ticket = try database.tickets.addMessage(to: ticket.id, kind: .note, body: secret, expectedVersion: ticket.version, by: alice).ticket
        let (afterFirst, firstReply) = try database.tickets.addMessage(
            to: ticket.id, kind: .reply, body: "Guten Tag Herr Müller,\n\nwir schicken morgen früh einen Techniker.\n.\nFrom now on: alles gut.",
            expectedVersion: ticket.version, by: alice)
        let (_, secondReply) = try database.tickets.addMessage(to: ticket.id, kind: .reply, body: "Der Techniker ist unterwegs.",
                                                               expectedVersion: afterFirst.version, by: alice)
        let invoice = try business.issue(customer, [business.line(business.coffee, 4)])
        let plan = try database.invoices.mailPlan(for: invoice.id)
        let files = try InvoiceMailing.files(for: invoice.id, plan: plan, from: database.invoices)
        #expect(files.eInvoiceProblem == nil, "\(files.eInvoiceProblem ?? "")")
        let invoiceMail = try database.invoices.enqueueMail(invoice.id, attachments: files.attachments, by: alice)

        let report = try MailDelivery(database: database, actor: "test").sendDue()
        #expect(report.sent.count == 4, "\(report)")
        #expect(report.retrying.isEmpty && report.failed.isEmpty, "\(report)")
        let received = try capture.received()
        #expect(received.count == 4)
        guard received.count == 4 else { return }
        let mails = try received.map(capture.parse)
        let entries = try database.mail.page().reversed().map { $0 }
        let ids = entries.map(\.messageID)
        for mail in mails {
            #expect(mail.crlf_only && mail.ascii_only, "\(mail)")
            #expect(mail.longest_header_line <= 78)
            #expect(mail.longest_line <= 998)
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.header("MIME-Version") == "1.0")
            #expect(mail.header_count["Message-ID"] == 1 && mail.header_count["Date"] == 1)
            #expect(!(mail.body ?? "").contains("Kunde zahlt schleppend"), "an internal note is never sent")
        }
        // In the order written: acknowledgement, the two replies, the invoice.
        #expect(mails.map { $0.header("Message-ID") } == ids.map { "<\($0)>" })
        let tag = "[#\(ticket.id)]"

        let ackMail = mails[0]
        #expect(ackMail.header("Auto-Submitted") == "auto-replied")
        #expect(ackMail.header("Subject") == "Re: \(subject) \(tag)")
        #expect(ackMail.to_addresses == [["Jürgen Müller", "j.mueller@mueller.example"]])
        #expect(ackMail.header("In-Reply-To") == "<CAF1234.5678@mail.mueller.example>")
        #expect(ackMail.body?.contains("unter der Nummer \(tag)") == true)

        let first = mails[1]
        #expect(first.header("Subject") == "Re: \(subject) \(tag)")
        #expect(first.from_addresses == [["Kaffee & Co. <Rösterei> GmbH", "support@kaffee-co.example"]])
        #expect(first.to_addresses == [["Jürgen Müller", "j.mueller@mueller.example"]])
        #expect(first.cc_addresses == [["Weiß, Sabine", "sabine@mueller.example"]], "Cc kept, our own address left out")
        #expect(try capture.envelopeRecipients(of: received[1]) == ["j.mueller@mueller.example", "sabine@mueller.example"])
        #expect(first.header("Auto-Submitted") == nil)
        #expect(first.header("In-Reply-To") == "<CAF1234.5678@mail.mueller.example>")
        #expect(first.header("References") == "<CAF1234.5678@mail.mueller.example> <\(acknowledgement.messageID)>")
        #expect(first.body_charset == "utf-8" && first.body_transfer_encoding == "quoted-printable")
        #expect(first.body == "Guten Tag Herr Müller,\n\nwir schicken morgen früh einen Techniker.\n.\nFrom now on: alles gut.\n\n-- \nIhr Kaffee-Team\nKaffee & Co. · Hamburg\n")

        let second = mails[2]
        #expect(second.header("References") == "<CAF1234.5678@mail.mueller.example> <\(acknowledgement.messageID)> <\(ids[1])>")
        #expect(second.header("In-Reply-To") == "<CAF1234.5678@mail.mueller.example>")

        let invoiceMessage = mails[3]
        #expect(invoiceMessage.content_type == "multipart/mixed")
        #expect(invoiceMessage.header("Subject") == "Rechnung \(invoice.number!) · Kaffee & Co. <Rösterei> GmbH")
        #expect(invoiceMessage.from_addresses == [["Kaffee & Co. <Rösterei> GmbH", "rechnung@kaffee-co.example"]])
        #expect(invoiceMessage.to_addresses == [["Müller & Söhne GmbH", "einkauf@mueller.example"]])
        #expect(invoiceMessage.body?.contains("anbei erhalten Sie unsere Rechnung \(invoice.number!) vom 02.11.2026") == true)
        #expect(invoiceMessage.attachments.map(\.filename) == ["Rechnung \(invoice.number!) Müller & Söhne GmbH.pdf",
                                                               "Rechnung \(invoice.number!) Müller & Söhne GmbH.xml"])
        #expect(invoiceMessage.attachments.first?.starts == "%PDF-")
        #expect(invoiceMessage.attachments.first?.size == files.attachments[0].data.count)
        #expect(invoiceMessage.attachments.last?.xml_root == "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice")
        #expect(invoiceMessage.attachments.last?.size == files.attachments[1].data.count)

        // What the thread and the invoice say now.
        let log = try database.mail.log(ofTicket: ticket.id)
        for message in [firstReply, secondReply] {
            guard case .sent(let to, _)? = log.byMessage[message.id] else { Issue.record("\(log)"); continue }
            #expect(to == "j.mueller@mueller.example, sabine@mueller.example")
        }
        #expect(try database.mail.entries(ofInvoice: invoice.id).map(\.state) == [.sent])
        #expect(invoiceMail.recipients == "einkauf@mueller.example")

        // The customer answers the captured reply as a mail client does: it
        // lands on the same ticket through kontor's mail-in, by the message it
        // answers (no tag in the subject), and by the tag alone.
        let sentReply = try Data(contentsOf: received[2])
        let answered = try MailReader.read(sentReply)
        #expect(answered.messageID == ids[2] && answered.subject == "Re: \(subject) \(tag)")
        let byThread = MailSamples.crlf("""
            From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j.mueller@mueller.example>
            To: support@kaffee-co.example
            Subject: Danke
            Message-ID: <answer-1@mail.mueller.example>
            In-Reply-To: <\(answered.messageID!)>
            References: \(answered.references.map { "<\($0)>" }.joined(separator: " ")) <\(answered.messageID!)>
            Content-Type: text/plain; charset=utf-8

            Danke, der Techniker war da.

            Am 02.12.2026 schrieb Kaffee & Co.:
            > Der Techniker ist unterwegs.
            """)
        #expect(try database.mailIntake.receive(try MailReader.read(byThread), raw: byThread) == .added(ticketID: ticket.id))
        let byTag = MailSamples.crlf("From: j.mueller@mueller.example\nTo: support@kaffee-co.example\nSubject: AW: \(tag) noch etwas\n"
                                     + "Message-ID: <answer-2@mail.mueller.example>\n\nUnd die Rechnung?\n")
        #expect(try database.mailIntake.receive(try MailReader.read(byTag), raw: byTag) == .added(ticketID: ticket.id))
        capture.stop()
    }
}
