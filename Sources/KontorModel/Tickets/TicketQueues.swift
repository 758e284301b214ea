import KontorLocale
import GRDB

/// Which queues exist: the standard ones and any a ticket is filed in.
///
/// A queue is created by filing the first ticket in it, so a typo
/// ("suport") would quietly start a queue nobody watches. New tickets are
/// therefore refused in a queue that does not exist unless the caller says
/// a new queue is meant (`create(_:allowingNewQueue:by:)`).
extension TicketRepository {
    /// Whether `queue` (as typed: trimmed and lower-cased here) is a
    /// standard queue or holds at least one ticket.
    public func queueExists(_ queue: String) throws -> Bool {
        try database.read { db in try Self.queueExists(db, TextFolding.trimmed(queue).lowercased()) }
    }

    /// The standard queues, then any other a ticket is filed in, by name;
    /// for saying which queues there are when one typed does not exist.
    public func knownQueues() throws -> [String] {
        let used = try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT queue FROM tickets") }
        return TicketText.standardQueues + Set(used).subtracting(TicketText.standardQueues).sorted()
    }

    /// The known queue a typed name was most likely meant as ("suport" →
    /// "support"): one that differs by at most two letters, or nil.
    public func likelyQueue(for typed: String) throws -> String? {
        Self.likelyQueue(for: typed, among: try knownQueues())
    }

    /// The same among `queues` already read (reading them scans the tickets).
    public static func likelyQueue(for typed: String, among queues: [String]) -> String? {
        let name = TextFolding.trimmed(typed).lowercased()
        return queues
            .map { ($0, DuplicateCheck.editDistance(Array(name), Array($0), limit: 2)) }
            .filter { $0.1 <= 2 && $0.1 > 0 }
            .min { $0.1 < $1.1 }?.0
    }

    /// Reads one row at most: the standard queues need no look-up, and a
    /// ticket in the queue ends the scan.
    static func queueExists(_ db: Database, _ queue: String) throws -> Bool {
        if TicketText.standardQueues.contains(queue) { return true }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tickets WHERE queue = ?)", arguments: [queue]) ?? false
    }

    /// The refusal of a ticket in a queue that does not exist.
    static func unknownQueue(_ queue: String) -> KontorError {
        Ticket.invalid("queue", tr("“{0}” is no queue yet; choose one that exists, or confirm a new queue", queue))
    }
}
