import ArgumentParser
import Foundation
import KontorLocale
import KontorModel
import KontorText

/// `kontor settings`: the company's own data, printed on every invoice.
/// Everyone may read it; only an admin's account may change it.
struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Show or change the company settings (name, address, VAT id, tax number, bank, payment terms)."),
        discussion: tr("Change with --set KEY=VALUE, repeated as needed. Keys: name, address ({1} for line breaks), vat-id, tax-number, bank, payment-terms (days), allow-negative-stock (yes/no); for invoices and e-invoices: country, contact, phone, email, electronic-address, iban, bic, small-business (yes/no: §19 UStG), language (de or en: the printed invoice's words), skonto (the usual early-payment discount: \"2 % 10\" for 2 % within 10 days, or none); for dunning runs: dunning-days (days overdue from which the reminder, 1st, 2nd and final notice are due: \"1 15 31 61\"), dunning-fees (each level's fee: \"0 5,00 5,00 10,00\"), dunning-wait (days between two letters about one invoice), dunning-pay-within (days the letter gives), base-rate (the Bundesbank's base rate and the day it holds from: \"1,27 2025-07-01\"); for the tax advisor's DATEV: datev-consultant (Beraternummer), datev-client (Mandantennummer), datev-fiscal-year-start (MM-DD, 01-01 unless set), datev-chart (SKR03 or SKR04), datev-account-length (4 to 8, usually 4), datev-account-ACCOUNT (an account the export books onto, kept elsewhere by the advisor: its number at the account length, empty for the chart's again; ACCOUNT is one of {0}); for mail: mail-queues (\"support=support@firma.de, billing=rechnung@firma.de\": the address each queue sends from), mail-default-queue, mail-tag (# gives [#1234]), sendmail (the command, default /usr/sbin/sendmail -t -i), signature ({1} for line breaks), mail-acknowledge (yes/no: answer new tickets by mail automatically), mail-attachment-limit (KiB).", DATEVAccount.allCases.map(\.rawValue).joined(separator: ", "), "\\n")
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("set"), help: ArgumentHelp(tr("A setting to change."), valueName: "key=value"))
    var changes: [String] = []

    /// One `--set key=value` of the mail settings, or nil for a company key.
    static func mailEdit(_ change: String) throws -> ((inout MailSettings) -> Void)? {
        guard let equals = change.firstIndex(of: "=") else { return nil }
        let key = String(change[..<equals]), value = String(change[change.index(after: equals)...])
        switch key {
        case "mail-queues":
            if let problem = MailSettings.queueAddressProblem(value) { throw ValidationError(tr("mail-queues: {0}", problem)) }
            return { $0.queueAddresses = MailSettings.queueAddresses(from: value) }
        case "mail-default-queue": return { $0.defaultQueue = value }
        case "mail-tag": return { $0.tagPrefix = value.isEmpty ? "#" : value }  // as read back: empty means the usual #
        case "sendmail": return { $0.sendmailCommand = value }
        case "signature": return { $0.signature = value.replacingOccurrences(of: "\\n", with: "\n") }
        case "mail-acknowledge":
            guard ["yes", "no"].contains(value) else { throw ValidationError(tr("mail-acknowledge expects yes or no, got '{0}'", value)) }
            return { $0.acknowledgeNewTickets = value == "yes" }
        case "mail-attachment-limit":
            guard let kib = Int(value) else { throw ValidationError(tr("mail-attachment-limit expects a number of KiB, got '{0}'", value)) }
            return { $0.attachmentLimitKiB = kib }
        default: return nil
        }
    }

    /// One `--set key=value`, checked for its form before anything is read.
    static func edit(_ change: String) throws -> (inout CompanySettings) -> Void {
        guard let equals = change.firstIndex(of: "=") else { throw ValidationError(tr("--set expects key=value, got '{0}'", change)) }
        let key = String(change[..<equals]), value = String(change[change.index(after: equals)...])
        switch key {
        case "name": return { $0.name = value }
        case "address": return { $0.address = value.replacingOccurrences(of: "\\n", with: "\n") }
        case "vat-id": return { $0.vatID = value.uppercased().filter { !$0.isWhitespace } }
        case "tax-number": return { $0.taxNumber = value }
        case "bank": return { $0.bank = value }
        case "payment-terms":
            guard let days = Int(value) else { throw ValidationError(tr("payment-terms expects a number of days, got '{0}'", value)) }
            return { $0.paymentTermsDays = days }
        case "country": return { $0.country = value.uppercased() }
        case "contact": return { $0.contactName = value }
        case "phone": return { $0.phone = value }
        case "email": return { $0.email = value }
        case "electronic-address": return { $0.electronicAddress = value }
        case "iban": return { $0.iban = IBAN.normalized(value) }
        case "bic": return { $0.bic = value.uppercased().filter { !$0.isWhitespace } }
        case "language":
            guard let language = DocumentWords.Language(rawValue: value) else { throw ValidationError(tr("language expects de or en, got '{0}'", value)) }
            return { $0.documentLanguage = language }
        case "skonto":
            switch SkontoTerms.parse(value) {
            case .success(let terms): return { $0.skonto = terms }
            case .failure(let error): throw ValidationError(tr("skonto {0}, got '{1}'", error.problem, value))
            }
        case "datev-consultant", "datev-client":
            let number: Int?
            if value.isEmpty || value == "none" { number = nil } else {
                guard let typed = Int(value) else { throw ValidationError(tr("{0} expects a number, got '{1}'", key, value)) }
                number = typed
            }
            return key == "datev-consultant" ? { $0.datev.consultant = number } : { $0.datev.client = number }
        case "datev-fiscal-year-start":
            guard let start = MonthDay(typed: value) else { throw ValidationError(tr("datev-fiscal-year-start expects month and day like 01-01 or 07-01, got '{0}'", value)) }
            return { $0.datev.fiscalYearStart = start }
        case "datev-chart":
            guard let chart = ChartOfAccounts(typed: value) else { throw ValidationError(tr("datev-chart expects SKR03 or SKR04, got '{0}'", value)) }
            return { $0.datev.chart = chart }
        case "datev-account-length":
            guard let length = Int(value) else { throw ValidationError(tr("datev-account-length expects 4 to 8, got '{0}'", value)) }
            return { $0.datev.accountLength = length }
        case _ where key.hasPrefix("datev-account-") || key.hasPrefix("datev.account."):
            return try accountEdit(key, value)
        case "small-business":
            guard ["yes", "no"].contains(value) else { throw ValidationError(tr("small-business expects yes or no, got '{0}'", value)) }
            return { $0.smallBusiness = value == "yes" }
        case "dunning-days":
            let days = value.split(separator: " ").map { Int($0) }
            guard !days.isEmpty, !days.contains(nil) else { throw ValidationError(tr("dunning-days expects four numbers like \"1 15 31 61\", got '{0}'", value)) }
            return { $0.dunning.levelDays = days.compactMap { $0 } }
        case "dunning-fees":
            let fees = value.split(separator: " ").map { Money.parse(String($0)) }
            guard !fees.isEmpty, !fees.contains(nil) else { throw ValidationError(tr("dunning-fees expects four amounts like \"0 5,00 5,00 10,00\", got '{0}'", value)) }
            return { $0.dunning.feesCents = fees.compactMap { $0 } }
        case "dunning-wait":
            guard let days = Int(value) else { throw ValidationError(tr("dunning-wait expects a number of days, got '{0}'", value)) }
            return { $0.dunning.waitDays = days }
        case "dunning-pay-within":
            guard let days = Int(value) else { throw ValidationError(tr("dunning-pay-within expects a number of days, got '{0}'", value)) }
            return { $0.dunning.payWithinDays = days }
        case "base-rate":
            let parts = value.split(separator: " ").map(String.init)
            guard parts.count == 2, let rate = DunningTerms.basisPoints(typed: parts[0]), let from = CalendarDate.typed(parts[1]) else {
                throw ValidationError(tr("base-rate expects the rate in percent and the day it holds from, like \"1,27 2025-07-01\", got '{0}'", value))
            }
            return { $0.dunning.baseRateBP = rate; $0.dunning.baseRateFrom = from }
        case "allow-negative-stock":
            guard ["yes", "no"].contains(value) else { throw ValidationError(tr("allow-negative-stock expects yes or no, got '{0}'", value)) }
            return { $0.allowNegativeStock = value == "yes" }
        default:
            throw ValidationError(tr("unknown setting '{0}'; keys are name, address, vat-id, tax-number, bank, payment-terms, allow-negative-stock, country, contact, phone, email, electronic-address, iban, bic, small-business, language, skonto, dunning-days, dunning-fees, dunning-wait, dunning-pay-within, base-rate, datev-consultant, datev-client, datev-fiscal-year-start, datev-chart, datev-account-length, datev-account-ACCOUNT, mail-queues, mail-default-queue, mail-tag, sendmail, signature, mail-acknowledge, mail-attachment-limit", key))
        }
    }

    /// `datev-account-revenue19=8401` (or `datev.account.revenue19=8401`,
    /// the key as stored); empty or `none` gives the chart's account back.
    static func accountEdit(_ key: String, _ value: String) throws -> (inout CompanySettings) -> Void {
        let name = key.dropFirst("datev-account-".count).replacingOccurrences(of: "_", with: "-")
        guard let account = DATEVAccount(rawValue: name) else {
            throw ValidationError(tr("unknown DATEV account '{0}'; accounts are {1}", name, DATEVAccount.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let typed = value.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty || typed == "none" { return { $0.datev.accounts[account] = nil } }
        guard typed.allSatisfy(\.isASCIIDigit), let number = Int(typed) else {
            throw ValidationError(tr("{0} expects an account number of digits only, like 8400, got '{1}'", account.optionName, value))
        }
        return { $0.datev.accounts[account] = number }
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
            say("payment-terms         " + tr("{0} days", settings.paymentTermsDays))
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
            say("skonto                " + (settings.skonto.map { tr("{0} % within {1} days", $0.percentText, $0.days) } ?? "none"))
            let dunning = settings.dunning
            say("dunning-days          " + dunning.levelDays.map(String.init).joined(separator: " ") + " " + tr("(reminder, 1st, 2nd, final notice: days overdue)"))
            say("dunning-fees          \(dunning.feesCents.map { Money.format(cents: $0) }.joined(separator: " "))")
            say("dunning-wait          " + tr("{0} days", dunning.waitDays))
            say("dunning-pay-within    " + tr("{0} days", dunning.payWithinDays))
            say("base-rate             " + tr("{0} since {1}", DunningTerms.percent(dunning.baseRateBP), dunning.baseRateFrom))
            say("datev-consultant      " + (settings.datev.consultant.map(String.init) ?? tr("not set")))
            say("datev-client          " + (settings.datev.client.map(String.init) ?? tr("not set")))
            say("datev-fiscal-year-start \(settings.datev.fiscalYearStart.text)")
            say("datev-chart           \(settings.datev.chart.rawValue)")
            say("datev-account-length  \(settings.datev.accountLength)")
            for account in DATEVAccount.allCases {
                let number = settings.datev.number(account)
                let source = settings.datev.accounts[account] == nil ? "\(settings.datev.chart.rawValue)" : tr("set")
                say("\(account.optionName.padding(toLength: 37, withPad: " ", startingAt: 0)) \(number) (\(source): \(account.meaning))")
            }
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
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
