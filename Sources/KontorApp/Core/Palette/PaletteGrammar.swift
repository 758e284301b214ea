import KontorText

/// The words the palette understands before an argument: `inv 2026-00042`,
/// `cust müller`, `ticket 1234`, `deal kaffee`, `sku ABC-1`, `staff anna`,
/// `new invoice`, `theme light`.
enum PaletteVerb: String, CaseIterable {
    case invoice, customer, ticket, deal, product, staff, new, theme

    /// Every spelling, short ones first: the first is what completion shows.
    var spellings: [String] {
        switch self {
        case .invoice: return ["inv", "invoice"]
        case .customer: return ["cust", "customer"]
        case .ticket: return ["ticket"]
        case .deal: return ["deal"]
        case .product: return ["sku", "product"]
        case .staff: return ["staff"]
        case .new: return ["new"]
        case .theme: return ["theme"]
        }
    }

    /// What to type after the word: shown in the list and as the hint.
    var argument: String {
        switch self {
        case .invoice: return "number"
        case .customer: return "name"
        case .ticket: return "number or words"
        case .deal: return "title, customer or number"
        case .product: return "SKU, EAN or name"
        case .staff: return "name"
        case .new: return "customer, ticket, deal, invoice, product, staff"
        case .theme: return "name"
        }
    }

    var help: String {
        switch self {
        case .invoice: return "Open an invoice or credit note by number (2026-00042, or its serial 42)"
        case .customer: return "Find a customer by name, contact, city, phone or VAT id"
        case .ticket: return "Open a ticket by number (#1234), or find open tickets by subject or customer"
        case .deal: return "Find a deal by title words, customer or number"
        case .product: return "Find a product by SKU, EAN or name"
        case .staff: return "Find a colleague by name, username or department"
        case .new: return "Create a record: switches to its screen and opens the form"
        case .theme: return "Switch the colour theme"
        }
    }

    static func named(_ word: String) -> PaletteVerb? {
        let lower = word.lowercased()
        return allCases.first { $0.spellings.contains(lower) }
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
            if let id = Int64(rest) { self = .ticketNumber(id); return }
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
