import KontorText
import KontorLocale

/// A single line of editable text with readline's keys: Ctrl-A/E to the
/// ends, Ctrl-U/K to kill before/after the cursor, Ctrl-W the word before,
/// Alt-B/F by words, arrows, Home/End, Backspace and Delete.
public struct TextInput: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// The cursor, as an index into `characters` (0...count).
    public private(set) var cursor: Int
    /// Characters accepted at most; typing beyond is refused.
    public var maxLength: Int?
    /// Characters the last key or paste brought that did not fit
    /// (`maxLength`): 0 when all of it was taken. The field's owner says so.
    public private(set) var refused = 0

    public init(_ text: String = "", maxLength: Int? = nil) {
        characters = Array(text)
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = characters.count
        }
    }

    /// Applies an editing key; returns false for keys that are not editing
    /// keys, so the caller can treat them (Enter, Tab, Esc).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        // Letters typed on past the limit add up, so the message says how
        // many were lost (86, not 1 each time); any other key starts anew.
        let refusedBefore = refused
        refused = 0
        switch key {
        case let .char(c):
            if let maxLength, characters.count >= maxLength {
                refused = refusedBefore + 1
                return true
            }
            cursor = characters.insertJoining(c, at: cursor)
        case let .paste(text):
            // One line: line breaks and tabs become spaces (see `PastedText`).
            insert(contentsOf: PastedText.singleLine(text))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
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
        return true
    }

    /// Inserts `text` at the cursor, as much of it as `maxLength` leaves
    /// room for. In one step: a long paste costs its length, not its
    /// length times the field's.
    public mutating func insert(contentsOf text: String) {
        var added = Array(text)
        if let maxLength, added.count > maxLength - characters.count {
            let room = max(0, maxLength - characters.count)
            refused = added.count - room
            added = Array(added.prefix(room))
        }
        guard !added.isEmpty else { return }
        // Read again as a whole, so that a combining mark pasted after a
        // letter joins it, as it does when typed.
        let before = Array(String(characters[..<cursor]) + String(added))
        characters = before + characters[cursor...]
        cursor = before.count
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

    /// Draws the field in `width` cells, scrolled so the cursor is visible.
    /// Returns the cursor's screen column. A field without the focus shows
    /// its start, where a long value (an IBAN, a SKU) says what it is.
    @discardableResult
    public func draw(x: Int, y: Int, width: Int, grid: inout Grid, style: Style, focused: Bool = true) -> Int {
        grid.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        guard width > 1 else { return x }
        // Every character takes at least a cell (invisible ones show as �),
        // so the cursor is seen stepping over what was typed or pasted.
        let shown = characters.map { VisibleText.editable(String($0)) }
        // Scroll so that the cursor sits inside the field, with a cell to spare.
        var start = 0
        var before = shown[0..<cursor].reduce(0) { $0 + TextWidth.of($1) }
        while focused, before > width - 1, start < cursor {
            before -= TextWidth.of(shown[start])
            start += 1
        }
        var column = x
        // Unfocused, text longer than the field ends in "…", as lists cut it.
        let cut = !focused && shown.reduce(0, { $0 + TextWidth.of($1) }) > width
        let end = cut ? x + width - 1 : x + width
        for ch in shown[start...] {
            let w = TextWidth.of(ch)
            if column + w > end { break }
            column += grid.write(String(ch), x: column, y: y, maxWidth: w, style: style)
        }
        if cut { grid.write("…", x: column, y: y, maxWidth: 1, style: style) }
        return x + before
    }
}

/// What a field or text area says when a key or a paste brought more
/// than it holds: how much was left out, and the limit.
public enum TextLimit {
    public static func message(refused: Int, limit: Int) -> String {
        Wording.count(refused, one: "{0} character did not fit: {1} at most here", other: "{0} characters did not fit: {1} at most here",
                      [String(limit)])
    }

    /// The same after a form field's label, which it is read with ("Bis
    /// fasst höchstens 20 Zeichen: 57 …", not "Bis 57 Zeichen …").
    public static func fieldMessage(refused: Int, limit: Int) -> String {
        Wording.count(refused, one: "holds at most {1} characters: {0} did not fit", other: "holds at most {1} characters: {0} more did not fit",
                      [String(limit)])
    }
}
