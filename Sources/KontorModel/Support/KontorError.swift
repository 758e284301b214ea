import KontorLocale
import Foundation

/// Errors the model reports to people. Each message says what went wrong and,
/// where there is one, what to do about it.
public enum KontorError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case cannotOpen(path: String, reason: String)
    case notFound(entity: String, id: Int64)
    /// A save was refused because someone saved the same record first.
    case conflict(entity: String, id: Int64, changedBy: String, changedAt: String)
    case invalid(ValidationFailure)
    case notEmpty(path: String)
    /// The role does not allow the action.
    case denied(username: String, role: Role, action: String)
    /// The account is not a member of staff.
    case notStaff(username: String)
    case inactiveStaff(username: String)
    /// A business rule refused the change; the message says which and why.
    case rule(String)
    /// Another program held the database's write lock for longer than the busy timeout.
    case busy

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return tr("cannot open database {0}: {1}", path, reason)
        case let .notFound(entity, id):
            return tr("{0} {1} does not exist (it may have been deleted)", tr(entity, meaning: "a kind of record"), id)
        case let .conflict(entity, id, changedBy, changedAt):
            return tr("{0} {1} was changed by {2} at {3} after you opened it; reload to see their change", tr(entity, meaning: "a kind of record"), id, changedBy, changedAt)
        case let .invalid(failure):
            return failure.description
        case let .notEmpty(path):
            return tr("database {0} already holds data; --seed-only fills empty databases only", path)
        case let .denied(username, role, action):
            return tr("{0} ({1}) may not {2}", username, role.displayName, action)
        case let .notStaff(username):
            return tr("the account '{0}' is not on the staff list; an admin can add it with `kontor staff add {0} --name \"Full Name\" --role front`", username)
        case let .inactiveStaff(username):
            return tr("the account '{0}' has been deactivated; an admin can reactivate it with `kontor staff activate {0}`", username)
        case let .rule(message):
            return message
        case .busy:
            return tr("the database is busy: another program has been writing to it for several seconds; nothing was saved, try again")
        }
    }

    public var errorDescription: String? { description }
}

/// A field that failed validation, and why, in words a form can show.
public struct FieldIssue: Equatable, Sendable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Everything wrong with one record, so a form can mark every field at once.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var issues: [FieldIssue]

    public init(_ issues: [FieldIssue]) { self.issues = issues }

    public func message(for field: String) -> String? {
        issues.first { $0.field == field }?.message
    }

    public var description: String {
        issues.map { "\($0.fieldLabel): \($0.message)" }.joined(separator: "; ")
    }
}

extension FieldIssue {
    /// The field as the person reads it, in their language: "line 2" →
    /// "Zeile 2", "payment terms" → "Zahlungsziel". A field without a
    /// German word stays as the model names it.
    public var fieldLabel: String {
        if field.hasPrefix("line "), let position = Int(field.dropFirst(5)) { return tr("line {0}", position) }
        return tr(field, meaning: "a field")
    }
}
