/// One cell of the screen: a grapheme and how it looks. A wide grapheme
/// occupies its cell and the next, which holds an empty continuation.
public struct Cell: Equatable, Sendable {
    public var text: String
    /// 1 or 2 for a cell that starts a grapheme, 0 for the continuation of a wide one.
    public var width: UInt8
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .plain)
    static let continuation = Cell(text: "", width: 0, style: .plain)

    public init(text: String, width: UInt8, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }
}

/// The frame being drawn: a grid of cells that screens paint into, each frame
/// anew, and that a backend then shows. Drawing is clipped to the grid, so a
/// widget can never write outside the terminal.
public struct Grid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, style: Style = .plain) {
        self.size = size
        var blank = Cell.blank
        blank.style = style
        cells = Array(repeating: blank, count: max(0, size.width * size.height))
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Fills a rectangle with blanks of the given style.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        var blank = Cell.blank
        blank.style = style
        let width = size.width
        for y in r.y..<r.maxY {
            // Only the row's two ends can cut a wide grapheme in half:
            // `set` mends those; the cells between are simply replaced.
            set(r.x, y, blank)
            if r.width > 1 { set(r.maxX - 1, y, blank) }
            guard r.width > 2 else { continue }
            cells.withUnsafeMutableBufferPointer { row in
                for i in (y * width + r.x + 1)..<(y * width + r.maxX - 1) { row[i] = blank }
            }
        }
    }

    /// Writes text from (x, y) rightwards, sanitised, in at most `maxWidth`
    /// cells (to the grid's edge when nil), ending in "…" when cut. Returns the
    /// number of cells used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(maxWidth ?? (size.width - x), size.width - x)
        guard limit > 0 else { return 0 }
        if let written = writePrintableASCII(text, x: x, y: y, limit: limit, style: style) { return written }
        let clean = Sanitizer.clean(text)
        let shown = TextWidth.of(clean) <= limit ? clean : TextWidth.truncate(clean, to: limit)
        var column = x
        for ch in shown {
            let w = TextWidth.of(ch)
            if w == 0 {
                // A stray combining mark or format character: attach it to the
                // previous cell rather than give it a column of its own.
                if column > x, column - 1 >= 0, column - 1 < size.width {
                    var lead = column - 1
                    while lead > 0 && cells[y * size.width + lead].width == 0 { lead -= 1 }
                    cells[y * size.width + lead].text.unicodeScalars.append(contentsOf: ch.unicodeScalars)
                }
                continue
            }
            if column + w > x + limit { break }
            if column >= 0 {
                set(column, y, Cell(text: String(ch), width: UInt8(w), style: style))
                if w == 2, column + 1 < size.width {
                    var cont = Cell.continuation
                    cont.style = style
                    set(column + 1, y, cont)
                }
            }
            column += w
        }
        return column - x
    }

    /// `write` for printable ASCII, which most cells of a frame are: a
    /// cell a byte, cut with "…" as `TextWidth.truncate` cuts, without
    /// breaking the text into graphemes or looking up their widths. Nil
    /// when the text is anything else.
    private mutating func writePrintableASCII(_ text: String, x: Int, y: Int, limit: Int, style: Style) -> Int? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let cut = bytes.count > limit
        var kept = cut ? limit - 1 : bytes.count
        // Cut, it ends at its last letter before the "…", as `truncate` does.
        if cut { while kept > 0, bytes[bytes.index(bytes.startIndex, offsetBy: kept - 1)] == 0x20 { kept -= 1 } }
        var column = x
        for byte in bytes.prefix(kept) {
            if column >= 0 { set(column, y, Cell(text: Self.asciiCells[Int(byte) - 0x20], width: 1, style: style)) }
            column += 1
        }
        if cut {
            if column >= 0 { set(column, y, Cell(text: "…", width: 1, style: style)) }
            column += 1
        }
        return column - x
    }

    /// One string per printable ASCII character, made once.
    private static let asciiCells: [String] = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

    /// Writes text padded or cut to exactly `width` cells.
    public mutating func write(_ text: String, x: Int, y: Int, width: Int, style: Style, alignRight: Bool = false) {
        guard width > 0 else { return }
        fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        // Printable ASCII is its own clean form, a cell a byte.
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let clean = plain ? text : Sanitizer.clean(text)
        let w = min(plain ? text.utf8.count : TextWidth.of(clean), width)
        write(clean, x: alignRight ? x + width - w : x, y: y, maxWidth: width, style: style)
    }

    /// Sets one cell, repairing any wide grapheme it cuts in half.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < size.width, y >= 0, y < size.height else { return }
        let i = y * size.width + x
        let old = cells[i]
        if old.width == 0, cell.width != 0, x > 0, cells[i - 1].width == 2 {
            cells[i - 1].text = " "
            cells[i - 1].width = 1
        }
        if old.width == 2, cell.width != 2, x + 1 < size.width, cells[i + 1].width == 0 {
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    private func clip(_ r: Rect) -> Rect {
        let x0 = max(0, r.x), y0 = max(0, r.y)
        let x1 = min(size.width, r.maxX), y1 = min(size.height, r.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// One row as plain text, trailing blanks removed.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width { s += cells[y * size.width + x].text }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The whole grid as text, one line per row: what a person would read.
    public var text: String {
        (0..<size.height).map(line).joined(separator: "\n")
    }
}
