import Foundation
@testable import KontorUI
import Testing

/// A field's error is read to its end however narrow the form: wrapped
/// below the field, at most three lines, the last cut with "…" when there
/// is more; the fields below move down to make room.
@Suite("Form errors wrapped")
struct FormErrorWrapTests {
    static func draw(_ form: inout Form, width: Int, height: Int = 14) -> [String] {
        var grid = Grid(size: Size(width: width, height: height))
        _ = form.draw(in: Rect(x: 0, y: 0, width: width, height: height), grid: &grid, theme: .fallback)
        return grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aLongErrorWrapsBelowItsFieldAndTheNextFieldMovesDown() {
        var form = Form(title: "Customer", fields: [
            Form.Field(id: "terms", label: "Payment terms", value: "14.5"),
            Form.Field(id: "city", label: "City", value: "Köln"),
        ])
        form.show(errors: ["terms": "must be a whole number of days from 0 to 365, such as 14 or 30; the invoice's due date is counted from it"])
        let lines = Self.draw(&form, width: 60)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("must be a whole number"))
        #expect(text.contains("counted from it"), "the end of the message is shown")
        let city = lines.firstIndex { $0.contains("City") }
        let end = lines.firstIndex { $0.contains("counted from it") }
        #expect(city != nil && end != nil && city! > end!, "the next field comes after the whole error")
    }

    /// A field longer than its box ends in "…" when not focused; the focused
    /// field keeps its "›" even with an error (the error is said under it),
    /// so without colour the focus is still seen.
    @Test func anUnfocusedLongValueEndsInAnEllipsisAndTheFocusMarkStays() {
        var form = Form(title: "Customer", fields: [
            Form.Field(id: "terms", label: "Terms", value: "14.5"),
            Form.Field(id: "name", label: "Name", value: "Größenwahn Bäckerei & Konditorei am Marktplatz 日本語テキスト und noch mehr"),
        ])
        form.show(errors: ["terms": "must be a whole number", "name": "too long"])
        let lines = Self.draw(&form, width: 50)
        let terms = lines.first { $0.contains("Terms") } ?? ""
        let name = lines.first { $0.contains("Name") } ?? ""
        #expect(terms.hasPrefix(" ›"), "\(lines)")
        #expect(name.hasPrefix(" ✗") && name.trimmingCharacters(in: .whitespaces).hasSuffix("…"), "\(lines)")
    }

    /// Fields are 60 wide at most, but one whose text is longer takes the
    /// room to the edge: a long reason is read whole on a wide terminal.
    @Test func aLongTextTakesTheRoomToTheEdge() {
        let reason = "Der Kunde hat sich für das Angebot eines Wettbewerbers entschieden, der zwei Geräte mit Wartung günstiger anbietet"
        var form = Form(title: "Deal", fields: [Form.Field(id: "reason", label: "Reason", value: reason, maxLength: 500),
                                               Form.Field(id: "city", label: "City", value: "Köln")])
        let wide = Self.draw(&form, width: 200).joined(separator: "\n")
        #expect(wide.contains(reason), "\(wide)")
        let narrow = Self.draw(&form, width: 80)
        #expect(narrow.allSatisfy { TextWidth.of($0) <= 80 })
        #expect(!narrow.joined().contains(reason), "cut at 80 columns")
    }

    @Test func aLongTitleWrapsToASecondLine() {
        var form = Form(title: "Payment for 2026-00042 · 2 % Skonto 39,06 until 15.12.2026", fields: [Form.Field(id: "amount", label: "Amount", value: "")])
        let lines = Self.draw(&form, width: 40)
        #expect(lines.joined(separator: "\n").contains("15.12.2026"), "\(lines)")
    }

    @Test func moreThanThreeLinesEndInAnEllipsis() {
        var form = Form(title: "Deal", fields: [Form.Field(id: "reason", label: "Reason", value: "")])
        form.show(errors: ["reason": String(repeating: "word ", count: 80) + "END"])
        let lines = Self.draw(&form, width: 50)
        let errorLines = lines.filter { $0.contains("word") }
        #expect(errorLines.count == 3)
        #expect(errorLines.last?.trimmingCharacters(in: .whitespaces).hasSuffix("…") == true)
        #expect(!lines.joined().contains("END"))
    }
}

/// A usual value put in for a new record is replaced by what is typed,
/// not joined to it ("1430" for 30 days).
@Suite("Suggested values")
struct SuggestedValueTests {
    static func form() -> Form {
        var terms = Form.Field(id: "terms", label: "Payment terms", value: "14")
        terms.isSuggested = true
        return Form(title: "New customer", fields: [Form.Field(id: "name", label: "Name", value: ""), terms])
    }

    /// The payment terms after `keys`, pressed from the form's start.
    static func terms(after keys: [Key]) -> String {
        var form = Self.form()
        for key in keys { _ = form.handle(key) }
        return form.value("terms")
    }

    @Test func typingReplacesTheUsualValue() {
        #expect(Self.terms(after: [.tab, .char("3"), .char("0")]) == "30")
    }

    @Test func pastingReplacesItTooAndTabKeepsIt() {
        #expect(Self.terms(after: [.tab, .tab, .tab]) == "14", "passing through leaves it")
        #expect(Self.terms(after: [.tab, .tab, .tab, .paste("21")]) == "21")
    }

    @Test func editingItFirstKeepsIt() {
        #expect(Self.terms(after: [.tab, .backspace, .char("0")]) == "10", "deleting first edits the value as usual")
    }
}
