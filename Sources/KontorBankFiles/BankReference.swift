import KontorText

/// What identifies a bank's entry across imports, so that the same
/// statement read twice, or two statements that overlap, book each entry
/// once.
public enum BankReference {
    /// Words banks write where a reference is required and they have none
    /// ("NONREF" in camt.053's `AcctSvcrRef`, "NOTPROVIDED" for an
    /// end-to-end id): no reference at all, shared by every such entry.
    static func isPlaceholder(_ text: String) -> Bool {
        text.isEmpty || placeholders.contains(text.uppercased())
    }

    /// The placeholder words, as banks write them.
    public static let placeholders = ["NOTPROVIDED", "NONREF", "NOTAVAILABLE", "NONE"]

    /// A reference made from what the entry says, for one without a
    /// reference of the bank's: its date, amount and counterparty and its
    /// purpose, and how often the same came before it in the file (two
    /// equal transfers on one day are two entries).
    static func made(_ prefix: String, identity: String, occurrence: Int) -> String {
        prefix + Fingerprint.hex((identity + "#\(occurrence)").utf8)
    }
}
