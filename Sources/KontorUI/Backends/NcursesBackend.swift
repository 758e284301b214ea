import CNcurses
import KontorLocale
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncursesw.
///
/// Each frame is compared with the previous one and only changed cells are
/// handed to ncurses, which in turn sends the terminal only what changed on
/// screen; the screen is never cleared between frames.
public final class NcursesBackend: TerminalBackend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case noTerminalType
        case dumbTerminal(String)
        case cannotInitialise(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return Wording.text("standard input and output must be a terminal (kontor is a full-screen program; use `kontor --help` for commands that work without one)")
            case .noTerminalType:
                return Wording.text("TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color")
            case let .dumbTerminal(term):
                return Wording.text("TERM={0} cannot show a full-screen program; use a terminal such as xterm-256color", [term])
            case let .cannotInitialise(term):
                return Wording.text("cannot use terminal type '{0}' (unknown to this system's terminfo); try TERM=xterm-256color", [term])
            }
        }
    }

    private var previous: Grid?
    private var pairs: [Style: (attrs: UInt32, pair: Int32)] = [:]
    private let useColor: Bool
    private var fastErrors = 0
    private var lostTerminal = false
    public let colorCount: Int
    /// Whether the terminal is asked for mouse reports.
    public private(set) var mouse: Bool
    public var mouseReports: Bool { mouse }
    private var clicks = ClickTracker()
    /// Keys that came while a paste was being read (a resize), handed out next.
    private var queued: [Key] = []
    private var decoder = InputDecoder()

    /// Takes over the terminal. `useColor: false` draws attributes only
    /// (`NO_COLOR`, the mono theme). `mouse: false` leaves the mouse to the
    /// terminal (`KONTOR_MOUSE=0`), so that its own text selection works as
    /// without Kontor.
    public init(useColor: Bool = true, mouse: Bool = true) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else { throw StartError.noTerminalType }
        if term == "dumb" { throw StartError.dumbTerminal(term) }
        kc_install_signal_handlers()
        self.mouse = mouse
        guard kc_start(mouse ? 1 : 0) == 0 else { throw StartError.cannotInitialise(term) }
        self.useColor = useColor && kc_has_colors() == 1
        colorCount = self.useColor ? Int(kc_color_count()) : 0
    }

    deinit { kc_stop() }

    /// Gives the terminal back in the state it was found in.
    public func stop() { kc_stop() }

    public var size: Size { Size(width: Int(kc_cols()), height: Int(kc_lines())) }

    public var hangup: Bool { lostTerminal || kc_pending_signal() != 0 }

    /// The signal that ended the session (SIGHUP when the SSH link dropped), if any.
    public var terminationSignal: Int32? {
        let signal = kc_pending_signal()
        return signal == 0 ? nil : signal
    }

    public func present(_ grid: Grid, cursor: Point?) {
        let reuse = previous?.size == grid.size ? previous : nil
        var buffer = [wchar_t](repeating: 0, count: 8)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.width == 0 { continue }
                if let reuse, reuse[x, y] == cell, x + 1 >= grid.width || reuse[x + 1, y] == grid[x + 1, y] { continue }
                var count: Int32 = 0
                for scalar in cell.text.unicodeScalars where count < 5 {
                    buffer[Int(count)] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                if count == 0 { buffer[0] = 32; count = 1 }
                let (attrs, pair) = curses(cell.style)
                kc_put(Int32(y), Int32(x), buffer, count, attrs, pair)
            }
        }
        if let cursor {
            kc_move_cursor(Int32(cursor.y), Int32(cursor.x), 1)
        } else {
            kc_move_cursor(0, 0, 0)
        }
        kc_refresh()
        previous = grid
    }

    private func curses(_ style: Style) -> (UInt32, Int32) {
        if let cached = pairs[style] { return cached }
        var attrs: UInt32 = 0
        if style.attributes.contains(.bold) { attrs |= kc_attr_bold() }
        if style.attributes.contains(.dim) { attrs |= kc_attr_dim() }
        if style.attributes.contains(.reverse) { attrs |= kc_attr_reverse() }
        if style.attributes.contains(.underline) { attrs |= kc_attr_underline() }
        if style.attributes.contains(.italic) { attrs |= kc_attr_italic() }
        var pair: Int32 = 0
        if useColor, style.foreground != .default || style.background != .default {
            func number(_ c: Color) -> Int32 {
                if case let .index(i) = c.reduced(toPalette: colorCount) { return Int32(i) }
                return -1
            }
            pair = kc_pair(number(style.foreground), number(style.background))
        }
        pairs[style] = (attrs, pair)
        return (attrs, pair)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if !queued.isEmpty { return queued.removeFirst() }
        var code: UInt32 = 0
        let started = monotonicMilliseconds()
        let kind = readCharacter(Int32(timeoutMilliseconds), &code)
        if kind == 0 {
            // A read that fails at once, again and again, means the terminal
            // is gone (the SSH link dropped): stop instead of spinning.
            if timeoutMilliseconds >= 100, monotonicMilliseconds() - started < timeoutMilliseconds / 4 {
                fastErrors += 1
                if fastErrors >= 5 { lostTerminal = true }
            } else {
                fastErrors = 0
            }
            return nil
        }
        fastErrors = 0
        if kind == 2 { return functionKey(Int32(bitPattern: code)) }
        return characterKey(code)
    }

    private func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 27:
            // ESC alone, or the first half of Alt-<key>: ncurses has already
            // waited ESCDELAY for a sequence, so a following key is buffered.
            var next: UInt32 = 0
            guard readCharacter(0, &next) == 1 else { return .escape }
            if next == 91 { // ESC [: a sequence this terminal type does not know, or one split across reads
                return sequenceKey(swallowSequence())
            }
            if next == 79 { // ESC O
                _ = swallowSequence()
                return nil
            }
            if next != 27, let scalar = Unicode.Scalar(next), next >= 32 {
                return .alt(Character(scalar))
            }
            return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The next character (1, its scalar in `code`) or key ncurses knows
    /// (2), or nothing within `timeout` (0): as `kc_read`, but with UTF-8
    /// decoded here (`InputDecoder`), so that a byte that is no UTF-8 is
    /// one character instead of a reason to drop the keys after it.
    private func readCharacter(_ timeout: Int32, _ code: inout UInt32, characterGap: Int32 = 250) -> Int32 {
        let (kind, value) = decoder.next(timeout: timeout, characterGap: characterGap) { wait in
            var byte: UInt32 = 0
            let kind = kc_read_byte(wait, &byte)
            return (kind, byte)
        }
        code = value
        return kind
    }

    /// Reads the rest of an escape sequence (up to its final byte), so that
    /// an unknown key does nothing instead of typing "[1~"; returns what it
    /// read. The sequence may have been split across reads (a slow link),
    /// so each byte is waited for a little.
    private func swallowSequence() -> String {
        var code: UInt32 = 0
        var read = String.UnicodeScalarView()
        for _ in 0..<32 {
            guard readCharacter(Int32(Self.sequenceGapMilliseconds), &code) == 1, let scalar = Unicode.Scalar(code) else { break }
            read.append(scalar)
            if (0x40...0x7E).contains(code) { break }
        }
        return String(read)
    }

    /// How long a byte of a sequence already begun is waited for.
    private static let sequenceGapMilliseconds = 50
    /// How long a paste may pause before what came is taken as all of it
    /// (its closing marker lost).
    private static let pasteGapMilliseconds = 1000

    /// An `ESC [` sequence the key table did not match whole: a paste or a
    /// mouse report that came in pieces is still one, anything else nothing.
    private func sequenceKey(_ rest: String) -> Key? {
        if rest == "200~" { return readPaste() }
        // Shift-Tab: every terminal sends ESC [ Z, but a terminal type
        // whose description lacks it (vt100) leaves it to us.
        if rest == "Z" { return .backTab }
        if rest.hasPrefix("<") {
            var body = String(rest.dropFirst())
            if body.isEmpty { body = readMouseBody() }
            return mouseKey(body)
        }
        return nil
    }

    /// Reads a bracketed paste up to its closing marker, as one key.
    private func readPaste() -> Key {
        var paste = PasteCollector()
        var code: UInt32 = 0
        while !paste.isFinished {
            let kind = readCharacter(Int32(Self.pasteGapMilliseconds), &code, characterGap: Int32(Self.pasteGapMilliseconds))
            if kind == 0 { break }
            if kind == 2 {
                switch Int32(bitPattern: code) {
                case KC_KEY_PASTE_END: paste.finish()
                case KC_KEY_RESIZE:
                    previous = nil
                    queued.append(.resize)
                default:
                    break // a key's sequence inside the pasted text: dropped whole
                }
                continue
            }
            if let scalar = Unicode.Scalar(code) { paste.feed(scalar) }
        }
        return .paste(paste.text)
    }

    /// The numbers and final letter of an SGR mouse report ("0;12;5M").
    private func readMouseBody() -> String {
        var code: UInt32 = 0
        var body = ""
        for _ in 0..<24 {
            guard readCharacter(Int32(Self.sequenceGapMilliseconds), &code) == 1, let scalar = Unicode.Scalar(code) else { break }
            body.unicodeScalars.append(scalar)
            if scalar == "M" || scalar == "m" || !(scalar == ";" || ("0"..."9").contains(scalar)) { break }
        }
        return body
    }

    private func mouseKey(_ body: String) -> Key? {
        guard mouse, let report = MouseReport.parseSGR(body) else { return nil }
        return clicks.event(for: report, at: monotonicMilliseconds()).map(Key.mouse)
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KC_KEY_UP: return .up
        case KC_KEY_DOWN: return .down
        case KC_KEY_LEFT: return .left
        case KC_KEY_RIGHT: return .right
        case KC_KEY_HOME, KC_KEY_A1: return .home
        case KC_KEY_END, KC_KEY_C1: return .end
        case KC_KEY_PPAGE, KC_KEY_A3: return .pageUp
        case KC_KEY_NPAGE, KC_KEY_C3: return .pageDown
        case KC_KEY_IC: return .insert
        case KC_KEY_DC: return .delete
        case KC_KEY_BACKSPACE: return .backspace
        case KC_KEY_ENTER: return .enter
        case KC_KEY_BTAB: return .backTab
        case KC_KEY_RESIZE:
            previous = nil
            return .resize
        case KC_KEY_PASTE_BEGIN: return readPaste()
        case KC_KEY_PASTE_END: return nil
        case KC_KEY_MOUSE_SGR: return mouseKey(readMouseBody())
        case KC_KEY_MOUSE: return nil // X10 mouse reports are never asked for
        default:
            for n in 1...24 where code == kc_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    public func setMouseReports(_ on: Bool) -> Bool {
        kc_set_mouse(on ? 1 : 0)
        mouse = on
        return true
    }

    public func invalidate() {
        kc_force_repaint()
        previous = nil
    }

    public func bell() { kc_beep() }

    public func suspend() {
        kc_suspend()
        previous = nil
    }

    private func monotonicMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
