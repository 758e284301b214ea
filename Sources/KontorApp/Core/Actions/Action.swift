import KontorLocale
import KontorModel
import KontorUI

/// What a key does: its binding (keys and the words the footer, the help
/// and the palette show), the work itself, and whether it may be done now.
///
/// A screen lists its actions for the state it is in; the App finds the one
/// a key runs, says why when it is disabled, and runs it otherwise. There
/// is no second table of ids to keep in step: the closure is the action.
struct Action {
    var binding: KeyBinding
    let run: (ScreenHost) throws -> Void

    init(binding: KeyBinding, run: @escaping (ScreenHost) throws -> Void) {
        self.binding = binding
        self.run = run
    }

    /// - Parameters:
    ///   - id: a stable name ("customer.new"), for the palette and the README's key table.
    init(_ id: String, _ keys: [Key], _ label: String, help: String, group: String, inFooter: Bool = true,
         run: @escaping (ScreenHost) throws -> Void) {
        self.init(binding: KeyBinding(id, keys, label, help: help, group: group, inFooter: inFooter), run: run)
    }

    /// A key listed in the help that the focused text field handles itself.
    static func passingThrough(_ binding: KeyBinding) -> Action {
        Action(binding: binding) { _ in }
    }

    var id: String { binding.id }
    var isEnabled: Bool { binding.isEnabled }

    /// Disabled unless the role allows `permission` now. The model checks
    /// again when the work is done; this only tells the user first.
    func requires(_ permission: Permission, of session: Session) -> Action {
        guard binding.isEnabled, !session.may(permission) else { return self }
        var copy = self
        copy.binding.disabledReason = Access.reason(permission)
        return copy
    }

    /// Disabled while `condition` holds, for the reason given.
    func disabled(if condition: Bool, _ reason: @autoclosure () -> String) -> Action {
        guard binding.isEnabled, condition else { return self }
        var copy = self
        copy.binding.disabledReason = reason()
        return copy
    }

    /// The same action shown elsewhere: in or out of the footer, another label.
    func footer(_ shown: Bool) -> Action {
        var copy = self
        copy.binding.inFooter = shown
        return copy
    }
}

extension Array where Element == Action {
    /// The action a key runs, the first one listed winning.
    func action(for key: Key) -> Action? {
        first { !$0.binding.passesThrough && $0.binding.keys.contains(key) }
    }

    func action(id: String) -> Action? { first { $0.id == id } }

    var bindings: [KeyBinding] { map(\.binding) }
}

/// Who may do what, said the way the help and the refusals say it.
enum Access {
    static func reason(_ permission: Permission) -> String {
        let roles = Role.allCases.filter { $0.allows(permission) }
        return tr("{0} only", names(roles))
    }

    /// Whether `text` is a reason of who may (`reason`), not of what
    /// stands in the way now.
    static func isRoleReason(_ text: String) -> Bool {
        Permission.allCases.contains { reason($0) == text }
    }

    private static func names(_ roles: [Role]) -> String {
        let words = roles.map { role -> String in
            switch role {
            case .front: return tr("front office")
            case .back: return tr("back office")
            case .manager: return tr("managers")
            case .admin: return tr("admins")
            }
        }
        guard words.count > 1 else { return words.first ?? tr("nobody") }
        return tr("{0} and {1}", words.dropLast().joined(separator: ", "), words.last!)
    }
}
