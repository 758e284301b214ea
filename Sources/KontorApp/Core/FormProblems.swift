import KontorLocale
import KontorModel
import KontorUI

extension Form {
    /// Shows the model's verdict: each message beside its field (the first
    /// one when a field has several), and how many need attention above;
    /// what concerns no field of this form (a line of the invoice being
    /// issued) is said in full above, since nothing here could show it.
    mutating func show(_ issues: [FieldIssue]) {
        let ids = Set(fields.map(\.id))
        let here = issues.filter { ids.contains($0.field) }
        let elsewhere = issues.filter { !ids.contains($0.field) }
        var errors: [String: String] = [:]
        for issue in here where errors[issue.field] == nil { errors[issue.field] = issue.message }
        show(errors: errors)
        let counted = here.isEmpty ? nil : Wording.count(here.count, one: "{0} field needs attention", other: "{0} fields need attention")
        banner = elsewhere.isEmpty ? counted : ([counted].compactMap { $0 } + [ValidationFailure(elsewhere).description]).joined(separator: "; ")
    }
}
