import KontorLocale
import GRDB

/// Each customer's account in DATEV: the next free number the first time
/// the customer is exported, kept from then on (`datev_debtors`, which the
/// database refuses to change). DATEV's debtor accounts are one digit
/// longer than its general-ledger accounts and run from 10000 to 69999 at
/// the usual length of four (70000 up are suppliers').
enum DebtorNumbers {
    /// The debtor accounts DATEV allows at a general-ledger account length.
    static func range(accountLength: Int) -> ClosedRange<Int> {
        var first = 1
        for _ in 0 ..< accountLength { first *= 10 }
        return first ... (7 * first - 1)
    }

    /// The accounts of `customers`, giving those without one the next free
    /// number, in the order of the customers' ids, each audited. Throws when
    /// a number given earlier does not fit the account length (it was
    /// changed since), or when the range is full.
    static func accounts(_ db: Database, for customers: Set<Int64>, accountLength: Int, session: Session) throws -> [Int64: Int] {
        let range = range(accountLength: accountLength)
        var accounts: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT customer_id, account FROM datev_debtors") {
            accounts[row["customer_id"]] = row["account"]
        }
        if let misfit = accounts.first(where: { customers.contains($0.key) && !range.contains($0.value) }) {
            throw KontorError.rule(tr("debtor account {0} was given with another account length; at {1} digits DATEV's debtor accounts run {2}–{3}. Set datev-account-length back to {4} (kontor settings --set), as the numbers once given are kept",
                                      misfit.value, accountLength, range.lowerBound, range.upperBound, String(misfit.value).count - 1))
        }
        let missing = customers.filter { accounts[$0] == nil }.sorted()
        guard !missing.isEmpty else { return accounts }
        var next = (try Int.fetchOne(db, sql: "SELECT max(account) FROM datev_debtors WHERE account BETWEEN ? AND ?",
                                     arguments: [range.lowerBound, range.upperBound])).map { $0 + 1 } ?? range.lowerBound
        let now = Timestamp.now()
        let insert = try db.makeStatement(sql: "INSERT INTO datev_debtors (customer_id, account, assigned_at, assigned_by) VALUES (?, ?, ?, ?)")
        for customer in missing {
            guard next <= range.upperBound else {
                throw KontorError.rule(tr("DATEV's debtor accounts {0}–{1} are all given; a longer account length (datev-account-length) gives more", range.lowerBound, range.upperBound))
            }
            try insert.execute(arguments: [customer, next, now, session.username])
            try Audit.record(db, session: session, entity: "customer", id: customer, action: "datev debtor",
                             changes: [("datev_debtor", nil, String(next))])
            accounts[customer] = next
            next += 1
        }
        return accounts
    }
}
