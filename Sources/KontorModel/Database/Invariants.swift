import KontorLocale
import Foundation
import GRDB

/// Kontor's own rules about its data, checked against the data itself:
/// what `kontor check` runs after SQLite's integrity and foreign keys.
///
/// Triggers keep these rules while every writer plays by them; a tool that
/// drops a trigger, a bulk load gone wrong or a restored half-backup can
/// break them silently. Each check is one aggregate query over one read
/// snapshot (so work going on meanwhile never shows as a violation), and
/// names each record that breaks it by what people know it by — an
/// invoice's number, a product's SKU — and says what differs. None loops
/// over rows in Swift: at a million customers the whole run costs what
/// reading the tables once costs.
public struct Invariant: Sendable {
    /// A short name for the report and for tests: `stock-ledger`.
    public let name: String
    /// What holds when all is well, as the report's `ok` line says it.
    public let rule: String
    let violations: @Sendable (Database) throws -> [String]

    /// At most this many violations are listed per check; one more says "and more".
    public static let listedViolations = 100

    /// Every check, in the order the report gives them.
    public static let all: [Invariant] = [
        .stockLedger, .invoiceTotals, .paidAmounts, .paymentsWithinGross,
        .invoiceNumbers, .invoiceTotalsTable, .dealStageTotals, .reservationTotals, .staffWorkload, .customerCounts,
        .dunningLetters, .dunningFees, .auditLog, .triggers,
    ]
}

/// The outcome of one invariant over one snapshot.
public struct InvariantResult: Sendable {
    public let name: String
    public let rule: String
    /// One line per record that breaks the rule (at most `listedViolations`
    /// and a last line saying how many more); empty when it holds.
    public let violations: [String]
    public let seconds: Double
    public var holds: Bool { violations.isEmpty }
}

extension KontorDatabase {
    /// Runs `invariants` (every one unless given) over one read snapshot.
    public func checkInvariants(_ invariants: [Invariant] = Invariant.all) throws -> [InvariantResult] {
        try read { db in try Invariant.run(invariants, db) }
    }

    /// Runs `invariants` on the file at `path` through a connection that
    /// cannot change it, as `kontor check` promises. A file whose schema is
    /// older than this Kontor is refused with what to do: the checks read
    /// the tables as they are now. `each` is told every result as soon as
    /// it is known (at a million customers a check can take seconds).
    public static func checkInvariants(path: String, _ invariants: [Invariant] = Invariant.all,
                                       each: (InvariantResult) -> Void = { _ in }) throws -> [InvariantResult] {
        let queue = try DatabaseFile.readOnlyQueue(path)
        defer { try? queue.close() }
        return try queue.read { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            let pending = Schema.migrator.migrations.filter { !applied.contains($0) }
            guard pending.isEmpty else {
                throw KontorError.cannotOpen(path: path, reason: tr("its schema is older than this Kontor ({0} not applied); open it once with kontor to bring it up to date, then check again", pending.joined(separator: ", ")))
            }
            return try Invariant.run(invariants, db, each: each)
        }
    }
}

extension Invariant {
    static func run(_ invariants: [Invariant], _ db: Database, each: (InvariantResult) -> Void = { _ in }) throws -> [InvariantResult] {
        try invariants.map { invariant in
            let start = Date()
            let found = try invariant.violations(db)
            let listed = found.count > listedViolations ? Array(found.prefix(listedViolations)) + ["… and more"] : found
            let result = InvariantResult(name: invariant.name, rule: invariant.rule, violations: listed,
                                         seconds: Date().timeIntervalSince(start))
            each(result)
            return result
        }
    }
}

/// How the checks name records and amounts in their lines.
enum InvariantWords {
    /// `invoice 2026-00042`, `credit note CN-2026-00003`, or `draft invoice #17 (Müller GmbH)`.
    static func document(_ row: Row) -> String {
        let kind = (row["kind"] as String?) == "credit_note" ? "credit note" : "invoice"
        if let number = row["number"] as String? { return "\(kind) \(number)" }
        let customer = (row["customer"] as String?).map { " (\($0))" } ?? ""
        return "draft \(kind) #\(row["id"] as Int64)\(customer)"
    }

    static func cents(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        return "\(sign)\(magnitude / 100),\(String(format: "%02d", magnitude % 100))"
    }

    static let limit = Invariant.listedViolations + 1
}
