import Foundation
import KontorLocale

/// What one person chose for one list: the column it is sorted by and
/// the columns they hid. Kept with their preferences
/// (`list.<list>.sort`, `list.<list>.hidden`), so that the list looks
/// the same in their next session and as they left it for nobody else.
public struct ListChoices: Equatable, Sendable {
    /// nil: the list's own order.
    public var sort: ListSort?
    /// Stable column names ("phone"), in no particular order.
    public var hiddenColumns: [String]

    public init(sort: ListSort? = nil, hiddenColumns: [String] = []) {
        self.sort = sort
        self.hiddenColumns = hiddenColumns
    }
}

/// A list as a person saved it under a name: quick view, filter, order
/// and columns, to come back to with a key or from the palette
/// ("Meine dringenden", "Überfällig > 30 Tage"). Kept with their
/// preferences (`list.<list>.saved.<name>`), seen by nobody else.
public struct SavedListView: Equatable, Sendable, Codable {
    /// The list's stable name ("customers", "tickets").
    public var list: String
    public var name: String
    /// The quick view's stable name, as the list names it; empty for its first.
    public var view: String
    public var filter: String
    public var sort: String
    public var hiddenColumns: [String]
    /// What narrows the list beyond its quick view and filter, in the
    /// list's own code: the one queue of the ticket queue ("billing"), the
    /// days past due of the overdue invoices ("30"). nil or empty for none
    /// (views saved before there was a scope have none).
    public var scope: String?

    public init(list: String, name: String, view: String, filter: String, sort: ListSort?, hiddenColumns: [String], scope: String = "") {
        self.list = list
        self.name = name
        self.view = view
        self.filter = filter
        self.sort = sort?.code ?? ""
        self.hiddenColumns = hiddenColumns
        self.scope = scope.isEmpty ? nil : scope
    }

    public var listSort: ListSort? { ListSort(code: sort) }

    /// Longest name a saved view may have.
    public static let nameLimit = 40
}

extension Session {
    private static func key(_ list: String, _ what: String) -> String { "list.\(list).\(what)" }

    /// This person's choices for `list`; the list's defaults until they choose.
    public func listChoices(_ list: String) throws -> ListChoices {
        let values = try preferences(startingWith: Self.key(list, ""))
        let hidden = values[Self.key(list, "hidden")].map { $0.split(separator: ",").map(String.init) } ?? []
        return ListChoices(sort: values[Self.key(list, "sort")].flatMap(ListSort.init(code:)), hiddenColumns: hidden)
    }

    /// Keeps the order this person chose for `list` (nil: the list's own).
    public func setListSort(_ sort: ListSort?, for list: String) throws {
        try setPreference(key: Self.key(list, "sort"), to: sort?.code)
    }

    /// Keeps the columns this person hid in `list`.
    public func setHiddenColumns(_ columns: [String], for list: String) throws {
        try setPreference(key: Self.key(list, "hidden"), to: columns.isEmpty ? nil : columns.sorted().joined(separator: ","))
    }

    /// This person's saved views, of one list or of every list, by name.
    public func savedViews(of list: String? = nil) throws -> [SavedListView] {
        let values = try preferences(startingWith: list.map { Self.key($0, "saved.") } ?? "list.")
        return values.filter { $0.key.contains(".saved.") }.values
            .compactMap { try? JSONDecoder().decode(SavedListView.self, from: Data($0.utf8)) }
            .sorted { ($0.name.lowercased(), $0.list) < ($1.name.lowercased(), $1.list) }
    }

    /// Saves `view` under its name, replacing one of the same name in its list.
    /// An empty name, or one longer than `SavedListView.nameLimit`, is refused.
    public func save(_ view: SavedListView) throws {
        let name = TextFolding.trimmed(view.name)
        guard !name.isEmpty else { throw KontorError.rule(tr("A saved view needs a name.")) }
        guard name.count <= SavedListView.nameLimit else {
            throw KontorError.rule(tr("A view's name has at most {0} characters.", SavedListView.nameLimit))
        }
        var saved = view
        saved.name = name
        let data = try JSONEncoder().encode(saved)
        try setPreference(key: Self.key(view.list, "saved.\(name)"), to: String(decoding: data, as: UTF8.self))
    }

    /// Forgets the saved view `name` of `list`.
    public func deleteSavedView(named name: String, of list: String) throws {
        try setPreference(key: Self.key(list, "saved.\(name)"), to: nil)
    }
}
