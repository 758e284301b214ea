import KontorLocale

/// Where a deal stands in the sales pipeline.
///
/// The open stages run in order, lead → qualified → proposal → negotiation,
/// and end in won. Lost stands apart: a deal can be lost from any stage, but
/// only when someone says so and why, never by stepping past won.
public enum DealStage: String, CaseIterable, Sendable, Comparable {
    case lead, qualified, proposal, negotiation, won, lost

    public var displayName: String {
        switch self {
        case .lead: return tr("Lead")
        case .qualified: return tr("Qualified")
        case .proposal: return tr("Proposal")
        case .negotiation: return tr("Negotiation")
        case .won: return tr("Won")
        case .lost: return tr("Lost")
        }
    }

    /// The stages still being worked on: they make up the weighted pipeline.
    public static let open: [DealStage] = [.lead, .qualified, .proposal, .negotiation]

    /// The path a deal walks with `>` and `<`: the open stages, then won.
    public static let path: [DealStage] = open + [.won]

    /// Won or lost: the deal has an outcome and a `closed_at`.
    public var isClosed: Bool { self == .won || self == .lost }

    /// The stage `>` moves to: nil at won (nothing lies beyond) and at lost
    /// (lost is off the path; reopening is a deliberate choice of stage).
    public var next: DealStage? {
        guard let i = Self.path.firstIndex(of: self), i + 1 < Self.path.count else { return nil }
        return Self.path[i + 1]
    }

    /// The stage `<` moves to: nil at lead, and at lost, whose way back is
    /// the stage it was lost from (see `DealRepository.moveBack`).
    public var previous: DealStage? {
        guard let i = Self.path.firstIndex(of: self), i > 0 else { return nil }
        return Self.path[i - 1]
    }

    /// How likely a deal at this stage is to be won, in percent, when the
    /// deal does not say otherwise. The weighted pipeline rests on these.
    public var defaultProbability: Int {
        switch self {
        case .lead: return 10
        case .qualified: return 25
        case .proposal: return 50
        case .negotiation: return 75
        case .won: return 100
        case .lost: return 0
        }
    }

    /// The probability a deal really has: its own estimate while open, the
    /// stage default without one; always 100 once won and 0 once lost, as an
    /// outcome is no longer an estimate. `DealSQL.probability` says the same in SQL.
    public func probability(override: Int?) -> Int {
        isClosed ? defaultProbability : (override ?? defaultProbability)
    }

    /// Board order: the path, then lost.
    public static func < (a: DealStage, b: DealStage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
