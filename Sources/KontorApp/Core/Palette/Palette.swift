import KontorText
import KontorLocale
import KontorModel
import KontorUI

/// The command palette (`:`): one line that completes, as it is typed, over
/// every action the screen and the App offer and every record, like vim's
/// or k9s's command line.
///
/// The palette only decides what a line means and what running it does; the
/// App runs it (`PaletteCommand`). The candidates are worked out once per
/// distinct text: moving through them, or completing with Tab, searches
/// nothing.
final class Palette {
    enum Event: Equatable {
        case none
        case close
        case run(PaletteCommand)
    }

    /// A line under the input when the list is empty: what to type next, or
    /// why nothing matches.
    struct Note: Equatable {
        var text: String
        var isError: Bool
    }

    let catalog: PaletteCatalog
    let records: PaletteRecords
    private(set) var input = TextInput("", maxLength: 200)
    private(set) var candidates: [PaletteCandidate] = []
    private(set) var cursor = 0
    private(set) var note: Note?
    /// How many records match when more match than are offered (`:cust
    /// müller` offers 8 of 22): the heading says the true count, not the
    /// rows shown. `isCapped` when the count is a lower bound.
    private(set) var total: PaletteRecords.MatchTotal?
    /// The records listed are a few of each kind (free words search
    /// everything), not all that match.
    private(set) var sampled = false
    /// Free words whose records are being searched away from the keyboard
    /// (see `App.startPaletteSearch`): the actions are listed at once, the
    /// records join them when found, if the text is still the same.
    private(set) var searching: String?
    /// The text the candidates were worked out for.
    private var listedFor: String?
    /// How often candidates were worked out: at most once per typed text.
    private(set) var searches = 0
    /// Rows moved by PgUp/PgDn; the drawing sets it to what fits.
    var pageSize = 8

    init(catalog: PaletteCatalog, records: PaletteRecords, text: String = "") {
        self.catalog = catalog
        self.records = records
        input.text = text
        refresh()
    }

    var text: String { input.text }
    var selected: PaletteCandidate? { candidates.indices.contains(cursor) ? candidates[cursor] : nil }

    /// The palette's keys: what the footer and the help show while it is open.
    static let bindings: [KeyBinding] = [
        KeyBinding("palette.run", [.enter], "run", help: "Run the highlighted line: open the record or run the action", group: "Command"),
        KeyBinding("palette.complete", [.tab], "complete",
                   help: "Complete the line with the highlighted candidate; again, with the next one", group: "Command"),
        KeyBinding("palette.completePrevious", [.backTab], "previous", help: "Complete with the previous candidate", group: "Command", inFooter: false),
        KeyBinding("palette.close", [.escape], "close", help: "Close the command line (Backspace on an empty line too)", group: "Command"),
        KeyBinding("palette.down", [.down, .ctrl("n")], "down", help: "Next candidate", group: "Command", inFooter: false),
        KeyBinding("palette.up", [.up, .ctrl("p")], "up", help: "Previous candidate", group: "Command", inFooter: false),
        KeyBinding("palette.pageDown", [.pageDown], "page down", help: "A page of candidates down", group: "Command", inFooter: false),
        KeyBinding("palette.pageUp", [.pageUp], "page up", help: "A page of candidates up", group: "Command", inFooter: false),
    ] + Form.bindings.filter { $0.group == "Editing" }

    // MARK: Keys

    func handle(_ key: Key) -> Event {
        if let binding = Self.bindings.binding(for: key) { return perform(binding.id) }
        if key == .backspace, input.text.isEmpty { return .close }
        let before = input.text
        guard input.handle(key) else { return .none }
        if input.text != before { refresh() }
        return .none
    }

    func perform(_ id: String) -> Event {
        switch id {
        case "palette.run":
            guard let candidate = selected else {
                if note == nil { note = Note(text: "Nothing to run", isError: true) }
                return .none
            }
            if case let .complete(text) = candidate.command {
                setText(text)
                return .none
            }
            return .run(candidate.command)
        case "palette.complete": complete(step: 1)
        case "palette.completePrevious": complete(step: -1)
        case "palette.close": return .close
        case "palette.down": move(by: 1)
        case "palette.up": move(by: -1)
        case "palette.pageDown": move(by: pageSize)
        case "palette.pageUp": move(by: -pageSize)
        default: break
        }
        return .none
    }

    /// A click on a candidate: the cursor goes to it.
    func select(_ index: Int) {
        guard candidates.indices.contains(index) else { return }
        cursor = index
    }

    private func move(by delta: Int) {
        guard !candidates.isEmpty else { return }
        cursor = min(candidates.count - 1, max(0, cursor + delta))
    }

    /// Puts the highlighted candidate's line into the input. The list stays
    /// as it was, so Tab again takes the next one, as a shell's menu
    /// completion does; a verb (`cust `) starts a new list for its argument.
    private func complete(step: Int) {
        guard !candidates.isEmpty else { return }
        if input.text == candidates[cursor].completion {
            cursor = (cursor + step + candidates.count) % candidates.count
        }
        let candidate = candidates[cursor]
        if case .complete = candidate.command {
            setText(candidate.completion)
        } else {
            input.text = candidate.completion
            listedFor = input.text
        }
    }

    private func setText(_ text: String) {
        input.text = text
        refresh()
    }

    // MARK: Completion

    /// Works out the candidates for the text, unless they are already known.
    func refresh() {
        let text = input.text
        guard text != listedFor else { return }
        listedFor = text
        searches += 1
        cursor = 0
        total = nil
        sampled = false
        searching = nil
        do {
            (candidates, note) = try complete(PaletteInput(text))
        } catch {
            candidates = []
            note = Note(text: ErrorText.describe(error), isError: true)
        }
    }

    private func complete(_ line: PaletteInput) throws -> ([PaletteCandidate], Note?) {
        switch line {
        case .empty:
            return (catalog.actions, nil)
        case let .words(text):
            var found = PaletteCatalog.matching(text, in: catalog.actions + catalog.themes)
            if !text.contains(where: \.isWhitespace), let product = try records.product(code: text) { found.append(product) }
            // Three cells of letters or digits: "mül", or two CJK characters
            // ("東京"), which say as much as a word.
            if TextWidth.of(TextFolding.tokens(text).joined()) >= 3 {
                // Every kind of record at once takes tens of milliseconds at a
                // million customers: searched in the background, so that each
                // letter typed shows at once.
                searching = text
                return (found, found.isEmpty ? Note(text: tr("Searching customers, tickets, deals, invoices, products, staff…"), isError: false) : nil)
            }
            return (found, found.isEmpty ? refusal(text) ?? Self.unknown(text) : nil)
        case let .verb(verb, argument):
            return try complete(verb, argument.trimmingSpaces)
        case let .ticketNumber(id):
            let found = try records.ticket(id).map { [$0] } ?? []
            return (found, found.isEmpty ? Note(text: tr("No ticket #{0}", id), isError: true) : nil)
        case let .invoiceNumber(number):
            let found = try records.invoices(number)
            counted(found)
            return (found, found.isEmpty ? Note(text: tr("No invoice or credit note numbered “{0}”", number), isError: true) : nil)
        case let .digits(digits):
            var found: [PaletteCandidate] = []
            if let id = Int64(digits), let ticket = try records.ticket(id) { found.append(ticket) }
            if let id = Int64(digits), let deal = try records.deal(id) { found.append(deal) }
            found += try records.invoices(digits)
            if let product = try records.product(code: digits) { found.append(product) }
            // A caller's number as the front desk types it (0891234567), or
            // a customer's number: the search over every record finds the
            // customers, as the customer list's filter does.
            searching = digits
            return (found, found.isEmpty ? Note(text: tr("Searching customers, tickets, deals, invoices, products, staff…"), isError: false) : nil)
        }
    }

    private func complete(_ verb: PaletteVerb, _ argument: String) throws -> ([PaletteCandidate], Note?) {
        if argument.isEmpty {
            switch verb {
            case .new: return (catalog.creatable, catalog.creatable.isEmpty ? Note(text: tr("Your role may not create records"), isError: true) : nil)
            case .theme: return (catalog.themes, nil)
            case .language: return (catalog.languages, nil)
            case .staff: return (try records.staff(""), nil)
            default: return ([], Note(text: verb.help, isError: false))
            }
        }
        let found: [PaletteCandidate]
        let miss: String
        switch verb {
        case .invoice:
            found = try records.invoices(argument)
            counted(found)
            miss = tr("No invoice or credit note numbered “{0}”", argument)
        case .customer:
            found = try records.customers(argument)
            counted(found)
            miss = tr("No customer matches “{0}”", argument)
        case .ticket:
            found = try records.tickets(argument)
            counted(found)
            miss = TypedNumber(argument).map { tr("No ticket #{0}", String($0.value)) } ?? tr("No open ticket matches “{0}”", argument)
        case .deal:
            found = try records.deals(argument, counting: true)
            counted(found)
            miss = tr("No deal matches “{0}”", argument)
        case .product:
            found = try records.products(argument, counting: true)
            counted(found)
            miss = tr("No product matches “{0}”", argument)
        case .staff:
            found = try records.staff(argument)
            miss = tr("No colleague matches “{0}”", argument)
        case .new:
            let thing = TextFolding.fold(argument)
            found = catalog.creatable.filter { $0.keywords.split(separator: " ").contains { $0.hasPrefix(thing) } }
            if found.isEmpty, PaletteCatalog.newThings.contains(where: { PaletteCatalog.words(for: $0.thing).found.contains { $0.hasPrefix(thing) } }) {
                miss = tr("Your role ({0}) may not create {1}", records.session.role.displayName, argument)
            } else {
                let things = catalog.creatable.map { String($0.completion.drop { $0 != " " }.dropFirst()) }.joined(separator: ", ")
                miss = things.isEmpty ? tr("Nothing to create called “{0}”", argument) : tr("Nothing to create called “{0}”; new: {1}", argument, things)
            }
        case .theme:
            found = catalog.themes.filter { TextFolding.fold($0.completion).hasPrefix("theme " + TextFolding.fold(argument)) }
            let names = catalog.themes.map { String($0.completion.dropFirst(6)) }.joined(separator: ", ")
            miss = names.isEmpty ? tr("No theme “{0}”", argument) : tr("No theme “{0}”; themes: {1}", argument, names)
        case .language:
            let wanted = TextFolding.fold(argument)
            found = catalog.languages.filter { $0.keywords.split(separator: " ").contains { $0.hasPrefix(wanted) } || TextFolding.fold($0.title).contains(wanted) }
            miss = tr("No language “{0}”; Deutsch or English", argument)
        }
        return (found, found.isEmpty ? Note(text: miss, isError: true) : nil)
    }

    /// The search's count of all matches in the heading, when there are
    /// more than the candidates offered.
    private func counted(_ found: [PaletteCandidate]) {
        if found.count >= records.limit, records.total.exceeds(found.count) { total = records.total }
    }

    /// The records the background search found for `text`: they join the
    /// actions listed, unless the line has changed since.
    /// (The words searched are the line without its outer spaces: the
    /// answer for "Ziegler" is the answer for "Ziegler ".)
    func receive(_ found: [PaletteCandidate], for text: String) {
        guard searching == text else { return }
        searching = nil
        let records = found.filter { record in !candidates.contains { $0.command == record.command } }
        sampled = !records.isEmpty
        candidates += records
        if candidates.isEmpty, case let .digits(digits) = PaletteInput(text) {
            note = Note(text: tr("Nothing numbered {0}, and no customer with that phone number", digits), isError: true)
        } else {
            note = candidates.isEmpty ? refusal(text) ?? Self.unknown(text) : nil
        }
    }

    /// An action of the screen the words name that cannot run now, and
    /// why: who may ("back office, managers and admins only") or what
    /// stands in the way.
    private func refusal(_ text: String) -> Note? {
        guard let action = PaletteCatalog.matching(text, in: catalog.refused).first else { return nil }
        let named = "“\(action.title)” (\(action.key))"
        if Access.isRoleReason(action.detail) {
            return Note(text: tr("{0} is for {1}; your role is {2}", named, action.detail, records.session.role.displayName), isError: true)
        }
        return Note(text: tr("{0} cannot run now: {1}", named, action.detail), isError: true)
    }

    /// What unknown words get: what the palette understands instead.
    static func unknown(_ text: String) -> Note {
        let words = PaletteVerb.allCases.map { $0.spellings[0] }.joined(separator: ", ")
        return Note(text: tr("Nothing matches “{0}”; try {1}", text, words), isError: true)
    }
}
