import KontorLocale
import KontorModel
import KontorText

/// The words the palette understands before an argument: `inv 2026-00042`
/// (`rechnung 2026-00042`), `cust müller` (`kunde müller`), `ticket 1234`,
/// `deal kaffee`, `sku ABC-1` (`artikel`), `staff anna` (`personal`),
/// `new invoice` (`neu rechnung`), `theme light`, `language deutsch`
/// (`sprache`).
///
/// Both languages' words work in either: muscle memory and the README
/// stay true whichever language a person reads.
enum PaletteVerb: String, CaseIterable {
    case invoice, customer, ticket, deal, product, staff, new, theme, language

    /// Every spelling, the person's language's first: the first is what
    /// completion shows.
    var spellings: [String] {
        let english = englishSpellings, german = germanSpellings
        return Language.current == .german ? german + english.filter { !german.contains($0) } : english + german.filter { !english.contains($0) }
    }

    private var englishSpellings: [String] {
        switch self {
        case .invoice: return ["inv", "invoice"]
        case .customer: return ["cust", "customer"]
        case .ticket: return ["ticket"]
        case .deal: return ["deal"]
        case .product: return ["sku", "product"]
        case .staff: return ["staff"]
        case .new: return ["new"]
        case .theme: return ["theme"]
        case .language: return ["language", "lang"]
        }
    }

    private var germanSpellings: [String] {
        switch self {
        case .invoice: return ["rechnung", "re"]
        case .customer: return ["kunde", "kd"]
        case .ticket: return ["ticket"]
        case .deal: return ["deal"]
        case .product: return ["artikel", "art"]
        case .staff: return ["personal", "mitarbeiter"]
        case .new: return ["neu"]
        case .theme: return ["farben", "theme"]
        case .language: return ["sprache"]
        }
    }

    /// What to type after the word: shown in the list and as the hint.
    var argument: String {
        switch self {
        case .invoice: return tr("number")
        case .customer: return tr("name")
        case .ticket: return tr("number or words")
        case .deal: return tr("title, customer or number")
        case .product: return tr("SKU, EAN or name")
        case .staff: return tr("name")
        case .new: return tr("customer, ticket, deal, invoice, product, staff")
        case .theme: return tr("name")
        case .language: return "Deutsch, English"
        }
    }

    var help: String {
        switch self {
        case .invoice: return tr("Open an invoice or credit note by number (2026-00042, or its serial 42), a draft by #17")
        case .customer: return tr("Find a customer by name, contact, city, phone or VAT id")
        case .ticket: return tr("Open a ticket by number (#1234), or find open tickets by subject or customer")
        case .deal: return tr("Find a deal by title words, customer or number")
        case .product: return tr("Find a product by SKU, EAN or name")
        case .staff: return tr("Find a colleague by name, username or department")
        case .new: return tr("Create a record: switches to its screen and opens the form")
        case .theme: return tr("Switch the colour theme")
        case .language: return tr("Choose the language Kontor speaks to you (remembered)")
        }
    }

    static func named(_ word: String) -> PaletteVerb? {
        let lower = word.lowercased()
        return allCases.first { $0.englishSpellings.contains(lower) || $0.germanSpellings.contains(lower) }
    }
}

/// A palette line, parsed: what kind of thing the person is typing.
enum PaletteInput: Equatable {
    case empty
    /// Free words: matched against every action (and customers' names).
    case words(String)
    /// A verb and what follows it (possibly nothing yet): `cust mü`.
    case verb(PaletteVerb, String)
    /// `#1234`.
    case ticketNumber(Int64)
    /// An invoice number, whole or begun: `2026-00042`, `CN-2026-0`.
    case invoiceNumber(String)
    /// Only digits: a ticket number, an EAN, an invoice's serial.
    case digits(String)

    init(_ line: String) {
        let text = String(line.drop { $0.isWhitespace })
        guard !text.allSatisfy(\.isWhitespace) else { self = .empty; return }
        if text.first == "#" {
            let rest = text.dropFirst().trimmingSpaces
            if rest.isEmpty { self = .verb(.ticket, ""); return }
            if let number = TypedNumber(rest), !number.isMarked { self = .ticketNumber(number.value); return }
        }
        if let space = text.firstIndex(where: \.isWhitespace), let verb = PaletteVerb.named(String(text[..<space])) {
            self = .verb(verb, String(text[space...].drop { $0.isWhitespace }))
            return
        }
        let trimmed = text.trimmingSpaces
        if trimmed.allSatisfy(\.isASCIIDigit) { self = .digits(trimmed); return }
        if Self.looksLikeInvoiceNumber(trimmed) { self = .invoiceNumber(trimmed.uppercased()); return }
        self = .words(trimmed)
    }

    /// `2026-…` or `CN-2026-…`: letters, a dash, then a year and a dash, or a
    /// year and a dash directly. No spaces.
    static func looksLikeInvoiceNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        let letters = rest.prefix { $0.isASCII && $0.isLetter }
        if !letters.isEmpty {
            rest = rest.dropFirst(letters.count)
            guard rest.first == "-" else { return false }
            rest = rest.dropFirst()
        }
        let year = rest.prefix(while: \.isASCIIDigit)
        guard year.count == 4 else { return false }
        rest = rest.dropFirst(4)
        guard rest.first == "-" else { return false }
        return rest.dropFirst().allSatisfy(\.isASCIIDigit)
    }
}

extension StringProtocol {
    /// Without spaces at either end.
    var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
