import Foundation
@testable import KontorModel
import Testing
import TestSupport

/// Accounts the tax advisor keeps elsewhere than the chart
/// (`datev.account.*`): set by an admin, checked against the account
/// length, and written into the Gegenkonto column instead of the chart's.
@Suite("DATEV accounts set instead of the chart's")
struct DATEVAccountOverrideTests {
    static let contra = "Gegenkonto (ohne BU-Schlüssel)"

    @Test func anAccountSetMovesItsLinesAndNothingElse() throws {
        let plain = try DATEVBooks().export().file
        let books = try DATEVBooks(accounts: [.revenue19: 8401, .bank: 1210])
        let file = try books.export().file
        // Line for line the same file, but 8400 reads 8401 and 1200 reads 1210.
        #expect(file.rows.count == plain.rows.count)
        let moved = ["8400": "8401", "1200": "1210"]
        for (row, before) in zip(file.rows, plain.rows) {
            var expected = before
            let index = plain.columns.firstIndex(of: Self.contra)!
            expected[index] = moved[before[index]] ?? before[index]
            #expect(row == expected)
        }
        #expect(file.rows.contains { file.value($0, Self.contra) == "8401" })
        #expect(!file.rows.contains { ["8400", "1200"].contains(file.value($0, Self.contra)) })
    }

    @Test func atALongerAccountLengthTheAccountIsWrittenAsSet() throws {
        let books = try DATEVBooks(chart: .skr04, accountLength: 5, accounts: [.revenue7: 43010, .cash: 16100])
        let file = try books.export().file
        #expect(Set(file.rows.map { file.value($0, Self.contra) }) == ["44000", "43010", "43360", "41250", "18000", "16100", "47310", "47360"])
        let datev = try books.alice.settings().datev
        #expect(datev.number(.revenue7) == 43010 && datev.number(.revenue19) == 44000)
    }

    @Test func anAccountThatDoesNotFitTheLengthIsRefusedNamingIt() throws {
        let business = try InvoiceBusiness()
        #expect {
            try business.alice.updateSettings { $0.datev.accounts[.revenue19] = 84010 }
        } throws: { error in
            "\(error)".contains("DATEV account revenue19: must be an account of 4 digits (the account length), like 8400")
        }
        #expect {
            try business.alice.updateSettings { $0.datev.accounts[.bank] = 120 }
        } throws: { error in
            "\(error)".contains("DATEV account bank: must be an account of 4 digits")
        }
        // A longer account length refuses the four-digit account set before, naming it.
        try business.alice.updateSettings { $0.datev.accounts[.bank] = 1210 }
        #expect {
            try business.alice.updateSettings { $0.datev.accountLength = 5 }
        } throws: { error in
            "\(error)".contains("DATEV account bank: must be an account of 5 digits (the account length), like 12000")
        }
        try business.alice.updateSettings { $0.datev.accountLength = 5; $0.datev.accounts[.bank] = 12100 }
        let datev = try business.alice.settings().datev
        #expect(datev.accounts == [.bank: 12100] && datev.number(.bank) == 12100 && datev.number(.cash) == 10000)
        // Set back to the chart's.
        try business.alice.updateSettings { $0.datev.accounts[.bank] = nil }
        #expect(try business.alice.settings().datev.number(.bank) == 12000)
    }

    @Test func everyAccountHasItsOwnSettingsKey() {
        let keys = DATEVAccount.allCases.map(\.settingsKey)
        #expect(Set(keys).count == keys.count)
        #expect(DATEVAccount.revenueReverseCharge.settingsKey == "datev.account.revenue_reverse_charge")
        #expect(DATEVAccount.revenueReverseCharge.optionName == "datev-account-revenue-reverse-charge")
        // The chart's accounts behind every key are the ones the export books onto.
        #expect(ChartOfAccounts.skr03.standard(.revenue19) == 8400 && ChartOfAccounts.skr04.standard(.revenueSmallBusiness) == 4185)
        #expect(ChartOfAccounts.skr03.standard(.skonto) == 8730 && ChartOfAccounts.skr04.standard(.dunningFees) == 7100)
    }
}
