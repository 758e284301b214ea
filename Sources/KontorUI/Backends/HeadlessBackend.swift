/// A terminal without a terminal: keys are queued by a test, frames are kept
/// as grids to read back as text.
public final class HeadlessBackend: TerminalBackend {
    public var size: Size
    public var colorCount: Int
    public private(set) var lastFrame: Grid?
    public private(set) var cursor: Point?
    public private(set) var framesPresented = 0
    public var pendingKeys: [Key] = []
    public var hangup = false
    /// Mouse reports as a real terminal would have them turned on and off.
    public private(set) var mouseReports = true

    public func setMouseReports(_ on: Bool) -> Bool {
        mouseReports = on
        return true
    }

    public init(size: Size = Size(width: 80, height: 24), colorCount: Int = 256) {
        self.size = size
        self.colorCount = colorCount
    }

    public func present(_ grid: Grid, cursor: Point?) {
        lastFrame = grid
        self.cursor = cursor
        framesPresented += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func invalidate() {}
    public func suspend() {}
    /// How often the bell rang, for tests.
    public private(set) var bells = 0
    public func bell() { bells += 1 }

    /// The last frame as text.
    public var text: String { lastFrame?.text ?? "" }
}
