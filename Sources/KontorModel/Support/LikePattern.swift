import GRDB

/// Typed text as a LIKE pattern that takes it literally.
///
/// The one place `%`, `_` and the escape character are escaped, and the one
/// place the `LIKE … ESCAPE` condition is written: SQLite's LIKE ignores the
/// case of ASCII letters, which is what every list filter wants; a backend
/// whose LIKE does not (PostgreSQL) would change `matches` alone (to ILIKE).
enum LikePattern {
    /// `%`, `_` and `\` escaped with `\`, so LIKE matches them as themselves.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Matches text that holds `text` anywhere.
    static func containing(_ text: String) -> String { "%" + escape(text) + "%" }

    /// Matches text that starts with `text`.
    static func starting(_ text: String) -> String { escape(text) + "%" }

    /// `expression LIKE pattern`, with the pattern as an argument and `\` as
    /// its escape character (patterns come from the functions above).
    static func matches(_ expression: SQL, _ pattern: String) -> SQL {
        "\(expression) LIKE \(pattern) ESCAPE '\\'"
    }
}
