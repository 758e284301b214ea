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
            language (de or en: the printed invoice's words), skonto (the usual early-payment discount: "2 % 10" \
            for 2 % within 10 days, or none); for mail: mail-queues ("support=support@firma.de, \
            billing=rechnung@firma.de": the address each queue sends from), mail-default-queue, mail-tag (# gives [#1234]), \
            sendmail (the command, default /usr/sbin/sendmail -t -i), signature (\\n for line breaks), \
            mail-acknowledge (yes/no: answer new tickets by mail automatically), mail-attachment-limit (KiB).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("set"), help: ArgumentHelp("A setting to change.", valueName: "key=value"))
    var changes: [String] = []

    /// One `--set key=value` of the mail settings, or nil for a company key.
    static func mailEdit(_ change: String) throws -> ((inout MailSettings) -> Void)? {
        guard let equals = change.firstIndex(of: "=") else { return nil }
        let key = String(change[..<equals]), value = String(change[change.index(after: equals)...])
        switch key {
        case "mail-queues": return { $0.queueAddresses = MailSettings.queueAddresses(from: value) }
        case "mail-default-queue": return { $0.defaultQueue = value }
        case "mail-tag": return { $0.tagPrefix = value }
        case "sendmail": return { $0.sendmailCommand = value }
        case "signature": return { $0.signature = value.replacingOccurrences(of: "\\n", with: "\n") }
        case "mail-acknowledge":
            guard ["yes", "no"].contains(value) else { throw ValidationError("mail-acknowledge expects yes or no, got '\(value)'") }
            return { $0.acknowledgeNewTickets = value == "yes" }
        case "mail-attachment-limit":
            guard let kib = Int(value) else { throw ValidationError("mail-attachment-limit expects a number of KiB, got '\(value)'") }
            return { $0.attachmentLimitKiB = kib }
        default: return nil
        }
    }

    /// One `--set key=value`, checked for its form before anything is read.
    static func edit(_ change: String) throws -> (inout CompanySettings) -> Void {
        guard let equals = change.firstIndex(of: "=") else { throw ValidationError("--set expects key=value, got '\(change)'") }
        let key = String(change[..<equals]), value = String(change[change.index(after: equals)...])
        switch key {
        case "name": return { $0.name = value }
        case "address": return { $0.address = value.replacingOccurrences(of: "\\n", with: "\n") }
        case "vat-id": return { $0.vatID = value.uppercased().filter { !$0.isWhitespace } }
        case "tax-number": return { $0.taxNumber = value }
        case "bank": return { $0.bank = value }
        case "payment-terms":
            guard let days = Int(value) else { throw ValidationError("payment-terms expects a number of days, got '\(value)'") }
            return { $0.paymentTermsDays = days }
        case "country": return { $0.country = value.uppercased() }
        case "contact": return { $0.contactName = value }
        case "phone": return { $0.phone = value }
        case "email": return { $0.email = value }
        case "electronic-address": return { $0.electronicAddress = value }
        case "iban": return { $0.iban = IBAN.normalized(value) }
        case "bic": return { $0.bic = value.uppercased().filter { !$0.isWhitespace } }
        case "language":
            guard let language = DocumentWords.Language(rawValue: value) else { throw ValidationError("language expects de or en, got '\(value)'") }
            return { $0.documentLanguage = language }
        case "skonto":
            switch SkontoTerms.parse(value) {
            case .success(let terms): return { $0.skonto = terms }
            case .failure(let error): throw ValidationError("skonto \(error.problem), got '\(value)'")
            }
        case "small-business":
            guard ["yes", "no"].contains(value) else { throw ValidationError("small-business expects yes or no, got '\(value)'") }
            return { $0.smallBusiness = value == "yes" }
        case "allow-negative-stock":
            guard ["yes", "no"].contains(value) else { throw ValidationError("allow-negative-stock expects yes or no, got '\(value)'") }
            return { $0.allowNegativeStock = value == "yes" }
        default:
            throw ValidationError("unknown setting '\(key)'; keys are name, address, vat-id, tax-number, bank, payment-terms, allow-negative-stock, country, contact, phone, email, electronic-address, iban, bic, small-business, language, skonto, mail-queues, mail-default-queue, mail-tag, sendmail, signature, mail-acknowledge, mail-attachment-limit")
        }
    }

    func run() throws {
        let mailEdits = try changes.compactMap(Self.mailEdit)
        let edits = try changes.filter { try Self.mailEdit($0) == nil }.map(Self.edit)
        let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
        do {
            let session = try db.session(for: Identity.actor())
            // Only the keys given are written, read and changed in one
            // transaction: a colleague's change to another key stays.
            let settings = edits.isEmpty ? try session.settings() : try session.updateSettings { settings in
                for edit in edits { edit(&settings) }
            }
            let mail = mailEdits.isEmpty ? try session.mailSettings() : try session.updateMailSettings { settings in
                for edit in mailEdits { edit(&settings) }
            }
            say("name                  \(settings.name)")
            say("address               \(settings.address.replacingOccurrences(of: "\n", with: " / "))")
            say("vat-id                \(settings.vatID)")
            say("tax-number            \(settings.taxNumber)")
            say("bank                  \(settings.bank)")
            say("payment-terms         \(settings.paymentTermsDays) days")
            say("allow-negative-stock  \(settings.allowNegativeStock ? "yes" : "no")")
            say("country               \(settings.country)")
            say("contact               \(settings.contactName)")
            say("phone                 \(settings.phone)")
            say("email                 \(settings.email)")
            say("electronic-address    \(settings.electronicAddress)")
            say("iban                  \(settings.iban)")
            say("bic                   \(settings.bic)")
            say("small-business        \(settings.smallBusiness ? "yes" : "no")")
            say("language              \(settings.documentLanguage.rawValue)")
            say("skonto                \(settings.skonto.map { "\($0.percentText) % within \($0.days) days" } ?? "none")")
            say("mail-queues           \(mail.queueAddresses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
            say("mail-default-queue    \(mail.defaultQueue)")
            say("mail-tag              \(mail.tagPrefix)")
            say("sendmail              \(mail.sendmailCommand)")
            say("signature             \(mail.signature.replacingOccurrences(of: "\n", with: " / "))")
            say("mail-acknowledge      \(mail.acknowledgeNewTickets ? "yes" : "no")")
            say("mail-attachment-limit \(mail.attachmentLimitKiB) KiB")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}
