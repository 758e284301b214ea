@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// The model's verdict on a form: beside each field it names, and in full
/// above when it names none of the form's fields (the issue form's "line
/// 2": the form counted it and showed it nowhere).
@Suite("Form verdicts")
struct FormVerdictTests {
    static func issueForm() -> Form {
        Form(title: "Issue", fields: [
            Form.Field(id: "issue date", label: "Issue date", value: "2026-12-06"),
            Form.Field(id: "delivery date", label: "Delivery date", value: "2026-12-06"),
        ])
    }

    @Test func anIssueOfAFieldHereIsShownBesideItAndCounted() {
        var form = Self.issueForm()
        form.show([FieldIssue(field: "issue date", message: "is after today")])
        #expect(form.errors["issue date"] == "is after today")
        #expect(form.banner == "1 field needs attention")
    }

    @Test func anIssueOfNoFieldHereIsSaidInFull() {
        var form = Self.issueForm()
        form.show([FieldIssue(field: "line 2", message: "tax category K does not fit"),
                   FieldIssue(field: "delivery date", message: "must be a date")])
        #expect(form.errors["delivery date"] == "must be a date")
        #expect(form.banner == "1 field needs attention; line 2: tax category K does not fit")
        form.show([FieldIssue(field: "line 2", message: "tax category K does not fit")])
        #expect(form.banner == "line 2: tax category K does not fit" && form.errors.isEmpty)
    }
}
