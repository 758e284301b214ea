/// A record anywhere in the business, as one screen names it to another:
/// "show me invoice 42" from a deal, "show me this customer" from a ticket.
public enum RecordLink: Hashable, Sendable {
    case customer(Int64)
    case ticket(Int64)
    case deal(Int64)
    case invoice(Int64)
    case product(Int64)
    case staff(Int64)
}

extension Screen {
    /// By default a screen shows no linked records.
    public func show(_ link: RecordLink, host: ScreenHost) -> Bool { false }

    /// By default a screen has no list for the related pane to follow.
    public var highlighted: RecordLink? { nil }

    /// By default the related pane stands beside the list from 120 columns.
    public var paneFolds: Bool { false }

    /// By default the pane stands beside the list while a row is highlighted.
    public var listShowsPane: Bool { highlighted != nil }
}
