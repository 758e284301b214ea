import KontorLocale
import KontorModel
import KontorUI

/// The company settings, for admins: the data printed on every invoice
/// (name, address, VAT id, tax number, bank account, payment terms), the
/// dunning terms and what the tax advisor's DATEV needs. Longer than a
/// screen of 24 lines: the form scrolls with the focus.
struct SettingsEditor {
    /// The settings as read, and their revision: a save against a newer one is refused.
    var original: CompanySettings
    var revision: SettingsRevision
    var form: Form
    var conflict = false
    /// The day the form is for: whether the base rate may be stale is judged on it.
    var today: String

    /// Each field's id is the name the model gives it in its refusals, so
    /// the model's verdict lands beside the field.
    enum Field: String, CaseIterable {
        case name
        case address1 = "address"
        case address2 = "address 2"
        case address3 = "address 3"
        case vatID = "VAT id"
        case taxNumber = "tax number"
        case bank
        case paymentTerms = "payment terms"
        case contactName = "contact"
        case phone
        case email = "e-mail"
        case electronicAddress = "electronic address"
        case iban = "IBAN"
        case bic = "BIC"
        case country
        case smallBusiness = "small business"
        case language
        case skonto = "Skonto"
        // The dunning run's terms (`DunningTerms`).
        case dunningDays = "dunning days"
        case dunningFees = "dunning fees"
        case dunningWait = "dunning wait"
        case dunningPayWithin = "dunning pay within"
        case baseRate = "base rate"
        case baseRateFrom = "base rate from"
        // The tax advisor's DATEV.
        case datevConsultant = "DATEV consultant number"
        case datevClient = "DATEV client number"
        case datevFiscalYear = "DATEV fiscal year start"
        case datevChart = "DATEV chart"
        case datevAccountLength = "DATEV account length"

        var label: String {
            switch self {
            case .name: return "Company name"
            case .address1: return "Address"
            case .address2, .address3: return ""
            case .vatID: return "VAT id"
            case .taxNumber: return "Tax number"
            case .bank: return "Bank account"
            case .paymentTerms: return "Payment terms"
            case .contactName: return "Contact person"
            case .phone: return "Phone"
            case .email: return "E-mail"
            case .electronicAddress: return "E-invoices to"
            case .iban: return "IBAN"
            case .bic: return "BIC"
            case .country: return "Country"
            case .smallBusiness: return "§ 19 UStG"
            case .language: return "Invoice language"
            case .skonto: return "Skonto"
            case .dunningDays: return "Dunning from day"
            case .dunningFees: return "Dunning fees"
            case .dunningWait: return "Days between"
            case .dunningPayWithin: return "Days to pay"
            case .baseRate: return "Base rate %"
            case .baseRateFrom: return "Base rate since"
            case .datevConsultant: return "DATEV consultant"
            case .datevClient: return "DATEV client"
            case .datevFiscalYear: return "Fiscal year from"
            case .datevChart: return "Chart of accounts"
            case .datevAccountLength: return "Account length"
            }
        }

        /// The choices of a field that is one, nil for a text field.
        var choices: [Form.Choice]? {
            switch self {
            case .smallBusiness: return [Form.Choice("yes", "yes"), Form.Choice("no", "no")]
            case .language: return [Form.Choice("de", "German"), Form.Choice("en", "English")]
            case .datevChart: return ChartOfAccounts.allCases.map { Form.Choice($0.rawValue, $0.rawValue) }
            default: return nil
            }
        }

        /// Shown beside an empty field. Kept to 26 columns: the form makes
        /// its fields as wide as the longest hint leaves room for, 31
        /// columns at 80, so an e-mail address or four fees show whole.
        var hint: String {
            switch self {
            case .name: return "as on invoices"
            case .address1: return "street"
            case .address2: return "postal code and town"
            case .address3: return "country"
            case .vatID: return "DE123456788"
            case .taxNumber: return "needed if no VAT id"
            case .bank: return "the bank's name"
            case .paymentTerms: return "days, for new customers"
            case .contactName: return "answers invoice questions"
            case .phone: return "for invoice questions"
            case .email: return "for invoice questions"
            case .electronicAddress: return "where e-invoices reach you"
            case .iban: return "for payments by transfer"
            case .bic: return "of the bank"
            case .country: return "two letters, DE"
            case .smallBusiness: return "yes: no VAT charged"
            case .language: return "de or en"
            case .skonto: return "2 % 10, or empty for none"
            case .dunningDays: return "days overdue, per level"
            case .dunningFees: return "reminder, 1st, 2nd, final"
            case .dunningWait: return "days between two letters"
            case .dunningPayWithin: return "days a letter gives to pay"
            case .baseRate: return "Basiszinssatz, e.g. 1,27"
            case .baseRateFrom: return "since, e.g. 01.07.2025"
            case .datevConsultant: return "Beraternummer (advisor)"
            case .datevClient: return "Mandantennummer (advisor)"
            case .datevFiscalYear: return "month and day, 01-01"
            case .datevChart: return "SKR03 or SKR04"
            case .datevAccountLength: return "4 to 8, usually 4"
            }
        }
    }

    init(settings: CompanySettings, revision: SettingsRevision, today: String = CalendarDate.today()) {
        original = settings
        self.revision = revision
        self.today = today
        let address = settings.address.split(separator: "\n").map(String.init)
        let lines = address.count > 3 ? Array(address.prefix(2)) + [address.dropFirst(2).joined(separator: ", ")] : address
        func line(_ i: Int) -> String { lines.indices.contains(i) ? lines[i] : "" }
        let dunning = settings.dunning
        let values: [Field: String] = [
            .name: settings.name, .address1: line(0), .address2: line(1), .address3: line(2), .vatID: settings.vatID,
            .taxNumber: settings.taxNumber, .bank: settings.bank, .paymentTerms: String(settings.paymentTermsDays),
            .contactName: settings.contactName, .phone: settings.phone, .email: settings.email,
            .electronicAddress: settings.electronicAddress, .iban: settings.iban, .bic: settings.bic, .country: settings.country,
            .smallBusiness: settings.smallBusiness ? "yes" : "no", .language: settings.documentLanguage.rawValue,
            .skonto: settings.skonto?.typed ?? "",
            .dunningDays: dunning.levelDays.map(String.init).joined(separator: " "),
            .dunningFees: dunning.feesCents.map { Money.format(cents: $0) }.joined(separator: " "),
            .dunningWait: String(dunning.waitDays), .dunningPayWithin: String(dunning.payWithinDays),
            .baseRate: Self.percentTyped(dunning.baseRateBP), .baseRateFrom: Format.day(dunning.baseRateFrom),
            .datevConsultant: settings.datev.consultant.map(String.init) ?? "", .datevClient: settings.datev.client.map(String.init) ?? "",
            .datevFiscalYear: settings.datev.fiscalYearStart.text, .datevChart: settings.datev.chart.rawValue,
            .datevAccountLength: String(settings.datev.accountLength),
        ]
        form = Form(title: tr("Company settings · invoices, dunning, DATEV"), fields: Field.allCases.map { field in
            if let choices = field.choices { return Form.Field(id: field.rawValue, label: field.label, choosing: values[field] ?? "", from: choices) }
            return Form.Field(id: field.rawValue, label: field.label, value: values[field] ?? "", maxLength: 200, hint: field.hint)
        })
    }

    /// "1,27" from 127: the base rate as typed, without the percent sign.
    static func percentTyped(_ basisPoints: Int) -> String {
        String(DunningTerms.percent(basisPoints).dropLast(2))
    }

    func value(_ field: Field) -> String { form.value(field.rawValue).trimmingCharacters(in: .whitespaces) }

    /// Said under the form while the base rate typed holds from before the
    /// last half-yearly change (1 January, 1 July): it may be out of date.
    var staleBaseRateNote: String? {
        var terms = original.dunning
        terms.baseRateFrom = CalendarDate.typed(value(.baseRateFrom)) ?? terms.baseRateFrom
        guard terms.baseRateMayBeStale(on: today) else { return nil }
        return tr("Base rate since {0} may be out of date (Bundesbank: 1 Jan, 1 Jul)", CalendarDate.german(terms.baseRateFrom))
    }

    mutating func show(_ failure: ValidationFailure) { form.show(failure.issues) }

    /// Draws the form, and under it the note on a stale base rate.
    mutating func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        guard let note = staleBaseRateNote, rect.height > 8 else { return form.draw(in: rect, grid: &grid, theme: theme) }
        let (top, bottom) = rect.splitBottom(1)
        let cursor = form.draw(in: top, grid: &grid, theme: theme)
        grid.fill(bottom, style: theme[.normal])
        grid.write("⚠ " + note, x: bottom.x + 2, y: bottom.y, maxWidth: bottom.width - 4, style: theme[.warning])
        return cursor
    }
}
