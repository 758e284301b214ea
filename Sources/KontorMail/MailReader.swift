import CMailReader
import Foundation

/// Reads a mail (RFC 5322 and MIME) with GMime, through the C face in
/// `CMailReader`: GMime decodes the headers (RFC 2047), the file names
/// (RFC 2231), quoted-printable and base64, and takes the broken mail real
/// servers deliver (a missing closing boundary, bare line ends); the
/// charsets are converted to UTF-8 there too. What is decided here is what
/// a helpdesk needs: which part is the text, which parts are files, and
/// whether a machine wrote it.
public enum MailReader {
    /// Parts nested deeper than this are left out (with a problem said):
    /// no real client nests a tenth of it, a hostile message may nest thousands.
    public static let maximumDepth = 32

    public static func read(_ data: Data) throws -> MailMessage {
        guard !data.isEmpty else { throw MailReadError("the message is empty") }
        guard let mail = data.withUnsafeBytes({ bytes in
            kontor_mail_parse(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, Int32(maximumDepth))
        }) else { throw MailReadError("no mail headers could be read") }
        defer { kontor_mail_free(mail) }
        let m = mail.pointee
        // Bytes GMime reads as a message without a single header of one
        // (blank lines, a stray file) are no mail.
        guard m.from.count + m.to.count + m.cc.count > 0 || m.message_id != nil || m.date != nil || String(cString: m.subject) != "" else {
            throw MailReadError("no mail headers: neither From, To, Subject, Message-ID nor Date")
        }
        var message = MailMessage(
            subject: Self.oneLine(String(cString: m.subject)),
            messageID: Self.string(m.message_id).flatMap(Self.messageID),
            inReplyTo: Self.string(m.in_reply_to).flatMap(Self.messageID),
            references: (0..<m.reference_count).compactMap { Self.string(m.references[$0]).flatMap(Self.messageID) },
            date: Self.string(m.date),
            from: Self.addresses(m.from), to: Self.addresses(m.to), cc: Self.addresses(m.cc), replyTo: Self.addresses(m.reply_to),
            size: data.count)
        func header(_ name: String) -> String? {
            guard let value = kontor_mail_header(mail, name) else { return nil }
            defer { kontor_mail_free_text(value) }
            return String(cString: value).trimmingCharacters(in: .whitespaces)
        }
        message.deliveredTo = ["Delivered-To", "X-Original-To", "Envelope-To"].compactMap(header).map(Self.bareAddress).filter { !$0.isEmpty }
        let parts = (0..<m.part_count).map { Part(m.parts[$0]) }
        let (text, files) = Self.body(of: parts)
        message.text = text
        message.attachments = files
        // A multipart message whose parts cannot be told apart (no boundary,
        // or one that never comes) would lose every word: its body is kept
        // as the text it is.
        if m.part_count == 0, m.too_deep == 0, (Self.string(m.content_type) ?? "").lowercased().hasPrefix("multipart/"), let raw = Self.rawBody(data) {
            message.text = raw
            message.problems.append(MailProblem("its parts could not be told apart (a multipart message without its boundary): the body is kept as it came"))
        }
        if m.too_deep != 0 { message.problems.append(MailProblem("parts nested deeper than {0} levels were left out", String(maximumDepth))) }
        for part in parts where part.notBase64 {
            message.problems.append(part.filename.map { MailProblem("“{0}” was said to be base64 but is not: it is kept as it came, not decoded", $0) }
                                    ?? MailProblem("its text was said to be base64 but is not: it is kept as it came, not decoded"))
        }
        message.automation = Self.automation(contentType: Self.string(m.content_type) ?? "", reportType: Self.string(m.report_type),
                                             subject: message.subject, from: message.from, parts: parts, header: header)
        return message
    }

    /// Everything after the header block, as text (UTF-8, else Latin-1),
    /// line ends made "\n"; nil when there is nothing.
    static func rawBody(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        var start: Int?
        for i in 0..<max(0, bytes.count - 1) {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { start = i + 2; break }
            if i + 3 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D, bytes[i + 3] == 0x0A { start = i + 4; break }
        }
        guard let start, start < bytes.count else { return nil }
        let body = Array(bytes[start...])
        let text = String(validating: body, as: UTF8.self) ?? String(decoding: body.map { UInt16($0) }, as: UTF16.self)
        let normal = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return normal.isEmpty ? nil : normal
    }

    /// A leaf of the MIME tree, copied out of C.
    struct Part {
        var mimeType: String
        var disposition: String?
        var filename: String?
        var content: Data
        var isText: Bool
        var inAttachedMessage: Bool
        var alternativeGroup: Int
        var alternativeBranch: Int
        /// Said to be base64 but holding other characters: kept as it came.
        var notBase64: Bool

        init(_ p: kontor_mail_part) {
            mimeType = MailReader.string(p.mime_type) ?? "application/octet-stream"
            disposition = MailReader.string(p.disposition)
            filename = MailReader.string(p.filename).map(MailReader.oneLine).flatMap { $0.isEmpty ? nil : $0 }
            content = p.content.map { Data(bytes: $0, count: p.length) } ?? Data()
            isText = p.is_text != 0
            inAttachedMessage = p.in_attached_message != 0
            alternativeGroup = Int(p.alternative_group)
            alternativeBranch = Int(p.alternative_branch)
            notBase64 = p.not_base64 != 0
        }

        var isBodyText: Bool {
            (mimeType == "text/plain" || mimeType == "text/html") && disposition != "attachment" && filename == nil && !inAttachedMessage
        }
    }

    /// The text a person wrote and the files. Of each multipart/alternative
    /// the choice with a plain text part is read, else the one with HTML;
    /// text parts outside any alternative are read in order. Files are the
    /// parts with a name or marked as attachments, and attached messages;
    /// nameless inline pictures (logos in signatures) are left out.
    static func body(of parts: [Part]) -> (String, [MailAttachment]) {
        var chosen: [Int: Int] = [:]
        for group in Set(parts.map(\.alternativeGroup)) where group >= 0 {
            let members = parts.filter { $0.alternativeGroup == group && $0.isBodyText }
            chosen[group] = (members.first { $0.mimeType == "text/plain" } ?? members.first)?.alternativeBranch ?? -1
        }
        var texts: [String] = []
        var files: [MailAttachment] = []
        for part in parts {
            let inChosen = part.alternativeGroup < 0 || chosen[part.alternativeGroup] == part.alternativeBranch
            if part.isBodyText {
                guard inChosen else { continue }
                let text = String(decoding: part.content, as: UTF8.self)
                let readable = part.mimeType == "text/html" ? Self.htmlText(text) : text
                let normal = readable.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                if !normal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { texts.append(normal) }
                continue
            }
            let isFile = part.filename != nil || part.disposition == "attachment" || part.mimeType == "message/rfc822"
            guard isFile, !part.content.isEmpty else { continue }
            let name = part.filename ?? "Anhang-\(files.count + 1)\(Self.suffix(for: part.mimeType))"
            files.append(MailAttachment(filename: Self.safeFilename(name), mimeType: part.mimeType, content: part.content))
        }
        let text = texts.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (text, files)
    }

    /// HTML as readable text (libxml2's forgiving parser, through the C face).
    public static func htmlText(_ html: String) -> String {
        var bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return "" }
        let text = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { kontor_html_to_text($0, buffer.count) }
        }
        guard let text else { return "" }
        defer { kontor_mail_free_text(text) }
        return String(cString: text)
    }

    // MARK: Who wrote it

    static func automation(contentType: String, reportType: String?, subject: String, from: [MailAddress], parts: [Part],
                           header: (String) -> String?) -> MailAutomation? {
        let sender = from.first?.address.lowercased() ?? ""
        let localPart = sender.split(separator: "@").first.map(String.init) ?? ""
        let nullSender = header("Return-Path").map { $0.replacingOccurrences(of: " ", with: "") == "<>" } ?? false
        if (contentType == "multipart/report" && (reportType ?? "").lowercased() == "delivery-status")
            || ((localPart == "mailer-daemon" || localPart == "postmaster") && nullSender || localPart == "mailer-daemon") {
            return .bounce(original: original(in: parts))
        }
        if let auto = header("Auto-Submitted"), !auto.isEmpty, auto.lowercased() != "no" { return .autoReply("Auto-Submitted: \(auto)") }
        for name in ["X-Autoreply", "X-Autorespond", "X-Autogenerated"] where header(name) != nil { return .autoReply(name) }
        if let suppress = header("X-Auto-Response-Suppress"), ["all", "oof"].contains(where: suppress.lowercased().contains),
           Self.looksLikeOutOfOffice(subject) {
            return .autoReply("out of office")
        }
        if let precedence = header("Precedence")?.lowercased() {
            if precedence == "auto_reply" { return .autoReply("Precedence: auto_reply") }
            if ["bulk", "junk", "list"].contains(precedence) { return .bulk("Precedence: \(precedence)") }
        }
        if let list = header("List-Id") { return .bulk("List-Id: \(list)") }
        if nullSender { return .bounce(original: original(in: parts)) }
        if Self.looksLikeOutOfOffice(subject) { return .autoReply("out of office") }
        return nil
    }

    /// Subjects out-of-office replies carry when their headers say nothing.
    static func looksLikeOutOfOffice(_ subject: String) -> Bool {
        let lower = subject.lowercased()
        return ["automatische antwort", "abwesenheitsnotiz", "out of office", "autoreply", "auto-reply", "automatic reply",
                "abwesend:", "urlaubsabwesenheit"].contains { lower.contains($0) }
    }

    /// What a bounce says of the message that failed: its attached original
    /// (or only its headers), and the failed recipients of the report.
    static func original(in parts: [Part]) -> MailOriginal {
        var original = MailOriginal()
        if let attached = parts.first(where: { $0.mimeType == "message/rfc822" || $0.mimeType == "text/rfc822-headers" }) {
            var bytes = attached.content
            if attached.mimeType == "text/rfc822-headers" { bytes.append(contentsOf: Array("\r\n\r\n".utf8)) }
            if let inner = try? MailReader.readHeadersOnly(bytes) {
                original = MailOriginal(messageID: inner.messageID, references: inner.references + [inner.inReplyTo].compactMap { $0 },
                                        subject: inner.subject, recipients: [])
            }
        }
        if let status = parts.first(where: { $0.mimeType == "message/delivery-status" }) {
            let text = String(decoding: status.content, as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("final-recipient:") {
                original.recipients.append(bareAddress(String(line.split(separator: ";").last ?? "")))
            }
        }
        return original
    }

    /// An attached message's threading headers, its own parts ignored.
    static func readHeadersOnly(_ data: Data) throws -> MailMessage {
        guard let mail = data.withUnsafeBytes({ bytes in
            kontor_mail_parse(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, 0)
        }) else { throw MailReadError("no headers") }
        defer { kontor_mail_free(mail) }
        let m = mail.pointee
        return MailMessage(subject: oneLine(String(cString: m.subject)), messageID: string(m.message_id).flatMap(messageID),
                           inReplyTo: string(m.in_reply_to).flatMap(messageID),
                           references: (0..<m.reference_count).compactMap { string(m.references[$0]).flatMap(messageID) })
    }

    // MARK: Small readings

    static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func addresses(_ list: kontor_mail_addresses) -> [MailAddress] {
        (0..<list.count).map { i in
            MailAddress(name: oneLine(String(cString: list.items[i].name)), address: oneLine(String(cString: list.items[i].address)))
        }
    }

    /// A message id as threading compares it: no brackets, no blanks; nil
    /// when nothing is left or it is absurdly long.
    static func messageID(_ raw: String) -> String? {
        let id = raw.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t\r\n"))
        return id.isEmpty || id.utf8.count > 500 || id.contains(where: \.isWhitespace) ? nil : id
    }

    /// "Name <a@b>" or "rfc822; a@b" → "a@b".
    static func bareAddress(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces)
        if let open = t.lastIndex(of: "<"), let close = t.lastIndex(of: ">"), open < close { t = String(t[t.index(after: open)..<close]) }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// Header text on one line: line breaks and tabs become blanks.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// A file name that is only a name: no folders, no leading dots, no
    /// control characters, at most `maxBytes` bytes of UTF-8 (a file
    /// system takes 255), shortened before its extension so the file
    /// still opens with its program.
    public static func safeFilename(_ name: String, maxBytes: Int = 200) -> String {
        var clean = String(name.unicodeScalars.filter { $0.properties.generalCategory != .control && $0.properties.generalCategory != .format }
            .map { $0 == "/" || $0 == "\\" ? "_" : Character($0) })
        while clean.hasPrefix(".") { clean.removeFirst() }
        clean = clean.trimmingCharacters(in: .whitespaces)
        if clean.utf8.count > maxBytes {
            let dot = clean.lastIndex(of: ".")
            var ext = dot.map { String(clean[$0...]) } ?? ""
            if ext.utf8.count > 16 || ext.contains(" ") { ext = "" }
            var stem = ext.isEmpty ? clean : String(clean[..<dot!])
            while stem.utf8.count + ext.utf8.count > maxBytes { stem.removeLast() }
            clean = stem.trimmingCharacters(in: .whitespaces) + ext
        }
        return clean.isEmpty ? "Anhang" : clean
    }

    static func suffix(for mimeType: String) -> String {
        switch mimeType {
        case "application/pdf": return ".pdf"
        case "image/png": return ".png"
        case "image/jpeg": return ".jpg"
        case "text/plain": return ".txt"
        case "text/html": return ".html"
        case "message/rfc822": return ".eml"
        default: return ""
        }
    }
}
