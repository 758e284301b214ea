import Foundation

/// Folding of names for sorting and searching, so that "Müller", "MULLER" and
/// "muller" sit together and find each other.
public enum TextFolding {
    /// A key that sorts names the way a German phone book would, near enough:
    /// case and diacritics ignored, ß as ss.
    public static func sortKey(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "ß", with: "ss")
    }

    /// The German transliteration of names that hold ä, ö, ü or ß ("Müller" →
    /// "Mueller", "Weiß" → "Weiss"), so that people who type it that way find
    /// them. Empty when there is nothing to transliterate.
    public static func searchAlias(_ parts: String...) -> String {
        let text = parts.joined(separator: " ")
        guard text.contains(where: { "äöüÄÖÜß".contains($0) }) else { return "" }
        var out = ""
        for ch in text {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "Ä": out += "Ae"
            case "Ö": out += "Oe"
            case "Ü": out += "Ue"
            case "ß": out += "ss"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Turns what a person typed into an FTS5 query: every word must match
    /// the start of a word in the record, in any order. Quoting each word
    /// keeps FTS5 syntax (`-`, `:`, `"`, `NEAR`) from being interpreted.
    /// Returns nil when nothing searchable was typed.
    public static func ftsQuery(_ typed: String) -> String? {
        let words = typed.split(whereSeparator: { $0.isWhitespace })
            .map { String($0).replacingOccurrences(of: "\"", with: "\"\"") }
            .filter { word in word.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) } }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
