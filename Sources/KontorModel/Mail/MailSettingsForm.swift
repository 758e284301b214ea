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
            try writeSettings(db, from: try MailSettings.read(db).values, to: settings.values)
        }
    }
}

extension MailSettings {
    /// Queue addresses as typed: "support=support@firma.de, billing=rechnung@firma.de".
    public static func queueAddresses(from text: String) -> [String: String] { parseAddresses(text) }
}
