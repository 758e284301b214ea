import KontorModel
import KontorUI

/// Where the queue stands, for the related pane and the history.
extension TicketsScreen {
    var highlighted: RecordLink? {
        guard detail == nil, overlay == nil, let row = list.selected else { return nil }
        return .ticket(row.id)
    }

    /// The view's word as links name it: "all-open", "mine", "unassigned",
    /// "pending", "breached"; "|queue=billing" when one queue is shown.
    var location: ScreenLocation {
        let row = list.selected.map { RecordLink.ticket($0.id) }
        let where_ = Self.word(for: view) + (queue.map { "|queue=\($0)" } ?? "")
        if let detail {
            return ScreenLocation(record: .ticket(detail.ticket.id), highlighted: row, filter: text, view: where_,
                                  title: "Ticket #\(detail.ticket.id)")
        }
        return ScreenLocation(highlighted: row, filter: text, view: where_, title: "Tickets")
    }

    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            if !loaded { loaded = true; try list.loadFirst() }
            filter = nil
            overlay = nil
            let parts = location.view.split(separator: "|").map(String.init)
            let queue = parts.dropFirst().first { $0.hasPrefix("queue=") }.map { String($0.dropFirst(6)) }
            // "priority:…" from the dashboard has no view of its own: all open, most urgent first.
            let view = parts.first.flatMap(Self.view(for:)) ?? .allOpen
            if view != self.view || queue != self.queue { try setView(view, queue: queue) }
            try setText(location.filter)
            if case let .ticket(id)? = location.highlighted { _ = list.select(id: id) }
            if case let .ticket(id)? = location.record {
                try open(id)
            } else {
                detail = nil
            }
        }
    }

    static func word(for view: QueueView) -> String {
        switch view {
        case .allOpen: return "all-open"
        case .mine: return "mine"
        case .unassigned: return "unassigned"
        case .pending: return "pending"
        case .breached: return "breached"
        }
    }

    static func view(for word: String) -> QueueView? {
        QueueView.allCases.first { Self.word(for: $0) == word }
    }
}
