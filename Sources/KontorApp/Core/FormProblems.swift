import KontorLocale
import KontorModel
import KontorUI

extension Form {
    /// Shows the model's verdict: each message beside its field (the first
    /// one when a field has several), and how many need attention above.
    mutating func show(_ issues: [FieldIssue]) {
        var errors: [String: String] = [:]
        for issue in issues where errors[issue.field] == nil { errors[issue.field] = issue.message }
        show(errors: errors)
        banner = Wording.count(issues.count, one: "{0} field needs attention", other: "{0} fields need attention")
    }
}
