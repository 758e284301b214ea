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
        /// A mark after the title ("▲" for the column the list is sorted
        /// by): always drawn, the title cut before it if need be.
        public var mark: String?

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

        /// The ways of writing column `i` in `width` cells, best first: the
        /// cell whole, else its shorter forms that fit (only when none
        /// fits, the shortest form, cut), and last the cell cut ("Müller
        /// G…", where "Müller GmbH" and "Müller KG" would both be "Müller").
        func choices(_ i: Int, width: Int) -> [String] {
            let full = i < cells.count ? cells[i] : ""
            guard TextWidth.of(full) > width, let forms = shorter[i] else { return [full] }
            let fitting = forms.filter { TextWidth.of($0) <= width }
            return (fitting.isEmpty ? [forms.last ?? full] : fitting) + [full]
        }
    }

    /// The texts of column `i` for `lines`, as drawn in `width` cells.
    ///
    /// Each line takes its first way of writing that fits, unless lines of
    /// different values would then read the same ("Schreinerei K." for
    /// Krause and for Kunz): those lines then take, all together, their
    /// first ways that tell them apart ("S. Krause", "S. Kunz"), if they
    /// have such. Lines of one value stay alike.
    static func texts(_ lines: [Line], column i: Int, width: Int) -> [String] {
        // Most columns have no shorter forms: their cells, cut when drawn.
        guard lines.contains(where: { $0.shorter[i] != nil }) else { return lines.map { i < $0.cells.count ? $0.cells[i] : "" } }
        let choices = lines.map { $0.choices(i, width: width).map { TextWidth.truncate($0, to: width) } }
        var shown = choices.map { $0[0] }
        guard choices.contains(where: { $0.count > 1 }) else { return shown }
        let values = lines.map { i < $0.cells.count ? $0.cells[i] : "" }
        let alike = Dictionary(grouping: lines.indices, by: { shown[$0] }).values
            .filter { group in Set(group.map { values[$0] }).count > 1 }
            .sorted { $0[0] < $1[0] }
        for group in alike {
            let depth = group.map { choices[$0].count }.max() ?? 1
            for k in 1..<max(1, depth) {
                let texts = group.map { choices[$0][min(k, choices[$0].count - 1)] }
                let apart = group.indices.allSatisfy { a in
                    let others = lines.indices.filter { !group.contains($0) && values[$0] != values[group[a]] }
                    return group.indices.allSatisfy { b in values[group[b]] == values[group[a]] || texts[b] != texts[a] }
                        && !others.contains { shown[$0] == texts[a] }
                }
                guard apart else { continue }
                for (a, line) in group.enumerated() { shown[line] = texts[a] }
                break
            }
        }
        return shown
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
            var title = Wording.text(column.title)
            if let mark = column.mark {
                // The mark after the title, right-aligned or not ("Bestand ▲Reserv." read as Bestand's).
                title = TextWidth.truncate(title, to: max(0, width - TextWidth.of(mark) - 1)) + " " + mark
            }
            grid.write(title, x: x, y: rect.y, width: width, style: theme[.columnHeader], alignRight: column.alignRight)
            x += width + 1
        }
        let shownLines = Array(lines.prefix(rect.height - 1))
        let texts = widths.indices.map { Self.texts(shownLines, column: $0, width: widths[$0]) }
        for (index, line) in shownLines.enumerated() {
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
                grid.write(texts[i][index], x: x, y: y, width: width, style: style, alignRight: columns[i].alignRight)
                x += width + 1
            }
        }
        if let scrollInfo, rect.height > 2 {
            if !scrollInfo.atStart { grid.write("▲", x: rect.maxX - 1, y: rect.y + 1, style: theme[.dim]) }
            if !scrollInfo.atEnd, lines.count >= rect.height - 1 { grid.write("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: theme[.dim]) }
        }
    }
}
