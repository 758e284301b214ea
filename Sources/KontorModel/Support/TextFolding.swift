/// Folding of names for sorting and searching, so that "Müller", "MULLER" and
/// "muller" sit together and find each other.
///
/// Written without Foundation's `folding(options:)`: seeding a million
/// customers folds several million strings, and a table lookup per letter is
/// an order of magnitude faster. The results are gathered as UTF-8 bytes and
/// made a `String` once: appending scalar by scalar to a `String` costs
/// more than the folding itself (an import folds each of its rows' names
/// and addresses several times).
public enum TextFolding {
    /// Lower case without diacritics ("Ärzte" → "arzte"), ß as ss.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(UInt8(v >= 65 && v <= 90 ? v + 32 : v))
            } else if let base = latinBase[v] {
                out.append(contentsOf: base.utf8)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue // a combining accent on its own
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A key that sorts names the way a German phone book would, near enough:
    /// case and diacritics ignored, ß as ss.
    public static func sortKey(_ text: String) -> String {
        fold(trimmed(text))
    }

    /// The words of a text as search sees them: folded, split at anything
    /// that is not a letter or digit (as FTS5's unicode61 tokenizer splits).
    public static func tokens(_ text: String) -> [Substring] {
        var words: [UInt8] = []
        words.reserveCapacity(text.utf8.count + 1)
        appendWords(of: text, to: &words)
        return String(decoding: words, as: UTF8.self).split(separator: " ")
    }

    /// Appends the folded words of `text` as UTF-8, each followed by one
    /// space, in a single pass over its scalars.
    @discardableResult
    static func appendWords(of text: String, to out: inout [UInt8]) -> Bool {
        var any = false
        var inWord = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            var folded: UInt8?
            var expansion: String?
            if v < 0x80 {
                if v >= 97 && v <= 122 || v >= 48 && v <= 57 { folded = UInt8(v) }
                else if v >= 65 && v <= 90 { folded = UInt8(v + 32) }
            } else if let base = latinBase[v] {
                expansion = base
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                expansion = scalar.properties.lowercaseMapping
            }
            if let folded {
                out.append(folded)
                inWord = true
                any = true
            } else if let expansion {
                out.append(contentsOf: expansion.utf8)
                inWord = true
                any = true
            } else if inWord {
                out.append(UInt8(ascii: " "))
                inWord = false
            }
        }
        if inWord { out.append(UInt8(ascii: " ")) }
        return any
    }

    /// The German transliteration of names that hold ä, ö, ü or ß ("Müller" →
    /// "Mueller", "Weiß" → "Weiss"), so that people who type it that way find
    /// them. Empty when there is nothing to transliterate.
    public static func searchAlias(_ parts: String...) -> String {
        // Each of the letters is two bytes in UTF-8, led by 0xC3: a text
        // without that byte holds none of them and is not read by scalar.
        guard parts.contains(where: { $0.utf8.contains(0xC3) && $0.unicodeScalars.contains { umlautSpelling($0.value) != nil } })
        else { return "" }
        var out: [UInt8] = []
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: " ")) }
            for scalar in part.unicodeScalars {
                if let replacement = umlautSpelling(scalar.value) {
                    replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                } else {
                    out.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ä, ö, ü, Ä, Ö, Ü and ß as German writes them without the letter.
    /// A switch, not a dictionary: asked for every letter of every name
    /// and address an import writes, a hash per letter cost more than the
    /// rest of the alias.
    @inline(__always)
    static func umlautSpelling(_ value: UInt32) -> StaticString? {
        switch value {
        case 0xE4: return "ae"
        case 0xF6: return "oe"
        case 0xFC: return "ue"
        case 0xC4: return "Ae"
        case 0xD6: return "Oe"
        case 0xDC: return "Ue"
        case 0xDF: return "ss"
        default: return nil
        }
    }

    /// Every later start of each run of Chinese, Japanese or Korean
    /// letters, as words of their own ("東京精機株式会社" → "京精機株式会社
    /// 精機株式会社 …"): those scripts write no spaces between words, the
    /// tokenizer takes a run as one word, and FTS5 finds only a word's
    /// start, so "精機" or "商事" found nothing inside a name. Empty when
    /// there are none. A run's first 24 letters are taken, as a name's are.
    public static func cjkSuffixes(_ parts: String...) -> String {
        // Those letters are three bytes or four in UTF-8, led by 0xE3 or more.
        guard parts.contains(where: { $0.utf8.contains { $0 >= 0xE3 } }) else { return "" }
        var words: [String] = []
        for part in parts {
            var run: [Unicode.Scalar] = []
            func take() {
                let letters = run.prefix(24)
                if letters.count > 1 {
                    for start in 1..<letters.count {
                        var word = String.UnicodeScalarView()
                        word.append(contentsOf: letters[(letters.startIndex + start)...])
                        words.append(String(word))
                    }
                }
                run = []
            }
            for scalar in part.unicodeScalars {
                if isCJK(scalar.value) { run.append(scalar) } else { take() }
            }
            take()
        }
        return words.joined(separator: " ")
    }

    /// Han ideographs, kana and Hangul syllables: letters of scripts written
    /// without spaces between words (the migration's GLOB is made of them too).
    static let cjkRanges: [ClosedRange<UInt32>] = [
        0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF,
    ]

    static func isCJK(_ value: UInt32) -> Bool { cjkRanges.contains { $0.contains(value) } }

    /// Letters FTS5's tokenizer keeps as they are (ß, ø, ł, æ, œ, đ, þ) in
    /// their folded form, so that "gross" finds "Größe" and "kobenhavn"
    /// finds "København". Empty when there are none.
    public static func undecomposedFolds(_ parts: String...) -> String {
        // All of them are two bytes in UTF-8, led by 0xC3, 0xC4 or 0xC5: a
        // text without those bytes holds none and is not read by scalar.
        let hits = parts.filter { part in
            part.utf8.contains { $0 >= 0xC3 && $0 <= 0xC5 } && part.unicodeScalars.contains { isUndecomposed($0.value) }
        }
        return hits.map(fold).joined(separator: " ")
    }

    /// ß, ø, Ø, ł, Ł, æ, Æ, œ, Œ, đ, Đ, þ, Þ: letters FTS5 keeps as they are.
    @inline(__always)
    static func isUndecomposed(_ value: UInt32) -> Bool {
        switch value {
        case 0xDF, 0xF8, 0xD8, 0x142, 0x141, 0xE6, 0xC6, 0x153, 0x152, 0x111, 0x110, 0xFE, 0xDE: return true
        default: return false
        }
    }

    /// The searchable words of a record in one string: " word word ; word ; ".
    /// A typed word matches where " word" starts, so `LIKE '% mull%'` finds
    /// the same records as the FTS5 query `"mull"*`.
    public static func searchText(_ fields: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: " ")]
        out.reserveCapacity(fields.reduce(8) { $0 + $1.utf8.count + 3 })
        for field in fields where !field.isEmpty {
            if appendWords(of: field, to: &out) { out.append(contentsOf: "; ".utf8) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Turns what a person typed into an FTS5 query: every word must match
    /// the start of a word in the record, in any order. Quoting each word
    /// keeps FTS5 syntax (`-`, `:`, `"`, `NEAR`) from being interpreted.
    /// Returns nil when nothing searchable was typed.
    ///
    /// A word holding a letter the tokenizer keeps as it is (ß, ø, æ …)
    /// matches in its folded spelling too ("hauptstraße" or
    /// "hauptstrasse"): records carry that spelling in their alias, and
    /// either is what people type.
    ///
    /// With `wholeWords`, every word must be a whole word of the record:
    /// what a search over large text (every ticket message) asks, where a
    /// prefix of a common word would merge the lists of every word it
    /// begins, a million entries long.
    ///
    /// A typed word the tokenizer splits ("info@firma.de", "E-42") is,
    /// for whole words, each of its parts: such an index keeps no positions
    /// (`detail = none`), and FTS5 refuses a phrase there.
    public static func ftsQuery(_ typed: String, wholeWords: Bool = false) -> String? {
        let typedWords = searchWords(typed)
        let words = wholeWords ? typedWords.flatMap(parts) : typedWords
        guard !words.isEmpty else { return nil }
        let star = wholeWords ? "" : "*"
        func quoted(_ word: String) -> String { "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\"\(star)" }
        let all = words.map { word in
            let folded = undecomposedFolds(word)
            return folded.isEmpty || folded == word ? quoted(word) : "(\(quoted(word)) OR \(quoted(folded)))"
        }.joined(separator: " AND ") // FTS5 allows no implicit AND beside a parenthesis
        let forms = wholeWords ? [] : numberForms(typed).filter { !(words.count == 1 && words[0] == $0) }
        guard !forms.isEmpty else { return all }
        // A phone number written internationally ("+49 221 229 1", "0049 …"):
        // its digits joined are what is meant. Its pieces as words of their
        // own ("1"*: every word that starts with 1) found nothing more and
        // took 60–130 ms a letter, read from disk, at a million customers.
        if isInternationalPhone(typed) { return "(" + forms.map(quoted).joined(separator: " OR ") + ")" }
        // One group, so that whoever puts it beside more keeps its meaning.
        return "((\(all)) OR " + forms.map(quoted).joined(separator: " OR ") + ")"
    }

    /// A number typed in pieces, as one word the way it is stored: a VAT
    /// id with spaces ("DE 136 695 976" → "de136695976"), and a phone
    /// number in the other of its German forms, as its digits are kept
    /// (`phoneDigits`): "030 3250 7710" also as "493032507710", "+49 30
    /// 3250 7710" and "0049 30 …" also as "03032507710". Empty for text
    /// that is no such number (a name, fewer than four digits).
    public static func numberForms(_ typed: String) -> [String] {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard text.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || " +-/.()".contains($0) }),
              text.filter(\.isASCIIDigit).count >= 4 else { return [] }
        var forms: [String] = []
        let joined = text.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.lowercased()
        if joined != text.lowercased() { forms.append(joined) }
        if text.allSatisfy({ $0.isASCIIDigit || " +-/()".contains($0) }) {
            var digits = text.filter(\.isASCIIDigit)
            if text.hasPrefix("+") || digits.hasPrefix("00") {
                if digits.hasPrefix("00") { digits.removeFirst(2) }
                // "+49 (0)30 …": the trunk 0 written in brackets is not dialled.
                if digits.hasPrefix("490"), text.contains("(0)") { digits = "49" + digits.dropFirst(3) }
                forms.append(digits)
                if digits.hasPrefix("49") { forms.append("0" + digits.dropFirst(2)) }
            } else if digits.hasPrefix("0") {
                forms.append("49" + digits.dropFirst())
            }
        }
        var seen = Set<String>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// "+49 221 …" or "0049 221 …": a phone number in its international
    /// form, in pieces; no postal code or house number is written so.
    public static func isInternationalPhone(_ typed: String) -> Bool {
        let text = typed.trimmingCharacters(in: .whitespaces)
        return (text.hasPrefix("+") || text.hasPrefix("00")) && text.contains(" ")
            && text.allSatisfy { $0.isASCIIDigit || " +-/()".contains($0) }
    }

    /// A phone number's digits as one word ("030 1234-56" → "030123456"),
    /// so that it is found typed with or without its spaces and dashes;
    /// empty below five digits (a short number is its own word already).
    public static func phoneDigits(_ phone: String) -> String {
        // (An ASCII phone number's characters are its bytes: taken as bytes.)
        let digits = phone.utf8.allSatisfy { $0 < 0x80 }
            ? String(decoding: phone.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
            : phone.filter(\.isASCIIDigit)
        return digits.utf8.count >= 5 ? digits : ""
    }

    /// The number within its area as one word: the groups after the
    /// country and area codes, joined ("+49 541 786 86 12", "0541 786 8612"
    /// → "7868612"), as a caller says it who gives no area code. Empty when
    /// the number is not written in such groups, or they are one group
    /// (a word already) or fewer than five digits.
    public static func localDigits(_ phone: String) -> String {
        let text = phone.trimmingCharacters(in: .whitespaces)
        var groups = text.split { !$0.isASCIIDigit }.map(String.init)
        guard groups.count >= 3 else { return "" }
        if text.hasPrefix("+") || text.hasPrefix("00") {
            // The country's code ("+49", "0049", or "00" then "49"), and a
            // trunk 0 written in brackets ("+49 (0)541").
            if groups.first == "00" { groups.removeFirst() }
            groups.removeFirst()
            if groups.first == "0" { groups.removeFirst() }
        } else if !text.hasPrefix("0") {
            return ""
        }
        // The area's code.
        guard !groups.isEmpty else { return "" }
        groups.removeFirst()
        let local = groups.joined()
        return groups.count >= 2 && local.count >= 5 ? local : ""
    }

    /// The street kinds German addresses join onto a name ("Königstraße",
    /// "Am Mühlenweg"), folded, with the abbreviations that stand for them.
    static let streetKinds = ["strasse", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "chaussee", "steig", "pfad"]

    /// The words search should find a street by besides its own: each
    /// street kind inside a compound ("Königstraße" → "strasse", so that
    /// `strasse` alone finds it), and an abbreviated street written out
    /// ("Hauptstr." → "hauptstrasse strasse"). Empty when there are none.
    public static func streetWords(_ street: String) -> String {
        var out: [String] = []
        for token in tokens(street) {
            let word = String(token)
            if word.hasSuffix("str"), word.count > 3 {
                out += [word + "asse", "strasse"]
                continue
            }
            if let kind = streetKinds.first(where: { word.hasSuffix($0) && word.count > $0.count }) { out.append(kind) }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }.joined(separator: " ")
    }

    /// The same words as LIKE patterns over `searchText`, one per word.
    public static func likePatterns(_ typed: String) -> [String] {
        searchWords(typed).map { word in
            "% " + LikePattern.starting(tokens(word).joined(separator: " "))
        }
    }

    /// The pieces of a typed word between the characters the tokenizer
    /// splits at, each holding a letter or digit.
    static func parts(_ word: String) -> [String] {
        word.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init).filter { !tokens($0).isEmpty }
    }

    /// Typed words that hold at least one letter or digit.
    static func searchWords(_ typed: String) -> [String] {
        typed.split(whereSeparator: { $0.isWhitespace })
            .map(String.init)
            .filter { !tokens($0).isEmpty }
    }

    static func trimmed(_ text: String) -> String {
        // Almost every value starts and ends with a visible ASCII byte, and
        // then there is nothing to trim: a character that ends (or starts)
        // with such a byte is that byte alone or begins with a non-blank
        // scalar, and `isWhitespace` looks at a character's first scalar.
        // Checked on the bytes, without breaking the text into characters.
        if let first = text.utf8.first, let last = text.utf8.last, isVisibleASCII(first), isVisibleASCII(last) {
            return text
        }
        var s = Substring(text)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// A byte that is a whole ASCII character other than a blank or a control.
    @inline(__always)
    static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// Latin letters with diacritics → their base letters, lower case.
    static let latinBase: [UInt32: String] = {
        let pairs: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÆæǼǽ", "ae"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđÐð", "d"),
            ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"), ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"),
            ("Ĳĳ", "ij"), ("Ĵĵ", "j"), ("Ķķĸ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"), ("ÑñŃńŅņŇňŉŊŋ", "n"),
            ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("Œœ", "oe"), ("ŔŕŖŗŘř", "r"), ("ŚśŜŝŞşŠšȘș", "s"), ("ß", "ss"),
            ("ŢţŤťŦŧȚț", "t"), ("Þþ", "th"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"), ("ÝýÿŶŷŸ", "y"),
            ("ŹźŻżŽž", "z"),
        ]
        var table: [UInt32: String] = [:]
        for (letters, base) in pairs {
            for scalar in letters.unicodeScalars { table[scalar.value] = base }
        }
        return table
    }()
}
