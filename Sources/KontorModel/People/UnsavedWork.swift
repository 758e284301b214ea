import Foundation
import GRDB

/// What a person had typed into a form or a message when their session
/// ended without a save — the SSH link dropped, the terminal was closed,
/// the server was told to stop. It is kept with their preferences and put
/// back into the same form, by its title, when they open it again.
public struct UnsavedWork: Codable, Equatable, Sendable {
    /// The form's title as the person saw it: which form, which record
    /// ("Edit customer · Müller GmbH", "Reply to the customer · #461").
    public var title: String
    /// Which form on which record, in no language ("CustomerEditor
    /// customer 21"): what finds the form again when the next session
    /// speaks another language. nil: the title does.
    public var key: String?
    /// The record's version the typing was done over; nil for a form
    /// whose record has none (a new one).
    public var version: Int?
    /// Each field's text, by the field's id.
    public var fields: [String: String]
    /// Each field's text as the form opened: what the typing was done
    /// over, to compare a save made since with.
    public var base: [String: String]?
    public var keptAt: String

    /// Kept now.
    public init(title: String, key: String? = nil, version: Int? = nil, fields: [String: String], base: [String: String]? = nil) {
        self.title = title
        self.key = key
        self.version = version
        self.fields = fields
        self.base = base
        keptAt = Timestamp.now()
    }

    /// What the work is kept under, and found again by.
    public var identity: String { key ?? title }
}

extension Session {
    /// Preference keys of kept work begin so, followed by the form's title.
    static let unsavedWorkPrefix = "unsaved."

    /// Keeps `work` (replacing what was kept under the same titles), in
    /// one write. A deactivated account keeps nothing.
    public func keepUnsavedWork(_ work: [UnsavedWork]) throws {
        guard !work.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try setPreferences(work.map { (Self.unsavedWorkPrefix + $0.identity, String(decoding: try encoder.encode($0), as: UTF8.self)) })
    }

    /// Everything kept for this person, oldest first.
    public func unsavedWork() throws -> [UnsavedWork] {
        try preferences(startingWith: Self.unsavedWorkPrefix).values
            .compactMap { try? JSONDecoder().decode(UnsavedWork.self, from: Data($0.utf8)) }
            .sorted { ($0.keptAt, $0.title) < ($1.keptAt, $1.title) }
    }

    /// Forgets what was kept under `identity` (it is back in its form, or
    /// the form was opened and its typing discarded).
    public func forgetUnsavedWork(_ identity: String) throws {
        try setPreference(key: Self.unsavedWorkPrefix + identity, to: nil)
    }
}
