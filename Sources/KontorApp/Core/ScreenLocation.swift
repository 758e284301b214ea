/// Where a screen stands: enough to come back to it later exactly as it
/// was, as a browser's history does. The App keeps a history of these and
/// restores one on Esc or Backspace after a jump.
public struct ScreenLocation: Equatable, Sendable {
    /// The record open in the screen's detail view, if one is.
    public var record: RecordLink?
    /// The highlighted row of the list.
    public var highlighted: RecordLink?
    /// The list's filter text.
    public var filter: String
    /// Anything else the screen needs to come back the same way: its quick
    /// view, sort order, board column, focused pane. The screen's own words.
    public var view: String
    /// A few words for the trail in the header: "Müller GmbH", "Ticket #1234",
    /// or the screen's title while it shows its list.
    public var title: String

    public init(record: RecordLink? = nil, highlighted: RecordLink? = nil, filter: String = "", view: String = "", title: String) {
        self.record = record
        self.highlighted = highlighted
        self.filter = filter
        self.view = view
        self.title = title
    }
}

extension Screen {
    /// By default a screen only knows its title: coming back shows it as it is now.
    var location: ScreenLocation { ScreenLocation(title: title) }

    /// By default coming back changes nothing on the screen.
    func restore(_ location: ScreenLocation, host: ScreenHost) {}
}
