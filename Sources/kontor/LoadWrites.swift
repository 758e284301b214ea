import Foundation
import KontorModel

/// The saves a simulated member of staff makes. They go through the
/// model's calls that the screens' forms and keys end in (`take`,
/// `addMessage`, `moveForward`, `issue`, `recordPayment`, `receive`,
/// `update`), on the session's own connection and thread, between its
/// keys: the same transactions, permission checks and audit lines as a
/// person's save, without steering each screen's form by keys (which
/// would tie the load test to every form's layout). A save someone else
/// made first (a conflict) is read again and retried once, as a person
/// does with Ctrl-R.
final class LoadWrites {
    let session: Session
    var database: KontorDatabase { session.database }
    /// This session's own customer, whose notes hold its counter.
    let counter: Int64
    var random: SeededRandom
    /// The ticket this session took last, which its replies go to.
    private var myTicket: Int64?
    /// The invoice this session issued last, which its payments go to.
    private var myInvoice: Int64?

    init(session: Session, counter: Int64, seed: UInt64) {
        self.session = session
        self.counter = counter
        random = SeededRandom(seed: seed)
    }

    /// Thrown when there was nothing to act on (no open ticket, no deal to
    /// move, no stocked product): not timed as a save, counted as skipped.
    struct NothingToDo: Error {}

    static let kinds = ["counter", "take ticket", "reply", "move deal", "issue invoice", "payment", "receive stock"]

    /// The next save's kind: the counter first, so that even a short run checks for lost updates.
    func nextKind(first: Bool) -> String {
        first ? "counter" : Self.kinds.randomElement(using: &random)!
    }

    /// Does one save of `kind`; returns the conflicts met (0 or 1). Throws what a person would be shown.
    func perform(_ kind: String) throws -> Int {
        switch kind {
        case "take ticket": return try retrying { try takeTicket() }
        case "reply":
            if myTicket == nil { _ = try retrying { try takeTicket() } }
            return try retrying { try reply() }
        case "move deal": return try retrying { try moveDeal() }
        case "issue invoice": try issueInvoice(); return 0
        case "payment":
            if myInvoice == nil { try issueInvoice() }
            try pay()
            return 0
        case "receive stock": try receiveStock(); return 0
        default: return try Stress.increment(counter: counter, by: session)
        }
    }

    /// Runs `body`; on a conflict once more with what is stored now.
    private func retrying(_ body: () throws -> Void) throws -> Int {
        do {
            try body()
            return 0
        } catch KontorError.conflict {
            try body()
            return 1
        }
    }

    private func takeTicket() throws {
        let open = try database.tickets.page(TicketQueueQuery(), after: nil, limit: 30)
        guard let pick = open.randomElement(using: &random), let ticket = try database.tickets.find(id: pick.id) else { throw NothingToDo() }
        _ = try database.tickets.take(id: ticket.id, expectedVersion: ticket.version, by: session)
        myTicket = ticket.id
    }

    private func reply() throws {
        guard let id = myTicket, let ticket = try database.tickets.find(id: id) else { throw NothingToDo() }
        _ = try database.tickets.addMessage(to: id, kind: .reply, body: "Danke für Ihre Nachricht, wir kümmern uns darum.",
                                            expectedVersion: ticket.version, by: session)
    }

    private func moveDeal() throws {
        let stage = [DealStage.lead, .qualified, .proposal, .negotiation].randomElement(using: &random)!
        let deals = try database.deals.page(stage: stage, order: .close, after: nil, limit: 20).filter { $0.invoiceID == nil }
        guard let deal = deals.randomElement(using: &random) else { throw NothingToDo() }
        let current = try database.deals.find(id: deal.id)?.version ?? deal.version
        // Back from negotiation, so that the board keeps deals to move.
        if stage == .negotiation {
            _ = try database.deals.moveBack(id: deal.id, expectedVersion: current, by: session)
        } else {
            _ = try database.deals.moveForward(id: deal.id, expectedVersion: current, by: session)
        }
    }

    private func issueInvoice() throws {
        let draft = try database.invoices.createDraft(customerID: counter, lines: [
            InvoiceLineInput(description: "Beratung (Lasttest)", quantity: 1, unit: "h", unitPriceCents: 10_000),
        ], by: session)
        let issued = try database.invoices.issue(draft.id, expectedVersion: draft.version, by: session)
        myInvoice = issued.id
    }

    private func pay() throws {
        guard let id = myInvoice, let invoice = try database.invoices.find(id: id) else { throw NothingToDo() }
        if invoice.openCents == 0 {
            try issueInvoice()
            return try pay()
        }
        _ = try database.invoices.recordPayment(to: id, amountCents: min(invoice.openCents, 2_500), reference: "Lasttest", by: session)
    }

    private func receiveStock() throws {
        // What runs low is what arrives; the first page of all products may
        // hold services only (a demo's sorts by SKU: "ANF-…" are travel fees).
        var products = try database.products.page(.lowStock, after: nil, limit: 30)
        if products.isEmpty { products = try database.products.page(.active, after: nil, limit: 500).filter(\.fields.stocked) }
        guard let product = products.randomElement(using: &random) else { throw NothingToDo() }
        _ = try database.products.receive(productID: product.id, quantity: 5, reference: "Lasttest", by: session)
    }
}
