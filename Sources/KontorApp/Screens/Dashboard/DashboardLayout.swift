import KontorUI

/// Where the panels go: a grid that reflows with the terminal's width, as
/// tall as it needs to be; the screen shows a window of it and scrolls.
struct DashboardLayout: Equatable {
    /// A panel's box, in the grid's own coordinates (y = 0 is its top).
    struct Placement: Equatable {
        var panel: Int
        var x: Int
        var y: Int
        var width: Int
        var height: Int
    }

    var placements: [Placement]
    /// The height of the whole grid.
    var height: Int

    /// From this width three panels stand side by side, and one more for
    /// every further 60 columns; below it, two narrow panels may share a row.
    static let columnWidth = 60

    /// Panels in reading order, as many side by side as the width allows
    /// and their contents need (see `PanelDrawing.minimumWidth`), sharing the
    /// row's width equally; each row of panels is as tall as its tallest.
    init(panels: [Panel], width: Int) {
        let columns = width >= 2 * Self.columnWidth ? width / Self.columnWidth : 2
        var rows: [[Int]] = []
        var used = 0
        for (index, panel) in panels.enumerated() {
            let need = PanelDrawing.minimumWidth(panel)
            if var row = rows.last, row.count < columns, used + need <= width {
                row.append(index)
                rows[rows.count - 1] = row
                used += need
            } else {
                rows.append([index])
                used = need
            }
        }
        var placements: [Placement] = []
        var y = 0
        for row in rows {
            let height = row.map { panels[$0].rows.count + 2 }.max() ?? 2
            var x = 0
            for (column, panel) in row.enumerated() {
                // The last panel takes what division leaves over.
                let w = column == row.count - 1 ? width - x : width / row.count
                placements.append(Placement(panel: panel, x: x, y: y, width: w, height: height))
                x += w
            }
            y += height
        }
        self.placements = placements
        self.height = y
    }

    /// The panel beside `panel` in the same row (`step` −1 left, +1 right).
    func beside(_ panel: Int, step: Int) -> Int? {
        guard let here = placements.first(where: { $0.panel == panel }) else { return nil }
        return placements.first { $0.y == here.y && $0.x != here.x && ($0.x - here.x).signum() == step.signum() && (step > 0 ? $0.panel == panel + 1 : $0.panel == panel - 1) }?.panel
    }
}

/// Drawing a panel's rows: a mark, a label, a bar drawn with block
/// characters, and the numbers, right-aligned in columns, always beside the
/// bar so that no figure is told by length or colour alone.
enum PanelDrawing {
    /// Eighths of a cell, for the bar's last, partial cell.
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar of `fraction` (0…1) of `width` cells, to the eighth of a cell.
    /// Any value above zero shows at least an eighth.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0, fraction > 0 else { return "" }
        let eighths = max(1, Int((min(fraction, 1) * Double(width * 8)).rounded()))
        var text = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { text.append(partials[eighths % 8 - 1]) }
        return text
    }

    /// The widths of the panel's value columns.
    static func columnWidths(_ panel: Panel) -> [Int] {
        var widths: [Int] = []
        for row in panel.rows {
            for (i, value) in row.values.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], TextWidth.of(value))
            }
        }
        return widths
    }

    /// The narrowest box that shows the panel's labels (up to 16 cells), a
    /// bar of eight cells and every number in full.
    static func minimumWidth(_ panel: Panel) -> Int {
        let values = columnWidths(panel)
        let valuesWidth = values.reduce(0, +) + 2 * max(0, values.count - 1)
        let label = min(16, panel.rows.filter { !$0.isHeading && $0.link != nil }.map { TextWidth.of($0.label) }.max() ?? 0)
        let bar = panel.rows.contains { $0.fraction != nil } ? 8 + 1 : 0
        let title = TextWidth.of(panel.title) + 6
        return max(title, 2 + 2 + label + 1 + bar + valuesWidth + 1)
    }

    /// How a row of `inner` cells is shared out: label, bar, value columns.
    struct Columns {
        var label: Int
        var bar: Int
        var values: [Int]
    }

    static func columns(_ panel: Panel, inner: Int) -> Columns {
        let values = columnWidths(panel)
        let valuesWidth = values.reduce(0, +) + 2 * max(0, values.count - 1)
        let hasBars = panel.rows.contains { $0.fraction != nil }
        let longestLabel = panel.rows.filter { !$0.isHeading && $0.link != nil }.map { TextWidth.of($0.label) }.max() ?? 0
        // Two cells for the cursor and mark, a space after the label, one
        // before the numbers.
        let room = max(0, inner - 2 - valuesWidth - 2)
        guard hasBars else { return Columns(label: room, bar: 0, values: values) }
        // Labels get half the room, or more when that leaves the bar eight
        // cells; the bar takes the rest.
        let label = min(longestLabel, max(room / 2, min(room - 8, 24)))
        let bar = room - label
        return bar >= 3 ? Columns(label: label, bar: bar, values: values) : Columns(label: room, bar: 0, values: values)
    }

    /// Draws the panel's box and those of its rows that fall inside `clip`.
    static func draw(_ panel: Panel, in box: Rect, clip: Rect, cursor: String?, focused: Bool, grid: inout Grid, theme: Theme) {
        let inner = box.width - 2
        guard inner > 4 else { return }
        let border = theme[.border]
        let title = theme[.title]
        // The box: drawn line by line so that a half-visible box is clipped.
        for y in box.y..<box.maxY where y >= clip.y && y < clip.maxY {
            if y == box.y || y == box.maxY - 1 {
                let corner = y == box.y ? ("┌", "┐") : ("└", "┘")
                grid.write(corner.0 + String(repeating: "─", count: inner) + corner.1, x: box.x, y: y, style: border)
                if y == box.y { grid.write(" \(panel.title) ", x: box.x + 2, y: y, maxWidth: inner - 2, style: title) }
            } else {
                grid.fill(Rect(x: box.x + 1, y: y, width: inner, height: 1), style: theme[.normal])
                grid.write("│", x: box.x, y: y, style: border)
                grid.write("│", x: box.maxX - 1, y: y, style: border)
            }
        }
        let columns = columns(panel, inner: inner)
        for (i, row) in panel.rows.enumerated() {
            let y = box.y + 1 + i
            guard y >= clip.y, y < clip.maxY, y < box.maxY - 1 else { continue }
            drawRow(row, columns: columns, x: box.x + 1, y: y, inner: inner, isCursor: row.id == cursor, focused: focused, grid: &grid, theme: theme)
        }
    }

    private static func drawRow(_ row: PanelRow, columns: Columns, x: Int, y: Int, inner: Int, isCursor: Bool, focused: Bool,
                                grid: inout Grid, theme: Theme) {
        let base = row.isHeading ? theme[.columnHeader] : (row.link == nil ? theme[.dim] : theme[.normal])
        let style = isCursor ? (focused ? theme[.selection] : theme[.normal].adding(.underline)) : base
        if isCursor { grid.fill(Rect(x: x, y: y, width: inner, height: 1), style: style) }
        grid.write(isCursor ? "›" : " ", x: x, y: y, style: style)
        if let mark = row.mark { grid.write(String(mark), x: x + 1, y: y, style: isCursor ? style : theme[.alert]) }
        var column = x + 2
        if row.isHeading {
            column += columns.label + 1 + (columns.bar > 0 ? columns.bar + 1 : 0)
        } else if columns.bar == 0 && row.values.isEmpty {
            grid.write(row.label, x: column, y: y, maxWidth: inner - 2, style: style)
            return
        } else {
            grid.write(row.label, x: column, y: y, maxWidth: columns.label, style: style)
            column += columns.label + 1
            if columns.bar > 0 {
                if let fraction = row.fraction {
                    grid.write(bar(fraction, width: columns.bar), x: column, y: y, maxWidth: columns.bar, style: isCursor ? style : theme[.marked])
                }
                column += columns.bar + 1
            }
        }
        for (i, value) in row.values.enumerated() where i < columns.values.count {
            let w = columns.values[i]
            grid.write(value, x: column, y: y, width: w, style: style, alignRight: true)
            column += w + 2
        }
    }
}
