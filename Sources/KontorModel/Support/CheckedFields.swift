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

extension CustomerFields: CheckedFields {}
extension ContactFields: CheckedFields {}
extension DealFields: CheckedFields {}
extension DealLineFields: CheckedFields {}
extension TicketFields: CheckedFields {}
extension ProductFields: CheckedFields {}
