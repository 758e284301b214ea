import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// Two people in Kontor at once, each an `App` of their own over one
/// database file: what each sees of the other.
@MainActor
@Suite("Colleagues see each other")
struct PresenceScreenTests {
    /// Bob's own Kontor beside the harness's, on the same file.
    @MainActor
    final class Colleague {
        let app: App
        let size = Size(width: 100, height: 30)
        init(_ session: Session) { app = App(session: session, theme: .fallback) }
        @discardableResult
        func press(_ keys: Key...) -> String {
            for key in keys {
                _ = app.frame(size: size)
                app.handle(key)
            }
            return app.frame(size: size).0.text
        }
    }

    @Test func aColleagueInTheSameCustomerShowsAsViewingThenEditing() throws {
        let h = try ScreenHarness(size: Size(width: 100, height: 30))
        let bob = Colleague(h.bob)
        bob.press(.char("1"), .enter)
        var text = h.press(.char("1"), .enter)
        #expect(text.contains("Bob Front is viewing"), "\(text)")
        // Bob starts editing: the next idle tick says so.
        bob.press(.char("e"))
        h.app.tick()
        text = h.screen
        #expect(text.contains("Bob Front is editing"), "\(text)")
        #expect(!text.contains("is viewing"))
        // Bob's view of it names the tester as viewing.
        let theirs = bob.press(.ctrl("l"))
        #expect(theirs.contains(" is viewing") && !theirs.contains("Bob Front is"), "\(theirs)")
        // Bob leaves the record: the band goes.
        bob.press(.escape, .escape)
        h.app.tick()
        text = h.screen
        #expect(!text.contains("Bob Front is"), "\(text)")
    }

    @Test func anotherRecordShowsNobody() throws {
        let h = try ScreenHarness(size: Size(width: 100, height: 30))
        let bob = Colleague(h.bob)
        bob.press(.char("1"), .char("j"), .enter)
        let text = h.press(.char("1"), .enter)
        #expect(!text.contains("Bob Front is"), "\(text)")
    }

    @Test func theStaffScreenShowsWhoIsConnectedAndWhere() throws {
        let h = try ScreenHarness(size: Size(width: 100, height: 30))
        // Alone: nothing to show.
        #expect(!h.press(.char("6")).contains("Connected now"))
        let bob = Colleague(h.bob)
        bob.press(.char("1"), .enter)
        h.app.tick()
        let text = h.screen
        #expect(text.contains("Connected now (2)"), "\(text)")
        let bobLine = text.split(separator: "\n").first { $0.contains("Bob Front (bob)") }
        #expect(bobLine?.contains("Customers › ") == true, "\(text)")
        #expect(text.contains("(tester · you)"), "\(text)")
    }

    @Test func aColleagueWhoQuitsIsGoneAtOnce() throws {
        let h = try ScreenHarness(size: Size(width: 100, height: 30))
        var bob: Colleague? = Colleague(h.bob)
        bob?.press(.char("1"), .enter)
        #expect(h.press(.char("1"), .enter).contains("Bob Front is viewing"))
        bob = nil
        h.app.tick()
        #expect(!h.screen.contains("Bob Front is viewing"), "\(h.screen)")
    }
}
