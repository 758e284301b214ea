import Foundation
import KontorCSV
import GRDB

/// Generates a year of business for the demo: contacts, products and their
/// ledger, deals, invoices with payments and credit notes, tickets with their
/// threads — day by day, so that invoice numbers, stock and payments follow
/// the calendar as they would in real life.
///
/// It writes with prepared statements into bare tables (the seeder drops
/// indexes and triggers first and builds them once at the end), and keeps
/// string work per row to a minimum: this is what makes a million customers
/// a coffee break rather than an afternoon.
struct DemoBusiness {
    var random: DemoRandom
    let db: Database
    let actor: String
    let customers: Int
    /// Payment terms per customer (index = id − 1).
    var terms: [Int]
    /// How each customer is taxed (index = id − 1).
    let buyers: [DemoBuyer]
    let front: [Int64]
    let back: [Int64]
    let today: String
    /// Midnight UTC of each of the 365 days, the last one today.
    let dayStart: [Int]
    let dayText: [String]
    /// The moment the demo is made (epoch seconds): nothing in it happens
    /// later, so today holds what the day has brought so far.
    let now: Int
    /// The time of each product's last ledger line: its lines read in the
    /// order they were entered, as the running balance does.
    var lastMove: [Int: Int] = [:]
    private(set) var rows = 0

    // Products, by id − 1.
    var onHand: [Int] = []
    var productPrice: [Int] = []
    var productRate: [VATRate] = []
    var productName: [String] = []
    var productUnit: [String] = []
    var lowStock: Set<Int> = []

    /// Where rows are written (at once, or queued by the year's own thread).
    var out: DemoRowOutput
    /// Each table's statement, on the database's thread.
    let writer: DemoRowWriter
    /// The last ids given, counted: rows that refer to an invoice or a
    /// ticket are made before it is written (see `DemoRowOutput`).
    var lastInvoiceID: Int64
    var lastTicketID: Int64
    var invoiceCounter = 0
    var creditCounter = 0
    /// Whether the invoice just written was cancelled by credit note.
    var lastInvoiceCancelled = false
    /// The year the counters count in; numbers restart with each calendar year.
    var counterYear = ""

    /// Won deals invoiced on the day they closed, by day index.
    var wonByDay: [[(deal: Int64, customer: Int, lines: [(product: Int, quantity: Int, price: Int)])]]

    init(db: Database, random: DemoRandom, actor: String, customers: Int, terms: [Int], buyers: [DemoBuyer], staff: [Role: [Int64]],
         now moment: Date) throws {
        self.buyers = buyers
        self.db = db
        self.random = random
        self.actor = actor
        self.customers = customers
        self.terms = terms
        front = (staff[.front] ?? []) + (staff[.manager] ?? [])
        back = (staff[.back] ?? []) + (staff[.admin] ?? [])
        today = CalendarDate.string(from: moment)
        now = Int(moment.timeIntervalSince1970)
        let todayStart = Timestamp.epochSeconds(ofDay: today)!
        dayStart = (0..<365).map { todayStart - (364 - $0) * 86_400 }
        dayText = dayStart.map { Timestamp.day(epochSeconds: $0) }
        wonByDay = Array(repeating: [], count: 365)
        writer = try DemoRowWriter(db)
        out = DemoRowOutput(writing: writer)
        lastInvoiceID = try writer.lastID("invoices")
        lastTicketID = try writer.lastID("tickets")
    }

    /// A moment of a day (epoch seconds), never after `now`.
    func moment(_ day: Int, _ secondsIntoDay: Int) -> Int { min(now, dayStart[day] + secondsIntoDay) }
    func time(_ day: Int, _ secondsIntoDay: Int) -> String { Timestamp.string(epochSeconds: moment(day, secondsIntoDay)) }

    // MARK: Contacts

    /// Each contact written once, with the words it is found by: the main
    /// contact of every customer, and a second one in accounts for about a
    /// quarter of the firms, in the order of their customers. (Inserting
    /// them by SQL and writing their words after cost a second write of
    /// 1.25 million rows at a million customers.)
    mutating func seedContacts() throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO contacts (customer_id, name, role, email, phone, is_primary, created_at, updated_at, updated_by, search_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func write(_ source: String) throws {
            let rows = try Row.fetchCursor(db, sql: source)
            while let row = try rows.next() {
                let name: String = row["name"], email: String = row["email"], phone: String = row["phone"]
                let created: String = row["created_at"]
                try insert.execute(arguments: [row["id"], name, row["role"], email, phone, row["is_primary"], created, created, actor,
                                               ContactSearch.searchText(name: name, email: email, phone: phone)])
                self.rows += 1
            }
        }
        try write("""
            SELECT id, contact_name AS name, 'Ansprechpartner' AS role, email, phone, 1 AS is_primary, created_at
            FROM customers WHERE contact_name <> '' ORDER BY id
            """)
        try write("""
            SELECT id, 'Buchhaltung' AS name, 'Rechnungsempfang' AS role, 'buchhaltung@' || substr(email, instr(email, '@') + 1) AS email,
                   phone, 0 AS is_primary, created_at
            FROM customers WHERE kind = 'company' AND email <> '' AND id % 4 = 0 ORDER BY id
            """)
    }

    // MARK: Products

    mutating func seedProducts(count: Int) throws {
        let insert = try RowInserter(db, sql: """
            INSERT INTO products (sku, ean, name, unit, price_cents, vat_rate_bp, cost_cents, reorder_point, on_hand, active, stocked,
                                  search_text, created_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
            """)
        let created = time(0, 8 * 3600)
        for index in 0..<count {
            let base = DemoCatalog.products[index % DemoCatalog.products.count]
            let variant = index / DemoCatalog.products.count
            let name = variant == 0 ? base.0 : "\(base.0) · Sorte \(variant + 1)"
            let price = base.2 + variant * 37
            let ean = Self.ean13(base: 400_000_000_000 + index)
            let active = index % 53 != 52
            let sku = "\(base.4)-\(Timestamp.pad4(index + 1))"
            try insert.insert(
                sku, ean, name, base.1, price, base.3.rawValue, price * 6 / 10,
                base.1 == "Std" || base.1 == "Psch" || base.1 == "Mon" ? 0 : 10 + index % 40, active,
                !(base.1 == "Std" || base.1 == "Psch" || base.1 == "Mon"),
                ProductRepository.searchText(sku: sku, ean: ean, name: name), created, created, actor)
            rows += 1
            onHand.append(0)
            productPrice.append(price)
            productRate.append(base.3)
            productName.append(name)
            productUnit.append(base.1)
            if index % 17 == 3 { lowStock.insert(index) }
        }
        // Opening stock on the first day of the year.
        for index in 0..<count where !isService(index) {
            try move(product: index, quantity: lowStock.contains(index) ? 30 : 400 + random.int(0..<400), kind: "receipt",
                     reference: "Eröffnungsbestand", day: 0, second: 7 * 3600)
        }
    }

    /// Stores each product's on hand, the sum of the moves written above.
    func writeOnHand() throws {
        let update = try db.makeStatement(sql: "UPDATE products SET on_hand = ? WHERE id = ?")
        for (index, quantity) in onHand.enumerated() {
            update.setUncheckedArguments([quantity, Int64(index + 1)])
            try update.execute()
        }
    }

    /// The date `days` after day `day` (which may run past today).
    func date(_ day: Int, plus days: Int) -> String { Timestamp.day(epochSeconds: dayStart[day] + days * 86_400) }

    func isService(_ product: Int) -> Bool { ["Std", "Psch", "Mon"].contains(productUnit[product]) }

    mutating func move(product: Int, quantity: Int, kind: String, reason: String = "", invoice: Int64? = nil, reference: String, day: Int, second: Int) throws {
        let at = max(moment(day, second), lastMove[product] ?? 0)
        lastMove[product] = at
        try out.write(.stockMove, Int64(product + 1), quantity, kind, reason, invoice, reference, actor, Timestamp.string(epochSeconds: at))
        onHand[product] += quantity
        rows += 1
    }

    /// Takes goods out for an invoice, restocking first when a delivery
    /// would have been due (as a real warehouse would have ordered).
    mutating func issue(product: Int, quantity: Int, invoice: Int64, number: String, day: Int, second: Int) throws {
        guard !isService(product) else { return }
        if onHand[product] < quantity {
            let delivery = lowStock.contains(product) ? quantity + 5 : quantity + 150 + random.int(0..<200)
            try move(product: product, quantity: delivery, kind: "receipt", reference: "LS-\(day)\(product)", day: day, second: second)
        }
        try move(product: product, quantity: -quantity, kind: "issue", invoice: invoice, reference: number, day: day, second: second)
    }

    // MARK: Deals

    mutating func seedDeals(count: Int) throws {
        let insertDeal = try RowInserter(db, sql: """
            INSERT INTO deals (customer_id, title, stage, value_cents, probability, expected_close, owner_id, next_activity,
                               lead_source, lost_reason, closed_at, created_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertDealLine = try RowInserter(db, sql: """
            INSERT INTO deal_lines (deal_id, position, product_id, description, quantity_milli, unit_price_cents, vat_rate_bp)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let stages: [(String, Int)] = [("lead", 20), ("qualified", 15), ("proposal", 15), ("negotiation", 10), ("won", 25), ("lost", 15)]
        for index in 0..<count {
            var roll = random.int(0..<100)
            var stage = "lead"
            for (name, share) in stages { if roll < share { stage = name; break }; roll -= share }
            let customer = random.int(0..<customers)
            let closed = stage == "won" || stage == "lost"
            let created = closed ? random.int(0..<330) : random.int(200..<365)
            let closeDay = min(364, created + random.int(7..<35))
            var lines: [(product: Int, quantity: Int, price: Int)] = []
            for _ in 0..<(1 + random.int(0..<3)) {
                let product = random.int(0..<onHand.count)
                lines.append((product, isService(product) ? 1 + random.int(0..<8) : 1 + random.int(0..<12), productPrice[product]))
            }
            let value = lines.reduce(0) { $0 + $1.quantity * $1.price }
            let expected = closed ? dayText[closeDay] : date(364, plus: random.int(5..<120))
            let nextActivity: String? = closed ? nil : random.chance(0.15) ? nil : date(364, plus: random.int(-20..<30))
            try insertDeal.insert(
                Int64(customer + 1), "\(random.pick(DemoCatalog.dealTitles)) \(index % 97 + 1)", stage, value,
                random.chance(0.1) ? random.int(5..<95) : nil, expected, random.pick(front), nextActivity,
                random.pick(DemoCatalog.leadSources), stage == "lost" ? random.pick(DemoCatalog.lostReasons) : "",
                closed ? time(closeDay, 15 * 3600) : nil, time(created, 10 * 3600), time(closed ? closeDay : created, 15 * 3600), actor)
            rows += 1
            let deal = db.lastInsertedRowID
            for (position, line) in lines.enumerated() {
                try insertDealLine.insert(deal, position + 1, Int64(line.product + 1), productName[line.product], line.quantity * 1000, line.price, productRate[line.product].rawValue)
                rows += 1
            }
            if stage == "won", random.chance(0.85) {
                wonByDay[closeDay].append((deal, customer, lines))
            }
        }
    }

    // MARK: The year, day by day

    /// The year, made on a thread of its own while this one writes it
    /// (`DemoRowOutput`): making the rows was about half of the year's
    /// time. The draws are made in the same order as before, so a seed
    /// gives the same year; the maker's state is taken back at the end.
    mutating func seedYear(invoices: Int, tickets: Int, onOneThread: Bool = false, day progress: (Int) -> Void = { _ in }) throws {
        if onOneThread { return try makeYear(invoices: invoices, tickets: tickets) }
        let queue = ReadAhead<[DemoRowEvent]>(depth: 8)
        var maker = self
        maker.out = DemoRowOutput(queue: queue)
        let handover = YearHandover(maker)
        let thread = Thread {
            do {
                try handover.business.makeYear(invoices: invoices, tickets: tickets)
                try handover.business.out.flush()
                queue.finish()
            } catch {
                queue.finish(error)
            }
        }
        thread.name = "kontor demo year"
        thread.start()
        defer { queue.stop() }
        while let batch = try queue.next() {
            for event in batch {
                switch event {
                case let .day(day): progress(day)
                case let .row(table, values, id): try writer.write(table, values, id: id)
                }
            }
        }
        // The maker set its state before it said it was done.
        let writer = writer
        self = handover.business
        out = DemoRowOutput(writing: writer)
    }

    /// The year's rows, day by day, into `out`.
    mutating func makeYear(invoices: Int, tickets: Int) throws {
        for day in 0..<365 {
            out.day(day)
            for won in wonByDay[day] {
                // Not yet invoiced today, or cancelled and so released, as
                // cancelling does: won, to be invoiced again.
                guard let invoice = try invoice(customer: won.customer, day: day, deal: won.deal, lines: won.lines), !lastInvoiceCancelled else { continue }
                try out.write(.dealInvoice, invoice, won.deal)
            }
            let perDay = invoices / 365 + (random.int(0..<365) < invoices % 365 ? 1 : 0)
            for _ in 0..<perDay {
                var lines: [(product: Int, quantity: Int, price: Int)] = []
                for _ in 0..<(1 + random.int(0..<3)) {
                    let product = random.int(0..<onHand.count)
                    lines.append((product, isService(product) ? 1 + random.int(0..<4) : 1 + random.int(0..<10), productPrice[product]))
                }
                try invoice(customer: random.int(0..<customers), day: day, deal: nil, lines: lines)
            }
            let ticketsToday = tickets / 365 + (random.int(0..<365) < tickets % 365 ? 1 : 0)
            for _ in 0..<ticketsToday { try ticket(day: day) }
        }
        // A few products end the year below their reorder point.
        for product in lowStock.sorted() where !isService(product) && onHand[product] >= 10 {
            try move(product: product, quantity: -(onHand[product] - random.int(0..<5)), kind: "adjustment",
                     reason: "Inventurdifferenz", reference: "Inventur", day: 364, second: 7 * 3600)
        }
    }

    /// An invoice of `day` at a time of its business hours; nil when that
    /// time (and the half hour a cancellation takes) is later than `now`.
    @discardableResult
    mutating func invoice(customer: Int, day: Int, deal: Int64?, lines sold: [(product: Int, quantity: Int, price: Int)]) throws -> Int64? {
        let age = 364 - day
        let second = 9 * 3600 + random.int(0..<(8 * 3600))
        guard dayStart[day] + second + 1800 <= now else { return nil }
        let buyer = buyers[customer]
        // Outside the EU, services to a business are not taxable here and
        // may not share an invoice with exported goods: such an invoice
        // carries the goods only.
        var lines = sold
        if buyer == .foreignBusiness, lines.contains(where: { !isService($0.product) }) { lines.removeAll { isService($0.product) } }
        // Some hours are billed by the half hour.
        let quantities = lines.map { line in
            Quantity(milli: line.quantity * 1000 - (productUnit[line.product] == "Std" && (line.product + day) % 3 == 0 ? 500 : 0))
        }
        let taxes = lines.map { buyer.tax(isGoods: !isService($0.product), rate: productRate[$0.product]) }
        // Eight pieces or more of a product earn 5 % off the line.
        let discounts = lines.indices.map { i in
            isService(lines[i].product) || lines[i].quantity < 8 ? 0 : (quantities[i].times(cents: lines[i].price) * 5 + 50) / 100
        }
        let nets = lines.indices.map { quantities[$0].times(cents: lines[$0].price) - discounts[$0] }
        let totals = InvoiceTotals(lines: lines.indices.map { (nets[$0], taxes[$0].rate, taxes[$0].category) })
        let isDraft = age < 10 && random.chance(0.35)
        let cancelled = !isDraft && random.chance(0.03)
        lastInvoiceCancelled = cancelled
        let number: String? = isDraft ? nil : nextNumber(day: day)
        let due = date(day, plus: terms[customer])
        var paid = 0
        var payments: [(amount: Int, day: Int)] = []
        if !isDraft && !cancelled {
            let dueDay = day + terms[customer]
            let overdue = dueDay < 364
            if overdue ? random.chance(0.88) : random.chance(0.35) {
                let payDay = min(364, day + random.int(1..<max(2, terms[customer] + (overdue ? 20 : 2))))
                if random.chance(0.15) {
                    let first = totals.grossCents / 2
                    payments = [(first, min(364, payDay)), (totals.grossCents - first, min(364, payDay + random.int(1..<15)))]
                } else {
                    payments = [(totals.grossCents, payDay)]
                }
            } else if overdue && random.chance(0.3) {
                payments = [(totals.grossCents / 3, min(364, day + random.int(5..<30)))]
            }
            paid = payments.reduce(0) { $0 + $1.amount }
        }
        let status = isDraft ? "draft" : cancelled ? "cancelled" : paid >= totals.grossCents ? "paid" : "issued"
        // A cancelled invoice was never paid here: its credit note sets off all of it.
        if cancelled { paid = totals.grossCents }
        // Businesses on 30 days' terms are offered 2 % Skonto within 10 days (no further draw: the rest stays as it was).
        let skonto = !isDraft && terms[customer] == 30 ? SkontoTerms(percentBP: 200, days: 10) : nil
        lastInvoiceID += 1
        let id = lastInvoiceID
        try out.write(
            .invoice, id: id, "invoice", number, status, Int64(customer + 1), deal, nil,
            isDraft ? nil : dayText[day], isDraft ? nil : dayText[day], isDraft ? nil : due,
            totals.netCents, totals.vatCents, totals.grossCents, paid, "", time(day, second - 600), time(day, second), actor,
            skonto?.percentBP ?? 0, skonto?.days ?? 0)
        rows += 1
        for (position, line) in lines.enumerated() {
            try out.write(.invoiceLine, id, position + 1, Int64(line.product + 1), productName[line.product], quantities[position].milli,
                                  productUnit[line.product], UnitCode.fromLegacy(productUnit[line.product]).rawValue, line.price,
                                  taxes[position].category.rawValue, taxes[position].rate.rawValue, taxes[position].exemption,
                                  discounts[position], discounts[position] == 0 ? "" : "Mengenrabatt 5 %", nets[position])
            rows += 1
            if let number { try issue(product: line.product, quantity: line.quantity, invoice: id, number: number, day: day, second: second) }
        }
        for payment in payments {
            try out.write(.payment, id, "payment", payment.amount, dayText[payment.day], random.chance(0.8) ? "transfer" : "direct_debit",
                                     number ?? "", nil, actor, time(payment.day, 11 * 3600))
            rows += 1
        }
        if cancelled, let number {
            creditCounter += 1
            let creditNumber = "CN-\(dayText[day].prefix(4))-\(Self.pad5(creditCounter))"
            lastInvoiceID += 1
            let note = lastInvoiceID
            try out.write(
                .invoice, id: note, "credit_note", creditNumber, "paid", Int64(customer + 1), deal, id, dayText[day], dayText[day], dayText[day],
                -totals.netCents, -totals.vatCents, -totals.grossCents, -totals.grossCents, "Storno zu Rechnung \(number): Falsche Menge geliefert",
                time(day, second + 1800), time(day, second + 1800), actor, 0, 0)
            rows += 1
            // The settlement pair, as cancelling writes it: nothing stays open on either.
            try out.write(.payment, id, "settlement", totals.grossCents, dayText[day], "offset", creditNumber, note, actor, time(day, second + 1800))
            try out.write(.payment, note, "settlement", -totals.grossCents, dayText[day], "offset", number, id, actor, time(day, second + 1800))
            rows += 2
            for (position, line) in lines.enumerated() {
                try out.write(.invoiceLine, note, position + 1, Int64(line.product + 1), productName[line.product], -quantities[position].milli,
                                      productUnit[line.product], UnitCode.fromLegacy(productUnit[line.product]).rawValue, line.price,
                                      taxes[position].category.rawValue, taxes[position].rate.rawValue, taxes[position].exemption,
                                      discounts[position], discounts[position] == 0 ? "" : "Mengenrabatt 5 %", -nets[position])
                rows += 1
                if !isService(line.product) {
                    try move(product: line.product, quantity: line.quantity, kind: "return", invoice: note, reference: creditNumber, day: day, second: second + 1800)
                }
            }
        }
        return id
    }

    mutating func nextNumber(day: Int) -> String {
        let year = String(dayText[day].prefix(4))
        if year != counterYear {
            counterYear = year
            invoiceCounter = 0
            creditCounter = 0
        }
        invoiceCounter += 1
        return "\(dayText[day].prefix(4))-\(Self.pad5(invoiceCounter))"
    }

    // MARK: Tickets

    /// Tickets older than this are all resolved or closed: a demo shows a
    /// queue being worked, not requests a year past their due time.
    static let oldestOpenTicketDays = 45

    mutating func ticket(day: Int) throws {
        let age = 364 - day
        let customer = Int64(random.int(0..<customers) + 1)
        let subject = random.pick(DemoCatalog.ticketSubjects)
        let priorityRoll = random.int(0..<100)
        let priority: TicketPriority = priorityRoll < 10 ? .urgent : priorityRoll < 30 ? .high : priorityRoll < 85 ? .normal : .low
        let target = TicketSLA.target(for: priority)
        let created = dayStart[day] + 8 * 3600 + random.int(0..<(9 * 3600))
        let firstDue = created + target.firstResponseHours * 3600
        let resolutionDue = created + target.resolutionHours * 3600
        let statusRoll = random.int(0..<100)
        var status: String
        if age < 3 { status = statusRoll < 45 ? "new" : statusRoll < 80 ? "open" : statusRoll < 92 ? "pending" : "resolved" }
        else if age < 30 { status = statusRoll < 8 ? "new" : statusRoll < 30 ? "open" : statusRoll < 42 ? "pending" : statusRoll < 70 ? "resolved" : "closed" }
        else if age < Self.oldestOpenTicketDays {
            status = statusRoll < 2 ? "open" : statusRoll < 4 ? "pending" : statusRoll < 15 ? "resolved" : "closed"
        } else {
            // A business that is looked after has no ticket open for months.
            status = statusRoll < 15 ? "resolved" : "closed"
        }
        let assignee: Int64? = status == "new" && random.chance(0.7) ? nil : random.pick(front)
        let firstResponse = created + 600 + random.int(0..<(target.firstResponseHours * 3600 + 3600))
        let resolvedAt = firstResponse + random.int(3600..<(target.resolutionHours * 3600 + 86_400))
        // What would happen after now has not happened yet: a request not
        // yet made, an answer not yet given, a ticket not yet solved.
        guard created <= now else { return }
        if resolvedAt > now, status == "resolved" || status == "closed" { status = "open" }
        if firstResponse > now { status = "new" }
        let responded = status != "new"
        let resolved = status == "resolved" || status == "closed"
        let open = !resolved
        let pendingUntil: String? = status == "pending" ? date(364, plus: random.int(1..<10)) : nil
        let slaDue = open ? (responded ? resolutionDue : firstDue) : nil
        let last = resolved ? resolvedAt : responded ? firstResponse : created
        lastTicketID += 1
        let id = lastTicketID
        try out.write(
            .ticket, id: id, subject.0, customer, subject.1, status, pendingUntil, priority.rawValue, assignee,
            Timestamp.string(epochSeconds: firstDue), Timestamp.string(epochSeconds: resolutionDue),
            responded ? Timestamp.string(epochSeconds: firstResponse) : nil, resolved ? Timestamp.string(epochSeconds: resolvedAt) : nil,
            pendingUntil.map(TicketSLA.pendingDeadline) ?? slaDue.map { Timestamp.string(epochSeconds: $0) },
            Timestamp.string(epochSeconds: created), Timestamp.string(epochSeconds: last), actor)
        rows += 1
        try message(id, "customer", nil, "Kunde", random.pick(DemoCatalog.customerMessages), created)
        if responded {
            let agent = assignee ?? random.pick(front)
            if random.chance(0.4) { try message(id, "note", agent, "Team", random.pick(DemoCatalog.notes), firstResponse - 300) }
            try message(id, "reply", agent, "Team", random.pick(DemoCatalog.replies), firstResponse)
            if resolved { try message(id, "reply", agent, "Team", "Wir schließen die Anfrage. Melden Sie sich gern jederzeit wieder.", resolvedAt) }
        }
    }

    mutating func message(_ ticket: Int64, _ kind: String, _ author: Int64?, _ name: String, _ body: String, _ at: Int) throws {
        try out.write(.message, ticket, kind, author, name, body, Timestamp.string(epochSeconds: at))
        rows += 1
    }

    // MARK: Helpers

    static func pad5(_ n: Int) -> String {
        let digits = String(n)
        return digits.count >= 5 ? digits : String(repeating: "0", count: 5 - digits.count) + digits
    }

    /// A valid EAN-13 from 12 digits.
    static func ean13(base: Int) -> String {
        let body = String(base)
        var sum = 0
        for (offset, ch) in body.reversed().enumerated() { sum += ch.wholeNumberValue! * (offset % 2 == 0 ? 3 : 1) }
        return body + String((10 - sum % 10) % 10)
    }
}

/// The year's maker, handed to its thread and back: written by that
/// thread alone until it says it is done (`ReadAhead.finish`).
private final class YearHandover: @unchecked Sendable {
    var business: DemoBusiness
    init(_ business: DemoBusiness) { self.business = business }
}
