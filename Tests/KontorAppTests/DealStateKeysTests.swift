import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// A deal offers only what can be done to it, and the board writes every
/// column's sums the same way.
@MainActor
@Suite("Deals: keys by state, sums alike")
struct DealStateKeysTests {
    @Test func aWonAndInvoicedDealShowsItsStageKeysDisabledWithTheReason() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let f = try h.dealsFixture()
        h.app.open(.deal(f.archive))
        h.press(.char("i"))
        #expect(try h.deal(f.archive).invoiceID != nil)
        h.app.open(.deal(f.archive))
        let footer = h.screen.split(separator: "\n").last.map(String.init) ?? ""
        for hidden in ["> next stage", "x lost", "a add line"] { #expect(!footer.contains(hidden), "\(hidden) is not offered: \(footer)") }
        #expect(!h.screen.contains("(a adds a product)") && !h.screen.contains("a add · Enter edit · d remove"), "no line keys offered: \(h.screen)")
        let reasons: [(Key, String)] = [
            (.char(">"), "> next stage — the deal is won and invoiced; it stays won until its invoice is credited or its draft deleted"),
            (.char("x"), "x lost — the deal is won and invoiced; it stays won until its invoice is credited or its draft deleted"),
            (.char("<"), "< back a stage — the deal is won and invoiced; it stays won until its invoice is credited or its draft deleted"),
            (.char("a"), "a add line — the deal is invoiced (a draft invoice); its lines are what was invoiced"),
            (.char("d"), "d/Del remove line — the deal is invoiced (a draft invoice); its lines are what was invoiced"),
            (.enter, "Enter edit line — the deal is invoiced (a draft invoice); its lines are what was invoiced"),
        ]
        for (key, said) in reasons {
            #expect(h.press(key).contains(said), "\(said)\n\(h.screen)")
            #expect(try h.deal(f.archive).stage == .won)
        }
        // The help lists them, with the reason.
        let help = h.press(.char("?"))
        #expect(help.contains("won and invoiced"), "\(help)")
    }

    @Test func aWonDealNotYetInvoicedCannotMoveForward() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let f = try h.dealsFixture()
        h.app.open(.deal(f.archive))
        #expect(h.press(.char(">")).contains("> next stage — the deal is won; no stage comes after Won"), "\(h.screen)")
        h.app.open(.deal(f.printer))
        #expect(h.press(.char("x")).contains("x lost — the deal is already lost; < reopens it"), "\(h.screen)")
    }

    @Test func theLostColumnWritesItsSumsAsTheOthersDo() throws {
        // Wide enough for all six columns, Lost included.
        for size in [Size(width: 200, height: 50), Size(width: 230, height: 50)] {
            let h = try ScreenHarness(size: size)
            _ = try h.dealsFixture()
            let sums = try #require(h.screen.split(separator: "\n").first { $0.contains("Σ") }.map(String.init), "\(h.screen)")
            let columns = sums.split(separator: "│").map(String.init).filter { $0.contains("Σ") }
            #expect(columns.count == 6, "\(sums)")
            // In cents everywhere or nowhere: ",dd " after a digit marks cents.
            let inCents = columns.map { $0.range(of: #"\d,\d\d(\s|$)"#, options: .regularExpression) != nil }
            #expect(Set(inCents).count == 1, "at \(size): \(sums)")
        }
    }
}
