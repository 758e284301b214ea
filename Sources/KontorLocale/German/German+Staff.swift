extension German {
    /// The Staff screen: its list, records, forms, dialogs and messages.
    static let staff: [String: String] = [:]
}
