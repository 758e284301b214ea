extension German {
    /// The Deals screen: its board and list, records, forms, dialogs and messages.
    static let deals: [String: String] = [
        // Stages
        "Lead": "Lead",
        "Qualified": "Qualifiziert",
        "Proposal": "Angebot",
        "Negotiation": "Verhandlung",
        "Won": "Gewonnen",
        "Lost": "Verloren",
    ]
}
