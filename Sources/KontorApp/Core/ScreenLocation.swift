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
    var title: String

    init(record: RecordLink? = nil, highlighted: RecordLink? = nil, filter: String = "", view: ListPlace = .none, title: String) {
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
