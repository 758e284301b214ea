/// Gathers the text of a bracketed paste as the terminal sends it, up to
/// the closing `ESC [ 201 ~`.
///
/// A terminal in bracketed-paste mode (`ESC [ ? 2004 h`) wraps pasted text
/// in `ESC [ 200 ~` … `ESC [ 201 ~`, so that a program can tell it from
/// typing. The text arrives a character at a time, and the closing marker
/// may be split across reads: the collector holds back what could be its
/// beginning until it knows. Whatever the paste holds, it becomes one
/// `Key.paste`, so that no character of it is ever run as a key.
public struct PasteCollector: Sendable {
    /// The closing marker.
    static let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]

    /// Characters (code points) kept at most. More is read, so that none of
    /// it is left to be taken as keys, but dropped: a megabyte pasted by
    /// mistake must not make the session crawl.
    public let limit: Int
    private var scalars = String.UnicodeScalarView()
    private var kept = 0
    /// Whether more arrived than `limit`.
    public private(set) var truncated = false
    /// The part of the closing marker seen so far.
    private var pending = 0
    /// Whether the closing marker has come.
    public private(set) var isFinished = false

    public static let defaultLimit = 1 << 20

    public init(limit: Int = defaultLimit) {
        self.limit = limit
    }

    /// Takes the next character; returns true once the paste is complete.
    @discardableResult
    public mutating func feed(_ scalar: Unicode.Scalar) -> Bool {
        guard !isFinished else { return true }
        if scalar == Self.end[pending] {
            pending += 1
            if pending == Self.end.count {
                pending = 0
                isFinished = true
            }
            return isFinished
        }
        if pending > 0 {
            // Not the marker after all: what was held back is text.
            for held in Self.end[0..<pending] { append(held) }
            pending = 0
            if scalar == Self.end[0] {
                pending = 1
                return false
            }
        }
        append(scalar)
        return false
    }

    /// Takes a whole piece of text (as a test or a faster reader may have it).
    @discardableResult
    public mutating func feed(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where feed(scalar) { return true }
        return isFinished
    }

    /// The closing marker came as one key (the terminal's key table knew it).
    public mutating func finish() {
        isFinished = true
    }

    /// The text pasted: everything before the closing marker (and what was
    /// held back, when the paste ended without one).
    public var text: String {
        var out = scalars
        if pending > 0, !isFinished { out.append(contentsOf: Self.end[0..<pending]) }
        return String(out)
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        guard kept < limit else {
            truncated = true
            return
        }
        scalars.append(scalar)
        kept += 1
    }
}
