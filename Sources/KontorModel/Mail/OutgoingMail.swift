import Foundation

/// A file sent with a message: an invoice's PDF, its e-invoice.
public struct OutgoingAttachment: Equatable, Sendable {
    public var fileName: String
    public var mimeType: String
    public var data: Data

    public init(fileName: String, mimeType: String, data: Data) {
        self.fileName = fileName
        self.mimeType = mimeType
        self.data = data
    }
}

/// One message as Kontor sends it, written out as RFC 5322 with MIME:
/// every header ASCII (names and subjects as encoded-words), the text as
/// quoted-printable UTF-8, files as base64 parts of a multipart/mixed
/// message, every line ending in CRLF. What `rendered()` returns is what
/// the outbox keeps and sendmail reads.
public struct OutgoingMail: Sendable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var cc: [Mailbox] = []
    public var subject: String
    public var body: String
    public var date: Date
    /// Without angle brackets, as the outbox keeps it.
    public var messageID: String
    /// The message answered, and the thread before it (oldest first).
    public var inReplyTo: String?
    public var references: [String] = []
    /// `Auto-Submitted: auto-replied`: an acknowledgement, which other
    /// systems must not answer automatically (RFC 3834).
    public var autoReplied = false
    public var attachments: [OutgoingAttachment] = []

    public init(from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], subject: String, body: String, date: Date = Date(),
                messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [], autoReplied: Bool = false,
                attachments: [OutgoingAttachment] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID ?? Self.newMessageID(from: from)
        self.inReplyTo = inReplyTo
        self.references = references
        self.autoReplied = autoReplied
        self.attachments = attachments
    }

    /// A new unique id on the sender's domain: `random@firma.de`.
    public static func newMessageID(from: Mailbox) -> String {
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "kontor.invalid"
        let random = String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20))
        let time = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        return "kontor.\(time).\(random)@\(domain)"
    }

    /// Everyone the message goes to, To and Cc, without repeats.
    public var recipients: [Mailbox] { Mailbox.unique(to + cc) }

    /// The message as mail carries it. Throws when an address is not one
    /// mail can use or there is nobody to send to; nothing from the data
    /// can add a header line (line breaks in names and subjects become
    /// blanks, and every header is checked once more as it is written).
    public func rendered() throws -> Data {
        for address in [from] + to + cc where !address.isUsable { throw MailError.unusableAddress(address.address) }
        guard !to.isEmpty else { throw MailError.noRecipient }
        let ids = ([messageID, inReplyTo].compactMap { $0 } + references)
        for id in ids where !Self.isUsableID(id) { throw MailError.headerInjection(header: "Message-ID") }
        var lines: [String] = []
        lines.append(try MIMEEncoding.header("Date", Self.dateText(date)))
        lines.append(try MIMEEncoding.header("From", Self.addressList([from], header: "From")))
        lines.append(try MIMEEncoding.header("To", Self.addressList(to, header: "To")))
        if !cc.isEmpty { lines.append(try MIMEEncoding.header("Cc", Self.addressList(cc, header: "Cc"))) }
        lines.append(try MIMEEncoding.header("Subject", MIMEEncoding.unstructured(subject, used: 9)))
        lines.append(try MIMEEncoding.header("Message-ID", "<\(messageID)>"))
        if let inReplyTo { lines.append(try MIMEEncoding.header("In-Reply-To", "<\(inReplyTo)>")) }
        if !references.isEmpty {
            lines.append(try MIMEEncoding.header("References", MIMEEncoding.fold(Self.trimmed(references).map { "<\($0)>" }, used: 12)))
        }
        if autoReplied { lines.append(try MIMEEncoding.header("Auto-Submitted", "auto-replied")) }
        lines.append("MIME-Version: 1.0")
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
        let body = MIMEEncoding.quotedPrintable(self.body)
        if attachments.isEmpty {
            lines += text
            lines.append("")
            lines.append(body)
        } else {
            let boundary = "=_kontor_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            lines.append("Content-Type: multipart/mixed;")
            lines.append(" boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a message in MIME format.")
            lines.append("--\(boundary)")
            lines += text
            lines.append("")
            lines.append(body)
            for attachment in attachments {
                lines.append("--\(boundary)")
                lines += try Self.attachmentHeaders(attachment)
                lines.append("")
                lines.append(MIMEEncoding.base64(attachment.data))
            }
            lines.append("--\(boundary)--")
        }
        return Data((lines.joined(separator: MIMEEncoding.crlf) + MIMEEncoding.crlf).utf8)
    }

    static func attachmentHeaders(_ attachment: OutgoingAttachment) throws -> [String] {
        let type = attachment.mimeType.lowercased()
        guard type.range(of: "^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$", options: .regularExpression) != nil else {
            throw MailError.headerInjection(header: "Content-Type")
        }
        let typeLines = ["Content-Type: \(type);"] + Self.parameterLines(MIMEEncoding.parameter("name", attachment.fileName))
        let dispositionLines = ["Content-Disposition: attachment;"] + Self.parameterLines(MIMEEncoding.parameter("filename", attachment.fileName))
        for line in typeLines + dispositionLines where line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E }) {
            throw MailError.headerInjection(header: "Content-Disposition")
        }
        return typeLines + dispositionLines + ["Content-Transfer-Encoding: base64"]
    }

    /// Parameters on lines of their own, separated by `;`.
    static func parameterLines(_ pieces: [String]) -> [String] {
        pieces.enumerated().map { " " + $0.element + ($0.offset < pieces.count - 1 ? ";" : "") }
    }

    /// `Name <address>, …`, folded between mailboxes.
    static func addressList(_ addresses: [Mailbox], header: String) -> String {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            var mailbox = address.name.isEmpty ? [address.address] : MIMEEncoding.displayName(address.name) + ["<\(address.address)>"]
            if mailbox.isEmpty { mailbox = [address.address] }
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return MIMEEncoding.fold(tokens, used: header.count + 2)
    }

    /// An id as a header holds it: `local@domain`, printable ASCII only.
    /// Whether an id may stand in In-Reply-To and References: a real one,
    /// not the one Kontor made up for a message that came without any
    /// (`MailIntake.madeUpID`), which the sender never had.
    static func isUsableID(_ id: String) -> Bool {
        !(id.hasPrefix(MailIntake.madeUpIDPrefix) && id.hasSuffix("@kontor"))
            && id.contains("@") && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// A long thread's references: the first and the latest ones, as RFC
    /// 5322 suggests trimming them.
    static func trimmed(_ references: [String]) -> [String] {
        references.count <= 20 ? references : [references[0]] + references.suffix(19)
    }

    /// "Sat, 05 Dec 2026 14:03:00 +0000".
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
