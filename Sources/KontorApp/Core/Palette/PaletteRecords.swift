import KontorLocale
import KontorText
import KontorModel

/// The palette's record lookups: each turns typed text into at most `limit`
/// candidates through the model's own searches, so a jump finds what the
/// lists' filters find, and a 200 000-customer database costs what a small
/// one does.
final class PaletteRecords {
    let session: Session
    /// Rows per search: enough to choose from, few enough to stay quick.
    let limit: Int
    /// Searches that found nothing, by kind: a longer text that begins the
    /// same way finds nothing either, so it is not searched again. Only for
    /// word searches (every word must match); a number can match anew.
    private var fruitless: [Search: String] = [:]

    /// The searches the palette remembers fruitless texts for.
    enum Search: Hashable {
        case customer, ticket, deal, product, staff, invoice
    }

    init(session: Session, limit: Int = 8) {
        self.session = session
        self.limit = limit
    }

    private var database: KontorDatabase { session.database }

    // MARK: By kind

    func invoices(_ text: String) throws -> [PaletteCandidate] {
        let found = try database.invoices.lookup(number: text, limit: limit)
        total = MatchTotal(count: found.count)
        if found.count >= limit {
            let counted = try database.invoices.countNumbers(text, cap: 1_000)
            total = MatchTotal(count: max(counted.count, found.count), isCapped: counted.isCapped)
        }
        return found.map(Self.candidate)
    }

    /// How many records the last search of one kind (customers, tickets,
    /// deals, invoices by number, products) matched in all, of which it
    /// offered at most `limit`, counted as that kind's list counts them. Deals and
    /// products are counted only when asked (`counting`): the search over
    /// everything shows no counts and should not pay for them.
    private(set) var total = MatchTotal(count: 0)

    /// Matches in all: a count, "1 000+" when it stopped at a cap, or
    /// "many" when counting would cost a walk of the whole list (a broad
    /// ticket search).
    struct MatchTotal: Equatable {
        /// Nil when not counted: too many to count quickly.
        var count: Int?
        var isCapped = false

        /// Whether it is more than the `shown` candidates.
        func exceeds(_ shown: Int) -> Bool { count.map { $0 > shown || isCapped } ?? true }

        var label: String {
            guard let count else { return tr("many") }
            return Format.count(count) + (isCapped ? "+" : "")
        }
    }

    /// Counts past this stop ("1 000+"), as the ticket list's title does.
    static let countCap = 1000

    func customers(_ text: String, limit: Int? = nil) throws -> [PaletteCandidate] {
        total = MatchTotal(count: 0)
        return try unlessFruitless(.customer, text) {
            let repository = database.customers
            let prepared = try repository.prepare(CustomerQuery(text: text))
            total = MatchTotal(count: prepared.count, isCapped: prepared.isCountCapped)
            let shown = limit ?? self.limit
            // Names that begin so first, wherever the filter's order puts them.
            let leading = try repository.namesStarting(with: text, limit: shown)
            let rows = leading + (try repository.page(prepared, after: nil, inclusive: false, limit: shown))
                .filter { row in !leading.contains { $0.id == row.id } }
            return Self.byName(rows, typed: text).prefix(shown).map { row in
                PaletteCandidate(title: row.name, detail: Self.joined([tr("customer"), row.city, row.contactName]), key: "",
                                 completion: "cust \(row.name)", command: .open(.customer(row.id)))
            }
        }
    }

    /// The rows the search found, those whose name holds the typed words as
    /// typed first, then as German writes umlauts and ß out either way
    /// ("mueller" for "Müller", and back), then without accents ("Muller"),
    /// then the rest (found by contact, city, …); the list's order within
    /// each. So "mueller" and "müller" both rank every name before a contact.
    static func byName(_ rows: [CustomerSummary], typed: String) -> [CustomerSummary] {
        func words(_ text: String) -> [Substring] { text.lowercased().split { !$0.isLetter && !$0.isNumber } }
        func spelledOut(_ text: String) -> [Substring] {
            let alias = TextFolding.searchAlias(text.lowercased())
            return alias.isEmpty ? words(text) : words(alias)
        }
        func holds(_ name: [Substring], _ typed: [Substring]) -> Bool {
            typed.allSatisfy { typedWord in name.contains { $0.hasPrefix(typedWord) } }
        }
        let literal = words(typed), written = spelledOut(typed), folded = TextFolding.tokens(typed)
        func rank(_ row: CustomerSummary) -> Int {
            if holds(words(row.name), literal) { return 0 }
            if holds(spelledOut(row.name), written) { return 1 }
            if holds(TextFolding.tokens(row.name), folded) { return 2 }
            return 3
        }
        return rows.enumerated().map { (rank: rank($0.element), offset: $0.offset, row: $0.element) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }.map(\.row)
    }

    /// `1234` or `#1234` opens that ticket (open or not); words find open
    /// tickets by subject or customer, most urgent first: `limit` of them
    /// counted as the queue counts, or a `glance` of so many, uncounted.
    func tickets(_ text: String, glance: Int? = nil) throws -> [PaletteCandidate] {
        total = MatchTotal(count: 0)
        if let number = TypedNumber(text) {
            return try ticket(number.value).map { [$0] } ?? []
        }
        return try unlessFruitless(.ticket, text) {
            let rows: [TicketSummary]
            if let glance {
                rows = try database.tickets.glance(matching: text, limit: glance)
            } else {
                let search = try database.tickets.prepareSearch(TicketQueueQuery(), matching: text, countCap: Self.countCap)
                total = MatchTotal(count: search.count, isCapped: search.isCountCapped)
                rows = try database.tickets.page(search, after: nil, limit: limit)
            }
            return rows.map { row in
                PaletteCandidate(title: "#\(row.id) \(row.subject)", detail: Self.joined([tr("ticket"), row.customerName, row.status.displayName]),
                                 key: "", completion: "ticket \(row.id)", command: .open(.ticket(row.id)))
            }
        }
    }

    func ticket(_ id: Int64) throws -> PaletteCandidate? {
        guard let ticket = try database.tickets.find(id: id) else { return nil }
        let customer = try database.customers.find(id: ticket.customerID)?.fields.name ?? ""
        return PaletteCandidate(title: "#\(ticket.id) \(ticket.subject)", detail: Self.joined([tr("ticket"), customer, ticket.status.displayName]),
                                key: "", completion: "ticket \(ticket.id)", command: .open(.ticket(ticket.id)))
    }

    /// The deal numbered `id`, as its number typed alone finds it.
    func deal(_ id: Int64) throws -> PaletteCandidate? {
        try database.deals.summary(id: id).map(Self.candidate)
    }

    static func candidate(_ row: DealSummary) -> PaletteCandidate {
        PaletteCandidate(title: row.title,
                         detail: joined([tr("deal #{0}", row.id), row.customerName, row.stage.displayName, Money.format(cents: row.valueCents)]),
                         key: "", completion: "deal \(row.id)", command: .open(.deal(row.id)))
    }

    func deals(_ text: String, counting: Bool = false) throws -> [PaletteCandidate] {
        total = MatchTotal(count: 0)
        return try unlessFruitless(.deal, text) {
            let found = try database.deals.search(text, limit: limit)
            if counting, found.count >= limit {
                let counted = try database.deals.count(matching: text, cap: Self.countCap)
                total = MatchTotal(count: max(counted.count, found.count), isCapped: counted.isCapped)
            } else {
                total = MatchTotal(count: found.count)
            }
            return found.map(Self.candidate)
        }
    }

    /// The product with exactly this SKU or EAN first (a scanner's input),
    /// then products whose SKU begins with the text or whose name holds it.
    func products(_ text: String, counting: Bool = false) throws -> [PaletteCandidate] {
        let repository = database.products
        var found: [Product] = []
        if let exact = try repository.find(code: text) { found.append(exact) }
        found += try unlessFruitless(.product, text) {
            try repository.page(.all, text: text, after: nil, limit: limit)
        }.filter { row in !found.contains { $0.id == row.id } }
        // Products are a catalogue, not a customer base: the inventory
        // list counts its filter's matches in full, and so does this.
        total = MatchTotal(count: found.count)
        if counting, found.count >= limit { total = MatchTotal(count: max(found.count, try repository.count(ProductListQuery(view: .all, text: text)))) }
        return found.prefix(limit).map(Self.candidate)
    }

    func product(code: String) throws -> PaletteCandidate? {
        try database.products.find(code: code).map(Self.candidate)
    }

    func staff(_ text: String) throws -> [PaletteCandidate] {
        try unlessFruitless(.staff, text) {
            try session.staffDirectory.page(StaffListQuery(view: .all, text: text), after: nil, limit: limit).map { row in
                let member = row.member
                return PaletteCandidate(title: member.fullName,
                                        detail: Self.joined([tr("staff"), member.username, member.role.displayName, member.department,
                                                             member.active ? "" : tr("inactive")]),
                                        key: "", completion: "staff \(member.fullName)", command: .open(.staff(member.id)))
            }
        }
    }

    // MARK: Everything at once

    /// Free words typed into the palette: customers, tickets (by subject or
    /// customer, and by what their messages say), deals, invoices,
    /// products and colleagues, each kind a group of a few, the groups
    /// whose best hit begins with the words first. The key column names
    /// each group at its first line.
    ///
    /// `wanted` is asked before each kind is searched: a search the
    /// person has typed past stops there and finds nothing, rather than
    /// keeping the queue from the line they are typing now.
    func everything(_ text: String, wanted: () -> Bool = { true }) throws -> [PaletteCandidate] {
        var groups: [(name: String, rows: [PaletteCandidate])] = []
        func add(_ name: String, _ rows: () throws -> [PaletteCandidate]) throws {
            if wanted() { groups.append((name, try rows())) }
        }
        try add(tr("Customers")) { try customers(text, limit: 5) }
        try add(tr("Tickets")) {
            var tickets = try self.tickets(text, glance: 3)
            for hit in try messages(text) where !tickets.contains(where: { $0.command == hit.command }) { tickets.append(hit) }
            return Array(tickets.prefix(5))
        }
        try add(tr("Deals")) { Array(try deals(text).prefix(3)) }
        try add(tr("Invoices")) { try invoices(matching: text) }
        try add(tr("Products")) { Array(try products(text).prefix(3)) }
        try add(tr("Staff")) { Array(try staff(text).prefix(3)) }
        guard wanted() else { return [] }
        let words = TextFolding.fold(text)
        func leads(_ rows: [PaletteCandidate]) -> Bool {
            guard let title = rows.first.map({ TextFolding.fold($0.title) }) else { return false }
            return title.hasPrefix(words) || title.split(separator: " ").contains { $0.hasPrefix(words) }
        }
        let ranked = groups.enumerated().filter { !$0.element.rows.isEmpty }
            .sorted { (leads($0.element.rows) ? 0 : 1, $0.offset) < (leads($1.element.rows) ? 0 : 1, $1.offset) }
        return ranked.flatMap { _, group in
            group.rows.enumerated().map { index, row in
                var row = row
                if index == 0 { row.key = group.name }
                return row
            }
        }
    }

    /// Tickets by the words of their messages, open or closed. Whole words:
    /// a text that found nothing may find something once a word is
    /// complete, so no fruitless text is remembered here.
    func messages(_ text: String) throws -> [PaletteCandidate] {
        try database.tickets.searchMessages(text, limit: 3).map { hit in
            PaletteCandidate(title: "#\(hit.ticketID) \(hit.subject)",
                             detail: Self.joined([tr("message"), hit.excerpt, hit.customerName, hit.status.displayName]),
                             key: "", completion: "ticket \(hit.ticketID)", command: .open(.ticket(hit.ticketID)))
        }
    }

    /// Invoices of customers the words find, as the invoice list's filter finds them.
    func invoices(matching text: String) throws -> [PaletteCandidate] {
        try unlessFruitless(.invoice, text) {
            let repository = database.invoices
            return try repository.page(repository.prepare(InvoiceQuery(text: text)), after: nil, limit: 3).map(Self.candidate)
        }
    }

    // MARK: Pieces

    private func unlessFruitless<T>(_ kind: Search, _ text: String, _ search: () throws -> [T]) throws -> [T] {
        let words = !text.contains(where: \.isNumber)
        if words, let earlier = fruitless[kind], text.hasPrefix(earlier) { return [] }
        let found = try search()
        fruitless[kind] = found.isEmpty && words ? text : nil
        return found
    }

    static func candidate(_ row: InvoiceSummary) -> PaletteCandidate {
        let number = InvoicesScreen.numberLabel(row)
        let kind = row.kind == .creditNote ? tr("credit note") : tr("invoice", meaning: "a kind of record")
        // As the list says it: part paid is not just "issued", overpaid not just "paid".
        // Lower case inside the line in English; German keeps its nouns' capitals ("Entwurf").
        let status = InvoicesScreen.statusText(row, today: CalendarDate.today(), wide: true)
        let state = Language.current == .english ? status.lowercased() : status
        return PaletteCandidate(title: number, detail: joined([kind, row.customerName, Money.format(cents: row.grossCents), state]),
                                key: "", completion: "inv \(number)", command: .open(.invoice(row.id)))
    }

    static func candidate(_ product: Product) -> PaletteCandidate {
        let fields = product.fields
        return PaletteCandidate(title: "\(fields.sku) \(fields.name)",
                                detail: joined([tr("product"), tr("{0} {1} on hand", product.onHand, fields.unit), Money.format(cents: product.priceCents),
                                                fields.active ? "" : tr("inactive")]),
                                key: "", completion: "sku \(fields.sku)", command: .open(.product(product.id)))
    }

    static func joined(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
