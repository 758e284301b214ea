extension German {
    /// The Customers screen: its list, records, forms, dialogs and messages.
    static let customers: [String: String] = [:]
}
