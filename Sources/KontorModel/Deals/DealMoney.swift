import GRDB

/// The money rules of deals, each in one place: how a deal's value follows
/// from its lines, and how probability weighs it. Amounts are integer cents,
/// so totals add up to the cent however many deals they cover.
public enum DealMoney {
    /// The largest value a deal may have: 10.000.000.000,00. Weighted sums
    /// multiply values by up to 100 and add them up; this bound keeps those
    /// sums inside 64-bit integers for tens of thousands of such deals, where
    /// SQLite would otherwise fall back to floating point.
    public static let maxValueCents = 1_000_000_000_000
    /// The largest unit price of a line: 100.000.000,00, as on invoices.
    public static let maxUnitPriceCents = 10_000_000_000
    /// The largest quantity of a line, as on invoices.
    public static let maxQuantity = 1_000_000

    /// The value rule: a deal with lines is worth the sum of their nets;
    /// a deal without lines is worth what was typed in.
    public static func value(lineTotal: Int?, typed: Int) -> Int {
        lineTotal ?? typed
    }

    /// The value of a deal with these lines, or `typed` when there are none.
    public static func value(of lines: [DealLine], typed: Int) -> Int {
        value(lineTotal: lines.isEmpty ? nil : lines.reduce(0) { $0 + $1.netCents }, typed: typed)
    }

    /// A value weighted by a probability in percent, rounded half up to the cent.
    public static func weighted(valueCents: Int, probability: Int) -> Int {
        (valueCents * probability + 50) / 100
    }

    /// The sum of a deal's line nets, nil when it has no lines.
    static func lineTotal(_ db: Database, dealID: Int64) throws -> Int? {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, coalesce(sum(\(DealLineQuantitySchema.lineNet)), 0) AS total FROM deal_lines WHERE deal_id = ?
            """, arguments: [dealID])!
        return (row["n"] as Int) == 0 ? nil : row["total"]
    }
}

/// The same rules as SQL, for aggregates computed where the rows are.
/// Every expression reads the `deals` row aliased `d`.
enum DealSQL {
    /// The probability in percent, as `DealStage.probability(override:)` gives it.
    static let probability = probability(of: "d")

    /// The same for the deals row named `row` (`new` and `old` in a trigger).
    static func probability(of row: String) -> String {
        let defaults = DealStage.open.map { "WHEN '\($0.rawValue)' THEN \($0.defaultProbability)" }.joined(separator: " ")
        return "(CASE \(row).stage WHEN 'won' THEN \(DealStage.won.defaultProbability) WHEN 'lost' THEN \(DealStage.lost.defaultProbability) "
            + "ELSE coalesce(\(row).probability, CASE \(row).stage \(defaults) END) END)"
    }

    /// One deal's weighted value, as `DealMoney.weighted` rounds it.
    static let weighted = "((d.value_cents * \(probability) + 50) / 100)"

    /// The weighted value of a group of deals: summed exactly, rounded once.
    static let weightedSum = "((coalesce(sum(d.value_cents * \(probability)), 0) + 50) / 100)"

    /// `'lead', 'qualified', …` for `stage IN (…)`.
    static let openStages = DealStage.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Board order of stages, for lists that mix them.
    static let stageOrder: String = {
        let cases = DealStage.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
        return "(CASE d.stage \(cases) END)"
    }()
}
