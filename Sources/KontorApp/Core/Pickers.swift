import KontorLocale
import KontorModel
import KontorUI

/// The lookups forms share: one customer picker, one product picker, one
/// staff picker, so that every screen finds records the same way.
enum Pickers {
    /// Active customers matching the typed text, through the list's own search.
    static func customer(_ session: Session, title: String = tr("Choose a customer"), text: String = "") -> Picker {
        Picker(title: title, columns: customerColumns, text: text, search: customerSearch(session))
    }

    /// With the customer's number: namesakes in one city (a chain's
    /// branches, a name entered twice) are told apart by it. The name
    /// stays the first cell, which is what a form takes when one is chosen.
    static let customerColumns: [TableView.Column] = [
        .init("Name", .flexible(min: 20, weight: 3)), .init("City", .flexible(min: 10, weight: 1)), .init("Contact", .flexible(min: 10, weight: 1)),
        .init("No.", .fixed(7), alignRight: true),
    ]

    /// The customer picker's search, for a picker that offers more than customers.
    static func customerSearch(_ session: Session) -> Picker.Search {
        let repository = session.database.customers
        return { text, limit in
            // Names beginning with what was typed first (Ziegler Technik
            // before the customer whose contact is a Ziegler), as the
            // palette ranks them; then the rest the filter finds.
            let named = try repository.namesStarting(with: text, limit: limit)
            let prepared = try repository.prepare(CustomerQuery(text: text))
            return firstThenRest(named, try repository.page(prepared, after: nil, inclusive: false, limit: limit), id: \.id, limit: limit).map {
                Picker.Item(id: $0.id, cells: [$0.name, $0.city, $0.contactName, String($0.id)])
            }
        }
    }

    /// `first`, then what of `rest` is not among them, at most `limit`: a
    /// picker's rows when some matches are plainly meant before the others.
    static func firstThenRest<Row>(_ first: [Row], _ rest: [Row], id: (Row) -> Int64, limit: Int) -> [Row] {
        let taken = Set(first.map(id))
        return Array((first + rest.filter { !taken.contains(id($0)) }).prefix(limit))
    }

    /// Active products by SKU, EAN or name, with price and what is available.
    static func product(_ session: Session, title: String = tr("Choose a product"), text: String = "") -> Picker {
        let repository = session.database.products
        return Picker(
            title: title,
            columns: [.init("SKU", .fixed(12)), .init("Name", .flexible(min: 16, weight: 1)), .init("Price", .fixed(11), alignRight: true),
                      .init("On hand", .fixed(8), alignRight: true)],
            text: text
        ) { text, limit in
            // A typed article number's own products first, then the rest the filter finds.
            let bySKU = try repository.skusStarting(with: text, limit: limit)
            return firstThenRest(bySKU, try repository.page(.active, text: text, after: nil, limit: limit), id: \.id, limit: limit).map {
                Picker.Item(id: $0.id, cells: [$0.fields.sku, $0.fields.name, Money.format(cents: $0.priceCents),
                                                    $0.fields.stocked ? "\($0.onHand) \($0.fields.unit)" : tr("service")],
                            role: $0.isBelowReorderPoint ? .warning : nil)
            }
        }
    }

    /// Active staff by name, username or department; with `mayDo`, only
    /// those whose role allows it (tickets go to people who may work them).
    static func staff(_ session: Session, title: String = tr("Choose a colleague"), text: String = "", mayDo permission: Permission? = nil) -> Picker {
        let directory = session.staffDirectory
        return Picker(
            title: title,
            columns: [.init("Name", .flexible(min: 16, weight: 2)), .init("User", .fixed(12)), .init("Role", .fixed(12)), .init("Department", .flexible(min: 10, weight: 1))],
            text: text
        ) { text, limit in
            // Matched as the staff list matches ("schae" finds Schäfer); a
            // staff is short (dozens), so the role is checked here.
            try directory.page(StaffListQuery(view: .active, text: text), after: nil, limit: 1_000).map(\.member).filter { member in
                permission.map { member.role.allows($0) } ?? true
            }.prefix(limit).map {
                Picker.Item(id: $0.id, cells: [$0.fullName, $0.username, $0.role.displayName, $0.department])
            }
        }
    }
}
