import KontorLocale

/// The screens of the application, by name rather than by title: a link to
/// a screen that no longer exists breaks the build, not the jump.
public enum ScreenID: Int, CaseIterable, Sendable {
    case customers, tickets, deals, invoices, inventory, staff, dashboard

    /// The key that switches to it.
    public var key: Character {
        switch self {
        case .customers: return "1"
        case .tickets: return "2"
        case .deals: return "3"
        case .invoices: return "4"
        case .inventory: return "5"
        case .staff: return "6"
        case .dashboard: return "0"
        }
    }

    /// The tab title, in the person's language.
    public var title: String { tr(name) }

    /// The screen's name in English, the same in every session: what
    /// presence records, so that colleagues reading other languages still
    /// find each other on a screen.
    public var name: String {
        switch self {
        case .customers: return "Customers"
        case .tickets: return "Tickets"
        case .deals: return "Deals"
        case .invoices: return "Invoices"
        case .inventory: return "Inventory"
        case .staff: return "Staff"
        case .dashboard: return "Dashboard"
        }
    }

    /// Which side of the business it belongs to, for the tabs.
    public var side: String {
        switch self {
        case .customers, .tickets, .deals: return tr("Front")
        case .invoices, .inventory, .staff: return tr("Back")
        case .dashboard: return tr("Both")
        }
    }

    /// What the palette says of going there.
    var goingThere: String {
        switch self {
        case .customers, .tickets, .deals: return tr("Go to the {0} screen (front office)", title)
        case .invoices, .inventory, .staff: return tr("Go to the {0} screen (back office)", title)
        case .dashboard: return tr("Go to the {0} screen (both sides)", title)
        }
    }
}
