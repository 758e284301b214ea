/// A terminal colour: the terminal's own default, or an index into the
/// 256-colour palette (0–7 standard, 8–15 bright, 16–255 cube and greys).
public enum Color: Equatable, Hashable, Sendable {
    case `default`
    case index(UInt8)

    public static let black = Color.index(0), red = Color.index(1), green = Color.index(2), yellow = Color.index(3)
    public static let blue = Color.index(4), magenta = Color.index(5), cyan = Color.index(6), white = Color.index(7)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a colour name, `bright-NAME`, or a palette number.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" { self = .default; return }
        if let i = Self.names.firstIndex(of: lower) { self = .index(UInt8(i)); return }
        if lower.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(lower.dropFirst(7))) {
            self = .index(UInt8(8 + i)); return
        }
        if let n = UInt8(lower) { self = .index(n); return }
        return nil
    }

    /// The nearest colour a terminal with `count` colours can show.
    public func reduced(toPalette count: Int) -> Color {
        guard case let .index(i) = self else { return self }
        if count >= 256 || Int(i) < min(count, 16) { return self }
        if count <= 0 { return .default }
        if i < 16 { return .index(i - 8) } // bright → normal on 8-colour terminals
        // Mid greys have no fair 8-colour match: black vanishes on dark
        // backgrounds, white on light ones. The terminal's own colour reads on both.
        if (238...250).contains(i) { return .default }
        let (r, g, b) = Self.rgb(of: i)
        // Nearest of the 8 basic colours by thresholding each channel.
        let threshold = 0x80
        let bits = (r >= threshold ? 1 : 0) | (g >= threshold ? 2 : 0) | (b >= threshold ? 4 : 0)
        let base = UInt8(bits) // black red green yellow blue magenta cyan white, in ANSI order
        if count >= 16, max(r, g, b) >= 0xd0 { return .index(base + 8) }
        return .index(base)
    }

    static func rgb(of index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
    }
}

/// Text attributes; kept apart from colour so that nothing depends on colour
/// alone and a monochrome terminal still shows selection and warnings.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)

    static let names: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline), ("italic", .italic),
    ]
}

/// How a cell looks.
public struct Style: Equatable, Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func adding(_ attributes: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// The same attributes without any colour, for `NO_COLOR` and monochrome terminals.
    public var withoutColor: Style { Style(attributes: attributes) }
}
