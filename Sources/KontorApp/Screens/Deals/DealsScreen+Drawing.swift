import KontorModel
import KontorLocale
import KontorUI

/// Drawing the board or the list with its title row: what the update step
/// read, nothing more.
extension DealsScreen {
    func drawBrowse(in rect: Rect, grid: inout Grid, theme: Theme) {
        let (titleRow, body) = rect.splitTop(1)
        grid.fill(titleRow, style: theme[.normal])
        var x = titleRow.x + 1
        x += grid.write(tr("Deals"), x: x, y: titleRow.y, style: theme[.title])
        switch view {
        case .board:
            board.draw(in: body, grid: &grid, theme: theme, focused: true)
            let open = DealStage.open.reduce(0) { $0 + board.total($1).count }
            let weighted = DealStage.open.reduce(0) { $0 + board.total($1).weightedValueCents }
            x += grid.write("  " + tr("board · {0} open · weighted {1}", Format.count(open), DealsFormat.compact(weighted)), x: x, y: titleRow.y,
                            maxWidth: titleRow.maxX - x, style: theme[.dim])
            var right: [String] = []
            if board.folded {
                right.append(tr("Won {0} · Lost {1} folded (z)", Format.count(board.total(.won).count), Format.count(board.total(.lost).count)))
            }
            if board.hiddenAfter > 0 { right.append(tr("{0} more ›", board.hiddenAfter)) }
            var left = ""
            if board.hiddenBefore > 0 { left = tr("‹ {0} more", board.hiddenBefore) }
            let rightText = right.joined(separator: "  ")
            let rightWidth = TextWidth.of(rightText)
            if !left.isEmpty {
                x += 2
                x += grid.write(left, x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - rightWidth - 2), style: theme[.marked])
            }
            if !rightText.isEmpty, titleRow.maxX - rightWidth - 1 > x {
                grid.write(rightText, x: titleRow.maxX - rightWidth - 1, y: titleRow.y, style: theme[.marked])
            }
        case .list:
            let stage = listView.stage
            let arrow = listView.order == .value ? "▼" : "▲"
            grid.write("  " + tr("list · {0} ({1}) · by {2} {3}   h/l stage · s sort", stage.displayName, Format.count(board.total(stage).count),
                          listView.order.displayName, arrow),
                       x: x, y: titleRow.y, maxWidth: titleRow.maxX - x - 1, style: theme[.dim])
            listView.draw(in: body, grid: &grid, theme: theme, focused: true)
        }
    }
}
