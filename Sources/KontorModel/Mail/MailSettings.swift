import KontorLocale
import GRDB
import KontorText

/// How Kontor takes and sends mail: which address belongs to which queue,
/// the tag that names a ticket in a subject, the command that hands a
/// message to the server's mail system, the signature under replies.
/// Kept in the settings table under `mail.*`, beside the company settings.
public struct MailSettings: Equatable, Sendable {
    /// Queue → the address mail for it is sent to and sent from
    /// ("support" → "support@firma.de"). Mail to an address no queue has
    /// goes to `defaultQueue`.
    public var queueAddresses: [String: String]
    public var defaultQueue: String
    /// What stands before the number in a subject's tag: "#" gives "[#1234]".
    public var tagPrefix: String
    /// The server's sendmail interface, split on blanks; the message goes to
    /// its standard input with the recipients in its headers (`-t`).
    public var sendmailCommand: String
    public var signature: String
    /// Whether a new ticket from mail is acknowledged (once, marked as an
    /// automatic reply).
    public var acknowledgeNewTickets: Bool
    /// The most a message's attachments may take together; a message with
    /// more is kept without them, with a note saying so.
    public var attachmentLimitKiB: Int

    public static let defaultSendmail = "/usr/sbin/sendmail -t -i"

    static let keys = ["mail.queue_addresses", "mail.default_queue", "mail.tag_prefix", "mail.sendmail", "mail.signature",
                       "mail.acknowledge", "mail.attachment_limit_kib"]

    init(_ values: [String: String]) {
        queueAddresses = Self.parseAddresses(values["mail.queue_addresses"] ?? "")
        defaultQueue = values["mail.default_queue"].flatMap { $0.isEmpty ? nil : $0 } ?? "support"
        tagPrefix = values["mail.tag_prefix"].flatMap { $0.isEmpty ? nil : $0 } ?? "#"
        sendmailCommand = values["mail.sendmail"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultSendmail
        signature = values["mail.signature"] ?? ""
        acknowledgeNewTickets = values["mail.acknowledge"] == "1"
        attachmentLimitKiB = Int(values["mail.attachment_limit_kib"] ?? "") ?? 10 * 1024
    }

    var values: [String: String] {
        ["mail.queue_addresses": Self.formatAddresses(queueAddresses), "mail.default_queue": defaultQueue, "mail.tag_prefix": tagPrefix,
         "mail.sendmail": sendmailCommand, "mail.signature": signature, "mail.acknowledge": acknowledgeNewTickets ? "1" : "0",
         "mail.attachment_limit_kib": String(attachmentLimitKiB)]
    }

    /// The queue an address belongs to (case aside), else the default queue.
    public func queue(forAddress address: String) -> String {
        let wanted = address.lowercased()
        return queueAddresses.first { $0.value.lowercased() == wanted }?.key ?? defaultQueue
    }

    /// The address a queue's mail is sent from: its own, else the default
    /// queue's, else nil (nothing can be sent until one is set).
    public func address(forQueue queue: String) -> String? {
        queueAddresses[queue] ?? queueAddresses[defaultQueue]
    }

    /// The tag for a ticket: "[#1234]".
    public func tag(ticketID: Int64) -> String { "[\(tagPrefix)\(ticketID)]" }

    /// The ticket a subject names by its tag, if any: the last tag wins
    /// ("Re: [#12] AW: [#1234]" is 1234), as a forwarded thread keeps older ones first.
    public func ticketID(inSubject subject: String) -> Int64? {
        var found: Int64?
        var rest = Substring(subject)
        let opening = "[" + tagPrefix
        while let start = rest.range(of: opening, options: .caseInsensitive) {
            let digits = rest[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 15, rest[start.upperBound...].dropFirst(digits.count).first == "]" {
                found = Int64(digits)
            }
            rest = rest[start.upperBound...]
        }
        return found
    }

    /// `subject` without any ticket tag ("[#42]") and the blanks around it.
    public func withoutTags(_ subject: String) -> String {
        var text = subject
        let opening = "[" + tagPrefix
        var searchFrom = text.startIndex
        while let start = text.range(of: opening, options: .caseInsensitive, range: searchFrom..<text.endIndex) {
            let digits = text[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let close = text.index(start.upperBound, offsetBy: digits.count)
            if !digits.isEmpty, close < text.endIndex, text[close] == "]" {
                text.removeSubrange(start.lowerBound...close)
                searchFrom = start.lowerBound
            } else {
                searchFrom = start.upperBound
            }
        }
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// "support=support@firma.de, billing=rechnung@firma.de".
    static func parseAddresses(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { result[parts[0]] = parts[1] }
        }
        return result
    }

    static func formatAddresses(_ addresses: [String: String]) -> String {
        addresses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        for (queue, address) in queueAddresses where !CustomerFields.looksLikeEmail(address) {
            issues.append(FieldIssue(field: "queue addresses", message: tr("{0}'s address '{1}' is not an e-mail address", queue, VisibleText.clean(address))))
        }
        if !TicketText.standardQueues.contains(defaultQueue), queueAddresses[defaultQueue] == nil {
            issues.append(FieldIssue(field: "default queue", message: tr("{0} is no queue: {1}, or one given an address", VisibleText.clean(defaultQueue),
                                                                       TicketText.standardQueues.joined(separator: ", "))))
        }
        if tagPrefix.count > 10 || tagPrefix.contains(where: { $0 == "]" || $0 == "[" || $0.isWhitespace || $0.isNumber }) {
            issues.append(FieldIssue(field: "tag prefix", message: tr("must be up to 10 characters, without brackets, blanks or digits")))
        }
        if sendmailCommand.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(FieldIssue(field: "sendmail", message: tr("is required ({0})", Self.defaultSendmail)))
        }
        if !(0...1_048_576).contains(attachmentLimitKiB) {
            issues.append(FieldIssue(field: "attachment limit", message: tr("must be 0 to 1 048 576 KiB")))
        }
        if let reason = VisibleText.forbiddenReason(in: signature, multiline: true) { issues.append(FieldIssue(field: "signature", message: reason)) }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    static func read(_ db: Database) throws -> MailSettings {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE key LIKE 'mail.%'") { values[row["key"]] = row["value"] }
        return MailSettings(values)
    }
}

extension KontorDatabase {
    /// The sendmail command mail goes out through: the server's, else the mail settings'.
    public func sendmailCommand() throws -> String {
        try serverSendmail ?? read { db in try MailSettings.read(db).sendmailCommand }
    }
}

extension Session {
    /// The mail settings, with the server's sendmail command where it has one.
    public func mailSettings() throws -> MailSettings {
        try database.read(mailSettings)
    }

    func mailSettings(_ db: Database) throws -> MailSettings {
        var settings = try MailSettings.read(db)
        if let fixed = database.serverSendmail { settings.sendmailCommand = fixed }
        return settings
    }

    /// Refuses a sendmail command other than the server's, where the
    /// server has one; otherwise the settings to store (the server's
    /// command is not copied into them).
    func keepingServerSendmail(_ new: MailSettings, stored: MailSettings) throws -> MailSettings {
        guard let fixed = database.serverSendmail else { return new }
        guard new.sendmailCommand == fixed || new.sendmailCommand == stored.sendmailCommand else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "sendmail", message: tr(
                "is the server's on this server ({0}): its administrator sets it in the server's configuration, sendmail = …", fixed))]))
        }
        var kept = new
        kept.sendmailCommand = stored.sendmailCommand
        return kept
    }

    /// Changes the mail settings `change` changes, in one transaction, each
    /// with an audit entry (as `updateSettings` does for the company's).
    @discardableResult
    public func updateMailSettings(_ change: (inout MailSettings) throws -> Void) throws -> MailSettings {
        try write(.editSettings) { db in
            let old = try MailSettings.read(db)
            var new = old
            if let fixed = database.serverSendmail { new.sendmailCommand = fixed }
            try change(&new)
            if let failure = new.validate() { throw KontorError.invalid(failure) }
            try writeSettings(db, from: old.values, to: try keepingServerSendmail(new, stored: old).values)
            return try mailSettings(db)
        }
    }
}
