import Foundation
import KontorLocale
import KontorModel
import KontorUI

@MainActor
/// Helpers the record views of Inventory and Staff share: panes of linked
/// records under a record's card, each a keyset-windowed list.
enum RecordPanes {
    /// A windowed list over rows keyed by an id that the list shows newest
    /// first (ledger lines, deal lines, invoice lines): `older` reads rows
    /// below an id (the newest when nil), `newer` the nearest rows above an
    /// id (the oldest when nil), both in list order.
    static func newestFirst<Row: Identifiable>(
        older: @escaping (_ id: Int64?, _ limit: Int) throws -> [Row],
        newer: @escaping (_ id: Int64?, _ limit: Int) throws -> [Row]
    ) -> WindowedList<Row> where Row.ID == Int64 {
        WindowedList(
            fetchAfter: { row, inclusive, limit in
                guard let row else { return try older(nil, limit) }
                return try older(inclusive ? row.id + 1 : row.id, limit)
            },
            fetchBefore: { row, limit in try newer(row?.id, limit) })
    }

    /// The tab row over the panes: the focused one in brackets and bold, so
    /// the focus shows without colour.
    static func drawTabs(_ titles: [String], focused: Int, at y: Int, x: Int, maxX: Int, grid: inout Grid, theme: Theme) {
        var x = x
        for (index, title) in titles.enumerated() where x < maxX {
            let text = index == focused ? "[\(title)]" : " \(title) "
            x += grid.write(text, x: x, y: y, maxWidth: maxX - x, style: index == focused ? theme[.title].adding(.bold) : theme[.dim])
            x += grid.write("  ", x: x, y: y, maxWidth: max(0, maxX - x), style: theme[.normal])
        }
        if x + 20 < maxX {
            grid.write(tr("Tab switches"), x: x, y: y, maxWidth: maxX - x, style: theme[.dim])
        }
    }

    /// Where the panes go under a record's card of `headerLines` lines, a
    /// blank line and the tab row; nil when there is no room for them.
    /// Layout and drawing both ask it, so they agree on the size.
    static func paneArea(in rect: Rect, headerLines: Int) -> (tabs: Int, area: Rect)? {
        let tabs = rect.y + headerLines + 1
        guard tabs + 2 < rect.maxY else { return nil }
        return (tabs, Rect(x: rect.x, y: tabs + 1, width: rect.width, height: rect.maxY - tabs - 1))
    }

    /// The update step for a pane drawn into `rect`: as many rows as fit
    /// are read now, so that drawing reads nothing.
    static func layout<Row>(_ list: WindowedList<Row>, in rect: Rect) throws {
        guard rect.height > 1 else { return }
        list.visibleCount = max(1, rect.height - 1)
        try list.fillWindow()
    }

    /// Draws a windowed list as a table in `rect`: the rows `layout` read.
    static func draw<Row>(_ list: WindowedList<Row>, table: TableView, lines: (Row) -> TableView.Line, empty: String,
                          in rect: Rect, grid: inout Grid, theme: Theme, focused: Bool = true) {
        guard rect.height > 1 else { return }
        table.draw(list.visibleRows.map(lines), cursor: list.isEmpty ? nil : list.cursor - list.top, in: rect, grid: &grid, theme: theme,
                   focused: focused, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            grid.write(empty, x: rect.x + 2, y: rect.y + 1, maxWidth: rect.width - 4, style: theme[.dim])
        }
    }

    /// A signed quantity: "+40", "-3".
    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }
}

@MainActor
/// Stored timestamps as local time, for one view. Parsing a timestamp costs
/// tens of microseconds on Linux, and a pane redraws the same few dozen on
/// every key, so the update step turns the rows about to be shown into text
/// once (`learn`) and drawing only looks them up. Each view keeps its own,
/// so nothing is shared between threads.
final class LocalTimes {
    private var known: [String: String] = [:]

    /// Turns the timestamps of the rows about to be drawn into text.
    func learn<Stamps: Sequence>(_ stamps: Stamps) where Stamps.Element == String? {
        for case let stamp? in stamps where stamp.count > 10 && known[stamp] == nil {
            if known.count >= 4096 { known.removeAll(keepingCapacity: true) }
            known[stamp] = Format.localTime(stamp)
        }
    }

    /// A stored timestamp as local time.
    func callAsFunction(_ iso: String) -> String { known[iso] ?? Format.localTime(iso) }

    /// "29.11.2026": a day, or a timestamp as its local day.
    func date(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        if text.count == 10 { return Format.day(text) }
        return String(self(text).prefix(10))
    }
}
