import KontorText

/// Several lines of editable text: a message, a note, a description.
///
/// Editing keys are those of `TextInput` (readline's), applied to the line
/// the cursor is on; Enter inserts a line break. Long lines wrap softly at
/// the width last drawn, at a space where there is one, and wide characters
/// (CJK, emoji) count two cells, so the cursor always sits where the
/// terminal shows it. Up and down move by line as shown, keeping the column.
///
/// Ctrl-S and Esc are not handled here: what saving or cancelling means is
/// the business of whoever shows the area.
public struct TextArea: Equatable, Sendable {
    /// The text, line breaks included, one grapheme cluster per element.
    public private(set) var characters: [Character]
    /// The cursor, as an index into `characters` (0...count).
    public private(set) var cursor: Int
    /// Characters accepted at most (line breaks count); typing beyond is refused.
    public var maxLength: Int?
    /// Characters the last key or paste brought that did not fit
    /// (`maxLength`): 0 when all of it was taken. The area's owner says so.
    public private(set) var refused = 0
    /// The width text wraps at, in cells: the drawn width less one cell kept
    /// for the cursor at the end of a full line. Set by `draw`.
    public var wrapWidth: Int
    /// Lines shown at once; set by `draw`, used for paging.
    public private(set) var visibleHeight = 10
    /// The first line shown (a wrapped line, counted from the top).
    public private(set) var scroll = 0
    /// The column up and down aim for, kept while they repeat, so that
    /// passing a short line does not pull the cursor to the left for good.
    private var goalColumn: Int?

    /// One line as shown: `characters[start..<end]`, without its line break.
    public struct VisualLine: Equatable, Sendable {
        public var start: Int
        public var end: Int
        /// Whether the text goes on in the next line (a soft wrap) rather
        /// than ending in a line break or the end of the text.
        public var continues: Bool
    }

    public init(_ text: String = "", maxLength: Int? = nil, width: Int = 79) {
        characters = Self.unified(text)
        cursor = characters.count
        self.maxLength = maxLength
        wrapWidth = max(1, width)
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Self.unified(newValue)
            cursor = characters.count
            goalColumn = nil
        }
    }

    public var isEmpty: Bool { characters.isEmpty }

    /// Whether anything but blanks was typed.
    public var hasContent: Bool { characters.contains { !$0.isWhitespace } }

    // MARK: Editing

    /// Applies an editing key; returns false for keys that are not editing
    /// keys, so the caller can treat them (Ctrl-S, Esc, Tab).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        // Letters typed on past the limit add up, as in `TextInput`.
        let refusedBefore = refused
        refused = 0
        var keepGoal = false
        switch key {
        case let .char(c):
            insert(c, refusedBefore: refusedBefore)
        case .enter:
            insert("\n", refusedBefore: refusedBefore)
        case let .paste(text):
            // Its lines kept, whatever ended them (see `PastedText`).
            insert(contentsOf: PastedText.multiline(text))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .up, .ctrl("p"):
            moveVertically(by: -1)
            keepGoal = true
        case .down, .ctrl("n"):
            moveVertically(by: 1)
            keepGoal = true
        case .pageUp:
            moveVertically(by: -max(1, visibleHeight - 1))
            keepGoal = true
        case .pageDown:
            moveVertically(by: max(1, visibleHeight - 1))
            keepGoal = true
        case .home, .ctrl("a"): cursor = lineStart(of: cursor)
        case .end, .ctrl("e"): cursor = lineEnd(of: cursor)
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            let start = lineStart(of: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("k"):
            // As in Emacs: to the end of the line, or the line break itself
            // when already there, so repeated presses join lines.
            let end = lineEnd(of: cursor)
            if end > cursor {
                characters.removeSubrange(cursor..<end)
            } else if cursor < characters.count {
                characters.remove(at: cursor)
            }
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        case .alt("d"):
            let end = wordEnd(after: cursor)
            characters.removeSubrange(cursor..<end)
        default:
            return false
        }
        if !keepGoal { goalColumn = nil }
        return true
    }

    private mutating func insert(_ c: Character, refusedBefore: Int = 0) {
        if let maxLength, characters.count >= maxLength {
            refused = refusedBefore + 1
            return
        }
        // A line break typed as CR (some terminals paste so) is a line break.
        let ch: Character = c == "\r" || c == "\r\n" ? "\n" : c
        cursor = characters.insertJoining(ch, at: cursor)
    }

    /// Inserts `text` at the cursor, line breaks and all, as much of it as
    /// `maxLength` leaves room for. In one step: a long paste costs its
    /// length, not its length times the text's.
    public mutating func insert(contentsOf text: String) {
        var added = Self.unified(text)
        if let maxLength, added.count > maxLength - characters.count {
            let room = max(0, maxLength - characters.count)
            refused = added.count - room
            added = Array(added.prefix(room))
        }
        guard !added.isEmpty else { return }
        let before = Array(String(characters[..<cursor]) + String(added))
        characters = before + characters[cursor...]
        cursor = before.count
        goalColumn = nil
    }

    /// The start of the (logical) line holding `index`.
    private func lineStart(of index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// The end of the (logical) line holding `index`, before its line break.
    private func lineEnd(of index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i] != "\n" { i += 1 }
        return i
    }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1].isWhitespace { i -= 1 }
        while i > 0, !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }

    private func wordEnd(after index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        while i < characters.count, !characters[i].isWhitespace { i += 1 }
        return i
    }

    private mutating func moveVertically(by delta: Int) {
        let lines = visualLines(width: wrapWidth)
        let (row, column) = position(of: cursor, in: lines)
        let goal = goalColumn ?? column
        let target = min(max(0, row + delta), lines.count - 1)
        if target == row {
            // At the top or bottom already: go to the very start or end, as
            // text fields in most editors do.
            cursor = delta < 0 ? 0 : characters.count
            goalColumn = nil
            return
        }
        cursor = index(atColumn: goal, of: lines[target])
        goalColumn = goal
    }

    /// The index in `line` closest to `column` without passing it.
    private func index(atColumn column: Int, of line: VisualLine) -> Int {
        // On a wrapped line the last position is before its last character:
        // the position after it is the start of the next line.
        let last = line.continues ? max(line.start, line.end - 1) : line.end
        var x = 0
        var i = line.start
        while i < last {
            let w = cells(characters[i])
            if x + w > column { break }
            x += w
            i += 1
        }
        return i
    }

    // MARK: Layout

    /// The text as lines of at most `width` cells, broken after a space
    /// where a line has one, else at the last character that fits. A space
    /// that overflows stays at the end of its line (where the cell kept for
    /// the cursor takes it) rather than start the next one.
    public func visualLines(width: Int) -> [VisualLine] {
        let width = max(1, width)
        var lines: [VisualLine] = []
        var start = 0
        var x = 0
        var lastBreak: Int? // index after the last space in the current line
        var i = 0
        while i < characters.count {
            let ch = characters[i]
            if ch == "\n" {
                lines.append(VisualLine(start: start, end: i, continues: false))
                start = i + 1
                x = 0
                lastBreak = nil
                i += 1
                continue
            }
            let w = cells(ch)
            if x + w > width, i > start {
                if ch == " " {
                    // Hang the space at the end of this line.
                    lines.append(VisualLine(start: start, end: i + 1, continues: true))
                    start = i + 1
                    x = 0
                    lastBreak = nil
                    i += 1
                    continue
                }
                let cut = lastBreak ?? i
                lines.append(VisualLine(start: start, end: cut, continues: true))
                start = cut
                x = characters[start..<i].reduce(0) { $0 + cells($1) }
                lastBreak = nil
                continue // measure `ch` again on the new line
            }
            x += w
            if ch == " " { lastBreak = i + 1 }
            i += 1
        }
        lines.append(VisualLine(start: start, end: characters.count, continues: false))
        return lines
    }

    /// The row (wrapped line) and column (cells) of `index`.
    public func position(of index: Int, in lines: [VisualLine]) -> (row: Int, column: Int) {
        for (row, line) in lines.enumerated() {
            let inside = line.continues ? index < line.end : index <= line.end
            if index >= line.start, inside {
                let column = characters[line.start..<index].reduce(0) { $0 + cells($1) }
                return (row, column)
            }
        }
        let last = lines.count - 1
        return (last, characters[lines[last].start..<lines[last].end].reduce(0) { $0 + cells($1) })
    }

    /// Where the cursor is, as row and column, at the current wrap width.
    public var cursorPosition: (row: Int, column: Int) {
        position(of: cursor, in: visualLines(width: wrapWidth))
    }

    /// How a character looks on screen: control characters as symbols
    /// (a tab as ␉), invisible formatting as �, so that it can be seen and
    /// deleted.
    private func glyph(_ ch: Character) -> String {
        if let ascii = ch.asciiValue, ascii >= 0x20, ascii != 0x7F { return String(ch) }
        return VisibleText.editable(String(ch))
    }

    /// The cells a character takes on screen.
    private func cells(_ ch: Character) -> Int {
        if let ascii = ch.asciiValue, ascii >= 0x20, ascii != 0x7F { return 1 }
        return TextWidth.of(glyph(ch))
    }

    /// Line ends as `\n` only: "\r\n" is a single Character in Swift and
    /// would otherwise be a line break the layout does not see.
    private static func unified(_ text: String) -> [Character] {
        text.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 }
    }

    // MARK: Drawing

    /// Draws the text in `rect`, wrapped to its width less one cell,
    /// scrolled so the cursor is visible, with ▲/▼ in the last column when
    /// there is more above or below. Returns where the text cursor goes.
    @discardableResult
    public mutating func draw(in rect: Rect, grid: inout Grid, style: Style) -> Point? {
        grid.fill(rect, style: style)
        guard rect.width >= 2, rect.height >= 1 else { return nil }
        wrapWidth = rect.width - 1
        visibleHeight = rect.height
        let lines = visualLines(width: wrapWidth)
        let (row, column) = position(of: cursor, in: lines)
        if row < scroll { scroll = row }
        if row >= scroll + rect.height { scroll = row - rect.height + 1 }
        scroll = max(0, min(scroll, max(0, lines.count - rect.height)))
        if row < scroll { scroll = row }
        for (offset, line) in lines.dropFirst(scroll).prefix(rect.height).enumerated() {
            var x = rect.x
            for ch in characters[line.start..<line.end] {
                let w = cells(ch)
                if x + w > rect.maxX { break }
                if w > 0 { x += grid.write(glyph(ch), x: x, y: rect.y + offset, maxWidth: w, style: style) }
            }
        }
        if scroll > 0 { grid.write("▲", x: rect.maxX - 1, y: rect.y, style: style.adding(.dim)) }
        if scroll + rect.height < lines.count { grid.write("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: style.adding(.dim)) }
        return Point(x: rect.x + min(column, rect.width - 1), y: rect.y + row - scroll)
    }
}
