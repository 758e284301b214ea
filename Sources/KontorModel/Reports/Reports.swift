import Foundation
import GRDB

extension KontorDatabase {
    /// The dashboard's figures: sums and counts over the whole business.
    public var reports: ReportRepository { ReportRepository(database: self) }
}

/// Reads the dashboard's figures, one family at a time.
///
/// Every figure is an aggregate answered from an index (see
/// `DashboardSchema`), never from a pass over a table's rows, and each family
/// is one read transaction, so the figures can be computed away from the
/// keyboard (on a background queue) while the database's other readers and
/// writers carry on. "Now" and "today" are parameters: the same business on
/// a given day always gives the same figures.
public struct ReportRepository: Sendable {
    let database: KontorDatabase

    /// How SQLite reads a statement (EXPLAIN QUERY PLAN details), so tests can
    /// make sure a figure walks an index rather than a table.
    func plan(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }
}
