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
            // The newest hits' ids from the index; then each one's ticket,
            // until `limit` tickets are found (mostly the first `limit`),
            // and only their messages read whole with ticket and customer.
            // Reading all `scan` of them so, with their tickets and
            // customers, took 23–31 ms for a common word at a million
            // customers with the file out of the system's cache; this 3–4.
            let hits = try Int64.fetchAll(db, SQLRequest<Int64>(literal: SQLiteSpecific.fullTextHits(
                "ticket_messages_fts", matching: query, newestFirst: scan)))
            let ticketOf = try db.cachedStatement(sql: "SELECT ticket_id FROM ticket_messages WHERE id = ?")
            var seen = Set<Int64>()
            var chosen: [Int64] = []
            for id in hits where chosen.count < limit {
                guard let ticket = try Int64.fetchOne(ticketOf, arguments: [id]), seen.insert(ticket).inserted else { continue }
                chosen.append(id)
            }
            guard !chosen.isEmpty else { return [] }
            return try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT m.ticket_id, m.body, t.subject, t.status, c.name
                FROM ticket_messages m
                JOIN tickets t ON t.id = m.ticket_id
                JOIN customers c ON c.id = t.customer_id
                WHERE m.id IN (\(SQLiteSpecific.idList(chosen)))
                ORDER BY m.id DESC
                """)).map { row in
                TicketMessageHit(ticketID: row["ticket_id"], subject: row["subject"], customerName: row["name"],
                                 status: TicketStatus(rawValue: row["status"]) ?? .open,
                                 excerpt: Self.excerpt(row["body"], around: typed))
            }
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
