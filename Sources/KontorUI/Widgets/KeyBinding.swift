import KontorLocale

/// One action and the keys that run it.
///
/// The same list drives dispatch, the footer and the help overlay, so the
/// three can never disagree about what a key does.
public struct KeyBinding: Equatable, Sendable {
    /// What the action is called in code, e.g. "customers.new".
    public var id: String
    public var keys: [Key]
    /// A word or two for the footer, e.g. "new": English, as the code
    /// gives it; `shownLabel` is the person's language.
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    /// The help overlay's section, in English: code compares it ("Editing"),
    /// the help overlay shows it translated.
    public var group: String
    /// Whether the footer shows it; movement keys are in the help only.
    public var inFooter: Bool
    /// Listed in the help, but the key goes on to the focused text field,
    /// which does the work (readline editing keys).
    public var passesThrough: Bool
    /// Why the action cannot be used now ("admins only", "the invoice is
    /// issued"), or nil when it can. A disabled binding stays in the help,
    /// with its reason, and leaves the footer; pressing its key says why
    /// instead of doing nothing.
    public var disabledReason: String?

    public init(_ id: String, _ keys: [Key], _ label: String, help: String, group: String, inFooter: Bool = true, passesThrough: Bool = false,
                disabledReason: String? = nil) {
        self.id = id
        self.keys = keys
        self.label = label
        self.help = help
        self.group = group
        self.inFooter = inFooter && !passesThrough
        self.passesThrough = passesThrough
        self.disabledReason = disabledReason
    }

    public var isEnabled: Bool { disabledReason == nil }

    /// The label, help and group in the person's language, looked up when
    /// shown rather than when made: a binding made once (a `static let`)
    /// reads in whatever language the person has now.
    public var shownLabel: String { Wording.text(label) }
    public var shownHelp: String { Wording.text(help) }
    public var shownGroup: String { Wording.text(group) }

    /// Whether the footer shows it: a key the user may not use now is not advertised.
    public var showsInFooter: Bool { inFooter && isEnabled }

    /// How the keys are written: "j/↓".
    public var keyNames: String { keys.map(\.shownName).joined(separator: "/") }
}

extension Array where Element == KeyBinding {
    /// The binding a key runs, the first one listed winning.
    public func binding(for key: Key) -> KeyBinding? {
        first { !$0.passesThrough && $0.keys.contains(key) }
    }
}
