import Foundation

/// Finds theme files by name.
///
/// Searched in order: the user's `$XDG_CONFIG_HOME/kontor/themes`, a
/// system-wide `share/kontor/themes` beside the installed binary or under
/// `/usr/local/share` and `/usr/share`, and the source tree's `themes/` (for
/// `swift run`). A name with a slash is taken as a path.
public struct ThemeLibrary: Sendable {
    public var folders: [String]

    public init(folders: [String]) { self.folders = folders }

    public static func standard(executablePath: String = CommandLine.arguments.first ?? "") -> ThemeLibrary {
        var folders: [String] = []
        let env = ProcessInfo.processInfo.environment
        if let config = env["XDG_CONFIG_HOME"], !config.isEmpty {
            folders.append("\(config)/kontor/themes")
        } else if let home = env["HOME"] {
            folders.append("\(home)/.config/kontor/themes")
        }
        let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        folders.append(binary.appendingPathComponent("../share/kontor/themes").standardized.path)
        folders.append("/usr/local/share/kontor/themes")
        folders.append("/usr/share/kontor/themes")
        // The source tree this binary was built from: Sources/KontorUI/Theme/ThemeLibrary.swift → themes/
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../themes").standardized.path
        folders.append(source)
        return ThemeLibrary(folders: folders)
    }

    public enum LoadError: Error, CustomStringConvertible {
        case notFound(name: String, searched: [String], available: [String])
        case invalid(Theme.ParseError)
        case fileMissing(path: String)

        public var description: String {
            switch self {
            case let .notFound(name, _, available):
                let list = available.isEmpty ? "none found" : available.joined(separator: ", ")
                return "no theme named '\(name)' (available: \(list))"
            case let .invalid(error):
                return "theme \(error)"
            case let .fileMissing(path):
                return "theme file \(path) does not exist"
            }
        }
    }

    /// The names of every theme found, sorted.
    public func available() -> [String] {
        var names = Set<String>()
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        return names.sorted()
    }

    public func load(_ requested: String) throws -> Theme {
        let name = requested.contains("/") ? requested : requested.lowercased()
        if name.contains("/"), !FileManager.default.fileExists(atPath: name) {
            throw LoadError.fileMissing(path: name)
        }
        let candidates = name.contains("/") ? [name] : folders.map { "\($0)/\(name).theme" }
        for path in candidates {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            do {
                return try Theme.parse(text, name: name.contains("/") ? path : name)
            } catch let error as Theme.ParseError {
                throw LoadError.invalid(Theme.ParseError(file: path, line: error.line, message: error.message))
            }
        }
        throw LoadError.notFound(name: name, searched: folders, available: available())
    }
}
