extension German {
    /// The Invoices screen: its list, records, forms, dialogs and messages.
    static let invoices: [String: String] = [:]
}
