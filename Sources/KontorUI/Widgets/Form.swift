import Foundation
import KontorLocale

/// A form: labelled text fields, each with an optional error shown under it.
///
/// The form only edits text; what the text must be is the model's business.
/// A field with `choices` (a priority, a payment method, yes or no) is a
/// choice, not text to be typed right: Space or ←/→ step through the
/// choices, a letter jumps to the next one starting so, the field shows
/// each choice in the person's language, and `value` gives the choice's
/// own value, the same in every language.
/// After a failed save the caller sets `errors`, and the form marks each field
/// with its message and moves the focus to the first wrong one.
public struct Form: Sendable {
    public struct Field: Sendable {
        public var id: String
        public var label: String
        public var input: TextInput
        public var hint: String
        /// The choices of a choice field, empty for a text field.
        public var choices: [Choice] = []
        /// A value put in as the usual one (a new customer's 14 days): the
        /// first letter typed replaces it rather than joining it ("30", not
        /// "1430"); moving the cursor or deleting first edits it as usual.
        public var isSuggested = false
        /// What the text typed stands for, drawn dimmed beside it once
        /// there is text ("+3" → "Thu 10.12.2026"): the hint says what
        /// may be typed and goes with the first letter, this says what
        /// was understood. nil: nothing to say of this text.
        public var explain: (@Sendable (String) -> String?)? = nil

        /// A text field. `label` and `hint` are English, shown translated.
        public init(id: String, label: String, value: String, maxLength: Int? = nil, hint: String = "") {
            self.id = id
            self.label = Wording.text(label)
            self.input = TextInput(value, maxLength: maxLength)
            self.hint = Wording.text(hint)
        }

        /// The field with `explain` saying what its text stands for.
        public func explained(by explain: @escaping @Sendable (String) -> String?) -> Field {
            var field = self
            field.explain = explain
            return field
        }

        /// A choice field holding `value` (the first choice when it is none of them).
        public init(id: String, label: String, choosing value: String, from choices: [Choice]) {
            precondition(!choices.isEmpty, "a choice field needs choices")
            self.id = id
            self.label = Wording.text(label)
            self.choices = choices
            let index = choices.firstIndex { $0.value == value } ?? 0
            self.input = TextInput(choices[index].label)
            self.hint = choices.map(\.label).joined(separator: " · ")
        }

        public var isChoice: Bool { !choices.isEmpty }

        /// The field's value: a choice's own value, or the text typed.
        public var value: String {
            guard isChoice else { return input.text }
            return choices.first { $0.label == input.text }?.value ?? ""
        }

        /// Steps a choice field by `step` choices, round the end.
        mutating func step(_ step: Int) {
            let index = choices.firstIndex { $0.label == input.text } ?? 0
            input.text = choices[(index + step + choices.count) % choices.count].label
        }

        /// Type-ahead: the first choice whose label starts with `typed`
        /// ("hoch" as typed, letter by letter); failing that, the next one
        /// after the current choice starting with the last letter alone, so
        /// that "n" pressed again walks "niedrig", "normal". Returns what
        /// the typing now stands for.
        mutating func choose(typed: String) -> String {
            func folded(_ text: String) -> String { text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
            let wanted = folded(typed)
            if typed.count > 1, let match = choices.first(where: { folded($0.label).hasPrefix(wanted) }) {
                input.text = match.label
                return typed
            }
            guard let letter = typed.last else { return "" }
            let index = choices.firstIndex { $0.label == input.text } ?? 0
            let first = folded(String(letter))
            for offset in 1...choices.count {
                let candidate = choices[(index + offset) % choices.count]
                if folded(candidate.label).hasPrefix(first) { input.text = candidate.label; return String(letter) }
            }
            return ""
        }
    }

    /// One choice of a choice field: its value, as the model knows it, and
    /// its label, in the person's language.
    public struct Choice: Equatable, Sendable {
        public var value: String
        public var label: String
        /// `label` is English, shown translated.
        public init(_ value: String, _ label: String) {
            self.value = value
            self.label = Wording.text(label)
        }
    }

    public enum Event: Equatable, Sendable {
        case none, submit, cancel
    }

    public var title: String
    public var fields: [Field]
    public var focus = 0
    /// False while something beside the form has the keys (a message area
    /// under it): then no field is drawn as focused.
    public var isActive = true
    /// Messages by field id. Typing into a field clears its message.
    public private(set) var errors: [String: String] = [:]

    /// Marks fields with messages and moves the focus to the first marked one.
    public mutating func show(errors: [String: String]) {
        self.errors = errors
        if let first = fields.firstIndex(where: { errors[$0.id] != nil }) { focus = first }
    }
    /// A message about the form as a whole (a conflict, say).
    public var banner: String? {
        didSet { bannerIsNote = false }
    }
    /// Whether the banner says what was done (a merge) rather than what is wrong.
    public private(set) var bannerIsNote = false

    /// Says what was done to the form as a whole, not as an error: "merged".
    public mutating func note(_ text: String) {
        banner = text
        bannerIsNote = true
    }
    private var original: [String]
    private var scroll = 0
    /// The letters typed into the focused choice field since it took the focus.
    private var typedAhead = ""

    public init(title: String, fields: [Field]) {
        self.title = title
        self.fields = fields
        self.original = fields.map(\.input.text)
    }

    /// Whether anything was typed since the form opened.
    public var isDirty: Bool { fields.map(\.input.text) != original }

    public func value(_ id: String) -> String { fields.first { $0.id == id }?.value ?? "" }

    /// Takes `values` (by field id, as `openingValue` gives them: a
    /// choice's value, not its label) as those the typing started from:
    /// typing put back from a session that ended began from the record as
    /// it was then, which a refused save is to be compared with.
    public mutating func startFrom(_ values: [String: String]) {
        for (index, field) in fields.enumerated() {
            guard let value = values[field.id] else { continue }
            if field.isChoice {
                guard let choice = field.choices.first(where: { $0.value == value }) else { continue }
                original[index] = choice.label
            } else {
                original[index] = value
            }
        }
    }

    /// A field's text as the form opened with it: the version the typing
    /// started from, which a refused save is merged against.
    public func openingValue(_ id: String) -> String {
        guard let index = fields.firstIndex(where: { $0.id == id }) else { return "" }
        var opening = fields[index]
        opening.input.text = original[index]
        return opening.value
    }

    /// Puts `text` into a field as if typed: the opening values stay, so
    /// the form counts it as a change of its own.
    public mutating func setValue(_ id: String, _ text: String) {
        guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
        if fields[index].isChoice {
            guard let choice = fields[index].choices.first(where: { $0.value == text }) else { return }
            fields[index].input.text = choice.label
        } else {
            fields[index].input.text = text
        }
        errors[id] = nil
    }

    public static let bindings: [KeyBinding] = [
        KeyBinding("form.save", [.ctrl("s")], "save", help: "Save (Enter on the last field saves too)", group: "Form"),
        KeyBinding("form.next", [.tab, .down], "next field", help: "Next field", group: "Form"),
        KeyBinding("form.previous", [.backTab, .up], "previous", help: "Previous field", group: "Form"),
        KeyBinding("form.cancel", [.escape], "cancel", help: "Close without saving (asks if anything changed)", group: "Form"),
        KeyBinding("form.edit", [.ctrl("a"), .ctrl("e")], "start/end", help: "Cursor to start / end of the field", group: "Editing", passesThrough: true),
        KeyBinding("form.kill", [.ctrl("u"), .ctrl("k")], "clear", help: "Delete before / after the cursor", group: "Editing", passesThrough: true),
        KeyBinding("form.word", [.ctrl("w")], "delete word", help: "Delete the word before the cursor", group: "Editing", passesThrough: true),
        KeyBinding("form.words", [.alt("b"), .alt("f")], "word", help: "Back / forward one word", group: "Editing", passesThrough: true),
    ]

    public mutating func handle(_ key: Key) -> Event {
        let focused = focus
        defer { if focus != focused { typedAhead = "" } }
        switch key {
        case .ctrl("s"): return .submit
        case .escape: return .cancel
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        case .enter:
            if focus == fields.count - 1 { return .submit }
            focus += 1
        default:
            if fields[focus].isSuggested {
                fields[focus].isSuggested = false
                switch key {
                case .char, .paste: fields[focus].input = TextInput("", maxLength: fields[focus].input.maxLength)
                default: break
                }
            }
            if fields[focus].isChoice ? handleChoice(key) : fields[focus].input.handle(key) {
                errors[fields[focus].id] = nil
                if errors.isEmpty { banner = nil }
            }
            if !fields[focus].isChoice, fields[focus].input.refused > 0, let limit = fields[focus].input.maxLength {
                errors[fields[focus].id] = TextLimit.fieldMessage(refused: fields[focus].input.refused, limit: limit)
            }
        }
        return .none
    }

    /// A key on a choice field: whether it changed the choice.
    private mutating func handleChoice(_ key: Key) -> Bool {
        let before = fields[focus].input.text
        switch key {
        case .char(" "), .right: fields[focus].step(1); typedAhead = ""
        case .left: fields[focus].step(-1); typedAhead = ""
        case let .char(letter) where letter.isLetter || letter.isNumber: typedAhead = fields[focus].choose(typed: typedAhead + String(letter))
        default: return false
        }
        return fields[focus].input.text != before
    }

    /// Draws the form; returns where the text cursor goes.
    public mutating func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        let labelWidth = min(16, (fields.map { TextWidth.of($0.label) }.max() ?? 8) + 1)
        let inputX = rect.x + 2 + labelWidth + 2
        // A choice's hint (its choices) stands beside it and has its room
        // kept. A text field's takes none from the fields (a reason typed
        // was read through a slit of 30 beside its hint): it stands beside
        // its empty field where there is room, else in it, dimmed.
        let room = rect.maxX - inputX - 2
        let choiceHint = fields.filter(\.isChoice).map { TextWidth.of($0.hint) + 1 }.max() ?? 0
        let inputWidth = max(20, min(60, room - choiceHint))
        var y = rect.y
        // A long title (the payment form's Skonto terms) wraps to a second line rather than losing its end.
        for line in TextWidth.wrap(title, to: max(10, rect.width - 4), lines: 2) {
            grid.write(line, x: rect.x + 2, y: y, maxWidth: rect.width - 4, style: theme[.title])
            y += 1
        }
        if let banner {
            // Wrapped rather than cut: "… saved at 10:42; Ctrl-R: theirs, merge"
            // must be read whole at 80 columns, in German too.
            for (index, line) in TextWidth.wrap(banner, to: max(10, rect.width - 6), lines: 3).enumerated() {
                grid.write((index > 0 ? "  " : bannerIsNote ? "• " : "✗ ") + line, x: rect.x + 2, y: y, maxWidth: rect.width - 4,
                           style: bannerIsNote ? theme[.success] : theme[.error])
                y += 1
            }
        }
        y += 1
        // Each field takes a line, plus its error wrapped below it (up to
        // three lines: "Zahlungsziel muss …" is read whole at 80 columns);
        // scroll to keep the focus visible.
        let errorWidth = max(10, rect.maxX - inputX - 1)
        let errorLines = fields.map { field in
            errors[field.id].map { TextWidth.wrap("\(field.label) \($0)", to: errorWidth, lines: 3) } ?? []
        }
        let heights = errorLines.map { 1 + $0.count }
        let available = rect.maxY - y
        let focusTop = heights[0..<focus].reduce(0, +)
        if focusTop < scroll { scroll = focusTop }
        if focusTop + heights[focus] > scroll + available { scroll = focusTop + heights[focus] - available }
        var offset = 0
        var cursor: Point?
        for (index, field) in fields.enumerated() {
            defer { offset += heights[index] }
            let top = y + offset - scroll
            if top < y || top >= rect.maxY { continue }
            let focused = isActive && index == focus
            // The focus mark wins over the error mark (the error is said under
            // the field): without colour it is the only sign of the focus.
            let marker = focused ? "›" : errors[field.id] != nil ? "✗" : " "
            grid.write(marker, x: rect.x + 1, y: top, style: errors[field.id] != nil ? theme[.error] : theme[.label])
            grid.write(field.label, x: rect.x + 2, y: top, width: labelWidth, style: focused ? theme[.label].adding(.bold) : theme[.label], alignRight: true)
            if field.isChoice {
                // A choice shows as one, "‹ hoch ›", with the others beside it while focused.
                let shown = focused ? "‹ \(field.input.text) ›" : "  \(field.input.text)"
                grid.write(shown, x: inputX, y: top, maxWidth: inputWidth, style: focused ? theme[.inputFocused] : theme[.input])
                if focused, inputX + inputWidth + 1 < rect.maxX {
                    grid.write(field.hint, x: inputX + inputWidth + 1, y: top, maxWidth: rect.maxX - inputX - inputWidth - 1, style: theme[.dim])
                }
            } else {
                // A text longer than the fields' width (a lost reason, a
                // note) takes the room to the edge rather than scroll in 60.
                let width = TextWidth.of(field.input.text) >= inputWidth ? max(inputWidth, room) : inputWidth
                let column = field.input.draw(x: inputX, y: top, width: width, grid: &grid, style: focused ? theme[.inputFocused] : theme[.input],
                                              focused: focused)
                if focused { cursor = Point(x: column, y: top) }
            }
            if !field.isChoice, !field.input.text.isEmpty, let note = field.explain?(field.input.text), !note.isEmpty {
                // Beside the field where there is room, else after the text in it.
                let typed = TextWidth.of(field.input.text)
                if inputX + inputWidth + 1 + TextWidth.of(note) <= rect.maxX, typed < inputWidth {
                    grid.write(note, x: inputX + inputWidth + 1, y: top, maxWidth: rect.maxX - inputX - inputWidth - 1, style: theme[.dim])
                } else if typed + 3 + TextWidth.of(note) <= inputWidth {
                    grid.write(note, x: inputX + typed + 2, y: top, maxWidth: inputWidth - typed - 2,
                               style: (focused ? theme[.inputFocused] : theme[.input]).adding(.dim))
                }
            }
            if !field.isChoice, !field.hint.isEmpty, field.input.text.isEmpty {
                if inputX + inputWidth + 1 + TextWidth.of(field.hint) <= rect.maxX {
                    grid.write(field.hint, x: inputX + inputWidth + 1, y: top, maxWidth: rect.maxX - inputX - inputWidth - 1, style: theme[.dim])
                } else {
                    let start = focused ? 1 : 0
                    grid.write(field.hint, x: inputX + start, y: top, maxWidth: inputWidth - start, style: (focused ? theme[.inputFocused] : theme[.input]).adding(.dim))
                }
            }
            for (line, text) in errorLines[index].enumerated() where top + 1 + line < rect.maxY {
                grid.write(text, x: inputX, y: top + 1 + line, maxWidth: errorWidth, style: theme[.error])
            }
        }
        return cursor
    }
}
