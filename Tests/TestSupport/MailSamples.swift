import Foundation

/// Messages written the way real clients write them, and hostile ones.
/// Line ends become CRLF, as they travel.
public enum MailSamples {
    public static func crlf(_ text: String) -> Data {
        Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// Thunderbird: plain text, quoted-printable, format=flowed, an
    /// encoded German subject, a PDF with an umlaut in its name (RFC 2231).
    public static let thunderbird = crlf("""
        Message-ID: <5f1c2a9e-1d2b-4c61-9f8e-7a3b2c1d0e9f@mueller-handel.de>
        Date: Thu, 3 Dec 2026 09:14:02 +0100
        MIME-Version: 1.0
        User-Agent: Mozilla Thunderbird
        Content-Language: de-DE
        To: support@firma.de
        From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@mueller-handel.de>
        Subject: =?UTF-8?Q?Drucker_im_B=C3=BCro_druckt_nicht_=E2=80=93_bitte_um_R?=
         =?UTF-8?Q?=C3=BCckruf?=
        Content-Type: multipart/mixed; boundary="------------7ZkQm1cL0w9sE7b1pJvQ"

        This is a multi-part message in MIME format.
        --------------7ZkQm1cL0w9sE7b1pJvQ
        Content-Type: text/plain; charset=UTF-8; format=flowed
        Content-Transfer-Encoding: quoted-printable

        Guten Tag,

        unser Drucker im B=C3=BCro druckt seit gestern nicht mehr. Die Fehlermeldu=
        ng steht im Anhang.

        Gr=C3=BC=C3=9Fe
        J=C3=BCrgen M=C3=BCller

        --------------7ZkQm1cL0w9sE7b1pJvQ
        Content-Type: application/pdf;
         name*=UTF-8''Fehlerbericht%20B%C3%BCro.pdf
        Content-Disposition: attachment;
         filename*=UTF-8''Fehlerbericht%20B%C3%BCro.pdf
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWls
        ZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==
        --------------7ZkQm1cL0w9sE7b1pJvQ--
        """)

    /// Outlook: multipart/alternative in Windows-1252 quoted-printable, an
    /// HTML twin, an inline logo without a name, Thread-Index and a reply's
    /// threading headers.
    public static let outlook = crlf("""
        From: "Weiß, Sabine" <s.weiss@weiss-ag.de>
        To: "support@firma.de" <support@firma.de>
        CC: Einkauf <einkauf@weiss-ag.de>
        Subject: AW: Lieferung =?iso-8859-1?Q?f=FCr_Auftrag_4711?= [#1234]
        Thread-Topic: Lieferung für Auftrag 4711
        Thread-Index: AQHa1b2c3d4e5f6g7h8i9j0k
        Date: Fri, 4 Dec 2026 15:02:11 +0000
        Message-ID: <AM0PR01MB1234ABCD5678EF90@AM0PR01MB1234.eurprd01.prod.outlook.com>
        References: <kontor.1234.1@firma.de> <kontor.1234.2@firma.de>
        In-Reply-To: <kontor.1234.2@firma.de>
        Content-Language: de-DE
        Content-Type: multipart/related;
        \tboundary="_004_AM0PR01MB1234_"; type="multipart/alternative"
        MIME-Version: 1.0

        --_004_AM0PR01MB1234_
        Content-Type: multipart/alternative;
        \tboundary="_000_AM0PR01MB1234_"

        --_000_AM0PR01MB1234_
        Content-Type: text/plain; charset="iso-8859-1"
        Content-Transfer-Encoding: quoted-printable

        Hallo Herr Schmidt,

        die Lieferung kam heute an, es fehlen aber 3 St=FCck. K=F6nnen Sie nachliefern?
        Kosten: 12,50 =80

        Mit freundlichen Gr=FC=DFen
        Sabine Wei=DF

        Von: Support <support@firma.de>
        Gesendet: Donnerstag, 3. Dezember 2026 10:00
        An: Weiß, Sabine <s.weiss@weiss-ag.de>
        Betreff: Lieferung für Auftrag 4711 [#1234]

        Guten Tag Frau Weiß, die Ware ist unterwegs.

        --_000_AM0PR01MB1234_
        Content-Type: text/html; charset="iso-8859-1"
        Content-Transfer-Encoding: quoted-printable

        <html><head><style>p{margin:0}</style></head><body><p>Hallo Herr Schmidt,</p><p>die Lieferung kam heute an.</p><img src=3D"cid:image001.png@01DA"></body></html>

        --_000_AM0PR01MB1234_--

        --_004_AM0PR01MB1234_
        Content-Type: image/png; name="image001.png"
        Content-Description: image001.png
        Content-Disposition: inline; filename="image001.png"; size=68
        Content-ID: <image001.png@01DA>
        Content-Transfer-Encoding: base64

        iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==

        --_004_AM0PR01MB1234_--
        """)

    /// Gmail: alternative with base64 UTF-8 parts, only HTML worth reading
    /// in the plain part's absence.
    public static let gmailHTMLOnly = crlf("""
        MIME-Version: 1.0
        Date: Sat, 5 Dec 2026 08:00:00 +0100
        Message-ID: <CAF=abc123+XyZ@mail.gmail.com>
        Subject: =?UTF-8?B?UmVjaG51bmcgMjAyNi0wMDA0MiDigJMgRnJhZ2U=?=
        From: Anna Schmidt <anna.schmidt@gmail.com>
        To: rechnung@firma.de
        Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

        --000000000000a1b2c3
        Content-Type: text/html; charset="UTF-8"
        Content-Transfer-Encoding: base64

        PGRpdiBkaXI9Imx0ciI+SGFsbG8sPGJyPjxicj5pY2ggaGFiZSBlaW5lIEZyYWdlIHp1ciBSZWNobnVuZzo8dWw+PGxpPlBvc2l0aW9uIDI8L2xpPjxsaT5Qb3NpdGlvbiAzPC9saT48L3VsPjxhIGhyZWY9Imh0dHBzOi8vZXhhbXBsZS5kZS9yZWNobnVuZyI+TGluazwvYT48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9kaXY+
        --000000000000a1b2c3--
        """)

    /// Apple Mail: alternative inside mixed, a file name as RFC 2047 in
    /// quotes (as Apple writes it), ISO-8859-15 text with the euro sign.
    public static let appleMail = crlf("""
        From: =?utf-8?Q?Bj=C3=B6rn_J=C3=A4ger?= <bjoern@jaeger-kg.de>
        Content-Type: multipart/mixed; boundary="Apple-Mail=_1A2B3C4D"
        Mime-Version: 1.0 (Mac OS X Mail 16.0)
        Subject: Angebot
        Date: Sat, 5 Dec 2026 11:11:11 +0100
        To: vertrieb@firma.de
        Message-Id: <1A2B3C4D-5E6F@jaeger-kg.de>

        --Apple-Mail=_1A2B3C4D
        Content-Transfer-Encoding: quoted-printable
        Content-Type: text/plain; charset=iso-8859-15

        Preis: 99 =A4 netto.

        --Apple-Mail=_1A2B3C4D
        Content-Disposition: attachment; filename="=?utf-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln.txt?="
        Content-Type: text/plain; name="=?utf-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln.txt?="
        Content-Transfer-Encoding: 7bit

        Anhang
        --Apple-Mail=_1A2B3C4D--
        """)

    /// A DSN bounce of a message Kontor sent.
    public static let bounce = crlf("""
        Return-Path: <>
        From: Mail Delivery System <MAILER-DAEMON@mx.firma.de>
        To: support@firma.de
        Subject: Undelivered Mail Returned to Sender
        Message-Id: <20261205100000.ABC@mx.firma.de>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

        --B1
        Content-Type: text/plain; charset=us-ascii

        I'm sorry to have to inform you that your message could not be delivered.

        --B1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.firma.de

        Final-Recipient: rfc822; nobody@weiss-ag.de
        Action: failed
        Status: 5.1.1

        --B1
        Content-Type: message/rfc822

        From: Support <support@firma.de>
        To: nobody@weiss-ag.de
        Subject: Re: Lieferung [#1234]
        Message-ID: <kontor.1234.3@firma.de>
        In-Reply-To: <kontor.1234.2@firma.de>

        Die Ware ist unterwegs.
        --B1--
        """)

    public static let outOfOffice = crlf("""
        From: Sabine Weiss <s.weiss@weiss-ag.de>
        To: support@firma.de
        Subject: Automatische Antwort: Lieferung [#1234]
        Message-ID: <oof-1@weiss-ag.de>
        In-Reply-To: <kontor.1234.3@firma.de>
        X-Auto-Response-Suppress: All
        Content-Type: text/plain; charset=utf-8

        Ich bin bis 7.12. nicht im Büro.
        """)

    public static let mailingList = crlf("""
        From: Newsletter <news@lieferant.de>
        To: support@firma.de
        Subject: Unsere Angebote im Dezember
        Message-ID: <news-2026-12@lieferant.de>
        Precedence: bulk
        List-Id: Angebote <angebote.lieferant.de>
        List-Unsubscribe: <mailto:leave@lieferant.de>
        Content-Type: text/plain; charset=utf-8

        Sonderpreise!
        """)

    /// Escape sequences in the subject and the sender's name.
    public static let hostileEscapes = crlf("""
        From: =?UTF-8?B?G1szMW1Cw7ZzZRtbMG0=?= <evil@example.org>
        To: support@firma.de
        Subject: =?UTF-8?Q?=1B]0;pwned=07Hallo=1B[2J?=
        Message-ID: <evil-1@example.org>
        Content-Type: text/plain; charset=utf-8

        Text mit \u{1B}[31mFarbe\u{1B}[0m.
        """)

    public static let missingClosingBoundary = crlf("""
        From: a@example.org
        To: support@firma.de
        Subject: Abgeschnitten
        Message-ID: <cut-1@example.org>
        Content-Type: multipart/mixed; boundary="X"

        --X
        Content-Type: text/plain; charset=utf-8

        Die letzte Grenze fehlt.
        --X
        Content-Type: application/octet-stream; name="daten.bin"
        Content-Transfer-Encoding: base64

        AAECAwQF
        """)

    public static func longHeader() -> Data {
        crlf("From: a@example.org\nTo: support@firma.de\nSubject: lang\nMessage-ID: <long-1@example.org>\nX-Junk: "
             + String(repeating: "x", count: 100_000) + "\nContent-Type: text/plain\n\nKurz.\n")
    }

    public static func nested(_ levels: Int) -> Data {
        var text = "From: a@example.org\nTo: support@firma.de\nSubject: tief\nMessage-ID: <deep-\(levels)@example.org>\nMIME-Version: 1.0\n"
        text += "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for level in 0..<levels {
            text += "--b\(level)\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\n\n"
        }
        text += "--b\(levels)\nContent-Type: text/plain\n\nGanz unten.\n--b\(levels)--\n"
        for level in (0..<levels).reversed() { text += "--b\(level)--\n" }
        return crlf(text)
    }

    public static func bigAttachment(kib: Int) -> Data {
        let payload = Data(repeating: 0x41, count: kib * 1024).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        return crlf("""
            From: a@example.org
            To: support@firma.de
            Subject: groß
            Message-ID: <big-\(kib)@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="Z"

            --Z
            Content-Type: text/plain

            Siehe Anhang.
            --Z
            Content-Type: application/octet-stream; name="gross.bin"
            Content-Disposition: attachment; filename="gross.bin"
            Content-Transfer-Encoding: base64

            \(payload)
            --Z--
            """)
    }
}
