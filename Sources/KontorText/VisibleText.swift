/// Text from the database made safe to show: on the screen, and in the files
/// Kontor writes (a printed invoice may well be `cat`-ed on a terminal).
///
/// A customer name is data, and data can hold anything: an escape sequence
/// that retitles the window or rewrites the screen, a bidi override that
/// makes "exe.txt" read as "txt.exe", a zero-width space that hides a
/// difference. Controls are shown as visible symbols (␛, ␇, …), direction
/// controls and C1 controls as �, and zero-width formatting is dropped.
///
/// The one sanitiser of the product: the toolkit's `Sanitizer` and the
/// model's documents both call it, so the screen and the paper cannot
/// disagree. It lives in a module of its own because neither of them may
/// import the other.
public enum VisibleText {
    /// Shown for C1 controls and direction controls.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"

    /// `text` with every character that would act rather than show replaced
    /// or dropped. A line break is a control too: see `cleanLines`.
    public static func clean(_ text: String) -> String {
        // Fast path: the great majority of strings are plain.
        if text.unicodeScalars.allSatisfy({ !needsReplacement($0) }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // Zero-width formatting (U+200B and kin) is dropped: shown, it would
            // take no cell and shift everything after it.
            if scalar.value >= 0x200B, isInvisible(scalar), !isBidiControl(scalar.value) { continue }
            out.append(replacement(for: scalar))
        }
        return String(out)
    }

    /// The same for a text of several lines: each line cleaned, the line
    /// breaks (`\n`) kept.
    public static func cleanLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }

    @inline(__always)
    public static func needsReplacement(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        // Box drawing and block elements (frames, bars) are plain: no need
        // to look up their category.
        return v < 0x20 || (0x7F...0x9F).contains(v) || (v >= 0x200B && !(0x2500...0x259F).contains(v) && isInvisible(s))
    }

    /// Direction controls and other invisible formatting, except the joiner
    /// that holds emoji sequences together.
    public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        s.value != 0x200D && s.properties.generalCategory == .format
    }

    public static func replacement(for s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v)! } // ␀ … ␟, ␛ for ESC
        if v == 0x7F { return "\u{2421}" } // ␡
        if (0x80...0x9F).contains(v) || isBidiControl(v) { return placeholder }
        return s
    }

    public static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
