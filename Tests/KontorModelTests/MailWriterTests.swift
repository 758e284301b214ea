import Foundation
@testable import KontorModel
import Testing

/// The MIME writer on its own: what it writes line by line. What a real
/// parser makes of it is checked over a real mail path in
/// `MailDeliveryTests` (KontorAppTests).
@Suite("Writing mail")
struct MailWriterTests {
    let from = Mailbox("support@kaffee-co.example", name: "Kaffee & Co. <Rösterei> GmbH")
    let to = Mailbox("j.mueller@mueller.example", name: "Jürgen Müller")

    func text(_ mail: OutgoingMail) throws -> String { String(decoding: try mail.rendered(), as: UTF8.self) }

    func headerBlock(_ text: String) -> [String] {
        text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
    }

    @Test func everyLineEndsInCRLFAndHeadersAreASCIIWithinSeventyEight() throws {
        let mail = OutgoingMail(from: from, to: [to], subject: "Re: Drucker läuft nicht – Störung im Büro seit Montag, bitte dringend prüfen [#1234]",
                                body: "Grüße\nZeile mit einem sehr langen Text " + String(repeating: "äöü ", count: 40))
        let raw = try mail.rendered()
        #expect(raw.allSatisfy { $0 < 0x80 }, "only ASCII goes out")
        let text = String(decoding: raw, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in headerBlock(text) { #expect(line.count <= 78, "\(line)") }
        for line in text.components(separatedBy: "\r\n") { #expect(line.count <= 76 || line.hasPrefix("Subject") || line.hasPrefix(" "), "\(line)") }
        #expect(text.contains("Subject: Re: Drucker =?UTF-8?B?"), "only the words that need it are encoded")
        #expect(text.contains("[#1234]"), "the tag stays readable")
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(text.contains("Gr=C3=BC=C3=9Fe"))
    }

    @Test func aLineBreakInASubjectOrNameCannotAddAHeader() throws {
        let mail = OutgoingMail(from: Mailbox("support@kaffee-co.example", name: "Evil\r\nBcc: victim@example.com"), to: [to],
                                subject: "Hallo\r\nBcc: everyone@example.com\nX-Injected: yes", body: "x")
        let headers = headerBlock(try text(mail))
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Injected:") }, "\(headers)")
        #expect(headers.contains { $0.hasPrefix("Subject: Hallo Bcc: everyone@example.com X-Injected: yes") }, "\(headers)")
        // An address with a line break is no address at all.
        let broken = OutgoingMail(from: from, to: [Mailbox("a@b.de\r\nBcc: c@d.de")], subject: "x", body: "x")
        #expect(throws: MailError.unusableAddress("a@b.de\r\nBcc: c@d.de")) { try broken.rendered() }
        #expect(throws: MailError.headerInjection(header: "Message-ID")) {
            try OutgoingMail(from: from, to: [to], subject: "x", body: "x", inReplyTo: "a@b\r\nX: y").rendered()
        }
        #expect(throws: MailError.noRecipient) { try OutgoingMail(from: from, to: [], subject: "x", body: "x").rendered() }
    }

    @Test func namesWithSpecialsAreQuotedAndUmlautsEncoded() throws {
        let text = try text(OutgoingMail(from: Mailbox("a@b.de", name: "Weiß, Sabine"), to: [Mailbox("c@d.de", name: "Info (Zentrale)")],
                                         cc: [to], subject: "Hallo", body: "x"))
        #expect(text.contains("From: =?UTF-8?B?"))
        #expect(text.contains("To: \"Info (Zentrale)\" <c@d.de>"))
        #expect(text.contains("Cc: =?UTF-8?B?") && text.contains("<j.mueller@mueller.example>"))
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesWhatMustBe() {
        let qp = MIMEEncoding.quotedPrintable("a=b \n.Punkt am Anfang\nFrom here\n" + String(repeating: "x", count: 200) + "\nEnde ")
        let lines = qp.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines[0] == "a=3Db=20")
        #expect(lines[1] == "=2EPunkt am Anfang")
        #expect(lines[2] == "=46rom here")
        #expect(lines[3].hasSuffix("="), "a long line ends in a soft break")
        #expect(lines.last == "Ende=20")
    }

    @Test func fileNamesWithUmlautsFollowRFC2231() throws {
        let pieces = MIMEEncoding.parameter("filename", "Rechnung 2026-00001 Müller & Söhne GmbH mit einem recht langen Namen.pdf")
        #expect(pieces.count > 1, "continued over lines")
        #expect(pieces[0].hasPrefix("filename*0*=utf-8''Rechnung%202026-00001%20M%C3%BCller"))
        #expect(MIMEEncoding.parameter("filename", "rechnung.pdf") == ["filename=\"rechnung.pdf\""])
        let mail = OutgoingMail(from: from, to: [to], subject: "Rechnung", body: "x",
                                attachments: [OutgoingAttachment(fileName: "Übersicht.pdf", mimeType: "application/pdf", data: Data("%PDF-1.5".utf8))])
        let text = try text(mail)
        #expect(text.contains("Content-Type: multipart/mixed;"))
        #expect(text.contains("filename*=utf-8''%C3%9Cbersicht.pdf"))
        #expect(text.contains(Data("%PDF-1.5".utf8).base64EncodedString()))
        #expect(throws: MailError.headerInjection(header: "Content-Type")) {
            try OutgoingMail(from: from, to: [to], subject: "x", body: "x",
                             attachments: [OutgoingAttachment(fileName: "a", mimeType: "text/plain\r\nX: y", data: Data())]).rendered()
        }
    }

    @Test func addressesAreReadAsPeopleAndMailWriteThem() {
        #expect(Mailbox.parse("Jürgen Müller <j.mueller@mueller.example>") == Mailbox("j.mueller@mueller.example", name: "Jürgen Müller"))
        #expect(Mailbox.parse("\"Müller, Jürgen\" <j@m.de>") == Mailbox("j@m.de", name: "Müller, Jürgen"))
        #expect(Mailbox.parse("  j@m.de ") == Mailbox("j@m.de"))
        #expect(Mailbox.parse("kein Name") == nil)
        #expect(Mailbox.parse("a@b.de\nBcc: c@d.de") == nil)
        #expect(Mailbox.parseList("\"Weiß, Sabine\" <s@w.de>, info@w.de; <x@y.de>, kaputt").map(\.address) == ["s@w.de", "info@w.de", "x@y.de"])
    }
}
