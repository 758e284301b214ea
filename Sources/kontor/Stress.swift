import ArgumentParser
import Foundation
import KontorLocale
import KontorModel

/// `kontor stress`: many writers at once, from separate processes, as on a
/// busy server. The test suite starts several of these on one database and
/// checks that invoice numbers stay gapless and no update is lost. Acts as
/// the account that runs it, like every other command.
struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Write concurrently to a database: issue invoices and increment a counter (for tests and load checks)."),
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp("The database.", valueName: "path"))
    var db: String

    @Option(name: .long, help: "The customer to invoice and whose notes hold the counter.")
    var customer: Int64

    @Option(name: .long, help: "Invoices to create and issue.")
    var invoices: Int = 10

    @Option(name: .long, help: "Increments of the counter, each a read-modify-write with optimistic locking.")
    var increments: Int = 10

    func run() throws {
        let database = try KontorDatabase(path: db)
        let session = try database.session(for: Actor.current())
        var numbers: [String] = []
        var conflicts = 0
        for i in 0..<max(invoices, increments) {
            if i < invoices {
                let draft = try database.invoices.createDraft(customerID: customer, lines: [
                    InvoiceLineInput(description: "Lasttest \(getpid())-\(i)", quantity: 1, unit: "h", unitPriceCents: 10_000),
                ], by: session)
                let issued = try database.invoices.issue(draft.id, expectedVersion: draft.version, by: session)
                numbers.append(issued.number ?? "?")
            }
            if i < increments {
                conflicts += try Self.increment(counter: customer, by: session)
            }
        }
        print("numbers: \(numbers.joined(separator: " "))")
        print("conflicts: \(conflicts)")
    }

    /// One read-modify-write of the counter in the customer's notes with
    /// optimistic locking, retried until it lands; returns the conflicts
    /// met. The check for lost updates of `kontor stress` and of the load test.
    static func increment(counter customer: Int64, by session: Session) throws -> Int {
        let customers = session.database.customers
        var conflicts = 0
        while true {
            guard let current = try customers.find(id: customer) else { throw KontorFailure("counter customer \(customer) is gone") }
            var fields = current.fields
            fields.notes = String((Int(fields.notes) ?? 0) + 1)
            do {
                try customers.update(id: customer, fields, expectedVersion: current.version, by: session)
                return conflicts
            } catch KontorError.conflict {
                conflicts += 1
            }
        }
    }
}
