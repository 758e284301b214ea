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
        var legend = "• you   × inactive   Tickets, Deals: open ones they own"
        if !showsDetails { legend += "   phone and e-mail: back office, managers and admins" }
        let (table, ids) = table(width: rect.width)
        return panel.draw(in: rect, grid: &grid, theme: theme, table: table, line: { line($0, ids: ids) }, legend: legend)
    }
}
