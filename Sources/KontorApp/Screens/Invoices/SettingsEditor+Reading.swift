import KontorLocale
import KontorModel

/// What the settings form's text says: each field read the way people type
/// it (amounts "5,00", the base rate "1,27", dates "01.07.2025" or ISO),
/// and every field that cannot be read named at once with the model's
/// verdict on the rest.
extension SettingsEditor {
    /// The settings typed, or `.invalid` naming every field the form cannot
    /// read, and with them every problem the model finds in the rest.
    func settings() throws -> CompanySettings {
        var issues: [FieldIssue] = []
        func refuse(_ field: Field, _ message: String) { issues.append(FieldIssue(field: field.rawValue, message: message)) }
        var s = original
        s.name = value(.name)
        s.address = [Field.address1, .address2, .address3].map(value).filter { !$0.isEmpty }.joined(separator: "\n")
        s.vatID = form.value(Field.vatID.rawValue).replacingOccurrences(of: " ", with: "").uppercased()
        s.taxNumber = value(.taxNumber)
        s.bank = value(.bank)
        if let days = Int(value(.paymentTerms)) { s.paymentTermsDays = days } else { refuse(.paymentTerms, tr("must be a number of days, 0 to 365")) }
        s.contactName = value(.contactName)
        s.phone = value(.phone)
        s.email = value(.email)
        s.electronicAddress = value(.electronicAddress)
        s.iban = IBAN.normalized(value(.iban))
        s.bic = value(.bic).uppercased().replacingOccurrences(of: " ", with: "")
        s.country = value(.country).uppercased()
        switch value(.smallBusiness).lowercased() {
        case "yes", "ja", "y", "j": s.smallBusiness = true
        case "no", "nein", "n", "": s.smallBusiness = false
        default: refuse(.smallBusiness, tr("must be yes or no"))
        }
        if let language = DocumentWords.Language(rawValue: value(.language).lowercased()) {
            s.documentLanguage = language
        } else {
            refuse(.language, tr("must be de or en"))
        }
        switch SkontoTerms.parse(value(.skonto)) {
        case .success(let terms): s.skonto = terms
        case .failure(let error): refuse(.skonto, error.problem)
        }
        readDunning(into: &s.dunning, refuse)
        readDATEV(into: &s.datev, refuse)
        guard issues.isEmpty else {
            // The model's verdict on the rest, so that every field is marked at once.
            let named = Set(issues.map(\.field))
            let others = (s.validate()?.issues ?? []).filter { !named.contains($0.field) }
            throw KontorError.invalid(ValidationFailure(issues + others))
        }
        return s
    }

    /// The dunning terms typed; what the model checks (rising days, fee
    /// limits, ranges) it says itself.
    private func readDunning(into terms: inout DunningTerms, _ refuse: (Field, String) -> Void) {
        let days = value(.dunningDays).split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map { Int($0) }
        if !days.isEmpty, !days.contains(nil) { terms.levelDays = days.compactMap { $0 } } else {
            refuse(.dunningDays, tr("must be days overdue like 1 15 31 61"))
        }
        // The comma is the decimal mark: amounts are apart by spaces only.
        let fees = value(.dunningFees).split(whereSeparator: { $0 == " " || $0 == ";" }).map { Money.parse(String($0)) }
        if !fees.isEmpty, !fees.contains(nil) { terms.feesCents = fees.compactMap { $0 } } else {
            refuse(.dunningFees, tr("must be amounts like 0,00 5,00 5,00 10,00"))
        }
        if let wait = Int(value(.dunningWait)) { terms.waitDays = wait } else { refuse(.dunningWait, tr("must be a number of days, 0 to 365")) }
        if let within = Int(value(.dunningPayWithin)) { terms.payWithinDays = within } else {
            refuse(.dunningPayWithin, tr("must be a number of days, 1 to 90"))
        }
        if let rate = DunningTerms.basisPoints(typed: value(.baseRate)) { terms.baseRateBP = rate } else {
            refuse(.baseRate, tr("must be a percentage like 1,27 or -0,88"))
        }
        if let from = CalendarDate.typed(value(.baseRateFrom)) { terms.baseRateFrom = from } else {
            refuse(.baseRateFrom, tr("must be a date like 01.07.2025"))
        }
    }

    private func readDATEV(into datev: inout DATEVSettings, _ refuse: (Field, String) -> Void) {
        func number(_ field: Field) -> Int?? {
            let typed = value(field)
            if typed.isEmpty { return .some(nil) }
            guard let number = Int(typed) else {
                refuse(field, tr("must be a number"))
                return nil
            }
            return .some(number)
        }
        if let consultant = number(.datevConsultant) { datev.consultant = consultant }
        if let client = number(.datevClient) { datev.client = client }
        if let start = MonthDay(typed: value(.datevFiscalYear)) { datev.fiscalYearStart = start } else {
            refuse(.datevFiscalYear, tr("must be month and day, like 01-01 or 07-01"))
        }
        if let chart = ChartOfAccounts(typed: value(.datevChart)) { datev.chart = chart } else {
            refuse(.datevChart, tr("must be SKR03 or SKR04"))
        }
        if let length = Int(value(.datevAccountLength)) { datev.accountLength = length } else {
            refuse(.datevAccountLength, tr("must be 4 to 8 digits"))
        }
    }
}
