import Foundation
import KontorLocale

/// A mailbox as a header names it: "Anna Müller <anna@example.de>".
public struct MailAddress: Equatable, Hashable, Sendable {
    /// The display name, decoded; may be empty.
    public var name: String
    /// local@domain, as written (compare it case-insensitively).
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// "Anna Müller <anna@example.de>", or the bare address without a name.
    public var display: String { name.isEmpty ? address : "\(name) <\(address)>" }
}

/// A file that came with a message.
public struct MailAttachment: Equatable, Sendable {
    /// As the sender named it (RFC 2231 and RFC 2047 decoded); "Anhang-2"
    /// style names for the nameless.
    public var filename: String
    public var mimeType: String
    public var content: Data

    public init(filename: String, mimeType: String, content: Data) {
        self.filename = filename
        self.mimeType = mimeType
        self.content = content
    }
}

/// Why a machine, not a person, sent a message: such mail is never
/// answered and never opens a ticket.
public enum MailAutomation: Equatable, Sendable {
    /// An automatic answer (out of office, "we received your message"):
    /// `Auto-Submitted`, `X-Autoreply`, `Precedence: auto_reply`, an
    /// Exchange out-of-office.
    case autoReply(String)
    /// A delivery failure report (DSN, `multipart/report`, or a bounce from
    /// the null sender), with what it says of the message that failed.
    case bounce(original: MailOriginal)
    /// Bulk and list mail: `Precedence: bulk/junk/list`, `List-Id`.
    case bulk(String)
}

/// What a bounce tells of the message that could not be delivered: enough
/// to find the ticket it belonged to.
public struct MailOriginal: Equatable, Sendable {
    public var messageID: String?
    public var references: [String]
    public var subject: String
    public var recipients: [String]

    public init(messageID: String? = nil, references: [String] = [], subject: String = "", recipients: [String] = []) {
        self.messageID = messageID
        self.references = references
        self.subject = subject
        self.recipients = recipients
    }
}

/// A mail as it arrived, read: who wrote to whom, how it threads, the text
/// a person wrote (the plain part preferred, HTML made readable), the
/// files, and whether a machine sent it. Texts are as the sender wrote
/// them (decoded, UTF-8, line ends as "\n"): what reaches a screen is
/// sanitised there.
public struct MailMessage: Equatable, Sendable {
    public var subject: String
    /// Without angle brackets.
    public var messageID: String?
    public var inReplyTo: String?
    /// Oldest first.
    public var references: [String]
    /// ISO 8601 instant (UTC), when the Date header could be read.
    public var date: String?
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    /// Envelope recipients the mail system gave in headers
    /// (`Delivered-To`, `X-Original-To`, `Envelope-To`).
    public var deliveredTo: [String]
    public var text: String
    public var attachments: [MailAttachment]
    public var automation: MailAutomation?
    /// What was left out or repaired while reading, for the log and a note.
    public var problems: [MailProblem]
    /// The size of the message as received, in bytes.
    public var size: Int

    public init(subject: String = "", messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [], date: String? = nil,
                from: [MailAddress] = [], to: [MailAddress] = [], cc: [MailAddress] = [], replyTo: [MailAddress] = [],
                deliveredTo: [String] = [], text: String = "", attachments: [MailAttachment] = [], automation: MailAutomation? = nil,
                problems: [MailProblem] = [], size: Int = 0) {
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.deliveredTo = deliveredTo
        self.text = text
        self.attachments = attachments
        self.automation = automation
        self.problems = problems
        self.size = size
    }

    /// The sender: the first From address.
    public var sender: MailAddress? { from.first }
    /// Where an answer goes and who the writer is: the first `Reply-To`
    /// (a shop or web form sends from a no-reply address and names the
    /// person there), else the sender.
    public var answerAddress: MailAddress? { replyTo.first ?? from.first }
}

/// A message that cannot be read as mail at all.
public struct MailReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Something left out or repaired while reading a mail: an English
/// template with numbered places ("{0}") and their values, so that the note
/// stored with the message can be written in the business's language.
public struct MailProblem: Equatable, Sendable, CustomStringConvertible {
    public let template: String
    public let values: [String]

    public init(_ template: String, _ values: String...) {
        self.template = template
        self.values = values
    }

    /// In English, for the log.
    public var description: String { Wording.text(template, values, in: .english) }
}

