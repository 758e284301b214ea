import KontorText

/// Pasted text made fit for the field it goes into.
///
/// What is pasted comes from anywhere (a web page, a terminal, a mail), and
/// may hold escape sequences and control characters. They are taken out
/// here, before the text is stored: an escape sequence is dropped whole
/// (not just its ESC, which would leave "[31m" behind), other controls and
/// direction overrides (the rules are `VisibleText`'s) are dropped, and
/// line ends become `\n`. What remains is drawn through the sanitiser like
/// any other text, so nothing of a paste ever reaches the terminal raw.
public enum PastedText {
    /// The paste without escape sequences and controls; line breaks (as
    /// `\n`) and tabs kept.
    public static func cleaned(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            if v == 0x1B {
                i = skipEscape(scalars, from: i)
                continue
            }
            if v == 0x0D {
                out.append("\n")
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            } else if s == "\n" || s == "\t" {
                out.append(s)
            } else if VisibleText.isControl(v) || VisibleText.isBidiControl(v) {
                // dropped
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    /// For a field of one line: line breaks and tabs become single spaces,
    /// and the line break a copied line ends with is dropped
    /// ("Müller\nGmbH\n" → "Müller GmbH").
    public static func singleLine(_ text: String) -> String {
        // By code point, as for tabs: a line break cannot be missed.
        let lines = cleaned(text).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true)
        var out = String.UnicodeScalarView()
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(" ") }
            out.append(contentsOf: line)
        }
        return String(out).replacingTabs(with: " ")
    }

    /// For a text of several lines: line breaks kept, a tab as four spaces
    /// (a tab has no column to stop at in a field).
    public static func multiline(_ text: String) -> String {
        cleaned(text).replacingTabs(with: "    ")
    }

    /// Where the escape sequence starting at `start` ends: a CSI
    /// (`ESC [` parameters, final byte), an OSC or other string (`ESC ]`
    /// up to BEL or `ESC \`), or ESC and one character.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        switch s[i] {
        case "[":
            i += 1
            while i < s.count, (0x20...0x3F).contains(s[i].value) { i += 1 }
            return i < s.count && (0x40...0x7E).contains(s[i].value) ? i + 1 : i
        case "]", "P", "X", "^", "_":
            i += 1
            while i < s.count {
                if s[i].value == 0x07 { return i + 1 }
                if s[i].value == 0x1B { return i + 1 < s.count && s[i + 1] == "\\" ? i + 2 : i + 1 }
                i += 1
            }
            return i
        default:
            return i + 1
        }
    }
}

extension String {
    /// By code point, not by character: a tab followed by a combining mark
    /// or an emoji modifier may be read as one character with it.
    fileprivate func replacingTabs(with spaces: String) -> String {
        guard unicodeScalars.contains("\t") else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\t" { out.append(contentsOf: spaces.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
