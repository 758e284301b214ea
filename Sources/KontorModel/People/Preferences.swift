import GRDB

/// What one person chose for themselves: whether the related pane is
/// shown, whether a bell rings when something arrives, which language
/// Kontor speaks to them. Kept in the
/// business database (`staff_preferences`, `v25-person-preferences`), so
/// that the choice follows the person from one session to the next, and
/// is in the backup with everything else.
///
/// Only the person may change their own; nobody else's choices are read.
/// A preference is no business record: it has no audit entry.
public enum Preference: String, CaseIterable, Sendable {
    /// "1" while the related pane beside a list is hidden.
    case relatedPaneHidden = "related_pane.hidden"
    /// "1" when the terminal bell rings as something new arrives for the person.
    case bell = "notices.bell"
    /// The interface language the person chose ("de", "en"); empty until
    /// they choose, when the terminal's locale decides.
    case language = "interface.language"

    /// The value that holds until the person chooses.
    public var defaultValue: String {
        switch self {
        case .relatedPaneHidden, .bell: return "0"
        case .language: return ""
        }
    }
}

/// The preferences of the person a session belongs to.
public struct Preferences: Equatable, Sendable {
    private var values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    public subscript(_ preference: Preference) -> String {
        values[preference.rawValue] ?? preference.defaultValue
    }

    /// A yes/no preference read as such.
    public func isOn(_ preference: Preference) -> Bool { self[preference] == "1" }
}

enum PreferencesSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE staff_preferences (
                staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                key      TEXT NOT NULL,
                value    TEXT NOT NULL,
                PRIMARY KEY (staff_id, key)
            ) WITHOUT ROWID
            """)
    }
}

extension Session {
    /// Reads this person's preferences.
    public func preferences() throws -> Preferences {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM staff_preferences WHERE staff_id = ?", arguments: [staff.id])
            return Preferences(Dictionary(rows.map { ($0["key"] as String, $0["value"] as String) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// Keeps `value` as this person's choice for `preference`. Any active
    /// member of staff may set their own; a deactivated account may not.
    public func setPreference(_ preference: Preference, to value: String) throws {
        try setPreference(key: preference.rawValue, to: value == preference.defaultValue ? nil : value)
    }

    /// Keeps `value` under `key` for this person, or forgets the key (nil).
    func setPreference(key: String, to value: String?) throws {
        try setPreferences([(key, value)])
    }

    /// Keeps each value under its key (nil forgets the key), in one write.
    func setPreferences(_ values: [(key: String, value: String?)]) throws {
        try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT active FROM staff WHERE id = ?", arguments: [staff.id]) == true else {
                throw KontorError.inactiveStaff(username: staff.username)
            }
            for (key, value) in values {
                if let value {
                    try db.execute(sql: """
                        INSERT INTO staff_preferences (staff_id, key, value) VALUES (?, ?, ?)
                        ON CONFLICT (staff_id, key) DO UPDATE SET value = excluded.value
                        """, arguments: [staff.id, key, value])
                } else {
                    try db.execute(sql: "DELETE FROM staff_preferences WHERE staff_id = ? AND key = ?", arguments: [staff.id, key])
                }
            }
        }
    }

    /// This person's values of the keys starting with `prefix`, by key.
    func preferences(startingWith prefix: String) throws -> [String: String] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM staff_preferences WHERE staff_id = ? AND key >= ? AND key < ?",
                                        arguments: [staff.id, prefix, prefix + "\u{10FFFF}"])
            return Dictionary(rows.map { ($0["key"] as String, $0["value"] as String) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Turns a yes/no preference on or off.
    public func setPreference(_ preference: Preference, on: Bool) throws {
        try setPreference(preference, to: on ? "1" : "0")
    }
}
