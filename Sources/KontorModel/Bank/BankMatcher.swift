import KontorLocale
import Foundation

import GRDB
import KontorBankFiles

/// Decides what one bank entry is, inside the importing transaction:
///
/// - a credit naming open invoices (by number, however written) whose open
///   amounts it covers exactly, or exactly less the Skonto they offer when
///   it was paid in time, is **booked**, as is one that covers them and
///   the customer's open dunning fees exactly, or names a dunning letter
///   and pays its invoices and fee (`DunningFeeMatching.swift`); one naming
///   them but for another amount is **proposed** (a part payment, or more
///   than is open);
/// - a credit naming no open invoice is matched by its payer (the account
///   it came from, learnt from earlier bookings, else the name) and exact
///   amount: one invoice, or all of the payer's open ones together, is
///   booked; several that fit are proposed; an amount that fits one open
///   invoice of anybody is proposed;
/// - a debit paying back exactly what a credit note or overpaid invoice
///   owes, named or of the same payee, is booked as its refund;
/// - everything else, returned direct debits among it, is **unmatched**,
///   with the reason.
struct BankMatcher {
    let db: Database

    enum Kind { case sure, proposed, unmatched }

    struct Allocation {
        /// As read in the matching transaction: its booking reads it no more.
        var invoice: Invoice
        /// Positive a payment, negative a refund.
        var amountCents: Int
        var skontoCents: Int = 0
        var invoiceID: Int64 { invoice.id }
        var number: String { invoice.number! }
    }

    struct Decision {
        var kind: Kind
        var allocations: [Allocation] = []
        /// Dunning fees the same transfer pays (booked only when sure).
        var fees: [FeeAllocation] = []
        /// Default interest a letter claimed that the same transfer pays (booked only when sure).
        var interest: InterestAllocation? = nil
        var note: String
    }

    func decide(_ entry: BankEntry) throws -> Decision {
        entry.amountCents > 0 ? try credit(entry) : try debit(entry)
    }

    // MARK: Money in

    private func credit(_ entry: BankEntry) throws -> Decision {
        let amount = entry.amountCents
        let named = try documents(named: entry)
        let open = named.filter { $0.kind == .invoice && $0.status == .issued }
        let namedFees = try feesOfLetters(named: entry)
        let settle = { (rest: Int, invoices: [Invoice]) in try exactly(rest, pays: invoices, on: entry.bookingDate) }
        if !open.isEmpty {
            let names = open.map { $0.number! }.joined(separator: ", ")
            // Money booked before the invoice was written (a statement of
            // years ago, a mistyped number): for a person to look at.
            if let later = open.first(where: { ($0.issueDate ?? "") > entry.bookingDate }) {
                return Decision(kind: .proposed, allocations: try exactly(amount, pays: open, on: entry.bookingDate)
                                    ?? [Allocation(invoice: later, amountCents: amount)],
                                note: tr("names {0}, issued on {1}, after this payment of {2}: check it", later.number!,
                                         CalendarDate.german(later.issueDate!), CalendarDate.german(entry.bookingDate)))
            }
            if let exact = try exactly(amount, pays: open, on: entry.bookingDate) {
                return Decision(kind: .sure, allocations: exact, note: tr("names {0}", names))
            }
            if let paid = try exactlyWithFees(amount, pays: open, namedFees: namedFees, settle: settle) {
                return Decision(kind: .sure, allocations: paid.allocations, fees: paid.fees,
                                note: tr("names {0}, with the dunning fee of {1}", names, paid.fees.map(\.letter).joined(separator: ", ")))
            }
            var letters = try claimingLetters(named: entry)
            if letters.isEmpty, let newest = try newestClaimingLetter(of: open) { letters = [newest] }
            if let paid = try exactlyWithInterest(amount, pays: open, letters: letters, namedFees: namedFees, settle: settle) {
                return Decision(kind: .sure, allocations: paid.allocations, fees: paid.fees, interest: paid.interest,
                                note: tr("names {0}, with what {1} claimed", names, paid.interest.letter))
            }
            // Less the Skonto, though its period has ended: whether to
            // grant it is a person's call, so proposed with it.
            if let late = try exactly(amount, pays: open, on: entry.bookingDate, late: true),
               let days = open.map({ $0.daysAfterSkonto(on: entry.bookingDate) }).max(), days > 0 {
                return Decision(kind: .proposed, allocations: late, note: Wording.count(
                    days, one: "names {1}, less its Skonto, though paid {0} day after the Skonto period: y grants it, n books a part payment",
                    other: "names {1}, less its Skonto, though paid {0} days after the Skonto period: y grants it, n books a part payment", [names]))
            }
            var rest = amount
            var allocations: [Allocation] = []
            for invoice in open where rest > 0 {
                let part = min(rest, invoice.grossCents - invoice.paidCents)
                allocations.append(Allocation(invoice: invoice, amountCents: part))
                rest -= part
            }
            // More than is open: the rest is the customer's, booked on the
            // last invoice as paid too much (owed back), never dropped.
            if rest > 0, !allocations.isEmpty { allocations[allocations.count - 1].amountCents += rest }
            let owing = open.reduce(0) { $0 + $1.grossCents - $1.paidCents }
            return Decision(kind: .proposed, allocations: allocations, note: rest > 0
                ? tr("names {0}, but is {1} more than the {2} open: the customer is owed it back", names, Money.format(cents: rest), Money.format(cents: owing))
                : tr("names {0}, but pays {1} of the {2} open", names, Money.format(cents: amount), Money.format(cents: owing)))
        }
        let claiming = try claimingLetters(named: entry)
        if !claiming.isEmpty {
            let dunned = try openInvoices(dunnedBy: Set(claiming.map(\.id)))
            if !dunned.isEmpty, let paid = try exactlyWithInterest(amount, pays: dunned, letters: claiming, namedFees: namedFees, settle: settle) {
                return Decision(kind: .sure, allocations: paid.allocations, fees: paid.fees, interest: paid.interest,
                                note: tr("names {0}: what it claimed", paid.interest.letter))
            }
        }
        if !namedFees.isEmpty {
            let letters = Set(namedFees.map(\.letter)).sorted().joined(separator: ", ")
            let dunned = try openInvoices(dunnedBy: Set(namedFees.map(\.letterID)))
            if !dunned.isEmpty, let paid = try exactlyWithFees(amount, pays: dunned, namedFees: namedFees, settle: settle) {
                return Decision(kind: .sure, allocations: paid.allocations, fees: paid.fees,
                                note: tr("names {0}: its invoices and the dunning fee of {1}", letters, paid.fees.map(\.letter).joined(separator: ", ")))
            }
            if let paid = try exactlyWithFees(amount, pays: [], namedFees: namedFees, settle: settle) {
                return Decision(kind: .sure, fees: paid.fees, note: tr("names {0}: the dunning fee of {1}", letters, paid.fees.map(\.letter).joined(separator: ", ")))
            }
        }
        let payer = try customers(of: entry)
        if !payer.ids.isEmpty {
            let theirs = try Invoice.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM invoices WHERE customer_id IN (\(payer.ids.map { _ in "?" }.joined(separator: ", ")))
                AND kind = 'invoice' AND status = 'issued' ORDER BY due_date, id LIMIT 200
                """), arguments: StatementArguments(payer.ids))
            var fitting: [[Allocation]] = []
            for invoice in theirs { if let one = try exactly(amount, pays: [invoice], on: entry.bookingDate) { fitting.append(one) } }
            if fitting.count == 1 {
                return Decision(kind: .sure, allocations: fitting[0], note: tr("by amount and the payer's {0}", payer.how))
            }
            if fitting.count > 1 {
                return Decision(kind: .proposed, allocations: fitting[0],
                                note: tr("{0} open invoices of the payer ({1}) are open for exactly this amount: the oldest proposed", fitting.count, payer.how))
            }
            if (2...20).contains(theirs.count), let all = try exactly(amount, pays: theirs, on: entry.bookingDate) {
                return Decision(kind: .sure, allocations: all, note: tr("all {0} open invoices of the payer ({1})", theirs.count, payer.how))
            }
        }
        if let closed = named.first {
            return Decision(kind: .unmatched, note: closed.kind == .creditNote ? tr("names {0}, which is a credit note", closed.number!) : tr("names {0}, which is {1}", closed.number!, closed.status.displayName.lowercased()))
        }
        // A dunning letter named again after its claim was settled (paid
        // twice, say): said so, not "names no invoice".
        if let letter = try settledLetters(named: entry).first {
            return Decision(kind: .unmatched, note: tr("names {0}, whose invoices and fees are paid", letter))
        }
        let byAmount = try Invoice.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM invoices WHERE status = 'issued' AND kind = 'invoice' AND gross_cents - paid_cents = ? LIMIT 2
            """), arguments: [amount])
        if byAmount.count == 1, let invoice = byAmount.first {
            return Decision(kind: .proposed, allocations: [Allocation(invoice: invoice, amountCents: amount)],
                            note: tr("by amount alone: check that {0} paid it", invoice.buyer.name))
        }
        return Decision(kind: .unmatched, note: byAmount.isEmpty ? tr("names no invoice, and none is open for exactly this amount")
                                                                 : tr("names no invoice, and several are open for exactly this amount"))
    }

    /// The letters the entry names (by their file names) whose invoices
    /// and fees are all paid.
    private func settledLetters(named entry: BankEntry) throws -> [String] {
        let numbers = Self.letterNumbers(in: entry.remittance + " " + entry.endToEndID).prefix(20)
        guard !numbers.isEmpty else { return [] }
        return try String.fetchAll(db, SQLRequest<String>(literal: """
            SELECT l.file_name FROM dunning_letters l WHERE l.id IN (\(SQLiteSpecific.idList(numbers)))
            AND NOT EXISTS (SELECT 1 FROM dunning_notices n JOIN invoices i ON i.id = n.invoice_id
                            WHERE n.letter_id = l.id AND i.status = 'issued')
            AND NOT EXISTS (SELECT 1 FROM dunning_fees f WHERE f.letter_id = l.id AND f.paid_cents < f.amount_cents)
            ORDER BY l.id
            """))
    }

    /// The payments that settle `invoices` with exactly `amount`: each paid
    /// in full, or each less the Skonto it still offers on `date` (or, when
    /// `late`, offered at all: for a person to grant after the period).
    private func exactly(_ amount: Int, pays invoices: [Invoice], on date: String, late: Bool = false) throws -> [Allocation]? {
        let open = invoices.map { $0.grossCents - $0.paidCents }
        if open.reduce(0, +) == amount {
            return zip(invoices, open).map { Allocation(invoice: $0, amountCents: $1) }
        }
        var allocations: [Allocation] = []
        var total = 0
        for (invoice, owing) in zip(invoices, open) {
            guard let deadline = invoice.skontoDeadline, date <= deadline || late else { return nil }
            let skonto = invoice.skontoCents - (try InvoiceRepository.skontoTaken(db, invoiceID: invoice.id))
            guard skonto > 0, owing > skonto else { return nil }
            allocations.append(Allocation(invoice: invoice, amountCents: owing - skonto, skontoCents: skonto))
            total += owing - skonto
        }
        return total == amount ? allocations : nil
    }

    // MARK: Money out

    private func debit(_ entry: BankEntry) throws -> Decision {
        if let reason = entry.returnReason {
            return Decision(kind: .unmatched, note: reason.isEmpty ? tr("returned: the payment it takes back is undone by hand") : tr("returned ({0}): the payment it takes back is undone by hand", reason))
        }
        let amount = -entry.amountCents
        let owing = try documents(named: entry).filter { $0.owedToCustomerCents > 0 }
        if let exact = owing.first(where: { $0.owedToCustomerCents == amount }) {
            return Decision(kind: .sure, allocations: [Allocation(invoice: exact, amountCents: -amount)],
                            note: tr("refunds {0}", exact.number!))
        }
        if let some = owing.first {
            return Decision(kind: .proposed, allocations: [Allocation(invoice: some, amountCents: -min(amount, some.owedToCustomerCents))],
                            note: tr("names {0}, which owes {1} back, not {2}", some.number!, Money.format(cents: some.owedToCustomerCents), Money.format(cents: amount)))
        }
        let payee = try customers(of: entry)
        if !payee.ids.isEmpty {
            let theirs = try Invoice.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM invoices WHERE customer_id IN (\(payee.ids.map { _ in "?" }.joined(separator: ", "))) AND status <> 'draft'
                AND paid_cents <> gross_cents ORDER BY id DESC LIMIT 200
                """), arguments: StatementArguments(payee.ids)).filter { $0.owedToCustomerCents == amount }
            if theirs.count == 1, let document = theirs.first {
                return Decision(kind: .sure, allocations: [Allocation(invoice: document, amountCents: -amount)],
                                note: tr("refunds {0}, by amount and the payee's {1}", document.number!, payee.how))
            }
        }
        return Decision(kind: .unmatched, note: tr("money out that refunds nothing Kontor knows"))
    }

    // MARK: Who and what

    /// The issued documents the entry names, in the order named.
    private func documents(named entry: BankEntry) throws -> [Invoice] {
        let year = Int(entry.bookingDate.prefix(4)) ?? 2026
        let numbers = InvoiceReferences.candidates(in: Self.withoutLetterNumbers(entry.remittance + " " + entry.endToEndID), years: [year, year - 1])
        return try numbers.prefix(20).compactMap { number in
            try Invoice.fetchOne(db.cachedStatement(sql: "SELECT * FROM invoices WHERE number = ? AND status <> 'draft'"), arguments: [number])
        }
    }

    /// The customers the money came from or went to: the account, if a
    /// booking taught it, else customers whose name is the counterparty's
    /// (case, accents, "ue" for "ü" and punctuation aside).
    private func customers(of entry: BankEntry) throws -> (ids: [Int64], how: String) {
        if !entry.counterpartyIBAN.isEmpty,
           let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT customer_id FROM bank_counterparties WHERE iban = ?"), arguments: [entry.counterpartyIBAN]) {
            return ([id], tr("account"))
        }
        // The list's index, by the whole name folded (case and accents aside), as written and with
        // "ae", "oe", "ue" read as umlauts ("MUELLER GMBH" is "Müller GmbH").
        let folded = TextFolding.sortKey(entry.counterpartyName)
        guard folded.count >= 3 else { return ([], "") }
        let keys = Array(Set([folded, Self.umlautsRead(folded)]))
        let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM customers WHERE archived = 0 AND sort_key IN (\(keys.map { _ in "?" }.joined(separator: ", "))) LIMIT 20"),
                                     arguments: StatementArguments(keys))
        return (ids, ids.isEmpty ? "" : tr("name"))
    }

    /// "mueller gmbh" → "muller gmbh": how a folded name reads when its
    /// umlauts were written as two letters (folding makes "ü" a "u").
    /// One pass over the bytes, for every entry of a statement: "ae", "oe"
    /// and "ue" each lose their "e" (what replacing them in turn gives).
    static func umlautsRead(_ folded: String) -> String {
        let bytes = Array(folded.utf8)
        var read: [UInt8] = []
        read.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            read.append(byte)
            let vowel = byte == UInt8(ascii: "a") || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u")
            index += vowel && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "e") ? 2 : 1
        }
        return String(decoding: read, as: UTF8.self)
    }
}
