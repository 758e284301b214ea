import GRDB

extension SQLiteSpecific {
    /// A text as a full-text index takes it (an SQL expression over
    /// `column`): as written, and when it has umlauts or ß, twice more:
    /// with ß as ss ("Größe" also as "Grösse", folded to "grosse" by the
    /// tokenizer, which keeps ß), and with both written out ("Geraet",
    /// "Groesse"). So "geraet" and "grosse" find what "gerät" and "große"
    /// find, as "mueller" finds Müller among the customers' words, whose
    /// spellings Kontor writes itself (`search_alias`). In SQL, so that the
    /// triggers keeping an index give the same words as its rebuild.
    static func withGermanSpellings(_ column: String) -> String {
        let spelled = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")]
            .reduce(column) { "replace(\($0), '\($1.0)', '\($1.1)')" }
        return "(CASE WHEN \(column) GLOB '*[äöüÄÖÜß]*' THEN \(column) || ' ' || replace(\(column), 'ß', 'ss') || ' ' || \(spelled) ELSE \(column) END)"
    }
}

extension SQLiteSpecific {
    /// A text as a list sorts it (an SQL expression over `column`): lower
    /// case, umlauts as their vowels and ß as ss, as `TextFolding.sortKey`
    /// folds a customer's name, so that "Änderung" sorts among the a's.
    static func sortFolded(_ column: String) -> String {
        let folded = [("ä", "a"), ("ö", "o"), ("ü", "u"), ("Ä", "a"), ("Ö", "o"), ("Ü", "u"), ("ß", "ss")]
            .reduce(column) { "replace(\($0), '\($1.0)', '\($1.1)')" }
        return "lower(\(folded))"
    }
}
