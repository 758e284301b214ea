import ArgumentParser
import Foundation
import KontorModel

/// `kontor settings`: the company's own data, printed on every invoice.
/// Everyone may read it; only an admin's account may change it.
struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or change the company settings (name, address, VAT id, tax number, bank, payment terms).",
        discussion: """
            Change with --set KEY=VALUE, repeated as needed. Keys: name, address (\\n for line breaks), \
            vat-id, tax-number, bank, payment-terms (days), allow-negative-stock (yes/no).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("set"), help: ArgumentHelp("A setting to change.", valueName: "key=value"))
    var changes: [String] = []

    func run() throws {
        let db = try database.open(defaultName: "kontor.sqlite")
        do {
            let session = try db.session(for: Actor.current())
            var settings = try session.settings()
            for change in changes {
                guard let equals = change.firstIndex(of: "=") else { throw ValidationError("--set expects key=value, got '\(change)'") }
                let key = String(change[..<equals]), value = String(change[change.index(after: equals)...])
                switch key {
                case "name": settings.name = value
                case "address": settings.address = value.replacingOccurrences(of: "\\n", with: "\n")
                case "vat-id": settings.vatID = value.uppercased().filter { !$0.isWhitespace }
                case "tax-number": settings.taxNumber = value
                case "bank": settings.bank = value
                case "payment-terms":
                    guard let days = Int(value) else { throw ValidationError("payment-terms expects a number of days, got '\(value)'") }
                    settings.paymentTermsDays = days
                case "allow-negative-stock":
                    guard ["yes", "no"].contains(value) else { throw ValidationError("allow-negative-stock expects yes or no, got '\(value)'") }
                    settings.allowNegativeStock = value == "yes"
                default:
                    throw ValidationError("unknown setting '\(key)'; keys are name, address, vat-id, tax-number, bank, payment-terms, allow-negative-stock")
                }
            }
            if !changes.isEmpty { try session.saveSettings(settings) }
            print("name                  \(settings.name)")
            print("address               \(settings.address.replacingOccurrences(of: "\n", with: " / "))")
            print("vat-id                \(settings.vatID)")
            print("tax-number            \(settings.taxNumber)")
            print("bank                  \(settings.bank)")
            print("payment-terms         \(settings.paymentTermsDays) days")
            print("allow-negative-stock  \(settings.allowNegativeStock ? "yes" : "no")")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}
