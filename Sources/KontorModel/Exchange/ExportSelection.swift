import KontorLocale
/// The views a list offers, by the names the command line uses for them
/// (`kontor export tickets --view mine --filter drucker`).
extension ExportSelection {
    /// The views `--view` accepts for a table; empty for tables that are
    /// only exported whole.
    public static func views(of table: ExportTable) -> [String] {
        switch table {
        case .customers: return ["active", "archived"]
        case .products: return ["active", "low-stock", "inactive", "all"]
        case .staff: return StaffView.allCases.map(\.rawValue)
        case .tickets: return ["open", "mine", "unassigned", "pending", "breached"]
        case .invoices: return ["all", "drafts", "open", "overdue", "paid", "cancelled", "credit-notes"]
        default: return []
        }
    }

    /// The selection of a view and a filter, as the table's list would show
    /// them; `.all` when neither is given. Throws for a view the list does
    /// not have, or a filter on a table without a list.
    public static func named(_ table: ExportTable, view: String?, filter: String?, for session: Session) throws -> ExportSelection {
        let text = filter ?? ""
        guard view != nil || !text.isEmpty else { return .all }
        let views = Self.views(of: table)
        guard !views.isEmpty else {
            throw KontorError.rule(tr("{0} are exported whole: --view and --filter are for customers, products, staff, tickets and invoices", table.rawValue))
        }
        let name = view ?? views[0]
        guard views.contains(name) else {
            throw KontorError.rule(tr("--view {0}: the views of {1} are {2}", name, table.rawValue, views.joined(separator: ", ")))
        }
        switch table {
        case .customers: return .customers(CustomerQuery(text: text, archived: name == "archived"))
        case .products:
            let product: ProductView = ["active": .active, "low-stock": .lowStock, "inactive": .inactive, "all": .all][name]!
            return .products(ProductListQuery(view: product, text: text))
        case .staff: return .staff(StaffListQuery(view: StaffView(rawValue: name)!, text: text))
        case .tickets:
            let query: TicketQueueQuery
            switch name {
            case "mine": query = TicketQueueQuery(assignee: .staff(session.staff.id))
            case "unassigned": query = TicketQueueQuery(assignee: .nobody)
            case "pending": query = TicketQueueQuery(status: .pending)
            case "breached": query = TicketQueueQuery(breachedOnly: true)
            default: query = TicketQueueQuery()
            }
            return .tickets(query, text: text)
        case .invoices:
            let invoice: InvoiceView = name == "credit-notes" ? .creditNotes : InvoiceView(rawValue: name)!
            return .invoices(InvoiceQuery(view: invoice, text: text))
        default: return .all
        }
    }
}
