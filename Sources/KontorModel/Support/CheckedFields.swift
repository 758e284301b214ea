import GRDB

/// What a form edits: fields that are normalised (trimmed, upper-cased, …)
/// before they are checked, and checked before anything is stored.
protocol CheckedFields {
    func normalized() -> Self
    func validate() -> ValidationFailure?
}

extension CheckedFields {
    /// The fields normalised, or `.invalid` naming every problem at once:
    /// the first thing every change does with what a form sends.
    func checked() throws -> Self {
        let fields = normalized()
        if let failure = fields.validate() { throw KontorError.invalid(failure) }
        return fields
    }
}

extension CheckedFields {
    /// As `checked()`; and when the fields are refused, the refusal also
    /// names what `lookups` find wrong in the database (a customer that
    /// does not exist, an owner no longer active), so that a form shows
    /// every problem at once rather than the next one after each save.
    /// (The lookups run again inside the write, for fields that pass.)
    func checked(in database: KontorDatabase, alsoLooking lookups: [(Database) throws -> Void]) throws -> Self {
        let fields = normalized()
        guard let failure = fields.validate() else { return fields }
        let found = try database.read { db in try FieldIssues.raisedBy(lookups.map { lookup in { try lookup(db) } }) }
        throw KontorError.invalid(ValidationFailure(FieldIssues.merged(failure.issues, found)))
    }
}

/// Gathering field problems from checks that each throw `.invalid`.
enum FieldIssues {
    /// The issues every check throws as `.invalid`, each field once; other
    /// errors pass through.
    static func raisedBy(_ checks: [() throws -> Void]) throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for check in checks {
            do { try check() } catch let KontorError.invalid(failure) { issues = merged(issues, failure.issues) }
        }
        return issues
    }

    /// Runs every check and throws all they found together, after `issues`.
    static func throwAll(_ issues: [FieldIssue], _ checks: [() throws -> Void]) throws {
        let all = merged(issues, try raisedBy(checks))
        if !all.isEmpty { throw KontorError.invalid(ValidationFailure(all)) }
    }

    /// `first`, then those of `more` on fields `first` does not name.
    static func merged(_ first: [FieldIssue], _ more: [FieldIssue]) -> [FieldIssue] {
        first + more.filter { issue in !first.contains { $0.field == issue.field } }
    }
}

extension CustomerFields: CheckedFields {}
extension ContactFields: CheckedFields {}
extension DealFields: CheckedFields {}
extension DealLineFields: CheckedFields {}
extension TicketFields: CheckedFields {}
extension ProductFields: CheckedFields {}
