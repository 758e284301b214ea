extension German {
    /// The Deals screen: its list, records, forms, dialogs and messages.
    static let deals: [String: String] = [:]
}
