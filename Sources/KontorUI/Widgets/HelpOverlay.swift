import KontorLocale

/// Every key of the current screen, grouped, generated from the same
/// bindings that dispatch keys and fill the footer.
public struct HelpOverlay: Sendable {
    public var bindings: [KeyBinding]
    public var title: String
    /// First line shown, for scrolling through long lists.
    public var scroll = 0

    public init(title: String, bindings: [KeyBinding]) {
        self.title = title
        self.bindings = bindings
    }

    /// The lines of the help text: group headings and "keys  description",
    /// long descriptions wrapped under themselves, and keys longer than
    /// their column ("Bild↓/Strg-F/Leertaste") broken after a "/". A key
    /// that does nothing now is dimmed as well as followed by its reason.
    func lines(textWidth: Int, keyWidth: Int) -> [(String, String, Bool, disabled: Bool)] {
        var out: [(String, String, Bool, disabled: Bool)] = []
        var groups: [String] = []
        for b in bindings where !groups.contains(b.group) { groups.append(b.group) }
        for group in groups {
            if !out.isEmpty { out.append(("", "", false, false)) }
            out.append((Wording.text(group), "", true, false))
            for b in bindings where b.group == group {
                let text = b.disabledReason.map { "\(b.shownHelp) — \($0)" } ?? b.shownHelp
                let parts = TextWidth.wrap(text, to: textWidth)
                let keys = Self.keyLines(b.keyNames, width: keyWidth)
                for i in 0..<max(parts.count, keys.count) {
                    out.append((i < keys.count ? keys[i] : "", i < parts.count ? parts[i] : "", false, b.disabledReason != nil))
                }
            }
        }
        return out
    }

    /// A binding's key names in lines of at most `width` columns, broken
    /// after the "/" between two keys; a single key longer than that is a
    /// line of its own (and cut where it is drawn).
    static func keyLines(_ names: String, width: Int) -> [String] {
        guard TextWidth.of(names) > width else { return [names] }
        var lines: [String] = []
        var line = ""
        let keys = names.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for (i, key) in keys.enumerated() {
            let piece = key + (i < keys.count - 1 ? "/" : "")
            if !line.isEmpty, TextWidth.of(line + piece) > width {
                lines.append(line)
                line = ""
            }
            line += piece
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Scrolls by `delta` lines; returns false for keys that close the overlay.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .down, .char("j"): scroll += 1
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .pageDown, .space: scroll += 10
        case .pageUp: scroll = max(0, scroll - 10)
        case .home, .char("g"): scroll = 0
        case .resize: break
        default: return false
        }
        return true
    }

    /// The box, its text area and the lines, at `area`.
    private func geometry(in area: Rect) -> (box: Rect, inner: Rect, keyWidth: Int, content: [(String, String, Bool, disabled: Bool)]) {
        let keyWidth = min(18, bindings.map { TextWidth.of($0.keyNames) }.max() ?? 8)
        let texts = bindings.map { b in b.disabledReason.map { "\(b.shownHelp) — \($0)" } ?? b.shownHelp }
        let width = min(area.width - 4, max(50, keyWidth + 2 + (texts.map { TextWidth.of($0) }.max() ?? 20) + 4))
        let content = lines(textWidth: width - 4 - keyWidth - 2, keyWidth: keyWidth)
        let height = min(area.height - 2, content.count + 4)
        let box = area.centered(width: width, height: height)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 3)
        return (box, inner, keyWidth, content)
    }

    /// Keeps the scroll within the text at `area` (the update step's part).
    public mutating func clamp(to area: Rect) {
        let g = geometry(in: area)
        scroll = min(scroll, max(0, g.content.count - g.inner.height))
    }

    public func draw(in area: Rect, grid: inout Grid, theme: Theme) {
        let (box, inner, keyWidth, content) = geometry(in: area)
        Chrome.drawBox(box, title: title, grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        let scroll = min(self.scroll, max(0, content.count - inner.height))
        for (row, line) in content.dropFirst(scroll).prefix(inner.height).enumerated() {
            let y = inner.y + row
            if line.2 {
                grid.write(line.0, x: inner.x, y: y, maxWidth: inner.width, style: theme[.dialogTitle])
            } else {
                let style = line.disabled ? theme[.dialog].adding(.dim) : theme[.dialog]
                grid.write(line.0, x: inner.x, y: y, width: keyWidth, style: line.disabled ? style : style.adding(.bold))
                grid.write(line.1, x: inner.x + keyWidth + 2, y: y, maxWidth: inner.width - keyWidth - 2, style: style)
            }
        }
        let more = content.count > inner.height ? Wording.text("j/k scroll · ") : ""
        grid.write(more + Wording.text("Esc or ? closes"), x: inner.x, y: box.maxY - 2, maxWidth: inner.width, style: theme[.dialog].adding(.dim))
    }
}
