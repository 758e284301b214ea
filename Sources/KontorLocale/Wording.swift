/// The words a person reads, in their language.
///
/// The English text is the key, as in gettext: the code reads as the
/// screen does, and a key cannot drift from its English words. Each other
/// language has one catalog (`German`), data in files of its own, looked
/// up by that key. A text that composes values is a template with
/// numbered places, `"{0} days overdue"`, filled after the lookup, so a
/// translation may put the values where its grammar wants them.
///
/// `CatalogTests` fails when a text the code gives to be translated has
/// no German, and when a German entry's English text appears nowhere in
/// the code.
public enum Wording {
    /// `english` in the current language; itself when the catalog has none.
    public static func text(_ english: String, in language: Language = .current) -> String {
        switch language {
        case .english: return english
        case .german:
            return German.catalog[english] ?? english
        }
    }

    /// A template filled with `values`: "{0}" is the first.
    public static func text(_ template: String, _ values: [String], in language: Language = .current) -> String {
        fill(text(template, in: language), values)
    }

    /// `one` or `other` by `count`, filled with the count as "{0}" and
    /// then `values`: "1 day overdue", "3 days overdue".
    public static func count(_ count: Int, one: String, other: String, _ values: [String] = [], in language: Language = .current) -> String {
        fill(text(count == 1 ? one : other, in: language), [String(count)] + values)
    }

    static func fill(_ template: String, _ values: [String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), values.indices.contains(index) {
                out += values[index]
                rest = after[after.index(after: close)...]
            } else {
                out.append("{")
                rest = after
            }
        }
        return out + rest
    }
}

/// An English word that means another thing elsewhere, told apart by
/// what it means here: `tr("issue", meaning: "an invoice")` is looked up as
/// "issue (an invoice)" (ausstellen), while a stock move's "issue" is
/// Abgang; `tr("invoice", meaning: "a kind of record")` (Rechnung) where a
/// deal's action "invoice" is abrechnen. English shows the word itself.
public func tr(_ english: String, meaning: String) -> String {
    let key = "\(english) (\(meaning))"
    let found = Wording.text(key)
    return found == key ? english : found
}

/// `Wording.text`, short: `tr("Customers")`, `tr("{0} days overdue", "3")`.
public func tr(_ english: String) -> String { Wording.text(english) }

/// A template in the current language with its places filled.
/// A value is put in as `String(describing:)` puts it: a number, a name,
/// an error's own description.
public func tr(_ template: String, _ values: Any...) -> String {
    Wording.text(template, values.map { String(describing: $0) })
}

extension Wording {
    /// 1234567 → "1 234 567": a count grouped with narrow spaces, as in
    /// German and international usage, without depending on the process
    /// locale; the screens and the command line alike.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
