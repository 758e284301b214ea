import KontorLocale
import KontorUI

/// Draws the palette as a command line at the bottom of the screen, with its
/// completions above it, as vim's and k9s's command lines do: the screen
/// underneath stays in view above.
enum PaletteOverlay {
    /// The box at the bottom of `area` and the candidate lines it shows.
    private static func panel(_ palette: Palette, in area: Rect) -> (panel: Rect, rows: Int) {
        let most = max(2, min(area.height / 2, 16))
        let rows = min(most, max(1, palette.candidates.count))
        return (Rect(x: area.x, y: area.maxY - rows - 2, width: area.width, height: rows + 2), rows)
    }

    /// The candidate drawn at `point` over `area`, for a click.
    static func candidate(at point: Point, of palette: Palette, in area: Rect) -> Int? {
        guard area.height >= 4, area.width >= 20 else { return nil }
        let (panel, rows) = panel(palette, in: area)
        let top = palette.cursor < rows ? 0 : palette.cursor - rows + 1
        let offset = point.y - (panel.y + 1)
        guard panel.contains(point), offset >= 0, offset < rows, top + offset < palette.candidates.count else { return nil }
        return top + offset
    }

    /// Draws over the bottom of `area`; returns where the text cursor goes.
    static func draw(_ palette: Palette, in area: Rect, grid: inout Grid, theme: Theme) -> Point? {
        guard area.height >= 4, area.width >= 20 else { return nil }
        let (panel, rows) = panel(palette, in: area)
        palette.pageSize = rows
        grid.fill(panel, style: theme[.dialog])

        let count = palette.candidates.count
        let top = palette.cursor < rows ? 0 : palette.cursor - rows + 1
        var heading = " \(tr("Command")) "
        if let total = palette.total {
            // More match than are offered: the true count, and how many are here.
            heading += tr("· {0} matches · the first {1} here; type more to narrow ", total.label, count)
        } else if palette.sampled {
            // A few of each kind: no count would be true of all that match.
            let verbs = [PaletteVerb.customer, .ticket, .deal, .invoice, .product, .staff].map { $0.spellings[0] }.joined(separator: ", ")
            heading += tr("· a few of each kind · {0} + words list more ", verbs)
        } else {
            if count > 0 { heading += Wording.count(count, one: "· {0} match ", other: "· {0} matches ") }
            if count > rows { heading += "· \(top + 1)–\(min(count, top + rows)) " }
        }
        let rule = String(repeating: "─", count: panel.width)
        grid.write(rule, x: panel.x, y: panel.y, style: theme[.border])
        grid.write(heading, x: panel.x + 2, y: panel.y, maxWidth: panel.width - 4, style: theme[.dialogTitle])

        let listTop = panel.y + 1
        if count == 0 {
            if let note = palette.note {
                grid.write((note.isError ? "✗ " : "• ") + note.text, x: panel.x + 2, y: listTop, maxWidth: panel.width - 4,
                           style: note.isError ? theme[.error] : theme[.dialog].adding(.dim))
            }
        } else {
            let shown = palette.candidates[top..<min(count, top + rows)]
            let keyWidth = min(14, shown.map { TextWidth.of($0.key) }.max() ?? 0)
            let titleWidth = min(max(12, (panel.width - 4) * 2 / 5), max(12, shown.map { TextWidth.of($0.title) }.max() ?? 0))
            for (offset, candidate) in shown.enumerated() {
                let y = listTop + offset
                let isCursor = top + offset == palette.cursor
                let base = isCursor ? theme[.selection] : theme[.dialog]
                grid.fill(Rect(x: panel.x, y: y, width: panel.width, height: 1), style: base)
                grid.write(isCursor ? "›" : " ", x: panel.x, y: y, style: base.adding(.bold))
                var x = panel.x + 2
                grid.write(candidate.title, x: x, y: y, width: titleWidth, style: base.adding(.bold))
                x += titleWidth + 2
                let keyX = panel.maxX - 1 - keyWidth
                if keyWidth > 0 { grid.write(candidate.key, x: keyX, y: y, width: keyWidth, style: base.adding(.bold), alignRight: true) }
                let detailWidth = keyX - 2 - x
                if detailWidth > 4 { grid.write(candidate.detail, x: x, y: y, maxWidth: detailWidth, style: isCursor ? base : base.adding(.dim)) }
            }
        }

        let inputY = panel.maxY - 1
        grid.fill(Rect(x: panel.x, y: inputY, width: panel.width, height: 1), style: theme[.normal])
        grid.write(":", x: panel.x, y: inputY, style: theme[.label].adding(.bold))
        let column = palette.input.draw(x: panel.x + 1, y: inputY, width: panel.width - 1, grid: &grid, style: theme[.inputFocused])
        return Point(x: column, y: inputY)
    }
}
