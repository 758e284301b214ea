import KontorLocale
/// What the tax advisor's DATEV needs to take Kontor's books: whose books
/// they are (consultant and client number), where the fiscal year starts,
/// which chart of accounts the advisor keeps (SKR03 or SKR04) and how long
/// its account numbers are. Kept with the company settings, changed by
/// admins; the advisor gives the values.
public struct DATEVSettings: Equatable, Sendable {
    /// The tax advisor's number at DATEV (Beraternummer, 1001–9999999); nil until set.
    public var consultant: Int?
    /// The company's number in the advisor's DATEV (Mandantennummer, 1–99999); nil until set.
    public var client: Int?
    /// The first day of the fiscal year, as month and day: January 1st unless set.
    public var fiscalYearStart: MonthDay
    public var chart: ChartOfAccounts
    /// The length of general-ledger accounts (Sachkontenlänge, 4–8); a
    /// customer's account is one digit longer.
    public var accountLength: Int
    /// Accounts the advisor keeps elsewhere than the chart: the number as
    /// the advisor's DATEV has it, `accountLength` digits (84010 at length 5).
    public var accounts: [DATEVAccount: Int]

    public init(consultant: Int? = nil, client: Int? = nil, fiscalYearStart: MonthDay = MonthDay(month: 1, day: 1),
                chart: ChartOfAccounts = .skr03, accountLength: Int = 4, accounts: [DATEVAccount: Int] = [:]) {
        self.consultant = consultant
        self.client = client
        self.fiscalYearStart = fiscalYearStart
        self.chart = chart
        self.accountLength = accountLength
        self.accounts = accounts
    }

    static let keys = ["datev.consultant", "datev.client", "datev.fiscal_year_start", "datev.chart", "datev.account_length"]
        + DATEVAccount.allCases.map(\.settingsKey)

    init(_ values: [String: String]) {
        consultant = values["datev.consultant"].flatMap { Int($0) }
        client = values["datev.client"].flatMap { Int($0) }
        fiscalYearStart = values["datev.fiscal_year_start"].flatMap(MonthDay.init(typed:)) ?? MonthDay(month: 1, day: 1)
        chart = values["datev.chart"].flatMap(ChartOfAccounts.init(typed:)) ?? .skr03
        accountLength = values["datev.account_length"].flatMap { Int($0) } ?? 4
        var accounts: [DATEVAccount: Int] = [:]
        for account in DATEVAccount.allCases {
            if let number = values[account.settingsKey].flatMap({ Int($0) }) { accounts[account] = number }
        }
        self.accounts = accounts
    }

    var values: [String: String] {
        ["datev.consultant": consultant.map(String.init) ?? "", "datev.client": client.map(String.init) ?? "",
         "datev.fiscal_year_start": fiscalYearStart.text, "datev.chart": chart.rawValue, "datev.account_length": String(accountLength)]
            .merging(DATEVAccount.allCases.map { ($0.settingsKey, accounts[$0].map(String.init) ?? "") }) { $1 }
    }

    /// The account booked onto for `account`: the one set, or the chart's at the account length.
    public func number(_ account: DATEVAccount) -> Int { BookingAccounts(self).number(account) }

    /// The consultant and client number ranges DATEV accepts.
    public static let consultantRange = 1001...9_999_999
    public static let clientRange = 1...99_999
    public static let accountLengthRange = 4...8

    var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        if let consultant, !Self.consultantRange.contains(consultant) {
            issues.append(FieldIssue(field: "DATEV consultant number", message: tr("must be 1001 to 9999999")))
        }
        if let client, !Self.clientRange.contains(client) {
            issues.append(FieldIssue(field: "DATEV client number", message: tr("must be 1 to 99999")))
        }
        if !Self.accountLengthRange.contains(accountLength) {
            issues.append(FieldIssue(field: "DATEV account length", message: tr("must be 4 to 8 digits")))
        }
        for account in DATEVAccount.allCases {
            guard let number = accounts[account], Self.accountLengthRange.contains(accountLength) else { continue }
            // As many digits as the account length, the first not 0: 8400 at
            // length 5 is a mistake for 84000, not account 08400.
            if String(number).count != accountLength || number <= 0 {
                issues.append(FieldIssue(field: account.field,
                                         message: tr("must be an account of {0} digits (the account length), like {1}", accountLength, GeneralAccount.number(chart.standard(account), length: accountLength))))
            }
        }
        return issues
    }

    /// Why an export cannot be written yet; nil when it can.
    var missing: String? {
        switch (consultant == nil, client == nil) {
        case (false, false): return nil
        case (true, false): return tr("DATEV needs the consultant number (datev-consultant), which the tax advisor gives; an admin sets them with kontor settings --set")
        case (false, true): return tr("DATEV needs the client number (datev-client), which the tax advisor gives; an admin sets them with kontor settings --set")
        case (true, true): return tr("DATEV needs the consultant number (datev-consultant) and the client number (datev-client), which the tax advisor gives; an admin sets them with kontor settings --set")
        }
    }
}

/// A day of the year without the year: the start of a fiscal year.
public struct MonthDay: Equatable, Sendable {
    public var month: Int
    public var day: Int

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// "07-01", "7-1" or "01.07."; nil for anything else or a day no year has.
    public init?(typed text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        let (month, day) = text.contains(".") ? (b, a) : (a, b)
        // A fiscal year starts on a day every year has (not February 29th).
        guard CalendarDate.isValid(String(format: "2027-%02d-%02d", month, day)) else { return nil }
        self.init(month: month, day: day)
    }

    /// "07-01".
    public var text: String { String(format: "%02d-%02d", month, day) }
}
