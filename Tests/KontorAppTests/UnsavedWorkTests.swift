import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// A session that ends from outside — the SSH link dropped, the terminal
/// closed, SIGTERM — has nobody to ask "discard changes?": what its open
/// forms hold unsaved is kept, and put back when the same form is opened
/// in the person's next session.
@MainActor
@Suite("Typing kept when a session ends unsaved")
struct UnsavedWorkTests {
    /// Sends keys to an App as the loop does, and returns the screen.
    @discardableResult
    func press(_ app: App, _ keys: [Key], size: Size = Size(width: 80, height: 24)) -> String {
        for key in keys {
            _ = app.frame(size: size)
            app.settle()
            app.handle(key)
        }
        _ = app.frame(size: size)
        app.settle()
        return app.frame(size: size).0.text
    }

    @Test func aFormLeftOpenWhenTheLinkDropsIsBackWhenItIsOpenedAgain() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .char("e"))
        h.press(Array(repeating: Key.tab, count: 6) + [.ctrl("u")])
        h.type("Düsseldorf")
        // The link drops: the loop sees the hangup and ends.
        let gone = HeadlessBackend()
        gone.hangup = true
        h.app.run(on: gone)
        #expect(try h.session.unsavedWork().map(\.title) == ["Edit customer · Zeta Systems"])

        let next = App(session: h.session, theme: .fallback)
        var text = press(next, [])
        #expect(text.contains("Kept from your last session"), "\(text)")
        text = press(next, [.char("/")] + "zeta".map { Key.char($0) } + [.enter, .char("e")])
        #expect(text.contains("Düsseldorf") && text.contains("Put back what was typed here"), "\(text)")
        #expect(try h.session.unsavedWork().isEmpty, "kept once: it is in the form now")
        press(next, [.ctrl("s")])
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Düsseldorf")
    }

    @Test func aReplyBeingWrittenIsKeptAndNothingIsKeptAfterAQuit() throws {
        let h = try ScreenHarness()
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        let ticket = try h.database.tickets.create(
            TicketFields(subject: "Drucker streikt", customerID: zeta.id, firstMessage: "Er druckt nicht."), by: h.session)
        h.press(.char("2"), .char("g"))
        h.press(.enter, .char("r"))
        h.type("Wir schicken morgen einen Techniker.")
        let gone = HeadlessBackend()
        gone.hangup = true
        h.app.run(on: gone)
        let kept = try h.session.unsavedWork()
        #expect(kept.map(\.title) == ["Reply to the customer · #\(ticket.id)"])
        #expect(kept.first?.fields["text"] == "Wir schicken morgen einen Techniker.")

        // A session that ends by quitting keeps nothing: the person was asked.
        let quiet = try ScreenHarness()
        quiet.press(.char("n"))
        quiet.type("Neue Firma")
        let open = HeadlessBackend()
        open.pendingKeys = [.escape, .char("y"), .char("q"), .char("y")]
        quiet.app.run(on: open)
        #expect(try quiet.session.unsavedWork().isEmpty)
    }
}
