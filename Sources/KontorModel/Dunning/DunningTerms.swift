import KontorLocale
/// How the business dunns: when each level falls due, what it costs, how
/// long the customer is given, and the base rate default interest is
/// reckoned from. Company settings (`dunning.*`), changed by admins with
/// `kontor settings --set`.
///
/// One source of truth for the levels: the related pane's and the ticket's
/// dunning line (`CustomerDunning.level`) and the dunning run read the same
/// thresholds.
public struct DunningTerms: Equatable, Sendable {
    /// Days past the due date from which the reminder, the 1st and 2nd
    /// notice and the final notice are due, in that order (rising).
    public var levelDays: [Int]
    /// At least this many days between two letters about one invoice, so a
    /// customer first reminded on day 90 is not sent the 1st notice the
    /// next day because the invoice is old.
    public var waitDays: Int
    /// The fee a letter of each level charges (reminder, 1st, 2nd, final), in cents.
    public var feesCents: [Int]
    /// The days the letter gives to pay, from its date.
    public var payWithinDays: Int
    /// The Bundesbank's base rate (Basiszinssatz, §247 BGB) in basis points:
    /// 127 = 1,27 %. May be negative, as it was from 2013 to 2022.
    public var baseRateBP: Int
    /// Since when `baseRateBP` holds (ISO date): the Bundesbank sets it on
    /// 1 January and 1 July.
    public var baseRateFrom: String

    /// The thresholds Kontor always showed (1, 15, 31, 61 days), no fee for
    /// a reminder, and the base rate as of 1 July 2025.
    public static let standard = DunningTerms(levelDays: [1, 15, 31, 61], waitDays: 10, feesCents: [0, 500, 500, 1000],
                                              payWithinDays: 10, baseRateBP: 127, baseRateFrom: "2025-07-01")

    public init(levelDays: [Int], waitDays: Int, feesCents: [Int], payWithinDays: Int, baseRateBP: Int, baseRateFrom: String) {
        self.levelDays = levelDays
        self.waitDays = waitDays
        self.feesCents = feesCents
        self.payWithinDays = payWithinDays
        self.baseRateBP = baseRateBP
        self.baseRateFrom = baseRateFrom
    }

    /// The level an invoice this many days past its due date has reached.
    public func level(daysOverdue days: Int) -> DunningLevel {
        var reached = DunningLevel.none
        for (level, threshold) in zip(DunningLevel.letters, levelDays) where days >= threshold { reached = level }
        return reached
    }

    /// The fee of a letter of `level`; 0 for `.none`.
    public func fee(_ level: DunningLevel) -> Int {
        guard level != .none, level.rawValue - 1 < feesCents.count else { return 0 }
        return feesCents[level.rawValue - 1]
    }

    /// The yearly rate of default interest under §288 BGB, in basis points:
    /// the base rate plus 5 points for a consumer (§288 (1)), plus 9 for a
    /// business (§288 (2)). Never below zero.
    public func interestRateBP(consumer: Bool) -> Int {
        max(0, baseRateBP + (consumer ? 500 : 900))
    }

    /// Whether a half-yearly change of the base rate (1 January, 1 July)
    /// has passed since `baseRateFrom` by `date`: the setting may be stale.
    public func baseRateMayBeStale(on date: String) -> Bool {
        guard let from = CalendarDate.components(baseRateFrom), let now = CalendarDate.components(date) else { return false }
        // The half-year each date lies in, counted from year 0.
        func half(_ d: (Int, Int, Int)) -> Int { d.0 * 2 + (d.1 >= 7 ? 1 : 0) }
        return half(now) > half(from)
    }

    /// What is wrong with the terms, said for the field, or nil: the first of `problems`.
    public var problem: (field: String, message: String)? { problems.first }

    /// Everything wrong with the terms, at most one problem a field, in the
    /// order of the fields: so a form marks every wrong field at once.
    public var problems: [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        // The first rule a field breaks, in the order given.
        func check(_ field: String, _ rules: [(broken: () -> Bool, message: String)]) {
            if let rule = rules.first(where: { $0.broken() }) { problems.append((field, rule.message)) }
        }
        check("dunning days", [
            ({ levelDays.count != 4 }, tr("needs four numbers: reminder, 1st, 2nd and final notice")),
            ({ levelDays[0] < 1 }, tr("the reminder can be due 1 day after the due date at the earliest")),
            ({ zip(levelDays, levelDays.dropFirst()).contains { $0 >= $1 } }, tr("must rise from level to level")),
            ({ levelDays.contains { $0 > 3650 } }, tr("must be at most 3650")),
        ])
        check("dunning fees", [
            ({ feesCents.count != 4 }, tr("needs four amounts: reminder, 1st, 2nd and final notice")),
            ({ feesCents.contains { $0 < 0 || $0 > 100_000 } }, tr("must be 0 to 1.000,00")),
        ])
        check("dunning wait", [({ !(0...365).contains(waitDays) }, tr("must be 0 to 365 days"))])
        check("dunning pay within", [({ !(1...90).contains(payWithinDays) }, tr("must be 1 to 90 days"))])
        check("base rate", [
            ({ !(-1000...2000).contains(baseRateBP) }, tr("must be between -10 % and 20 %")),
            ({ !CalendarDate.isValid(baseRateFrom) }, tr("needs the date it holds from, like 2025-07-01")),
        ])
        return problems
    }

    /// A rate typed in percent, two decimals at most, the German way or
    /// not: "1,27", "-0.88", "1,27 %" → 127, -88, 127; nil for anything else.
    public static func basisPoints(typed text: String) -> Int? {
        var typed = text.filter { !$0.isWhitespace }
        if typed.hasSuffix("%") { typed.removeLast() }
        let negative = typed.hasPrefix("-")
        guard let value = Money.parse(negative ? String(typed.dropFirst()) : typed), value >= 0 else { return nil }
        return negative ? -value : value
    }

    // MARK: Settings

    static let keys = ["dunning.level_days", "dunning.wait_days", "dunning.fees_cents", "dunning.pay_within_days",
                       "dunning.base_rate_bp", "dunning.base_rate_from"]

    init(_ values: [String: String]) {
        let standard = Self.standard
        func numbers(_ key: String) -> [Int]? {
            guard let text = values[key], !text.isEmpty else { return nil }
            let parts = text.split(separator: " ").map { Int($0) }
            return parts.contains(nil) ? nil : parts.compactMap { $0 }
        }
        levelDays = numbers("dunning.level_days") ?? standard.levelDays
        waitDays = values["dunning.wait_days"].flatMap { Int($0) } ?? standard.waitDays
        feesCents = numbers("dunning.fees_cents") ?? standard.feesCents
        payWithinDays = values["dunning.pay_within_days"].flatMap { Int($0) } ?? standard.payWithinDays
        baseRateBP = values["dunning.base_rate_bp"].flatMap { Int($0) } ?? standard.baseRateBP
        baseRateFrom = values["dunning.base_rate_from"].flatMap { $0.isEmpty ? nil : $0 } ?? standard.baseRateFrom
    }

    var values: [String: String] {
        ["dunning.level_days": levelDays.map(String.init).joined(separator: " "),
         "dunning.wait_days": String(waitDays),
         "dunning.fees_cents": feesCents.map(String.init).joined(separator: " "),
         "dunning.pay_within_days": String(payWithinDays),
         "dunning.base_rate_bp": String(baseRateBP),
         "dunning.base_rate_from": baseRateFrom]
    }

    /// "1,27 %" from 127.
    public static func percent(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let value = abs(basisPoints)
        return "\(sign)\(value / 100),\(value % 100 < 10 ? "0" : "")\(value % 100) %"
    }
}
