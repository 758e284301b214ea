extension German {
    /// The model's words: what a form's fields must be, and why a change
    /// is refused.
    static let model: [String: String] = [:]
}
