import Foundation
import GRDB
import KontorApp
import KontorModel
import KontorUI
import Testing

/// Two colleagues edit the same record: the second save is refused, and
/// the form offers their version beside the typing, a field-by-field merge
/// against the version the form opened with, and an overwrite asked for first.
@MainActor
@Suite("Edit conflicts")
struct EditConflictTests {
    /// Zeta Systems' form open in the harness: Name, Contact, E-mail, Phone,
    /// Street, Postal code, City, …
    private func editZeta(_ h: ScreenHarness) throws -> Customer {
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .char("e"))
        #expect(h.screen.contains("Edit customer · Zeta Systems"))
        return try #require(try h.customer(named: "Zeta Systems"))
    }

    /// Types `text` over the field `tabs` Tabs below the first.
    /// Bob saves Zeta in Bonn while the form is open.
    private func bobMovesZetaToBonn(_ h: ScreenHarness, _ zeta: Customer) throws {
        try bobSaves(h, zeta) { $0.city = "Bonn" }
    }

    /// Bob saves Zeta with `change` while the form is open.
    private func bobSaves(_ h: ScreenHarness, _ zeta: Customer, _ change: (inout CustomerFields) -> Void) throws {
        var theirs = zeta.fields
        change(&theirs)
        try h.database.customers.update(id: zeta.id, theirs, expectedVersion: zeta.version, by: h.bob)
    }

    private func retype(_ h: ScreenHarness, field tabs: Int, _ text: String) {
        h.press(Array(repeating: Key.tab, count: tabs) + [.ctrl("u")])
        h.type(text)
        h.press(Array(repeating: Key.backTab, count: tabs))
    }

    @Test("the same person saving first in another window is named as that, not by their login")
    func aConflictWithOneselfSaysAnotherWindow() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        let me = try #require(try h.session.staffDirectory.find(username: h.session.username)).fullName
        var theirs = zeta.fields
        theirs.city = "Bonn"
        try h.database.customers.update(id: zeta.id, theirs, expectedVersion: zeta.version, by: h.session)
        retype(h, field: 6, "Düsseldorf")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("\(me) in another window saved this customer at"), "\(text)")
        text = h.press(.ctrl("r"))
        #expect(text.contains("\(me) in another window saved this customer at") && text.contains("Theirs (\(me) in"), "\(text)")
    }

    @Test("a colleague archiving the customer meanwhile is said as archiving")
    func anArchivingMeanwhileIsNamed() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        _ = try h.database.customers.setArchived(id: zeta.id, true, expectedVersion: zeta.version, by: h.bob)
        retype(h, field: 6, "Düsseldorf")
        let text = h.press(.ctrl("s"))
        #expect(text.contains("Bob Front archived this customer at") && text.contains("saving keeps it archived"), "\(text)")
    }

    @Test func aLongValueIsShownWholeUnderTheTableAt80Columns() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        try bobSaves(h, zeta) {
            $0.street = "Industriepark Nord, Gebäude C, Tor 4, Anlieferung über die Rampe hinter der Kantine, Hausmeister Herr Özdemir"
        }
        retype(h, field: 4, "Domstraße 1")
        h.press(.ctrl("s"))
        let text = h.press(.ctrl("r"))
        // The table cuts it; the detail of the highlighted field wraps it whole.
        let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("Hausmeister Herr Özdemir") && joined.contains("Anlieferung über die Rampe"), "\(text)")
    }

    @Test func seeingTheirsKeepsTheTypingAndMergeAsksOnlyForTheFieldBothChanged() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        // Bob changes the city and the phone meanwhile.
        var theirs = zeta.fields
        theirs.city = "Bonn"
        theirs.phone = "+49 228 111"
        try h.database.customers.update(id: zeta.id, theirs, expectedVersion: zeta.version, by: h.bob)
        // Mine: the e-mail and the phone.
        retype(h, field: 2, "info@zeta.example")
        retype(h, field: 3, "+49 221 999")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Bob Front saved this customer at") && text.contains("Ctrl-R: theirs, merge"), "\(text)")

        // See theirs: their values beside mine, each said who changed it.
        text = h.press(.ctrl("r"))
        #expect(text.contains("Theirs (Bob Front)") && text.contains("Yours"), "\(text)")
        let city = try #require(text.split(separator: "\n").first { $0.contains("City") })
        #expect(city.contains("Bonn") && city.contains("Köln") && city.contains("they changed"), "\(city)")
        let phone = try #require(text.split(separator: "\n").first { $0.contains("Phone") })
        #expect(phone.contains("+49 228 111") && phone.contains("+49 221 999") && phone.contains("both changed"), "\(phone)")
        let mail = try #require(text.split(separator: "\n").first { $0.contains("E-mail") })
        #expect(mail.contains("info@zeta.example") && mail.contains("you changed"), "\(mail)")
        // Looking loses nothing: back in the form, the typing is there.
        text = h.press(.escape)
        #expect(text.contains("Edit customer · Zeta Systems") && text.contains("+49 221 999") && text.contains("info@zeta.example"), "\(text)")
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Bonn")

        // Merge: only the phone is asked; Space takes theirs for it.
        h.press(.ctrl("r"))
        text = h.press(.char("m"))
        #expect(text.contains("Both changed these fields"), "\(text)")
        #expect(text.contains("Phone") && !text.contains("City") && !text.contains("E-mail"), "\(text)")
        h.press(.char(" "))
        text = h.press(.enter)
        #expect(text.contains("Merged with Bob Front's save: 2 fields theirs, 1 field yours"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Saved Zeta Systems"), "\(text)")
        let saved = try #require(try h.customer(named: "Zeta Systems"))
        #expect(saved.fields.city == "Bonn", "only they changed it: theirs")
        #expect(saved.fields.email == "info@zeta.example", "only I changed it: mine")
        #expect(saved.fields.phone == "+49 228 111", "both changed it: the pick")
        #expect(saved.version == zeta.version + 2)
    }

    /// Notes both wrote to meanwhile can keep both texts, theirs first:
    /// nobody's note is lost to a merge.
    @Test func notesBothChangedCanKeepBothTexts() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        try bobSaves(h, zeta) { $0.notes = "Zahlt immer bar." }
        retype(h, field: 12, "Lieferung nur vormittags.")
        h.press(.ctrl("s"))
        var text = h.press(.ctrl("r"), .char("m"))
        #expect(text.contains("(for notes also both,") && text.contains("theirs first)."), "\(text)")
        h.press(.char(" "), .char(" "))
        let row = try #require(h.screen.split(separator: "\n").first { $0.contains("Notes") })
        #expect(row.contains("● Zahlt immer bar.") && row.contains("● Lieferung nur vormittags."), "\(row)")
        text = h.press(.enter)
        #expect(text.contains("Merged with Bob Front's save: 1 field theirs, 1 field yours"), "\(text)")
        h.press(.ctrl("s"))
        #expect(try h.customer(named: "Zeta Systems")?.fields.notes == "Zahlt immer bar. / Lieferung nur vormittags.")
    }

    @Test func mergeKeepsMineForTheFieldBothChangedUnlessPicked() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        try bobMovesZetaToBonn(h, zeta)
        retype(h, field: 6, "Düsseldorf")
        h.press(.ctrl("s"))
        let text = h.press(.ctrl("r"), .char("m"))
        let row = try #require(text.split(separator: "\n").first { $0.contains("City") })
        #expect(row.contains("○ Bonn") && row.contains("● Düsseldorf"), "\(row)")
        // A city is one or the other, never both: Space goes back and forth.
        h.press(.char(" "), .char(" "))
        let back = try #require(h.screen.split(separator: "\n").first { $0.contains("City") })
        #expect(back.contains("○ Bonn") && back.contains("● Düsseldorf"), "\(back)")
        h.press(.enter, .ctrl("s"))
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Düsseldorf")
    }

    @Test func overwriteAsksFirstThenSavesMineAndTheAuditLogSaysWhatWasReplaced() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        try bobMovesZetaToBonn(h, zeta)
        retype(h, field: 6, "Düsseldorf")
        h.press(.ctrl("s"))
        var text = h.press(.ctrl("r"), .char("o"))
        #expect(text.contains("Overwrite Bob Front's save?") && text.contains("Yours replaces theirs in: City."), "\(text)")
        // Enter is not "overwrite": it keeps things as they are.
        text = h.press(.enter)
        #expect(text.contains("Theirs (Bob Front)"), "\(text)")
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Bonn")
        text = h.press(.char("o"), .char("y"))
        #expect(text.contains("Saved Zeta Systems"), "\(text)")
        let saved = try #require(try h.customer(named: "Zeta Systems"))
        #expect(saved.fields.city == "Düsseldorf" && saved.version == zeta.version + 2 && saved.updatedBy == "tester")
        let cities = try h.database.history(of: "customer", id: zeta.id).filter { $0.field == "city" }
        let last = try #require(cities.last)
        #expect(last.actor == "tester" && last.oldValue == "Bonn" && last.newValue == "Düsseldorf", "\(last)")
        // Recorded as an overwrite of bob's version, not as a plain update.
        #expect(last.isOverwrite && last.action != "update", "\(last)")
        let replaced = try h.database.history(of: "customer", id: zeta.id).filter { $0.isOverwrite && $0.field == "overwritten_by" }
        #expect(replaced.map(\.oldValue) == ["bob"], "\(replaced)")
        let activity = try h.database.customers.activity(of: zeta.id).map(\.text)
        #expect(activity.contains("Customer changed over Bob Front's save: City") && activity.contains("Customer changed: City"), "\(activity)")
        #expect(h.screen.contains("Customer changed over Bob Front's save: City · tester"), "the 360° view says so:\n\(h.screen)")
    }

    /// German questions answer with `j` ("ja"): the dialog shows `[j]`, the
    /// footer offers `j`, and `j` overwrites, as `y` does in English.
    @Test func germanConfirmationsShowJ() throws {
        let h = try ScreenHarness(language: .german)
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .char("e"))
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        try bobMovesZetaToBonn(h, zeta)
        retype(h, field: 6, "Düsseldorf")
        h.press(.ctrl("s"))
        var text = h.press(.ctrl("r"), .char("o"))
        #expect(text.contains("Die Fassung von Bob Front überschreiben?"), "\(text)")
        #expect(text.contains("[j] überschreiben") && !text.contains("[y]"), "\(text)")
        let footer = try #require(text.split(separator: "\n").last)
        #expect(footer.contains(" j/y überschreiben"), "j first, y still answers: \(footer)")
        text = h.press(.char("j"))
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Düsseldorf", "\(text)")
        // Leaving with a form unsaved asks the same way.
        h.press(.char("e"))
        retype(h, field: 6, "Essen")
        text = h.press(.ctrl("c"))
        #expect(text.contains("[j] beenden, verwerfen") && !text.contains("[y]"), "\(text)")
    }

    /// The comparison uses the width: "beide geändert" whole at 200
    /// columns, the values side by side; at 80 columns the two lines that
    /// say what happened wrap instead of being cut (German is the longer).
    @Test func theComparisonFitsItsWordsAt200AndWrapsItsMessageAt80() throws {
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 30)] {
            let h = try ScreenHarness(size: size, language: .german)
            h.press(.char("/"))
            h.type("zeta")
            h.press(.enter, .char("e"))
            let zeta = try #require(try h.customer(named: "Zeta Systems"))
            var theirs = zeta.fields
            theirs.postalCode = "28195"
            theirs.city = "Bonn"
            try h.database.customers.update(id: zeta.id, theirs, expectedVersion: zeta.version, by: h.bob)
            retype(h, field: 5, "24105")
            retype(h, field: 6, "Kiel")
            func joined(_ text: String) -> String {
                text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            }
            let form = h.press(.ctrl("s"))
            #expect(joined(form).contains("gespeichert; Strg-R: deren Fassung, zusammenführen"), "the form's banner whole:\n\(form)")
            let text = h.press(.ctrl("r"))
            #expect(joined(text).contains("Bob Front hat diesen Kunden um") && joined(text).contains("gespeichert · Ihres ist noch nicht gespeichert"),
                    "\(size.width):\n\(text)")
            let postal = try #require(text.split(separator: "\n").first { $0.contains("28195") && $0.contains("24105") }, "\(text)")
            #expect(postal.contains("beide geändert") && !postal.contains("…"), "\(size.width): \(postal)")
            // Side by side, not spread over the whole width.
            let gap = try #require(postal.range(of: "24105")).lowerBound.utf16Offset(in: postal)
                - (try #require(postal.range(of: "28195")).upperBound.utf16Offset(in: postal))
            #expect(gap < 20, "\(size.width): \(postal)")
        }
    }

    @Test func takingTheirsAsksBeforeTheTypingGoes() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        try bobMovesZetaToBonn(h, zeta)
        retype(h, field: 2, "info@zeta.example")
        h.press(.ctrl("s"))
        var text = h.press(.ctrl("r"), .char("t"))
        #expect(text.contains("Take Bob Front's version?") && text.contains("what you typed is lost"), "\(text)")
        text = h.press(.char("n"), .escape)
        #expect(text.contains("info@zeta.example"), "kept:\n\(text)")
        text = h.press(.ctrl("r"), .char("t"), .char("y"))
        #expect(text.contains("Bonn") && !text.contains("info@zeta.example"), "\(text)")
        #expect(h.press(.ctrl("s")).contains("Saved Zeta Systems"))
    }

    @Test func twoSessionsOnOneFileEditTheSameCustomer() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        // Bob, in his own session on the same file, edits Zeta too and saves first.
        let bob = SecondApp(session: h.bob)
        bob.press(.char("/"))
        for c in "zeta" { bob.press(.char(c)) }
        bob.press(.enter, .char("e"))
        bob.press(.tab, .tab, .tab, .tab, .tab, .tab, .ctrl("u"))
        for c in "Bonn" { bob.press(.char(c)) }
        #expect(bob.press(.ctrl("s")).contains("Saved Zeta Systems"))
        // Mine: the postal code.
        retype(h, field: 5, "50667")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Bob Front saved this customer at"), "\(text)")
        text = h.press(.ctrl("r"), .char("m"))
        #expect(text.contains("Merged with Bob Front's save: 1 field theirs, 1 field yours"), "\(text)")
        h.press(.ctrl("s"))
        let saved = try #require(try h.customer(named: "Zeta Systems"))
        #expect(saved.fields.city == "Bonn" && saved.fields.postalCode == "50667" && saved.version == zeta.version + 2)
    }

    @Test func theirValuesAreShownSanitised() throws {
        let h = try ScreenHarness()
        let zeta = try editZeta(h)
        // Written past the model's rules, as a raw import or another tool could.
        let raw = try DatabaseQueue(path: h.database.path)
        try raw.write { db in
            try db.execute(sql: "UPDATE customers SET notes = ?, version = version + 1, updated_by = 'import' WHERE id = ?",
                           arguments: ["Rot\u{1B}[31mAlarm\u{07}", zeta.id])
        }
        retype(h, field: 2, "info@zeta.example")
        h.press(.ctrl("s"))
        let text = h.press(.ctrl("r"))
        #expect(text.contains("Rot␛[31mAlarm␇"), "\(text)")
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
    }

    @Test func aDealMergesTheColleaguesTitleWithMyLeadSource() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.char("e"))
        #expect(h.screen.contains("Edit deal · Server rack"))
        let before = try h.deal(f.rack)
        var changed = before.fields
        changed.title = "Server rack by Bob"
        try h.database.deals.update(id: f.rack, changed, expectedVersion: before.version, by: h.bob)
        h.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .ctrl("u"))
        h.type("Messe")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Bob Front saved this deal at"), "\(text)")
        text = h.press(.ctrl("r"))
        #expect(text.contains("Server rack by Bob") && text.contains("Messe"), "\(text)")
        text = h.press(.char("m"))
        #expect(text.contains("Merged with Bob Front's save"), "\(text)")
        h.press(.ctrl("s"))
        let saved = try h.deal(f.rack)
        #expect(saved.title == "Server rack by Bob" && saved.fields.leadSource == "Messe", "\(saved)")
        #expect(saved.fields.customerID == before.fields.customerID && saved.fields.ownerID == before.fields.ownerID)
    }

    @Test func aDealOverwriteNeedsTheConfirmation() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.char("e"), .tab, .ctrl("u"))
        h.type("Server rack, two units")
        let before = try h.deal(f.rack)
        var changed = before.fields
        changed.title = "Server rack by Bob"
        try h.database.deals.update(id: f.rack, changed, expectedVersion: before.version, by: h.bob)
        h.press(.ctrl("s"), .ctrl("r"), .char("o"))
        #expect(h.screen.contains("Overwrite Bob Front's save?"))
        h.press(.char("n"), .escape)
        #expect(try h.deal(f.rack).title == "Server rack by Bob")
        h.press(.ctrl("r"), .char("o"), .char("y"))
        #expect(try h.deal(f.rack).title == "Server rack, two units")
        let titles = try h.database.history(of: "deal", id: f.rack).filter { $0.field == "title" }
        #expect(titles.last?.actor == "tester" && titles.last?.oldValue == "Server rack by Bob", "\(titles)")
        #expect(titles.last?.isOverwrite == true && titles.dropLast().allSatisfy { !$0.isOverwrite }, "\(titles)")
        #expect(try h.database.history(of: "deal", id: f.rack).contains { $0.field == "overwritten_by" && $0.oldValue == "bob" })
    }
}
