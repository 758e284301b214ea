import KontorLocale
import KontorModel
import KontorUI

/// Drawing the staff directory. Phone and e-mail columns appear only for
/// readers who may see them, and only where there is room.
extension StaffScreen {
    /// The directory's table for an area this wide; each column is named
    /// by its id, which also says which cell a row puts in it.
    func table(width: Int) -> TableView {
        var columns: [TableView.Column] = [.init(tr("Name"), .flexible(min: 14, weight: 3)), .init(tr("Title"), .flexible(min: 10, weight: 2))]
        var ids = ["name", "title"]
        columns += [.init(tr("Department"), .flexible(min: 10, weight: 1)),
                    .init(tr("Role"), .fixed(max(7, Role.allCases.map { TextWidth.of(Self.roleWord($0)) }.max() ?? 0)))]
        ids += ["department", "role"]
        if showsDetails, width >= 120 {
            columns += [.init(tr("Phone"), .fixed(17)), .init(tr("E-mail"), .flexible(min: 16, weight: 2))]
            ids += ["phone", "email"]
        }
        if width >= 100 {
            columns.append(.init(tr("Active"), .fixed(6)))
            ids.append("active")
        }
        columns += [.init(tr("Tickets"), .fixed(7), alignRight: true), .init(tr("Deals"), .fixed(5), alignRight: true)]
        ids += ["tickets", "deals"]
        // Each column is named by its id, to be sorted by or hidden.
        for i in columns.indices { columns[i].id = ids[i] }
        return TableView(columns: columns)
    }

    func line(_ row: StaffListRow, ids: [String]) -> TableView.Line {
        let m = row.member
        let cells = ids.map { id -> String in
            switch id {
            case "name": return m.fullName
            case "title": return m.title
            case "department": return m.department
            case "role": return Self.roleWord(m.role)
            case "phone": return m.phone
            case "email": return m.email
            case "active": return m.active ? tr("yes") : tr("no")
            case "tickets": return "\(row.openTickets)"
            case "deals": return "\(row.openDeals)"
            default: return ""
            }
        }
        return TableView.Line(cells: cells, role: m.active ? nil : .dim, mark: m.active ? (m.username == session.username ? "•" : nil) : "×")
    }

    func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        var legend = tr("• you   × inactive   Tickets, Deals: open ones they own")
        if !showsDetails { legend += "   " + tr("phone and e-mail: back office, managers and admins") }
        let ids = panel.tableColumns.compactMap(\.id) // the cells, in the order of the table `layout` chose
        return panel.draw(in: rect, grid: &grid, theme: theme, line: { line($0, ids: ids) }, legend: legend)
    }
}
