import Foundation
@testable import KontorApp
@testable import KontorModel
import KontorUI
import Testing

/// The back office's reports open at once and are read off the keys'
/// thread: at a million customers the open items and a dunning run take
/// seconds to read. The reads are held here and handed over when the test
/// says, so that what shows meanwhile is seen.
@MainActor
@Suite("Reports read in the background")
struct ReportReadingTests {
    let size = Rect(x: 0, y: 0, width: 160, height: 40)

    /// The Invoices screen over seeded invoices (or none), its host holding
    /// reads, and `key` pressed on it.
    func pressed(_ key: Key, seeded: Bool = true) throws -> (h: ScreenHarness, screen: InvoicesScreen, host: HeldReadsHost) {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        if seeded { _ = try h.seedInvoices() }
        let screen = InvoicesScreen(session: h.session)
        let host = HeldReadsHost()
        screen.activate(host)
        try screen.press(key, host: host)
        return (h, screen, host)
    }

    func drawn(_ screen: InvoicesScreen, host: ScreenHost) -> String {
        screen.layout(size, host: host)
        var grid = Grid(size: Size(width: size.width, height: size.height))
        _ = screen.draw(in: size, grid: &grid, theme: .fallback)
        return grid.text
    }

    @Test func theOpenItemsSayWhatIsReadThenShowTheListWhenItArrives() throws {
        let (_, screen, host) = try pressed(.char("o"))
        let today = CalendarDate.german(CalendarDate.today())
        var text = drawn(screen, host: host)
        #expect(text.contains("Reading the open items as of \(today)…"), "\(text)")
        #expect(host.held == 1)
        // Its keys work meanwhile, and say why what needs the list waits.
        #expect(screen.actions.action(for: .enter)?.binding.disabledReason == "still reading")
        try screen.press(.char("j"), host: host)

        host.handOver()
        text = drawn(screen, host: host)
        #expect(text.contains("Open items as of \(today): 2"), "\(text)")
        #expect(text.contains("Weiß Logistik AG") && text.contains("238,00"), "the invoice issued today: \(text)")
        #expect(screen.actions.action(for: .enter)?.isEnabled == true)
    }

    @Test func onlyTheLatestReadIsShownAndTheListStaysMeanwhile() throws {
        let (_, screen, host) = try pressed(.char("o"))
        host.handOver()
        let layer = try #require(screen.stack.last(OpenItemsLayer.self))
        layer.read(asOf: "2026-01-15", host: host)
        layer.read(asOf: "2026-01-16", host: host)
        var text = drawn(screen, host: host)
        #expect(text.contains("Reading the open items as of 16.01.2026…"), "\(text)")
        #expect(text.contains("Total"), "the list read before stays in sight: \(text)")
        host.handOver()
        text = drawn(screen, host: host)
        #expect(text.contains("Open items as of 16.01.2026: 1"), "\(text)")
        #expect(layer.list?.asOf == "2026-01-16")
    }

    @Test func aReadArrivingAfterEscGoesNowhere() throws {
        let (_, screen, host) = try pressed(.char("o"))
        try screen.press(.escape, host: host)
        #expect(screen.stack.isEmpty)
        host.handOver()
        #expect(screen.stack.isEmpty)
        let text = drawn(screen, host: host)
        #expect(!text.contains("Open items as of"), "\(text)")
    }

    @Test func aRunWithNothingOverdueClosesAndSaysSoOnceRead() throws {
        let (_, screen, host) = try pressed(.char("M"), seeded: false)
        #expect(drawn(screen, host: host).contains("Reading the dunning run of"))
        host.handOver()
        #expect(screen.stack.isEmpty)
        #expect(host.messages.last == "No invoice is overdue")
    }

    /// The title's sums follow Space letter by letter; they must agree with
    /// summing every letter as it would be sent.
    @Test func theRunsSumsFollowEachExclusion() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        let business = try h.seedMuellerBusiness()
        // A second customer with two overdue invoices: two letters, three invoices.
        let other = try #require(try h.customer(named: "Zeta Systems"))
        for days in [-60, -45] {
            let draft = try h.database.invoices.createDraft(customerID: other.id, lines: [
                InvoiceLineInput(description: "Wartung", quantity: 1, unit: "Stk", unitPriceCents: 10_000),
            ], by: h.session)
            _ = try h.database.invoices.issue(draft.id, issueDate: CalendarDate.adding(days: days, to: CalendarDate.today())!,
                                              expectedVersion: draft.version, by: h.session)
        }
        _ = business
        let screen = InvoicesScreen(session: h.session)
        let host = HeldReadsHost()
        screen.activate(host)
        try screen.press(.char("M"), host: host)
        host.handOver()
        let layer = try #require(screen.stack.last(DunningRunLayer.self))
        let run = try #require(layer.run)
        #expect(run.letters.count == 2 && run.noticeCount == 3, "\(run.letters.map(\.customerName))")
        func expected() -> DunningRunLayer.Sending {
            var sums = DunningRunLayer.Sending()
            for letter in run.letters { sums.add(letter.excluding(layer.excluded)) }
            return sums
        }
        #expect(layer.summary == expected())
        // Down the rows: each Space excludes or takes back in; the sums agree each time.
        for step in [Key.space, .char("j"), .space, .char("j"), .space, .char("k"), .space, .char("g"), .space, .space] {
            try screen.press(step, host: host)
            #expect(layer.summary == expected(), "after \(step): \(layer.excluded)")
        }
        #expect(!layer.excluded.isEmpty)
    }
}

/// Quitting while work runs in the background (a dunning run sending)
/// asks first, then stops the work and waits for it.
@MainActor
@Suite("Quitting while work runs")
struct QuitWhileWorkingTests {
    @Test func quitAsksThenStopsTheWorkAndWaitsForIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let ended = StopFlag()
        let goOn = StopFlag()
        h.app.workInBackground(saying: "Sending 3 letter(s)…", { report, stopped in
            report("Sending letters: 1 of 3 sent…")
            while !goOn.isRaised { usleep(2_000) }
            report("Sending letters: 2 of 3 sent…")
            while !stopped() { usleep(2_000) }
            ended.raise()
            return "1 letter(s) were sent; then the run stopped"
        }, then: {})
        var text = h.app.frame(size: h.size).0.text
        h.app.handle(.char("q"))
        text = h.app.frame(size: h.size).0.text
        #expect(text.contains("Work under way") && text.contains("Quitting stops it after the step under way"), "\(text)")
        // Asked meanwhile, the question says how far the work is now.
        goOn.raise()
        let deadline = Date().addingTimeInterval(10)
        while !text.contains("2 of 3 sent"), Date() < deadline {
            _ = h.app.tick()
            text = h.app.frame(size: h.size).0.text
            usleep(5_000)
        }
        #expect(text.contains("Work under way") && text.components(separatedBy: "2 of 3 sent").count == 3, "in the question and the line below:\n\(text)")
        h.app.handle(.char("n"))
        #expect(!h.app.finished && !ended.isRaised)
        h.app.handle(.char("q"))
        h.app.handle(.char("y"))
        #expect(h.app.finished)
        h.app.stopBackgroundWork(timeout: 10)
        #expect(ended.isRaised && h.app.writing.running == 0)
        // What it said last is kept for the terminal after the screen is gone.
        #expect(h.app.partingWords == ["1 letter(s) were sent; then the run stopped"])
    }
}

/// A host that holds each read until the test hands it over.
@MainActor
final class HeldReadsHost: ScreenHost {
    private var reads: [() -> Void] = []
    var messages: [String] = []
    var held: Int { reads.count }

    func handOver() {
        let waiting = reads
        reads = []
        for read in waiting { read() }
    }

    func readInBackground<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value, receive: @escaping (Result<Value, ReadFailure>) -> Void) {
        reads.append { receive(Result { try work() }.mapError { ReadFailure(text: "\($0)") }) }
    }

    func workInBackground(saying first: String,
                          _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void, _ stopped: @escaping @Sendable () -> Bool) throws -> String,
                          then: @escaping () -> Void) {
        show((try? work({ _ in }, { false })) ?? "", isError: false)
        then()
    }
    func show(_ message: String, isError: Bool) { messages.append(message) }
    func open(_ link: RecordLink) {}
    func open(screen: ScreenID, at location: ScreenLocation) {}
    var presentNow: [PresenceEntry] { [] }
    func offerUndo(_ change: Undoable?) {}
    var panesBesideListsHidden: Bool { false }
}
