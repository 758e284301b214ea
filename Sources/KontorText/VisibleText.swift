/// Text from the database made safe to show: on the screen, on the command
/// line, and in the files Kontor writes (a printed invoice may well be
/// `cat`-ed on a terminal).
///
/// A customer name is data, and data can hold anything: an escape sequence
/// that retitles the window or rewrites the screen, a bidi override that
/// makes "exe.txt" read as "txt.exe", a zero-width space that hides a
/// difference. Controls are shown as visible symbols (␛, ␇, …), direction
/// controls and C1 controls as �, and zero-width formatting is dropped.
///
/// The one sanitiser of the product: the toolkit's `Sanitizer`, the
/// command line and the model's documents all call it, so the screen and
/// the paper cannot disagree. It lives in a module of its own because
/// neither of them may import the other.
public enum VisibleText {
    /// Shown for C1 controls and direction controls.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"

    /// `text` with every character that would act rather than show replaced
    /// or dropped. A line break is a control too: see `cleanLines`.
    public static func clean(_ text: String) -> String {
        // Fast path: the great majority of strings are plain.
        if text.unicodeScalars.allSatisfy({ !needsReplacement($0) }) { return text }
        return rebuilt(text, showingInvisible: false)
    }

    /// The same for a text of several lines: each line cleaned, the line
    /// breaks (`\n`) kept.
    public static func cleanLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }

    /// How a field being edited shows its text: as `clean`, except that
    /// invisible formatting is shown as � instead of dropped, so that every
    /// character typed or pasted takes a cell, the cursor can be seen
    /// stepping over it, and the person can delete it.
    public static func editable(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ !needsReplacement($0) }) { return text }
        return rebuilt(text, showingInvisible: true)
    }

    /// The first character that may not be stored in a field people type
    /// into: a control (line breaks and tabs allowed where `multiline`) or
    /// invisible formatting (the joiner inside an emoji sequence excepted),
    /// with where it stands (counted in characters, from 1). Nil when the
    /// text is plain.
    public static func firstForbidden(in text: String, multiline: Bool = false) -> (scalar: Unicode.Scalar, position: Int)? {
        if text.unicodeScalars.allSatisfy({ !needsReplacement($0) }) { return nil }
        for (offset, character) in text.enumerated() {
            let scalars = Array(character.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                if multiline, scalar == "\n" || scalar == "\t" || scalar == "\r" { continue }
                guard needsReplacement(scalar) else { continue }
                if scalar == zeroWidthJoiner, joinsEmoji(scalars, at: index) { continue }
                return (scalar, offset + 1)
            }
        }
        return nil
    }

    /// "contains a control character (U+001B) at character 5": the words a
    /// refusal uses, the same from a form, the command line and an import.
    public static func forbiddenReason(in text: String, multiline: Bool = false) -> String? {
        guard let (scalar, position) = firstForbidden(in: text, multiline: multiline) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let kind = isFormat(scalar) ? "an invisible formatting character" : "a control character"
        return "contains \(kind) (\(code)) at character \(position)"
    }

    /// Whether `scalar` is one that `clean` replaces or drops (the joiner is
    /// decided by its neighbours: see `rebuilt`).
    @inline(__always)
    public static func needsReplacement(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if isControl(v) || v == 0xAD { return true }
        // Latin, Greek, Cyrillic, Hebrew (and the box drawing and blocks that
        // frames and bars use) hold no formatting characters: no lookup.
        if v < 0x600 || (0x2500...0x259F).contains(v) { return false }
        return isFormat(s) || v == 0x2028 || v == 0x2029
    }

    /// Invisible formatting: Unicode's category Cf (zero-width spaces and
    /// joiners, direction marks, the byte order mark, tags).
    public static func isFormat(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .format
    }

    public static func replacement(for s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v)! } // ␀ … ␟, ␛ for ESC
        if v == 0x7F { return "\u{2421}" } // ␡
        return placeholder
    }

    /// A C0 or C1 control, DEL included: what acts on a terminal rather than shows.
    @inline(__always)
    public static func isControl(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v)
    }

    public static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    static let zeroWidthJoiner: Unicode.Scalar = "\u{200D}"

    /// The slow path: every scalar looked at. Controls become symbols,
    /// direction controls (and line/paragraph separators) �, other
    /// formatting is dropped — or shown as � for an editor — and the
    /// joiner is kept only between two parts of an emoji sequence.
    private static func rebuilt(_ text: String, showingInvisible: Bool) -> String {
        var out = String.UnicodeScalarView()
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                guard needsReplacement(scalar) else {
                    out.append(scalar)
                    continue
                }
                let v = scalar.value
                if scalar == zeroWidthJoiner, joinsEmoji(scalars, at: index) {
                    out.append(scalar)
                } else if isControl(v) || isBidiControl(v) || v == 0x2028 || v == 0x2029 {
                    out.append(replacement(for: scalar))
                } else if showingInvisible {
                    out.append(placeholder)
                }
            }
        }
        return String(out)
    }

    /// A joiner between two emoji of one grapheme (👩‍💻): what holds the
    /// sequence together, shown as one picture.
    private static func joinsEmoji(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index > 0, index + 1 < scalars.count else { return false }
        let before = scalars[index - 1], after = scalars[index + 1]
        let emojiBefore = before.properties.isEmoji && before.value > 0xFF || before == "\u{FE0F}"
            || (0x1F3FB...0x1F3FF).contains(before.value)
        return emojiBefore && after.properties.isEmoji && after.value > 0xFF
    }
}
