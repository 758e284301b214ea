import KontorModel
import KontorUI

extension Form {
    /// Shows the model's verdict: each message beside its field (the first
    /// one when a field has several), and how many need attention above.
    mutating func show(_ issues: [FieldIssue]) {
        var errors: [String: String] = [:]
        for issue in issues where errors[issue.field] == nil { errors[issue.field] = issue.message }
        show(errors: errors)
        banner = issues.count == 1 ? "1 field needs attention" : "\(issues.count) fields need attention"
    }
}
