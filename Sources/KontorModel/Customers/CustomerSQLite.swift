/// The customers' SQLite-only pieces (see `SQLiteSpecific`).
extension SQLiteSpecific {
    /// An FTS5 query over `customers_fts` for names (or their German
    /// transliteration, `search_alias`) holding any of `words` as a whole
    /// word: the candidates of a duplicate check. Each word is quoted, so
    /// FTS5 syntax typed into a name is taken as text.
    static func customerNames(matchingAnyOf words: [String]) -> String {
        let quoted = words.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " OR ")
        return "{name search_alias} : (\(quoted))"
    }
}
