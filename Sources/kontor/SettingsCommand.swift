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
            vat-id, tax-number, bank, payment-terms (days), allow-negative-stock (yes/no); for invoices and \
            e-invoices: country, contact, phone, email, electronic-address, iban, bic, small-business (yes/no: §19 UStG), \
            language (de or en: the printed invoice's words).
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
                case "country": settings.country = value.uppercased()
                case "contact": settings.contactName = value
                case "phone": settings.phone = value
                case "email": settings.email = value
                case "electronic-address": settings.electronicAddress = value
                case "iban": settings.iban = IBAN.normalized(value)
                case "bic": settings.bic = value.uppercased().filter { !$0.isWhitespace }
                case "language":
                    guard let language = DocumentWords.Language(rawValue: value) else { throw ValidationError("language expects de or en, got '\(value)'") }
                    settings.documentLanguage = language
                case "small-business":
                    guard ["yes", "no"].contains(value) else { throw ValidationError("small-business expects yes or no, got '\(value)'") }
                    settings.smallBusiness = value == "yes"
                case "allow-negative-stock":
                    guard ["yes", "no"].contains(value) else { throw ValidationError("allow-negative-stock expects yes or no, got '\(value)'") }
                    settings.allowNegativeStock = value == "yes"
                default:
                    throw ValidationError("unknown setting '\(key)'; keys are name, address, vat-id, tax-number, bank, payment-terms, allow-negative-stock, country, contact, phone, email, electronic-address, iban, bic, small-business, language")
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
            print("country               \(settings.country)")
            print("contact               \(settings.contactName)")
            print("phone                 \(settings.phone)")
            print("email                 \(settings.email)")
            print("electronic-address    \(settings.electronicAddress)")
            print("iban                  \(settings.iban)")
            print("bic                   \(settings.bic)")
            print("small-business        \(settings.smallBusiness ? "yes" : "no")")
            print("language              \(settings.documentLanguage.rawValue)")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}
