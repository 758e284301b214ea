extension German {
    /// The Dashboard screen: its list, records, forms, dialogs and messages.
    static let dashboard: [String: String] = [:]
}
