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

    /// Zeta Systems' city typed as Düsseldorf in its form, unsaved, when
    /// the link drops: the loop sees the hangup and ends.
    func leaveZetasCityTypedUnsaved() throws -> ScreenHarness {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .char("e"))
        h.press(Array(repeating: Key.tab, count: 6) + [.ctrl("u")])
        h.type("Düsseldorf")
        let gone = HeadlessBackend()
        gone.hangup = true
        h.app.run(on: gone)
        return h
    }

    @Test func aFormLeftOpenWhenTheLinkDropsIsBackWhenItIsOpenedAgain() throws {
        let h = try leaveZetasCityTypedUnsaved()
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

    /// Kept in English and opened in German, the typing is found by its
    /// record, not by the title it was seen under; and a save made since
    /// is not written over: Ctrl-S is refused as a colleague's save would
    /// make it, and the later change stays until the person compares.
    @Test func keptTypingIsFoundInTheOtherLanguageAndNeverOverwritesALaterSave() throws {
        let h = try leaveZetasCityTypedUnsaved()
        // Then the customer is saved, in another session.
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        var fields = zeta.fields
        fields.notes = "Rückruf bis Freitag"
        try h.database.customers.update(id: zeta.id, fields, expectedVersion: zeta.version, by: h.session)

        let german = App(session: h.session, theme: .fallback, language: .german)
        var text = press(german, [])
        #expect(text.contains("Aufbewahrt aus der letzten Sitzung") && text.contains("„Edit"), "\(text)")
        text = press(german, [.char("/")] + "zeta".map { Key.char($0) } + [.enter, .char("e")])
        #expect(text.contains("Düsseldorf") && text.contains("seither gespeichert"), "\(text)")
        #expect(try h.session.unsavedWork().isEmpty)
        text = press(german, [.ctrl("s")])
        let now = try #require(try h.customer(named: "Zeta Systems"))
        #expect(now.fields.notes == "Rückruf bis Freitag" && now.fields.city == zeta.fields.city, "\(now.fields)")
        #expect(text.contains("Strg-R"), "\(text)")
        // Compared with the record the typing began from: the city is this
        // person's change, the notes the colleague's; merged, both are kept.
        text = press(german, [.ctrl("r")])
        #expect(text.contains("Düsseldorf") && text.contains(zeta.fields.city), "\(text)")
        press(german, [.char("m")])
        press(german, [.ctrl("s")])
        let merged = try #require(try h.customer(named: "Zeta Systems"))
        #expect(merged.fields.city == "Düsseldorf" && merged.fields.notes == "Rückruf bis Freitag", "\(merged.fields)")
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
