import KontorLocale
import KontorText
import GRDB

extension Session {
    /// Saves the mail settings from a form if nobody saved any setting
    /// since `expected` was read; otherwise throws `.conflict` naming who
    /// did (as `saveSettings(_:expected:)` does for the company's).
    public func saveMailSettings(_ settings: MailSettings, expected: SettingsRevision) throws {
        if let failure = settings.validate() { throw KontorError.invalid(failure) }
        try write(.editSettings) { db in
            let current = try Self.settingsRevision(db)
            guard current.number == expected.number else {
                throw KontorError.conflict(entity: "settings", id: 0, changedBy: current.updatedBy, changedAt: current.updatedAt)
            }
            let stored = try MailSettings.read(db)
            try writeSettings(db, from: stored.values, to: try keepingServerSendmail(settings, stored: stored).values)
        }
    }
}

extension MailSettings {
    /// Queue addresses as typed: "support=support@firma.de, billing=rechnung@firma.de".
    public static func queueAddresses(from text: String) -> [String: String] { parseAddresses(text) }

    /// What in typed queue addresses is not "queue=address", or nil: such
    /// a part was dropped without a word, and "foo" emptied every queue.
    public static func queueAddressProblem(_ text: String) -> String? {
        for pair in text.split(whereSeparator: { $0 == "," || $0 == "\n" }) where !pair.allSatisfy(\.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty {
                return tr("'{0}' is not queue=address, as support=support@firma.de", VisibleText.clean(pair.trimmingCharacters(in: .whitespaces)))
            }
        }
        return nil
    }
}
