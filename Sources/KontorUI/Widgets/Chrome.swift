import KontorLocale

/// The frame around every screen: tabs along the top, key hints along the
/// bottom, and the overlay shown when the terminal is too small.
public enum Chrome {
    /// A tab in the header: its key, its title and the group it belongs to.
    public struct Tab: Sendable {
        public var key: String
        public var title: String
        public var group: String
        public init(key: String, title: String, group: String) {
            self.key = key
            self.title = title
            self.group = group
        }
    }

    /// Draws the tabs, grouped with a separator between groups. Group names
    /// are shown when there is room for them. `right` is drawn flush right if
    /// it fits (user and database, say).
    /// Returns the columns each tab took, for `tab(at:…)`.
    @discardableResult
    public static func drawTabs(_ tabs: [Tab], active: Int, right: String, badge: String = "", in rect: Rect, grid: inout Grid, theme: Theme) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        grid.fill(rect, style: theme[.header])
        // The badge ("!3": something arrived) is kept at the right edge
        // whatever the width; the tabs close up their separators for it.
        let badgeWidth = badge.isEmpty ? 0 : TextWidth.of(badge) + 1
        let plainWidth = tabs.reduce(0) { $0 + TextWidth.of($1.title) + $1.key.count + 3 } + 12
        let groups = Set(tabs.map(\.group)).count
        // The groups' names ("Front Office:") are shown when all of them fit.
        let groupNamesWidth = Set(tabs.map(\.group)).reduce(0) { $0 + TextWidth.of($1) + 3 }
        let showGroups = rect.width >= plainWidth + groupNamesWidth + TextWidth.of(right) + badgeWidth
        var x = rect.x
        // The brand gives way to the user's name when both do not fit.
        let tabsWidth = tabs.reduce(0) { $0 + TextWidth.of($1.title) + $1.key.count + 2 } + groups * 2
        let branded = tabsWidth + 8 + TextWidth.of(right) + 2 + badgeWidth <= rect.width || (right.isEmpty && badge.isEmpty)
        if branded {
            x += grid.write(" Kontor ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: theme[.header].adding(.bold))
        }
        let closeUp = tabsWidth - 1 + badgeWidth > rect.width
        let tabsEnd = rect.maxX - badgeWidth
        var lastGroup: String?
        for (index, tab) in tabs.enumerated() {
            if tab.group != lastGroup {
                // Nothing before the first group without the brand: no stray rule at the left edge.
                let separator = closeUp ? (lastGroup == nil ? "" : "│") : (lastGroup == nil ? (branded ? "│" : "") : " │")
                x += grid.write(separator, x: x, y: rect.y, maxWidth: max(0, tabsEnd - x), style: theme[.header])
                if showGroups {
                    x += grid.write(" \(tab.group):", x: x, y: rect.y, maxWidth: max(0, tabsEnd - x), style: theme[.tabGroup])
                }
                lastGroup = tab.group
            }
            x += grid.write(" ", x: x, y: rect.y, maxWidth: max(0, tabsEnd - x), style: theme[.header])
            let style = index == active ? theme[.tabActive] : theme[.tab]
            let start = x
            x += grid.write("\(tab.key) \(tab.title)", x: x, y: rect.y, maxWidth: max(0, tabsEnd - x), style: style)
            spans.append(start..<x)
        }
        if !badge.isEmpty {
            grid.write(" \(badge)", x: rect.maxX - badgeWidth, y: rect.y, style: theme[.alert].adding(.bold))
        }
        let rightWidth = TextWidth.of(right)
        if !right.isEmpty, tabsEnd - x >= rightWidth + 2 {
            grid.write(right + " ", x: tabsEnd - rightWidth - 1, y: rect.y, style: theme[.header])
        }
        return spans
    }

    /// The tab drawn at column `x` of the header `drawTabs` drew with the
    /// same arguments, for a click; nil between tabs. Laid out by drawing
    /// them again, off screen, so that a click can never miss what is shown.
    public static func tab(at x: Int, of tabs: [Tab], active: Int, right: String, badge: String = "", in rect: Rect, theme: Theme) -> Int? {
        var scratch = Grid(size: Size(width: rect.maxX, height: rect.maxY), style: theme[.normal])
        let spans = drawTabs(tabs, active: active, right: right, badge: badge, in: rect, grid: &scratch, theme: theme)
        return spans.firstIndex { $0.contains(x) }
    }

    /// Draws the key hints that fit, in binding order. The hints named in
    /// `kept` (the help key) are drawn even when the others do not all fit:
    /// on a narrow terminal `? help` is the way to every key left out.
    public static func drawFooter(_ bindings: [KeyBinding], in rect: Rect, grid: inout Grid, theme: Theme,
                                  kept: Set<String> = ["app.help"]) {
        grid.fill(rect, style: theme[.footer])
        let shown = bindings.filter(\.showsInFooter)
        func width(_ binding: KeyBinding) -> Int { TextWidth.of(binding.keyNames) + 1 + TextWidth.of(binding.shownLabel) + 2 }
        var keptLeft = shown.filter { kept.contains($0.id) }
        var reserved = keptLeft.reduce(0) { $0 + width($1) }
        var x = rect.x + 1
        var full = false
        for binding in shown {
            let isKept = keptLeft.contains { $0.id == binding.id && $0.keys == binding.keys }
            let needed = width(binding)
            if isKept {
                keptLeft.removeAll { $0.id == binding.id && $0.keys == binding.keys }
                reserved -= needed
            } else if full || x + needed + reserved > rect.maxX {
                // In binding order: once one does not fit, the rest wait for the help.
                full = true
                continue
            }
            if x + needed > rect.maxX { break }
            x += grid.write(binding.keyNames, x: x, y: rect.y, style: theme[.footerKey])
            x += grid.write(" \(binding.shownLabel)  ", x: x, y: rect.y, style: theme[.footer])
        }
    }

    /// The minimum size every screen is laid out for.
    public static let minimumSize = Size(width: 80, height: 24)

    /// Replaces the whole frame with a plain request for a bigger terminal.
    public static func drawTooSmall(grid: inout Grid, theme: Theme, minimum: Size = minimumSize, hint: String = Wording.text("q quits")) {
        grid.fill(grid.bounds, style: theme[.normal])
        let lines = [Wording.text("Terminal too small"), Wording.text("need {0}", ["\(minimum)"]), Wording.text("have {0}", ["\(grid.size)"]), hint]
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < grid.height {
            let w = min(TextWidth.of(line), grid.width)
            grid.write(line, x: max(0, (grid.width - w) / 2), y: top + i, style: i == 0 ? theme[.alert] : theme[.normal])
        }
    }

    /// Draws a box with a title in its top border and clears its inside.
    /// `suffix` ("— dry run") always shows whole: a title too long for the
    /// box is cut before it.
    public static func drawBox(_ rect: Rect, title: String, suffix: String = "", grid: inout Grid, style: Style, titleStyle: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        grid.fill(rect, style: style)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        grid.write("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        grid.write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.write("│", x: rect.x, y: y, style: style)
            grid.write("│", x: rect.maxX - 1, y: y, style: style)
        }
        if !title.isEmpty || !suffix.isEmpty {
            let shown = suffix.isEmpty ? title : TextWidth.truncate(title, to: max(1, rect.width - 6 - TextWidth.of(suffix))) + suffix
            grid.write(" \(shown) ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: titleStyle)
        }
    }
}
