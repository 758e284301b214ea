import KontorModel

/// Shorter forms of names for narrow columns, so that rows stay told apart
/// at 80 columns: a name cut after its first word ("Schreinerei…",
/// "Jürgen We…") reads the same on many rows, while the word that tells
/// them apart is usually the last one.
enum ShortNames {
    /// Legal forms dropped first: they rarely tell two customers apart.
    static let legalForms: Set<String> = [
        "gmbh", "ag", "kg", "ohg", "ug", "gbr", "e.k.", "ek", "e.v.", "se", "kgaa", "mbh", "co.", "co", "&",
        "ltd", "ltd.", "inc", "inc.", "llc", "sa", "s.a.", "sarl", "srl", "s.r.l.", "spa", "s.p.a.", "bv", "b.v.", "nv", "plc",
        "(haftungsbeschränkt)",
    ]

    /// The shorter forms of a customer's name, shortest last: without
    /// legal form ("Schreinerei Krause"), then the first word whole and the
    /// others as initials ("Schreinerei K."), then the other way round
    /// ("S. Krause"). Which word tells a firm apart varies ("Krause
    /// Metallbau", "Schreinerei Krause"), so the table takes the first that
    /// fits. Empty when there is nothing shorter.
    static func forms(of name: String) -> [String] {
        var words = name.split(separator: " ").map(String.init)
        while words.count > 1, let last = words.last, legalForms.contains(last.lowercased()) { words.removeLast() }
        var forms: [String] = []
        let bare = words.joined(separator: " ")
        if bare != name { forms.append(bare) }
        guard words.count > 1 else { return forms }
        forms.append(([words[0]] + words.dropFirst().map(initial)).joined(separator: " "))
        forms.append((words.dropLast().map(initial) + [words[words.count - 1]]).joined(separator: " "))
        return forms
    }

    /// A person's name for a narrow column: "J. Weiß", then "Jürgen W.".
    static func personForms(of name: String) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard words.count > 1 else { return [] }
        return [(words.dropLast().map(initial) + [words[words.count - 1]]).joined(separator: " "),
                ([words[0]] + words.dropFirst().map(initial)).joined(separator: " ")]
    }

    /// "Krause" → "K."; a word not starting with a letter ("&") stays.
    private static func initial(_ word: String) -> String {
        guard let first = word.first, first.isLetter else { return word }
        return "\(first)."
    }
}
