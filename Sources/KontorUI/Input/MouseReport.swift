/// One mouse report as a terminal sends it in SGR mode (`ESC [ ? 1006 h`):
/// `ESC [ < b ; x ; y M` for a press, the same ending in `m` for a release.
///
/// SGR reports are plain decimal numbers, so they work at any width and
/// cannot be mistaken for text; the older X10 form (`ESC [ M` and three
/// bytes) breaks past column 223 and is not asked for.
public struct MouseReport: Equatable, Sendable {
    /// The button code: 0 left, 1 middle, 2 right, 64/65 the wheel;
    /// +4 Shift, +8 Alt, +16 Ctrl, +32 motion.
    public var code: Int
    /// The cell, 0-based (the terminal counts from 1).
    public var x: Int
    public var y: Int
    public var isRelease: Bool

    public init(code: Int, x: Int, y: Int, isRelease: Bool) {
        self.code = code
        self.x = x
        self.y = y
        self.isRelease = isRelease
    }

    /// Reads what follows `ESC [ <`: "0;12;5M". Nil for anything else.
    public static func parseSGR(_ body: String) -> MouseReport? {
        guard let last = body.last, last == "M" || last == "m" else { return nil }
        let numbers = body.dropLast().split(separator: ";", omittingEmptySubsequences: false)
        guard numbers.count == 3, let code = Int(numbers[0]), let x = Int(numbers[1]), let y = Int(numbers[2]),
              code >= 0, x >= 1, y >= 1 else { return nil }
        return MouseReport(code: code, x: x - 1, y: y - 1, isRelease: last == "m")
    }

    /// The button without the modifier bits.
    var button: Int { code & ~(4 | 8 | 16 | 32) }
    var isMotion: Bool { code & 32 != 0 }
}

/// Turns reports into the events screens use: a left press is a click, a
/// second one on the same cell within `interval` a double click; the wheel
/// scrolls. Releases, drags and the other buttons are dropped.
///
/// Clicks are told apart here rather than by ncurses' own click
/// resolution, which holds every click back for the double-click interval
/// before reporting it: the row under the pointer is selected at once.
public struct ClickTracker: Sendable {
    /// How close together two clicks make a double click, in milliseconds.
    public var interval: Int
    private var last: (x: Int, y: Int, time: Int)?

    public init(interval: Int = 400) {
        self.interval = interval
    }

    /// The event for `report`, which came at `time` (milliseconds, any clock).
    public mutating func event(for report: MouseReport, at time: Int) -> Mouse? {
        guard !report.isMotion else { return nil }
        switch report.button {
        case 64: return Mouse(.wheelUp, x: report.x, y: report.y)
        case 65: return Mouse(.wheelDown, x: report.x, y: report.y)
        case 0 where !report.isRelease:
            if let last, last.x == report.x, last.y == report.y, time - last.time <= interval {
                // A third click starts again rather than double-clicking twice.
                self.last = nil
                return Mouse(.doubleClick, x: report.x, y: report.y)
            }
            last = (report.x, report.y, time)
            return Mouse(.click, x: report.x, y: report.y)
        default:
            return nil
        }
    }
}
