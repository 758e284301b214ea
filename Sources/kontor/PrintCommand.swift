import ArgumentParser
import KontorModel

/// `kontor print NUMBER`: an invoice or credit note as text on standard
/// output (`ssh kontor@server print 2026-00042 > rechnung.txt`).
struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print an issued invoice or credit note as text.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The invoice number (2026-00042, or CN-2026-00001 for a credit note).") var number: String

    func run() throws {
        let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
        do {
            _ = try db.session(for: Identity.actor())
            guard let invoice = try db.invoices.lookup(number: number, limit: 5).first(where: { $0.number?.uppercased() == number.uppercased() }) else {
                throw KontorFailure("there is no invoice or credit note numbered '\(number)'")
            }
            print(try db.invoices.document(for: invoice.id).text, terminator: "")
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}
