import Foundation

/// The look of the application: a style for each role a widget plays.
///
/// Themes are plain text files, one `role = foreground background [attributes]`
/// per line, so a user can copy one and change it without rebuilding:
///
///     # comment
///     selection = black cyan bold
///     error     = bright-red default bold
public struct Theme: Equatable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        case normal, dim, title, header, tab, tabActive, tabGroup
        case footer, footerKey, status, error, warning, success, alert
        case columnHeader, selection, border, label, input, inputFocused
        case dialog, dialogTitle, helpKey, marked
    }

    public var name: String
    public private(set) var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: Role) -> Style {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// The same theme with every colour removed: what `NO_COLOR` asks for.
    /// Attributes stay, so selection and warnings still show.
    public var withoutColor: Theme {
        Theme(name: name, styles: styles.mapValues(\.withoutColor))
    }

    /// Roles that a theme file must style with an attribute, so that the
    /// state they show never depends on colour alone.
    static let attributeRequired: [Role: Attributes] = [
        .selection: .reverse, .tabActive: .reverse, .inputFocused: .underline,
    ]

    /// Attributes used when no theme file can be read: legible anywhere.
    public static let fallback: Theme = {
        var styles: [Role: Style] = [:]
        for role in Role.allCases { styles[role] = .plain }
        styles[.title] = Style(attributes: .bold)
        styles[.tabActive] = Style(attributes: [.reverse, .bold])
        styles[.footerKey] = Style(attributes: .bold)
        styles[.columnHeader] = Style(attributes: [.bold, .underline])
        styles[.selection] = Style(attributes: .reverse)
        styles[.error] = Style(attributes: .bold)
        styles[.alert] = Style(attributes: .bold)
        styles[.dim] = Style(attributes: .dim)
        styles[.inputFocused] = Style(attributes: .underline)
        styles[.input] = Style(attributes: .underline)
        styles[.dialogTitle] = Style(attributes: .bold)
        styles[.helpKey] = Style(attributes: .bold)
        styles[.marked] = Style(attributes: .bold)
        return Theme(name: "fallback", styles: styles)
    }()
}

extension Theme {
    public struct ParseError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Reads a theme from its text. Unknown roles, colours or attributes are
    /// errors naming the line, so a typo never silently falls back.
    public static func parse(_ text: String, name: String) throws -> Theme {
        var styles = fallback.styles
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            func fail(_ message: String) -> ParseError { ParseError(file: name, line: number + 1, message: message) }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw fail("expected `role = foreground background [attributes]`") }
            guard let role = Role(rawValue: parts[0]) else {
                throw fail("unknown role '\(parts[0])'; roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let words = parts[1].split(separator: " ").map(String.init)
            guard words.count >= 2 else { throw fail("expected a foreground and a background colour") }
            guard let fg = Color(name: words[0]) else { throw fail("unknown colour '\(words[0])'") }
            guard let bg = Color(name: words[1]) else { throw fail("unknown colour '\(words[1])'") }
            var attributes: Attributes = []
            for word in words.dropFirst(2) {
                guard let a = Attributes.names.first(where: { $0.0 == word })?.1 else {
                    throw fail("unknown attribute '\(word)'; use bold, dim, reverse, underline or italic")
                }
                attributes.insert(a)
            }
            if let required = attributeRequired[role] { attributes.formUnion(required) }
            styles[role] = Style(foreground: fg, background: bg, attributes: attributes)
        }
        return Theme(name: name, styles: styles)
    }
}
