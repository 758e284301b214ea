import KontorLocale

/// A key press, as the application sees it, whatever the terminal sent.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Control plus a letter, e.g. `.ctrl("l")`.
    case ctrl(Character)
    /// Alt (Meta) plus a character, sent by terminals as ESC followed by it.
    case alt(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, tab, backTab, escape
    case function(Int)
    /// The terminal changed size.
    case resize
    /// Text the user pasted (bracketed paste), whole, as one event: it is
    /// text to insert, never keys to run, whatever it holds.
    case paste(String)
    /// A click or a turn of the wheel, where the terminal reports them.
    case mouse(Mouse)

    public static let space = Key.char(" ")

    /// How the key is named in the footer and the help, in the person's
    /// language: a German keyboard says Strg, Bild↓, Pos1, Entf. The key
    /// itself is the same in every language.
    public var shownName: String {
        switch self {
        case .char(" "), .home, .end, .pageUp, .pageDown, .insert, .delete, .backspace, .backTab: return Wording.text(description)
        case let .ctrl(c): return Wording.text("Ctrl-{0}", [c.uppercased()])
        default: return description
        }
    }

    /// How keys are named in English (and in code and tests).
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case let .char(c): return String(c)
        case let .ctrl(c): return "Ctrl-\(c.uppercased())"
        case let .alt(c): return "Alt-\(c)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Ins"
        case .delete: return "Del"
        case .backspace: return "Bksp"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .escape: return "Esc"
        case let .function(n): return "F\(n)"
        case .resize: return "resize"
        case .paste: return "paste"
        case let .mouse(mouse): return mouse.description
        }
    }
}
