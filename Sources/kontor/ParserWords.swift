import Foundation
import KontorLocale

/// The argument parser's own refusals in the person's language: it words
/// them in English, with the option or value quoted; the common ones are
/// recognised and said again from the catalog. Anything else stays as the
/// parser said it (its help's headings, "USAGE:" and "OPTIONS:", too).
enum ParserWords {
    /// The parser's English patterns, each with the template saying it.
    private static let patterns: [(NSRegularExpression, String)] = [
        (#"^Unknown option '(.+)'$"#, "Unknown option '{0}'"),
        (#"^Missing expected argument '(.+)'$"#, "Missing expected argument '{0}'"),
        (#"^Unexpected argument '(.+)'$"#, "Unexpected argument '{0}'"),
        (#"^Missing value for '(.+)'$"#, "Missing value for '{0}'"),
        (#"^The value '(.*)' is invalid for '(.+)'(.*)$"#, "The value '{0}' is invalid for '{1}'{2}"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.dotMatchesLineSeparators]), $0.1) }

    /// The parser's headings and its own options' help, in a help text it
    /// wrote (our texts in it are translated already).
    private static let helpWords: [String] = [
        "OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:", "Show help information.", "Show the version.",
        "See 'kontor help <subcommand>' for detailed help.", "(default: {0})",
    ]

    static func translatedHelp(_ help: String) -> String {
        var text = help
        for words in helpWords where !words.contains("{0}") {
            text = text.replacingOccurrences(of: words, with: Wording.text(words))
        }
        // "(default: excel)" → "(Standard: excel)"
        let prefix = Wording.text("(default: {0})", ["\u{1}"]).components(separatedBy: "\u{1}")
        if prefix.count == 2 { text = text.replacingOccurrences(of: "(default: ", with: prefix[0]) }
        return text
    }

    static func translated(_ message: String) -> String {
        guard Language.current != .english else { return message }
        let range = NSRange(message.startIndex..., in: message)
        for (pattern, template) in patterns {
            guard let match = pattern.firstMatch(in: message, range: range) else { continue }
            let values = (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: message).map { String(message[$0]) } ?? ""
            }
            return Wording.text(template, values)
        }
        return message
    }
}
