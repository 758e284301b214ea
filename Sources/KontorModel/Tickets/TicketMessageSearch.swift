import GRDB

/// A ticket found by the words of one of its messages.
public struct TicketMessageHit: Equatable, Sendable {
    public var ticketID: Int64
    public var subject: String
    public var customerName: String
    public var status: TicketStatus
    /// A few words of the message around the first word typed.
    public var excerpt: String
}

extension TicketRepository {
    /// Tickets whose messages hold every typed word (whole words, folded as
    /// the other searches fold: "prufen" finds "prüfen"), the newest
    /// message first, each ticket once, open or not. Reads the newest
    /// `scan` matching messages from the index and no more, so a common
    /// word costs what a rare one does. Whole words, as mail searches do:
    /// a prefix of a common word would merge the lists of every word it
    /// begins (300 ms for "bitte*" over five million messages, 4 ms for
    /// "bitte").
    public func searchMessages(_ typed: String, limit: Int = 5, scan: Int = 200) throws -> [TicketMessageHit] {
        guard let query = TextFolding.ftsQuery(typed, wholeWords: true) else { return [] }
        return try database.read { db in
            let hits = SQLiteSpecific.fullTextHits("ticket_messages_fts", matching: query, newestFirst: scan)
            let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT m.ticket_id, m.body, t.subject, t.status, c.name
                FROM ticket_messages m
                JOIN tickets t ON t.id = m.ticket_id
                JOIN customers c ON c.id = t.customer_id
                WHERE m.id IN (\(hits))
                ORDER BY m.id DESC
                """))
            var seen = Set<Int64>()
            var out: [TicketMessageHit] = []
            for row in rows where out.count < limit {
                let id: Int64 = row["ticket_id"]
                guard seen.insert(id).inserted else { continue }
                out.append(TicketMessageHit(ticketID: id, subject: row["subject"], customerName: row["name"],
                                            status: TicketStatus(rawValue: row["status"]) ?? .open,
                                            excerpt: Self.excerpt(row["body"], around: typed)))
            }
            return out
        }
    }

    /// About `width` characters of `body` on one line, starting a little
    /// before the first word that begins as the first typed word does.
    static func excerpt(_ body: String, around typed: String, width: Int = 60) -> String {
        let flat = body.split(whereSeparator: \.isNewline).joined(separator: " ")
        let words = flat.split(separator: " ", omittingEmptySubsequences: true)
        let first = TextFolding.fold(typed.split(separator: " ").first.map(String.init) ?? "")
        let at = words.firstIndex { TextFolding.fold(String($0)).hasPrefix(first) } ?? 0
        let start = max(0, at - 3)
        var text = words[start...].joined(separator: " ")
        if text.count > width { text = String(text.prefix(width - 1)) + "…" }
        return (start > 0 ? "…" : "") + text
    }
}
