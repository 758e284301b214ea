import Foundation
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The "Find a deal" box at 80×24 takes the width there is; an amount is
/// never cut.
@MainActor
@Suite("The deal finder at 80 columns")
struct DealFinderWidthTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test(arguments: [Language.english, .german])
    func itUsesTheWidthAndNeverCutsAnAmount(language: Language) throws {
        let h = try ScreenHarness(language: language)
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        _ = try h.database.deals.create(DealFields(customerID: zeta.id, title: "Wartungsvertrag Kaffeevollautomaten Zentrale", valueCents: 105_112_00),
                                        stage: .proposal, by: h.session)
        h.press(.char("3"), .char("/"))
        let screen = h.type("wartungsvertrag")
        let row = try #require(lines(screen).first { $0.contains("Wartungsvertrag") }, "\(screen)")
        #expect(row.contains("105.112,00"), "the amount whole: \(row)")
        // The box's borders on the deal's row.
        let first = try #require(row.firstIndex(of: "│")), last = try #require(row.lastIndex(of: "│"))
        let width = row.distance(from: first, to: last) + 1
        #expect(width >= 76, "the finder takes the width (\(width) of 80):\n\(screen)")
        for line in lines(screen) { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
    }
}
