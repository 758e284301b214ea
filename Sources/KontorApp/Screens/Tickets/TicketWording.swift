import Foundation
import KontorModel
import KontorLocale
import KontorUI

@MainActor
/// How a ticket's state reads on screen, in words and marks, so that nothing
/// depends on colour alone.
enum TicketWording {
    /// A queue as the person reads it: the standard queues in their
    /// language ("billing" is "Buchhaltung" in German), any other as it was
    /// named. The stored name stays what rules and mail addresses use.
    nonisolated static func queueName(_ queue: String) -> String {
        guard TicketText.standardQueues.contains(queue) else { return queue }
        // English names them by their stored word, as a name: "Support", "Billing".
        let name = tr(queue, meaning: "a ticket queue")
        return name == queue ? queue.prefix(1).uppercased() + queue.dropFirst() : name
    }

    /// A queue typed into a form, as stored: a standard queue by its name
    /// in either language ("Buchhaltung" or "billing"), any other as typed.
    /// (A queue of its own named like a standard one's translation,
    /// "buchhaltung", is then reached by its stored name only in English.)
    nonisolated static func queue(typed: String) -> String {
        let text = typed.trimmingCharacters(in: .whitespaces)
        return TicketText.standardQueues.first {
            queueName($0).caseInsensitiveCompare(text) == .orderedSame || $0.caseInsensitiveCompare(text) == .orderedSame
        } ?? text
    }

    /// "3h 20m", "2d 4h", "late 1h 05m": the time left to the next SLA
    /// deadline at `now`; empty for a ticket without one.
    static func dueIn(_ slaDue: String?, now: Date) -> String {
        guard let slaDue, let due = date(slaDue) else { return "" }
        let seconds = Int(due.timeIntervalSince(now))
        let span = duration(abs(seconds))
        return seconds < 0 ? tr("late {0}", span) : span
    }

    /// A stored timestamp ("2026-11-29T10:00:00Z") as a date. Parsed by hand:
    /// it runs for every visible row of every frame.
    static func date(_ iso: String) -> Date? {
        let u = Array(iso.utf8)
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3600 + mi * 60 + s))
    }

    static func duration(_ seconds: Int) -> String {
        let minutes = seconds / 60
        if minutes < 60 { return tr("{0}m", minutes) }
        let hours = minutes / 60
        if hours < 48 { return tr("{0}h {1}m", hours, pad(minutes % 60)) }
        return tr("{0}d {1}h", hours / 24, hours % 24)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The deadline in words, for the ticket's header.
    static func deadline(_ ticket: Ticket, now: Date) -> String {
        guard let due = ticket.slaDue else {
            if let merged = ticket.mergedIntoID { return tr("merged into #{0}", merged) }
            return ticket.resolvedAt.map { tr("resolved {0}", Format.localTime($0)) } ?? tr("no deadline")
        }
        // Waiting for the customer: the clock stands (the state beside it says until when).
        if ticket.status == .pending, ticket.pendingUntil != nil {
            return tr("the deadlines wait meanwhile")
        }
        let firstReply = ticket.firstResponseAt == nil
        guard let date = date(due) else { return "" }
        let seconds = Int(date.timeIntervalSince(now))
        let span = duration(abs(seconds))
        if seconds < 0 { return firstReply ? tr("! first reply overdue by {0}", span) : tr("! resolution overdue by {0}", span) }
        return firstReply ? tr("first reply due in {0} ({1})", span, Format.localTime(due))
                          : tr("resolution due in {0} ({1})", span, Format.localTime(due))
    }

    /// The priority as the queue's column shows it: "Urgent!" stands out.
    static func priority(_ priority: TicketPriority) -> String {
        priority == .urgent ? tr("Urgent!") : priority.displayName
    }
}

@MainActor
/// A ticket's thread laid out as lines: who wrote each message and when,
/// then its text, customer messages, replies and internal notes each with
/// their own marker and indent.
enum TicketThread {
    struct Line: Equatable {
        var text: String
        var role: Theme.Role
    }

    /// Who wrote a customer's message: its author's name, unless that says
    /// no more than "customer" (a message taken down by hand, the demo's),
    /// which would read "Kunde · Kunde": then the customer's contact.
    static func customerAuthor(_ message: TicketMessage, of record: TicketRecord) -> String {
        let name = message.authorName.trimmingCharacters(in: .whitespaces)
        let generic = ["", "kunde", "customer", tr("Customer").lowercased()]
        guard generic.contains(name.lowercased()), let customer = record.customer else { return name }
        return customer.fields.contactName.isEmpty ? customer.name : customer.fields.contactName
    }

    /// The thread as lines; under each reply, what mail did with it, and
    /// under the first message the acknowledgement, if one went out.
    static func lines(_ record: TicketRecord, showQuoted: Bool, width: Int) -> [Line] {
        var out: [Line] = []
        let width = max(10, width)
        for (index, message) in record.messages.enumerated() {
            let moved = message.movedFromID.map { " · " + tr("from #{0}", $0) } ?? ""
            let mail = message.mailMessageID == nil ? "" : " · " + tr("by mail")
            let when = Format.localTime(message.createdAt)
            let (header, prefix, role): (String, String, Theme.Role)
            switch message.kind {
            case .customer:
                (header, prefix, role) = ("▶ " + tr("Customer") + " · \(customerAuthor(message, of: record)) · \(when)\(mail)\(moved)", "  ", .normal)
            case .reply:
                (header, prefix, role) = ("◀ " + tr("Reply") + " · \(message.authorName) · \(when)\(mail)\(moved)", "  ", .normal)
            case .note:
                (header, prefix, role) = ("✎ " + tr("INTERNAL NOTE") + " · \(message.authorName) · \(when)\(mail)\(moved)", "┃ ", .warning)
            }
            out.append(Line(text: header, role: message.kind == .note ? .warning : .label))
            let addressed = [message.mailFrom.map { tr("From {0}", $0) }, message.mailTo.map { tr("To {0}", $0) }, message.mailCc.map { tr("Cc {0}", $0) }].compactMap { $0 }
            if !addressed.isEmpty {
                for wrapped in hardWrap(addressed.joined(separator: " · "), to: width - TextWidth.of(prefix)) {
                    out.append(Line(text: prefix + wrapped, role: .dim))
                }
            }
            if record.mail.fromUnknownAddress.contains(message.id) {
                for wrapped in hardWrap(tr("! not an address of this customer or its contacts: kept here, replies do not go to it"),
                                        to: width - TextWidth.of(prefix)) {
                    out.append(Line(text: prefix + wrapped, role: .warning))
                }
            }
            func body(_ text: String) {
                for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    for wrapped in hardWrap(String(paragraph), to: width - TextWidth.of(prefix)) {
                        out.append(Line(text: prefix + wrapped, role: role))
                    }
                }
            }
            if message.mailMessageID == nil || showQuoted {
                body(message.body)
            } else {
                for piece in QuotedHistory.pieces(message.body) {
                    switch piece {
                    case let .text(text): body(text)
                    case let .quoted(lines): out.append(Line(text: prefix + "┆ " + Wording.count(lines.count, one: "{0} quoted line folded (z shows it)",
                                                                                            other: "{0} quoted lines folded (z shows them)"), role: .dim))
                    }
                }
            }
            for file in record.attachments where file.messageID == message.id {
                out.append(Line(text: prefix + tr("Attachment: {0} · {1}", file.filename, ByteCount.text(file.size)), role: .dim))
            }
            if let report = record.mail.byMessage[message.id] {
                out += mailLines("✉ " + MailWording.report(report), trouble: MailWording.isTrouble(report), width: width)
            }
            if index == 0, let acknowledgement = record.mail.acknowledgement {
                let report = acknowledgement.report
                out += mailLines("✉ " + tr("acknowledgement {0}", MailWording.report(report)), trouble: MailWording.isTrouble(report), width: width)
            }
            out.append(Line(text: "", role: .normal))
        }
        if out.isEmpty { out.append(Line(text: tr("No messages yet: r replies, i adds an internal note."), role: .dim)) }
        return out
    }

    private static func mailLines(_ text: String, trouble: Bool, width: Int) -> [Line] {
        hardWrap(text, to: width - 2).map { Line(text: "  " + $0, role: trouble ? .error : .dim) }
    }

    /// Wraps at spaces, and breaks words longer than the width (URLs,
    /// CJK without spaces) rather than cut them off.
    static func hardWrap(_ text: String, to width: Int) -> [String] {
        var lines: [String] = []
        for line in TextWidth.wrap(text, to: width) {
            var rest = Substring(line)
            while TextWidth.of(String(rest)) > width {
                var used = 0
                var cut = rest.startIndex
                while cut < rest.endIndex {
                    let w = TextWidth.of(rest[cut])
                    if used + w > width { break }
                    used += w
                    cut = rest.index(after: cut)
                }
                if cut == rest.startIndex { cut = rest.index(after: cut) }
                lines.append(String(rest[..<cut]))
                rest = rest[cut...]
            }
            lines.append(String(rest))
        }
        return lines
    }
}
