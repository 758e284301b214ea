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
            let before = try MailSettings.read(db).values
            let now = Timestamp.now()
            for (key, value) in settings.values.sorted(by: { $0.key < $1.key }) where before[key] != value {
                try db.execute(sql: """
                    INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """, arguments: [key, value, now, username])
                try Audit.record(db, session: self, entity: "settings", id: 0, action: "update", changes: [(key, before[key], value)])
            }
        }
    }
}

extension MailSettings {
    /// Queue addresses as typed: "support=support@firma.de, billing=rechnung@firma.de".
    public static func queueAddresses(from text: String) -> [String: String] { parseAddresses(text) }
}
