import KontorLocale

/// Draws rows of text as a table with a header, a highlighted row and a
/// scroll indicator. It draws what it is given; `WindowedList` decides which
/// rows those are.
public struct TableView: Sendable {
    public struct Column: Sendable {
        public enum Width: Sendable {
            case fixed(Int)
            /// Shares the remaining width by weight, never below `min`.
            case flexible(min: Int, weight: Int)
        }

        public var title: String
        public var width: Width
        public var alignRight: Bool
        /// A stable name ("city"), the same in every language, for a list
        /// whose person sorts by the column or hides it; nil for a column
        /// that always shows.
        public var id: String?

        /// `title` is English; it is shown translated when drawn, so that a
        /// table made once reads in the person's language of the moment.
        public init(_ title: String, _ width: Width, alignRight: Bool = false, id: String? = nil) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
            self.id = id
        }
    }

    /// One row as the table shows it: cell texts, and a role for the whole
    /// row when it is special (dim for archived, alert for overdue).
    public struct Line: Sendable {
        public var cells: [String]
        public var role: Theme.Role?
        /// A mark in the first column, so that a state never depends on colour alone.
        public var mark: Character?
        /// Shorter ways of writing a cell, by column, best first: the table
        /// shows the first that fits the column whole, and cuts the cell
        /// only when none does. A name cut after its first word ("Schreinerei…")
        /// tells rows apart no more; "Schreinerei Krause" → "S. Krause" does.
        public var shorter: [Int: [String]]

        public init(cells: [String], role: Theme.Role? = nil, mark: Character? = nil, shorter: [Int: [String]] = [:]) {
            self.cells = cells
            self.role = role
            self.mark = mark
            self.shorter = shorter
        }

        /// The line with only the cells of `columns`, in that order: for a
        /// table whose person hid some columns.
        public func keeping(_ columns: [Int]) -> Line {
            var kept = self
            kept.cells = columns.map { $0 < cells.count ? cells[$0] : "" }
            kept.shorter = [:]
            for (new, old) in columns.enumerated() { kept.shorter[new] = shorter[old] }
            return kept
        }

        /// The text of column `i` for a column `width` cells wide.
        func text(_ i: Int, width: Int) -> String {
            let full = i < cells.count ? cells[i] : ""
            guard TextWidth.of(full) > width, let forms = shorter[i] else { return full }
            return forms.first { TextWidth.of($0) <= width } ?? forms.last ?? full
        }
    }

    public var columns: [Column]

    public init(columns: [Column]) { self.columns = columns }

    /// The widths of the columns in `total` cells, with one-cell gaps.
    public func widths(total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1) + 2
        var widths = columns.map { column -> Int in
            if case let .fixed(w) = column.width { return w }
            if case let .flexible(min, _) = column.width { return min }
            return 0
        }
        var spare = total - gaps - widths.reduce(0, +)
        let weights = columns.map { column -> Int in
            if case let .flexible(_, weight) = column.width { return weight }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        if spare > 0, totalWeight > 0 {
            let share = spare
            for i in columns.indices where weights[i] > 0 {
                let extra = share * weights[i] / totalWeight
                widths[i] += extra
                spare -= extra
            }
            if let last = weights.lastIndex(where: { $0 > 0 }) { widths[last] += spare }
        } else if spare < 0 {
            // Too narrow: the flexible columns (words, which shorten with
            // "…") give first, down to a few cells; only then the fixed
            // ones (amounts, dates, numbers), the right-most first.
            for i in columns.indices.reversed() where spare < 0 && weights[i] > 0 {
                let cut = min(max(0, widths[i] - 4), -spare)
                widths[i] -= cut
                spare += cut
            }
            for i in columns.indices.reversed() where spare < 0 {
                let cut = min(widths[i] - 1, -spare)
                widths[i] -= cut
                spare += cut
            }
        }
        return widths
    }

    /// Draws the header in the first row of `rect` and the lines below it.
    /// `cursor` is the index in `lines` of the highlighted line.
    public func draw(
        _ lines: [Line], cursor: Int?, in rect: Rect, grid: inout Grid, theme: Theme,
        focused: Bool = true, scrollInfo: (atStart: Bool, atEnd: Bool)? = nil
    ) {
        guard rect.height > 0 else { return }
        grid.fill(rect, style: theme[.normal])
        // The last column is kept for the scroll marks.
        let widths = widths(total: rect.width - 1)
        var x = rect.x + 2
        for (column, width) in zip(columns, widths) {
            grid.write(Wording.text(column.title), x: x, y: rect.y, width: width, style: theme[.columnHeader], alignRight: column.alignRight)
            x += width + 1
        }
        for (index, line) in lines.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + index
            let isCursor = index == cursor
            var style = line.role.map { theme[$0] } ?? theme[.normal]
            if isCursor { style = focused ? theme[.selection] : theme[.normal].adding(.underline) }
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            let mark = isCursor ? "›" : line.mark.map(String.init) ?? " "
            grid.write(mark, x: rect.x, y: y, style: line.mark != nil && !isCursor ? theme[line.role ?? .marked] : style)
            if let m = line.mark, isCursor { grid.write(String(m), x: rect.x + 1, y: y, style: style) }
            var x = rect.x + 2
            for (i, width) in widths.enumerated() {
                let text = line.text(i, width: width)
                grid.write(text, x: x, y: y, width: width, style: style, alignRight: columns[i].alignRight)
                x += width + 1
            }
        }
        if let scrollInfo, rect.height > 2 {
            if !scrollInfo.atStart { grid.write("▲", x: rect.maxX - 1, y: rect.y + 1, style: theme[.dim]) }
            if !scrollInfo.atEnd, lines.count >= rect.height - 1 { grid.write("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: theme[.dim]) }
        }
    }
}
