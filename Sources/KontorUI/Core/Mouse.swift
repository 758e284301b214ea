/// A mouse event as the application sees it: what happened, and at which
/// cell (0-based, from the top left of the terminal).
///
/// Only what the screens use is kept: a left click, a second left click
/// on the same cell soon after (a double click, which opens), and the
/// wheel. Drags, releases and the other buttons are dropped where the
/// terminal's reports are read, so that the screens never see them.
public struct Mouse: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case click
        case doubleClick
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    public var point: Point { Point(x: x, y: y) }

    /// Rows the wheel scrolls per step, as most terminal programs do.
    public static let wheelLines = 3

    public var description: String {
        switch kind {
        case .click: return "click"
        case .doubleClick: return "double click"
        case .wheelUp: return "wheel up"
        case .wheelDown: return "wheel down"
        }
    }
}
