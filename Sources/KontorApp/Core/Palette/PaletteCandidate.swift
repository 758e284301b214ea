import KontorLocale

/// What running a palette line does.
enum PaletteCommand: Equatable, Sendable {
    /// A binding of the active screen, by id: exactly what its key does.
    case screenBinding(String)
    /// One of the App's own bindings (help, quit, redraw, suspend).
    case app(String)
    /// Switch to the screen at this index.
    case screen(Int)
    /// Switch to a screen and start its "new" action there.
    case new(screen: Int)
    case theme(String)
    /// Speak this language to the person from now on (and remember it).
    case language(Language)
    case open(RecordLink)
    /// Show a list as the person saved it: the list's name and the view's.
    case savedView(list: String, name: String)
    /// Only completes the line (a word that wants an argument: `cust `).
    case complete(String)
}

/// One line of the completion list: what it is, a few words about it, the
/// key that does the same outside the palette, and what running it does.
struct PaletteCandidate: Equatable, Sendable {
    var title: String
    var detail: String
    /// The key that runs the same action, "" for records.
    var key: String
    /// The line Tab puts into the input for this candidate.
    var completion: String
    var command: PaletteCommand
    /// Further words it is found by, not shown ("exit" for quit).
    var keywords: String = ""
}
