import Foundation
@testable import KontorMail
import TestSupport
import Testing

/// Mail as Thunderbird, Outlook, Gmail and Apple Mail write it, bounces,
/// automatic replies, list mail, and hostile messages: each read into what
/// a helpdesk needs, never a crash or a hang.
@Suite("Reading mail")
struct MailReaderTests {
    /// A name longer than a file system takes (255 bytes) is cut before
    /// its extension, counting bytes: 300 "Ä" are 600 bytes of UTF-8.
    @Test func aLongAttachmentNameKeepsItsExtensionWithinAFileSystemsLength() {
        let cut = MailReader.safeFilename(String(repeating: "Ä", count: 300) + ".pdf")
        #expect(cut.hasSuffix("Ä.pdf") && cut.utf8.count <= 200, "\(cut.utf8.count)")
        #expect(MailReader.safeFilename(String(repeating: "a", count: 300)).utf8.count == 200)
        #expect(MailReader.safeFilename(String(repeating: "a", count: 250) + ".not an extension at all").utf8.count == 200)
        #expect(MailReader.safeFilename("../../.bashrc") == "_.._.bashrc" || MailReader.safeFilename("../../.bashrc").hasPrefix("_"))
        #expect(MailReader.safeFilename("Rechnung.pdf") == "Rechnung.pdf")
    }

    @Test func thunderbirdPlainTextWithAnEncodedSubjectAndAnUmlautFileName() throws {
        let mail = try MailReader.read(MailSamples.thunderbird)
        #expect(mail.subject == "Drucker im Büro druckt nicht – bitte um Rückruf")
        #expect(mail.sender == MailAddress(name: "Jürgen Müller", address: "juergen@mueller-handel.de"))
        #expect(mail.to.map(\.address) == ["support@firma.de"])
        #expect(mail.messageID == "5f1c2a9e-1d2b-4c61-9f8e-7a3b2c1d0e9f@mueller-handel.de")
        #expect(mail.date == "2026-12-03T08:14:02Z")
        #expect(mail.text.contains("unser Drucker im Büro druckt seit gestern nicht mehr. Die Fehlermeldung steht im Anhang."), "\(mail.text)")
        #expect(mail.text.hasSuffix("Grüße\nJürgen Müller"))
        #expect(mail.attachments.count == 1)
        #expect(mail.attachments[0].filename == "Fehlerbericht Büro.pdf")
        #expect(mail.attachments[0].mimeType == "application/pdf")
        #expect(mail.attachments[0].content.starts(with: Array("%PDF-1.4".utf8)))
        #expect(mail.automation == nil)
    }

    @Test func aMailWithNoBodyIsReadNotCrashedOn() throws {
        for raw in ["From: a@b.de\r\nSubject: x\r\nMessage-ID: <y1@a>\r\n\r\n",
                    "From: a@b.de\r\nSubject: only headers\r\nMessage-ID: <y2@a>",
                    "From: a@b.de\r\nSubject: empty part\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"M\"\r\n\r\n"
                        + "--M\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n--M--\r\n"] {
            let mail = try MailReader.read(Data(raw.utf8))
            #expect(mail.text.isEmpty && mail.from.first?.address == "a@b.de", "\(raw)")
        }
    }

    /// A multipart message without its boundary: GMime finds no part, and
    /// the words are kept as they came, with a word about it; one whose
    /// parts are there but empty stays empty.
    @Test func aMultipartWithoutItsBoundaryKeepsItsBody() throws {
        let raw = "From: a@b.de\r\nSubject: kaputt\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nBody without boundary\r\nzweite Zeile\r\n"
        let mail = try MailReader.read(Data(raw.utf8))
        #expect(mail.text == "Body without boundary\nzweite Zeile", "\(mail.text)")
        #expect(mail.problems.first?.description.contains("without its boundary") == true, "\(mail.problems)")
    }

    /// Encoded words one after another, the first ending in base64 padding:
    /// every word is read, the space between them dropped (RFC 2047).
    @Test func encodedWordsAfterOneWithPaddingAreAllRead() throws {
        for (subject, expected) in [
            ("=?UTF-8?B?QW5nZWJvdCBmw7xyIA==?= =?UTF-8?B?TcO8bGxlciBHbWJI?=", "Angebot für Müller GmbH"),
            ("=?UTF-8?B?TWl0dGVuIGltIFdvcnQgw6Q=?=\r\n =?UTF-8?B?w7Zi?= ende", "Mitten im Wort äöb ende"),
            ("Re: =?ISO-8859-1?Q?Gr=FC=DFe?= aus =?UTF-8?Q?K=C3=B6ln?=", "Re: Grüße aus Köln"),
            ("=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"),
        ] {
            let mail = try MailReader.read(Data("From: a@b.de\r\nSubject: \(subject)\r\n\r\nText\r\n".utf8))
            #expect(mail.subject == expected, "\(subject)")
        }
        // Raw Latin-1 in a subject is still made UTF-8.
        var raw = Data("From: a@b.de\r\nSubject: Gr".utf8)
        raw.append(contentsOf: [0xFC, 0xDF, 0x65])
        raw.append(contentsOf: Data("\r\n\r\nText\r\n".utf8))
        #expect(try MailReader.read(raw).subject == "Grüße")
    }

    /// Text sent as it is under a "base64" label (a broken mailer) is kept
    /// as it came, with a word about it, not decoded into garbage; real
    /// base64 beside it is decoded as ever.
    @Test func textMislabelledAsBase64IsKeptAsItCame() throws {
        let raw = "From: a@b.de\r\nSubject: kaputt\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"M\"\r\n\r\n"
            + "--M\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "Der Drucker ist kaputt, bitte schnell!\r\nGrüße\r\n"
            + "--M\r\nContent-Type: text/plain; name=\"liste.txt\"\r\nContent-Disposition: attachment; filename=\"liste.txt\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Data("Toner, Papier\n".utf8).base64EncodedString() + "\r\n--M--\r\n"
        let mail = try MailReader.read(Data(raw.utf8))
        #expect(mail.text == "Der Drucker ist kaputt, bitte schnell!\nGrüße", "\(mail.text)")
        #expect(mail.problems.map(\.description) == ["its text was said to be base64 but is not: it is kept as it came, not decoded"], "\(mail.problems)")
        #expect(mail.attachments.map { String(decoding: $0.content, as: UTF8.self) } == ["Toner, Papier\n"])
    }

    /// Reply-To names where an answer goes (a shop's no-reply sender).
    @Test func replyToIsWhereTheAnswerGoes() throws {
        let raw = "From: Shop-System <noreply@shop.example>\r\nReply-To: Thomas Roth <einkauf@roth.example>\r\nSubject: Bestellung\r\n\r\nHallo\r\n"
        let mail = try MailReader.read(Data(raw.utf8))
        #expect(mail.sender?.address == "noreply@shop.example" && mail.answerAddress?.address == "einkauf@roth.example")
    }

    @Test func eightBitTextWithoutACharsetIsReadAsWindows1252() throws {
        var raw = Data("From: alt@firma.example\r\nSubject: Test\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".utf8)
        raw.append(contentsOf: [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x2C, 0x20, 0x53, 0x74, 0x72, 0x61, 0xDF, 0x65, 0x20, 0x80, 0x0D, 0x0A]) // "Grüße, Straße €" in Windows-1252
        let mail = try MailReader.read(raw)
        #expect(mail.text == "Grüße, Straße €", "\(mail.text)")
        // UTF-8 without a charset stays UTF-8.
        let utf8 = try MailReader.read(Data("From: neu@firma.example\r\nSubject: Test\r\nContent-Type: text/plain\r\n\r\nGrüße 東京\r\n".utf8))
        #expect(utf8.text == "Grüße 東京")
        // Latin-1 under a UTF-8 label (a misconfigured client): read as such,
        // not as "Gr��e"; text with real UTF-8 in it keeps that.
        var mislabelled = Data("From: alt@firma.example\r\nSubject: Test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGr".utf8)
        mislabelled.append(contentsOf: [0xFC, 0xDF, 0x65, 0x20, 0x61, 0x75, 0x73, 0x20, 0x4D, 0xFC, 0x6E, 0x63, 0x68, 0x65, 0x6E])
        #expect(try MailReader.read(mislabelled).text == "Grüße aus München")
        var mixed = Data("From: alt@firma.example\r\nSubject: Test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGrüße ".utf8)
        mixed.append(0xFF)
        #expect(try MailReader.read(mixed).text == "Grüße \u{FFFD}")
    }

    @Test func outlookWindows1252ThePlainChoiceAndThreadingHeaders() throws {
        let mail = try MailReader.read(MailSamples.outlook)
        #expect(mail.subject == "AW: Lieferung für Auftrag 4711 [#1234]")
        #expect(mail.sender?.name == "Weiß, Sabine")
        #expect(mail.cc == [MailAddress(name: "Einkauf", address: "einkauf@weiss-ag.de")])
        #expect(mail.inReplyTo == "kontor.1234.2@firma.de")
        #expect(mail.references == ["kontor.1234.1@firma.de", "kontor.1234.2@firma.de"])
        // The plain part, not its HTML twin; "ISO-8859-1" read as Windows-1252 (the €).
        #expect(mail.text.contains("es fehlen aber 3 Stück. Können Sie nachliefern?"))
        #expect(mail.text.contains("Kosten: 12,50 €"))
        #expect(!mail.text.contains("<p>"))
        // The signature's logo has a name: kept as a file.
        #expect(mail.attachments.map(\.filename) == ["image001.png"])
    }

    @Test func gmailWithOnlyHTMLBecomesReadableText() throws {
        let mail = try MailReader.read(MailSamples.gmailHTMLOnly)
        #expect(mail.subject == "Rechnung 2026-00042 – Frage")
        #expect(mail.text == "Hallo,\n\nich habe eine Frage zur Rechnung:\n\n- Position 2\n- Position 3\n\nLink <https://example.de/rechnung>", "\(mail.text.debugDescription)")
        #expect(!mail.text.contains("alert"))
    }

    @Test func appleMailISO885915AndAQuotedEncodedFileName() throws {
        let mail = try MailReader.read(MailSamples.appleMail)
        #expect(mail.sender?.name == "Björn Jäger")
        #expect(mail.text == "Preis: 99 € netto.")
        #expect(mail.attachments.map(\.filename) == ["Grüße aus Köln.txt"])
        #expect(mail.messageID == "1A2B3C4D-5E6F@jaeger-kg.de")
    }

    @Test func aBounceNamesTheMessageThatFailed() throws {
        let mail = try MailReader.read(MailSamples.bounce)
        guard case let .bounce(original)? = mail.automation else { Issue.record("not a bounce: \(String(describing: mail.automation))"); return }
        #expect(original.messageID == "kontor.1234.3@firma.de")
        #expect(original.references == ["kontor.1234.2@firma.de"])
        #expect(original.subject == "Re: Lieferung [#1234]")
        #expect(original.recipients == ["nobody@weiss-ag.de"])
    }

    @Test func outOfOfficeAndListMailAreMachinesNotPeople() throws {
        let away = try MailReader.read(MailSamples.outOfOffice)
        #expect(away.automation == .autoReply("out of office"))
        #expect(away.text == "Ich bin bis 7.12. nicht im Büro.")
        let list = try MailReader.read(MailSamples.mailingList)
        #expect(list.automation == .bulk("Precedence: bulk"))
        let person = try MailReader.read(MailSamples.thunderbird)
        #expect(person.automation == nil)
    }

    @Test func escapeSequencesStayInTheTextForTheScreenToNeutralise() throws {
        // The reader keeps what was sent; the screen's sanitiser neutralises it.
        // Line breaks are gone from header texts, so nothing can start a header line.
        let mail = try MailReader.read(MailSamples.hostileEscapes)
        #expect(mail.subject.contains("Hallo") && !mail.subject.contains("\n"))
        #expect(mail.sender?.address == "evil@example.org")
    }

    @Test func brokenAndHostileMessagesAreReadOrRefusedNeverACrash() throws {
        let cut = try MailReader.read(MailSamples.missingClosingBoundary)
        #expect(cut.text == "Die letzte Grenze fehlt.")
        #expect(cut.attachments.map(\.filename) == ["daten.bin"])
        #expect(cut.attachments[0].content == Data([0, 1, 2, 3, 4, 5]))

        let long = try MailReader.read(MailSamples.longHeader())
        #expect(long.text == "Kurz." && long.subject == "lang")

        let fifty = try MailReader.read(MailSamples.nested(50))
        #expect(fifty.text.isEmpty && fifty.problems.map(\.description) == ["parts nested deeper than 32 levels were left out"])
        let ten = try MailReader.read(MailSamples.nested(10))
        #expect(ten.text == "Ganz unten." && ten.problems.isEmpty)

        let big = try MailReader.read(MailSamples.bigAttachment(kib: 2048))
        #expect(big.attachments.first?.content.count == 2048 * 1024)

        #expect(throws: MailReadError.self) { try MailReader.read(Data()) }
        #expect(throws: MailReadError.self) { try MailReader.read(Data("\r\n\r\n".utf8)) }
        #expect(throws: MailReadError.self) { try MailReader.read(Data("just some words\n".utf8)) }
        // Bytes that are no mail at all still read as a message without headers, or are refused.
        let junk = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        if let read = try? MailReader.read(junk) { #expect(read.messageID == nil) }
    }
}
