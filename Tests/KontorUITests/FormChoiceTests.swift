import KontorLocale
@testable import KontorUI
import Testing

/// A choice field: stepped and jumped through by keys, shown in the
/// person's language, its value the same in every language.
@Suite("Form choice fields")
struct FormChoiceTests {
    static func priorityForm() -> Form {
        Form(title: "New ticket", fields: [
            Form.Field(id: "subject", label: "Subject", value: ""),
            Form.Field(id: "priority", label: "Priority", choosing: "normal",
                       from: [Form.Choice("low", "low"), Form.Choice("normal", "normal"), Form.Choice("high", "high"), Form.Choice("urgent", "urgent")]),
        ])
    }

    @Test func spaceAndArrowsStepLettersJumpTheValueStaysTheChoices() {
        var form = Self.priorityForm()
        form.focus = 1
        #expect(form.value("priority") == "normal")
        _ = form.handle(.char(" "))
        #expect(form.value("priority") == "high")
        _ = form.handle(.right)
        _ = form.handle(.right)
        #expect(form.value("priority") == "low", "round the end")
        _ = form.handle(.left)
        #expect(form.value("priority") == "urgent")
        _ = form.handle(.char("n"))
        #expect(form.value("priority") == "normal")
        // A word typed whole chooses what it starts: "urgent", not "normal" at its "n".
        for letter in "urgent" { _ = form.handle(.char(letter)) }
        #expect(form.value("priority") == "urgent")
        _ = form.handle(.tab)
        _ = form.handle(.backTab)
        for letter in "high" { _ = form.handle(.char(letter)) }
        #expect(form.value("priority") == "high")
        form.setValue("priority", "normal")
        // Anything else types nothing into a choice.
        _ = form.handle(.backspace)
        _ = form.handle(.char("!"))
        #expect(form.value("priority") == "normal")
        #expect(!form.isDirty)
        _ = form.handle(.char("h"))
        #expect(form.isDirty && form.openingValue("priority") == "normal")
        form.setValue("priority", "urgent")
        #expect(form.value("priority") == "urgent")
        form.setValue("priority", "no such choice")
        #expect(form.value("priority") == "urgent")
    }

    @Test func inGermanTheChoicesReadGermanAndAnUmlautIsJumpedToByItsLetter() {
        Language.$scoped.withValue(.german) {
            var form = Form(title: "Start", fields: [
                Form.Field(id: "screen", label: "Screen", choosing: "invoices",
                           from: [Form.Choice("customers", "Customers"), Form.Choice("invoices", "Invoices"), Form.Choice("dashboard", "Dashboard")]),
            ])
            #expect(form.fields[0].input.text == "Rechnungen")
            var grid = Grid(size: Size(width: 80, height: 6))
            _ = form.draw(in: Rect(x: 0, y: 0, width: 80, height: 6), grid: &grid, theme: .fallback)
            #expect(grid.text.contains("‹ Rechnungen ›"))
            #expect(grid.text.contains("Kunden · Rechnungen · Übersicht"))
            _ = form.handle(.char("u"))
            #expect(form.value("screen") == "dashboard")
            _ = form.handle(.char("k"))
            #expect(form.value("screen") == "customers")
        }
    }
}
