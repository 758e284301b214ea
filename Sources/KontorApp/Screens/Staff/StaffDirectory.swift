import KontorModel
import KontorUI

/// Drawing the staff directory. Phone and e-mail columns appear only for
/// readers who may see them, and only where there is room.
extension StaffScreen {
    func table(width: Int) -> (TableView, [String]) {
        var columns: [TableView.Column] = [.init("Name", .flexible(min: 14, weight: 3)), .init("Title", .flexible(min: 10, weight: 2))]
        var ids = ["name", "title"]
        columns += [.init("Department", .flexible(min: 10, weight: 1)), .init("Role", .fixed(7))]
        ids += ["department", "role"]
        if showsDetails, width >= 120 {
            columns += [.init("Phone", .fixed(17)), .init("E-mail", .flexible(min: 16, weight: 2))]
            ids += ["phone", "email"]
        }
        if width >= 100 {
            columns.append(.init("Active", .fixed(6)))
            ids.append("active")
        }
        columns += [.init("Tickets", .fixed(7), alignRight: true), .init("Deals", .fixed(5), alignRight: true)]
        ids += ["tickets", "deals"]
        return (TableView(columns: columns), ids)
    }

    func line(_ row: StaffListRow, ids: [String]) -> TableView.Line {
        let m = row.member
        let cells = ids.map { id -> String in
            switch id {
            case "name": return m.fullName
            case "title": return m.title
            case "department": return m.department
            case "role": return m.role.rawValue
            case "phone": return m.phone
            case "email": return m.email
            case "active": return m.active ? "yes" : "no"
            case "tickets": return "\(row.openTickets)"
            case "deals": return "\(row.openDeals)"
            default: return ""
            }
        }
        return TableView.Line(cells: cells, role: m.active ? nil : .dim, mark: m.active ? (m.username == session.username ? "•" : nil) : "×")
    }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (titleRow, rest) = rect.splitTop(1)
        grid.fill(titleRow, style: theme[.normal])
        var cursor: Point?
        var x = titleRow.x + 1
        x += grid.write("Staff", x: x, y: titleRow.y, style: theme[.title])
        for view in [StaffView.active, .inactive, .all] {
            let name = Self.viewName(view)
            x += grid.write(view == query.view ? " [\(name)]" : "  \(name) ", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x),
                            style: view == query.view ? theme[.label].adding(.bold) : theme[.dim])
        }
        if let count = countText(), filter == nil {
            x += grid.write("  \(count)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.dim])
        }
        if let filter {
            x += grid.write("  / ", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.label].adding(.bold))
            let column = filter.draw(x: x, y: titleRow.y, width: max(10, min(30, titleRow.maxX - x - 1)), grid: &grid, style: theme[.inputFocused])
            cursor = Point(x: column, y: titleRow.y)
        } else if !query.text.isEmpty {
            grid.write("  filter: \(query.text)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1), style: theme[.marked])
        }
        var listArea = rest
        var legend: Rect?
        if rest.height > 6 { (listArea, legend) = rest.splitBottom(1) }
        let (table, ids) = table(width: listArea.width)
        list.visibleCount = max(1, listArea.height - 1)
        try? list.fillWindow()
        table.draw(list.visibleRows.map { line($0, ids: ids) }, cursor: list.cursor - list.top, in: listArea, grid: &grid, theme: theme,
                   focused: filter == nil, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            let message = query.text.isEmpty ? "Nobody in this view." : "Nobody matches “\(query.text)”. Esc clears the filter."
            grid.write(message, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.dim])
        }
        if let legend {
            grid.fill(legend, style: theme[.normal])
            var text = "• you   × inactive   Tickets, Deals: open ones they own"
            if !showsDetails { text += "   phone and e-mail: back office, managers and admins" }
            grid.write(text, x: legend.x + 1, y: legend.y, maxWidth: legend.width - 2, style: theme[.dim])
        }
        return cursor
    }
}
