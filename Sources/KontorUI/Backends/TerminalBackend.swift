/// Where frames are shown and keys come from: a real terminal through
/// ncurses, or a headless grid in tests.
public protocol TerminalBackend: AnyObject {
    /// The current size of the terminal.
    var size: Size { get }
    /// How many colours the terminal can show (0 for none).
    var colorCount: Int { get }
    /// Shows a frame. `cursor` places the visible text cursor (in a text
    /// field); nil hides it.
    func present(_ grid: Grid, cursor: Point?)
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Repaints everything on the next present (Ctrl-L, after a suspend).
    func invalidate()
    /// Hands the terminal back to the shell until the user resumes (Ctrl-Z, `fg`).
    func suspend()
    /// A termination signal or a lost terminal that should end the program.
    var hangup: Bool { get }
    /// Rings the terminal bell: something arrived that the person asked to hear of.
    func bell()
    /// Whether the terminal is asked for mouse reports now.
    var mouseReports: Bool { get }
    /// Asks the terminal for mouse reports, or stops asking (giving the
    /// mouse back for selecting text); returns whether it could.
    func setMouseReports(_ on: Bool) -> Bool
}

extension TerminalBackend {
    public var mouseReports: Bool { false }
    public func setMouseReports(_ on: Bool) -> Bool { false }
}
