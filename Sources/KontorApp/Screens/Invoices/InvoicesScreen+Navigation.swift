import KontorModel
import KontorUI

/// Where the invoice list stands, for the related pane and the history.
extension InvoicesScreen {
    var highlighted: RecordLink? {
        guard case .list = mode, let row = list.selected else { return nil }
        return .invoice(row.id)
    }

    var location: ScreenLocation {
        let row = list.selected.map { RecordLink.invoice($0.id) }
        if case .list = mode {
            return ScreenLocation(highlighted: row, filter: query.text, view: query.view.rawValue, title: "Invoices")
        }
        guard let shown = detail?.invoice else {
            return ScreenLocation(highlighted: row, filter: query.text, view: query.view.rawValue, title: "Invoices")
        }
        let title = shown.number.map { (shown.kind == .creditNote ? "Credit note " : "Invoice ") + $0 } ?? "Draft #\(shown.id)"
        return ScreenLocation(record: .invoice(shown.id), highlighted: row, filter: query.text, view: query.view.rawValue, title: title)
    }

    /// Views: the InvoiceView names (all, drafts, open, overdue, paid,
    /// cancelled, creditNotes); "overdue-days:…" from the dashboard's age
    /// buckets opens the overdue view, longest overdue first.
    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            filter = nil
            let view = location.view.hasPrefix("overdue-days") ? .overdue : InvoiceView(rawValue: location.view) ?? query.view
            try setQuery(InvoiceQuery(view: view, text: location.filter))
            prepared = nil
            if case let .invoice(id)? = location.highlighted, let row = try repository.summary(id: id) { try list.show(row) }
            if case let .invoice(id)? = location.record {
                try open(id, host: host)
            } else {
                mode = .list
                detail = nil
            }
        }
    }
}
