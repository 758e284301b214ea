import GRDB
import KontorBankFiles

/// A transfer that pays dunning fees along with invoices: a customer who
/// got a letter pays what it claimed, the invoice and the fee in one
/// amount, naming the invoice ("RE 2026-00042") or the letter ("Mahnung
/// 12", "Mahnung-00012"). It is booked only when the amount is exactly the
/// invoices' open amount (or that less their Skonto) plus fees open of the
/// same customer — those of the letters named, else all of them — so that
/// a fee is never paid by a guess; anything else is matched as before.
extension BankMatcher {
    struct FeeAllocation {
        var feeID: Int64
        /// "Mahnung-00012".
        var letter: String
        var amountCents: Int
    }

    /// An open fee as the matcher weighs it.
    struct OpenFee {
        var id: Int64
        var customerID: Int64
        var letterID: Int64
        var letter: String
        var openCents: Int
    }

    /// The letters the entry names, by number: "Mahnung 12", "Mahnung-00012", "Mahnung Nr. 12".
    static func letterNumbers(in text: String) -> [Int64] {
        let words = text.uppercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        var found: [Int64] = []
        for (index, word) in words.enumerated() where ["MAHNUNG", "MAHNSCHREIBEN", "ZAHLUNGSERINNERUNG"].contains(word) {
            var next = index + 1
            if next < words.count, ["NR", "NUMMER"].contains(words[next]) { next += 1 }
            guard next < words.count, (1...7).contains(words[next].count), words[next].allSatisfy(\.isASCII),
                  let number = Int64(words[next]), number > 0, !found.contains(number) else { continue }
            found.append(number)
        }
        return found
    }

    /// The text without the letters it names, so that "Mahnung Nr. 12" is
    /// not read as invoice 12 of the year.
    /// Scanned by hand: a regex literal is parsed again on every call, which
    /// for a statement of 10 000 entries was a third of the import's time.
    static func withoutLetterNumbers(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func lower(_ i: Int) -> UInt32 {
            let value = scalars[i].value
            return (65...90).contains(value) ? value + 32 : value
        }
        /// The end of `word` (ASCII, lower case) at `i`, ignoring case.
        func word(_ word: String, at i: Int) -> Int? {
            var j = i
            for letter in word.unicodeScalars {
                guard j < scalars.count, lower(j) == letter.value else { return nil }
                j += 1
            }
            return j
        }
        func skipSeparators(_ i: Int) -> Int {
            var j = i
            while j < scalars.count, scalars[j].properties.isWhitespace || ".:#-".unicodeScalars.contains(scalars[j]) { j += 1 }
            return j
        }
        func isDigit(_ i: Int) -> Bool { i < scalars.count && (48...57).contains(scalars[i].value) }
        var kept = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let named = ["mahnung", "mahnschreiben", "zahlungserinnerung"].lazy.compactMap({ word($0, at: i) }).first {
                var j = skipSeparators(named)
                if let label = word("nummer", at: j) ?? word("nr", at: j) {
                    let after = skipSeparators(label)
                    if isDigit(after) { j = after }
                }
                var k = j
                while isDigit(k) && k - j < 7 { k += 1 }
                if k > j {
                    kept.append(" ")
                    i = k
                    continue
                }
            }
            kept.append(scalars[i])
            i += 1
        }
        return String(kept)
    }

    /// The open fees of the letters the entry names.
    func feesOfLetters(named entry: BankEntry) throws -> [OpenFee] {
        let numbers = Self.letterNumbers(in: entry.remittance + " " + entry.endToEndID).prefix(20)
        guard !numbers.isEmpty else { return [] }
        return try Self.openFees(db, where: "f.letter_id IN (\(numbers.map { _ in "?" }.joined(separator: ", ")))",
                                 arguments: StatementArguments(Array(numbers)))
    }

    /// Every fee still open of these customers, oldest first.
    func openFees(ofCustomers ids: Set<Int64>) throws -> [OpenFee] {
        guard !ids.isEmpty else { return [] }
        return try Self.openFees(db, where: "f.customer_id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))",
                                 arguments: StatementArguments(Array(ids)))
    }

    private static func openFees(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [OpenFee] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT f.id, f.customer_id, f.letter_id, l.file_name, f.amount_cents - f.paid_cents AS open
            FROM dunning_fees f JOIN dunning_letters l ON l.id = f.letter_id
            WHERE \(condition) AND f.paid_cents < f.amount_cents ORDER BY f.id LIMIT 50
            """), arguments: arguments).map {
            OpenFee(id: $0["id"], customerID: $0["customer_id"], letterID: $0["letter_id"], letter: $0["file_name"], openCents: $0["open"])
        }
    }

    /// The issued invoices still open that the letters dunned.
    func openInvoices(dunnedBy letterIDs: Set<Int64>) throws -> [Invoice] {
        guard !letterIDs.isEmpty else { return [] }
        return try Invoice.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM invoices WHERE id IN (SELECT invoice_id FROM dunning_notices WHERE letter_id IN (\(letterIDs.map { _ in "?" }.joined(separator: ", "))))
            AND kind = 'invoice' AND status = 'issued' ORDER BY due_date, id
            """), arguments: StatementArguments(Array(letterIDs)))
    }

    /// The invoices' payments and fee payments that make exactly `amount`:
    /// the fees of the letters named, else every fee open of the invoices'
    /// customers, paid in full on top of what `exactly` settles the
    /// invoices with. Nil when no such sum is the amount.
    func exactlyWithFees(_ amount: Int, pays invoices: [Invoice], namedFees: [OpenFee],
                         settle: (Int, [Invoice]) throws -> [Allocation]?) throws -> (allocations: [Allocation], fees: [FeeAllocation])? {
        let customers = Set(invoices.map(\.customerID))
        let ownNamed = namedFees.filter { customers.isEmpty || customers.contains($0.customerID) }
        var candidates: [[OpenFee]] = []
        if !ownNamed.isEmpty { candidates.append(ownNamed) }
        let all = try openFees(ofCustomers: customers.isEmpty ? Set(namedFees.map(\.customerID)) : customers)
        if !all.isEmpty, all.map(\.id) != ownNamed.map(\.id) { candidates.append(all) }
        for fees in candidates {
            let feeCents = fees.reduce(0) { $0 + $1.openCents }
            let rest = amount - feeCents
            guard rest >= 0 else { continue }
            let allocations: [Allocation]
            if invoices.isEmpty {
                guard rest == 0 else { continue }
                allocations = []
            } else {
                guard rest > 0, let settled = try settle(rest, invoices) else { continue }
                allocations = settled
            }
            return (allocations, fees.map { FeeAllocation(feeID: $0.id, letter: $0.letter, amountCents: $0.openCents) })
        }
        return nil
    }
}
