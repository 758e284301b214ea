extension German {
    /// The Inventory screen: its list, records, forms, dialogs and messages.
    static let inventory: [String: String] = [:]
}
