import GRDB

/// The books for the tax advisor (`v20-datev`): `datev_debtors`, each
/// customer's account in DATEV (the debtor number), given the first time
/// the customer's documents leave Kontor and never changed or taken back,
/// so that every export and the advisor's records name the same account.
enum DATEVSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE datev_debtors (
                customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
                account     INTEGER NOT NULL UNIQUE CHECK (account BETWEEN 10000 AND 699999999),
                assigned_at TEXT NOT NULL,
                assigned_by TEXT NOT NULL
            );
            CREATE TRIGGER datev_debtors_kept_update BEFORE UPDATE ON datev_debtors
            BEGIN SELECT RAISE(ABORT, 'a DATEV debtor number is kept once given'); END;
            CREATE TRIGGER datev_debtors_kept_delete BEFORE DELETE ON datev_debtors
            BEGIN SELECT RAISE(ABORT, 'a DATEV debtor number is kept once given'); END;
            """)
    }
}
