import GRDB

/// `v47-proposal-open-amount`: a proposed match keeps what was open on its
/// invoice when it was proposed. A payment in between (another entry
/// confirmed, one typed by hand) makes the proposal stale: confirming it
/// would pay the invoice again. Matches stored before have none, and are
/// confirmed as before.
enum ProposalOpenSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE bank_entry_matches ADD COLUMN open_cents INTEGER")
    }
}
