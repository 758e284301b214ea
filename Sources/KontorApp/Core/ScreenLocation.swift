import KontorModel

/// Where a screen stands: enough to come back to it later exactly as it
/// was, as a browser's history does. The App keeps a history of these and
/// restores one on Esc or Backspace after a jump.
struct ScreenLocation: Equatable {
    /// The record open in the screen's detail view, if one is.
    var record: RecordLink?
    /// The highlighted row of the list.
    var highlighted: RecordLink?
    /// The list's filter text.
    var filter: String
    /// Anything else the screen needs to come back the same way: its quick
    /// view, queue, sort order, board column. Typed per screen.
    var view: ListPlace
    /// A few words for the trail in the header: "Müller GmbH", "Ticket #1234",
    /// or the screen's title while it shows its list.
    var title: TrailTitle

    init(record: RecordLink? = nil, highlighted: RecordLink? = nil, filter: String = "", view: ListPlace = .none, title: TrailTitle) {
        self.record = record
        self.highlighted = highlighted
        self.filter = filter
        self.view = view
        self.title = title
    }
}

/// A place's few words in the trail, worked out each time the trail is
/// drawn: after a change of language, places left before it are named in
/// the new one ("Rechnungen › Rechnung 2026-00012", not "Invoices › …").
/// What it says is made of values kept when the place was left, never of
/// the screen as it is now.
struct TrailTitle: Equatable, ExpressibleByStringLiteral {
    private let words: () -> String

    init(_ words: @escaping () -> String) { self.words = words }

    /// A record's own words (a name, a code), the same in every language.
    init(stringLiteral text: String) { words = { text } }

    static func plain(_ text: String) -> TrailTitle { TrailTitle { text } }

    var text: String { words() }

    static func == (a: TrailTitle, b: TrailTitle) -> Bool { a.text == b.text }
}

extension Screen {
    /// By default a screen only knows its title: coming back shows it as it is now.
    var location: ScreenLocation { ScreenLocation(title: TrailTitle { [id] in id.title }) }

    /// By default coming back changes nothing on the screen.
    func restore(_ location: ScreenLocation, host: ScreenHost) {}
}

/// Where a screen's list stands beyond its filter and row, in the screen's
/// own types: a renamed view breaks the build, not a link to it.
enum ListPlace: Equatable {
    case none
    case customers(CustomersPlace)
    case tickets(TicketPlace)
    case deals(DealsPlace)
    case invoices(InvoiceView)
    case inventory(ProductView)
    case staff(StaffView)

    /// The screen the place belongs to, for a link to a list.
    var screen: ScreenID? {
        switch self {
        case .none: return nil
        case .customers: return .customers
        case .tickets: return .tickets
        case .deals: return .deals
        case .invoices: return .invoices
        case .inventory: return .inventory
        case .staff: return .staff
        }
    }
}
