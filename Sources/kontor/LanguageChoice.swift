import ArgumentParser
import Foundation
import KontorLocale

/// The language of a run of `kontor`: `--lang de|en` anywhere on the
/// command line, for every command; else `KONTOR_LANG`; else, in the
/// terminal UI, the person's own choice (`:language` in Kontor); else the
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `de_*` is German); else English.
enum LanguageChoice {
    /// The command line without `--lang`, and what it asked for.
    static func split(_ arguments: [String]) throws -> (arguments: [String], language: Language?) {
        var rest: [String] = []
        var language: Language?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            if word == "--" {
                rest += arguments[index...]
                break
            }
            var value: String?
            if word == "--lang" {
                guard index + 1 < arguments.endIndex else { throw ValidationError(tr("--lang expects de or en")) }
                value = arguments[index + 1]
                index += 1
            } else if word.hasPrefix("--lang=") {
                value = String(word.dropFirst(7))
            }
            if let value {
                guard let named = Language(code: value) else { throw ValidationError(tr("--lang expects de or en, got '{0}'", value)) }
                language = named
            } else {
                rest.append(word)
            }
            index += 1
        }
        return (rest, language)
    }

    /// What was asked for by name, `--lang` or `KONTOR_LANG`: it wins over
    /// the person's own choice. Nil when only the locale speaks.
    static var explicit: Language? {
        if let named = (try? split(Array(CommandLine.arguments.dropFirst())))?.language { return named }
        guard let environment = Language.fromEnvironment(ProcessInfo.processInfo.environment), environment.explicit else { return nil }
        return environment.language
    }

    /// The language of the run before anyone's choice is read.
    static var start: Language {
        explicit ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)?.language ?? .english
    }
}
