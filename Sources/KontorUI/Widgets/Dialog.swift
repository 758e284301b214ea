import KontorLocale

/// A modal question with a few answers, each on its own key.
public struct Dialog: Sendable {
    public struct Choice: Sendable {
        public var key: Key
        public var label: String
        public var id: String
        public init(_ key: Key, _ label: String, id: String) {
            self.key = key
            self.label = label
            self.id = id
        }
    }

    public var title: String
    public var message: [String]
    public var choices: [Choice]
    /// Returned for Esc.
    public var cancelID: String

    public init(title: String, message: [String], choices: [Choice], cancelID: String) {
        self.title = title
        self.message = message
        self.choices = choices
        self.cancelID = cancelID
    }

    /// The answers as key bindings ("dialog.<id>"), for the footer and the help.
    public var choiceBindings: [KeyBinding] {
        choices.map { KeyBinding("dialog.\($0.id)", keys(of: $0), $0.label, help: $0.label, group: title) }
    }

    /// The keys that pick `choice`, the one to show first: in German the
    /// yes-answer is `j` ("ja"), and `y` still answers, as muscle memory
    /// from English dialogs expects.
    public func keys(of choice: Choice) -> [Key] {
        Self.keys(for: choice.key, among: choices.map(\.key))
    }

    /// `keys(of:)` for a choice's key among all the choices' keys.
    public static func keys(for key: Key, among keys: [Key]) -> [Key] {
        guard Language.current == .german, key == .char("y"), !keys.contains(.char("j")) else { return [key] }
        return [.char("j"), key]
    }

    /// The answers and Esc, which picks the cancel choice.
    public var bindings: [KeyBinding] {
        choiceBindings + [KeyBinding("dialog.\(cancelID)", [.escape], "cancel", help: "Cancel", group: title)]
    }

    /// The choice a key picks, if any. Esc always picks the cancel choice;
    /// Enter only a choice bound to Enter itself.
    public func choice(for key: Key) -> String? {
        if key == .escape { return cancelID }
        // Enter answers nothing: the first answer is often the one that
        // cannot be taken back (issue, cancel by credit note, discard), and
        // Enter is the key a hand presses to go on without reading.
        if key == .enter { return choices.first { $0.key == .enter }?.id }
        // "ja": in German `j` answers as `y` does, unless a choice has `j` of its own.
        if Language.current == .german, key == .char("j") || key == .char("J"),
           !choices.contains(where: { $0.key == .char("j") }), let yes = choices.first(where: { $0.key == .char("y") }) {
            return yes.id
        }
        if case let .char(c) = key, let match = choices.first(where: {
            if case let .char(k) = $0.key { return k.lowercased() == c.lowercased() }
            return false
        }) { return match.id }
        return choices.first { $0.key == key }?.id
    }

    public func draw(in area: Rect, grid: inout Grid, theme: Theme) {
        let buttons = choices.map { "[\(keys(of: $0)[0])] \($0.label)" }
        let widest = max(TextWidth.of(buttons.joined(separator: "   ")), message.map(TextWidth.of).max() ?? 0, TextWidth.of(title) + 4)
        let boxWidth = min(area.width - 2, widest + 6)
        let inner = max(10, boxWidth - 6)
        // What does not fit the width wraps rather than being cut: a
        // question must be read whole, and every answer must show its key.
        let lines = message.flatMap { $0.isEmpty ? [""] : TextWidth.wrap($0, to: inner) }
        var rows: [[Choice]] = [[]]
        var used = 0
        for (choice, text) in zip(choices, buttons) {
            let width = TextWidth.of(text)
            if !rows[rows.count - 1].isEmpty, used + 3 + width > inner {
                rows.append([])
                used = 0
            }
            used += (rows[rows.count - 1].isEmpty ? 0 : 3) + width
            rows[rows.count - 1].append(choice)
        }
        let box = area.centered(width: boxWidth, height: min(area.height, lines.count + rows.count + 3))
        Chrome.drawBox(box, title: title, grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        for (i, line) in lines.enumerated() where box.y + 1 + i < box.maxY - 1 - rows.count {
            grid.write(line, x: box.x + 3, y: box.y + 1 + i, maxWidth: box.width - 6, style: theme[.dialog])
        }
        for (r, row) in rows.enumerated() {
            let y = box.maxY - 1 - rows.count + r
            guard y > box.y else { continue }
            var x = box.x + 3
            for (i, choice) in row.enumerated() {
                // The gap goes between answers only: written after the last
                // one it overflowed the box and cut its label ("[c] closed …").
                if i > 0 { x += 3 }
                x += grid.write("[\(keys(of: choice)[0])]", x: x, y: y, maxWidth: box.maxX - x - 1, style: theme[.dialog].adding(.bold))
                x += grid.write(" \(choice.label)", x: x, y: y, maxWidth: box.maxX - x - 1, style: theme[.dialog])
            }
        }
    }
}
