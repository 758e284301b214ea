/// Display widths of text in terminal cells, as terminals following Unicode's
/// East Asian Width (and glibc's `wcwidth`) draw them: CJK and most emoji take
/// two cells, combining marks none.
public enum TextWidth {
    /// The width of one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // Latin text, most of any frame: one cell without a property
        // lookup. Below U+0300 only the soft hyphen is invisible (Cf).
        if first.value < 0x300, scalars.count == 1 { return first.value == 0xAD ? 0 : 1 }
        // Box drawing and block elements, which frames and bars are drawn
        // with, are one cell: answered before the slower lookups below.
        if (0x2500...0x259F).contains(first.value), scalars.count == 1 { return 1 }
        if scalars.contains("\u{FE0F}"), first.properties.isEmoji { return 2 }
        if isWide(first.value) { return 2 }
        if isZeroWidth(first) { return 0 }
        return 1
    }

    /// The width of a whole string.
    public static func of(_ text: String) -> Int {
        // Printable ASCII is one cell a byte; most cells of a table are
        // that, and it spares a Unicode property lookup per character.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for ch in text { total += of(ch) }
        return total
    }

    /// Cuts `text` to at most `width` cells, ending in "…" when anything was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        // "Anna …" reads as a word left out: the cut ends at the last letter ("Anna…").
        while out.last?.isWhitespace == true { out.removeLast() }
        return out + "…"
    }

    /// Breaks text into lines of at most `width` cells, at spaces where it can.
    /// A line that starts indented (a table in a mail, a numbered step)
    /// keeps its indent, on every line it wraps into (a tab is four spaces).
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 4 else { return [text] }
        let lead = text.prefix { $0 == " " || $0 == "\t" }
        if !lead.isEmpty {
            let indent = lead.reduce(into: "") { $0 += $1 == "\t" ? "    " : " " }
            // An indent that leaves too little room is kept on the first line only.
            guard indent.count <= width / 2 else { return wrapWords(indent + text.dropFirst(lead.count), to: width) }
            return wrapWords(String(text.dropFirst(lead.count)), to: width - indent.count).map { indent + $0 }
        }
        return wrapWords(text, to: width)
    }

    private static func wrapWords(_ text: String, to width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if of(candidate) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }

    /// `wrap(_:to:)` kept to at most `limit` lines, the last one cut with
    /// "…" when there was more: a message read to its end wherever it fits,
    /// and never pushing what follows off the screen.
    public static func wrap(_ text: String, to width: Int, lines limit: Int) -> [String] {
        let lines = wrap(text, to: width)
        guard lines.count > limit, limit > 0 else { return lines }
        var kept = Array(lines.prefix(limit))
        kept[limit - 1] = truncate(lines[(limit - 1)...].joined(separator: " "), to: width)
        return kept
    }

    /// Pads or cuts `text` to exactly `width` cells.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let pad = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? pad + cut : cut + pad
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B || (0x1160...0x11FF).contains(scalar.value)
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    /// East Asian Wide and Fullwidth ranges, and the emoji presented wide.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4,
        0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
        0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A,
        0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
