extension German {
    /// The Tickets screen: its list, records, forms, dialogs and messages.
    static let tickets: [String: String] = [:]
}
