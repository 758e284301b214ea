import KontorModel
import KontorUI

/// Staff: the directory with everyone's workload, a person's record with
/// their open tickets and deals, and — for admins — adding people,
/// changing roles and deactivating. The model hides private fields from
/// readers who may not see them and refuses what a role may not do; this
/// screen offers only what the role allows and shows the model's verdict.
final class StaffScreen: Screen {
    enum Mode {
        case list
        case detail(StaffDetail)
        case form(StaffEditor, returnTo: StaffDetail?)
        case confirm(Dialog, Pending)
    }

    enum Pending {
        case discard(StaffEditor, returnTo: StaffDetail?)
        case role(StaffMember, returnTo: StaffDetail?)
        case activation(StaffMember, returnTo: StaffDetail?)
    }

    let title = "Staff"
    let session: Session
    let directory: StaffRepository
    private(set) var mode: Mode = .list
    private(set) var query = StaffListQuery()
    private(set) var filter: TextInput?
    private var loaded = false
    /// Tells, on coming back to the screen, whether anything was committed
    /// since it last read; nil if it cannot be opened (then it always reads).
    private let changes: ChangeWatcher?
    private var count: Int?

    private(set) lazy var list = WindowedList<StaffListRow>(
        fetchAfter: { [unowned self] row, inclusive, limit in try directory.page(query, after: row?.listKey, inclusive: inclusive, limit: limit) },
        fetchBefore: { [unowned self] row, limit in try directory.page(query, before: row?.listKey, limit: limit) })

    init(session: Session) {
        self.session = session
        directory = session.staffDirectory
        changes = try? ChangeWatcher(database: session.database)
    }

    var mayManage: Bool { session.may(.manageStaff) }
    var mayEdit: Bool { session.may(.editStaffRecords) }
    var showsDetails: Bool { session.may(.readStaffDetails) }

    // MARK: Screen

    var capturesText: Bool {
        switch mode {
        case .list: return filter != nil
        case .detail: return false
        case .form, .confirm: return true
        }
    }

    var hasUnsavedChanges: Bool {
        switch mode {
        case let .form(editor, _), let .confirm(_, .discard(editor, _)): return editor.form.isDirty
        default: return false
        }
    }

    func activate(_ host: ScreenHost) {
        guard !loaded else {
            // Coming back: read again only if something was committed
            // meanwhile; otherwise what is shown is still true and the
            // switch costs a frame.
            if changes?.hasChanged() != false { dataChanged(host) }
            return
        }
        loaded = true
        _ = changes?.hasChanged()
        attempt(host) { try list.loadFirst() }
    }

    func dataChanged(_ host: ScreenHost) {
        _ = changes?.hasChanged()
        attempt(host) {
            count = nil
            try list.reload()
            switch mode {
            case let .detail(detail): try detail.reload()
            case let .form(_, back?): try back.reload()
            default: break
            }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .staff(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show("Finish or cancel the staff form first", isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let row = try directory.row(id: id) else { throw KontorError.notFound(entity: "staff member", id: id) }
            if !loaded { loaded = true; try list.loadFirst() }
            filter = nil
            try showInList(row)
            mode = .detail(try StaffDetail(row: row, session: session))
            shown = true
        }
        return shown
    }

    var highlighted: RecordLink? {
        guard case .list = mode, let row = list.selected else { return nil }
        return .staff(row.id)
    }

    var location: ScreenLocation {
        let row = list.selected.map { RecordLink.staff($0.id) }
        if case let .detail(d) = mode {
            return ScreenLocation(record: .staff(d.member.id), highlighted: row, filter: query.text, view: query.view.rawValue, title: d.member.fullName)
        }
        return ScreenLocation(highlighted: row, filter: query.text, view: query.view.rawValue, title: "Staff")
    }

    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            if !loaded { loaded = true; try list.loadFirst() }
            filter = nil
            try setQuery(StaffListQuery(view: StaffView(rawValue: location.view) ?? query.view, text: location.filter))
            if case let .staff(id)? = location.highlighted, let row = try directory.row(id: id) { try list.show(row) }
            if case let .staff(id)? = location.record, let row = try directory.row(id: id) {
                mode = .detail(try StaffDetail(row: row, session: session))
            } else {
                mode = .list
            }
        }
    }

    // MARK: Keys

    var bindings: [KeyBinding] {
        switch mode {
        case .list where filter != nil:
            return [
                KeyBinding("filter.done", [.enter], "keep filter", help: "Stop typing, keep the filter", group: "Filter"),
                KeyBinding("filter.clear", [.escape], "clear", help: "Clear the filter", group: "Filter"),
                KeyBinding("list.down", [.down], "down", help: "Next row", group: "Filter", inFooter: false),
                KeyBinding("list.up", [.up], "up", help: "Previous row", group: "Filter", inFooter: false),
            ] + Form.bindings.filter { $0.group == "Editing" }
        case .list:
            var keys = [
                KeyBinding("staff.open", [.enter], "open", help: "Open the highlighted person: contact, manager, open tickets and deals", group: "Staff"),
                KeyBinding("list.filter", [.char("/")], "filter", help: "Filter as you type: name, account, title or department", group: "Staff"),
                KeyBinding("list.view", [.char("v")], "view: \(Self.viewName(query.view.next))",
                           help: "Next view: active → inactive → everyone", group: "Staff"),
            ]
            if !query.text.isEmpty {
                keys.insert(KeyBinding("filter.clear", [.escape], "clear filter", help: "Clear the filter", group: "Staff"), at: 2)
            }
            keys += changeBindings(onRecord: !list.isEmpty)
            if list.isEmpty { keys.removeAll { $0.id == "staff.open" } }
            return keys + ListKeys.movement
        case .detail:
            return [
                KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the directory", group: "Person"),
                KeyBinding("detail.open", [.enter], "open", help: "Open the highlighted ticket, deal or colleague", group: "Person"),
                KeyBinding("detail.pane", [.tab], "next pane", help: "Next pane: open tickets, open deals, reports", group: "Person"),
                KeyBinding("detail.panePrevious", [.backTab], "previous pane", help: "Previous pane", group: "Person", inFooter: false),
            ] + changeBindings(onRecord: true) + ListKeys.movement
        case let .form(editor, _):
            var keys = Form.bindings
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version (your typing is lost)", group: "Form"), at: 1)
            }
            return keys
        case let .confirm(dialog, _):
            return dialog.bindings
        }
    }

    /// Admin keys (add, role, deactivate) and the back office's edit. Not
    /// offered to a role that may not use them; pressed anyway, the model
    /// refuses and the refusal is shown.
    private func changeBindings(onRecord: Bool) -> [KeyBinding] {
        let adminNote = mayManage ? "" : " (admins only)"
        var keys = [
            KeyBinding("staff.add", [.char("n")], "add", help: "Add a member of staff: their operating-system account, name and role" + adminNote,
                       group: "Staff", inFooter: mayManage),
            KeyBinding("staff.edit", [.char("e")], "edit", help: "Edit contact data: name, title, department, phone, e-mail, manager"
                       + (mayEdit ? "" : " (back office, managers and admins)"), group: "Staff", inFooter: mayEdit),
            KeyBinding("staff.role", [.char("R")], "role", help: "Change the role: front, back, manager or admin" + adminNote, group: "Staff", inFooter: mayManage),
            KeyBinding("staff.activation", [.char("x")], currentIsActive ? "deactivate" : "activate",
                       help: "Deactivate (they can no longer log in; their history stays) or activate again" + adminNote,
                       group: "Staff", inFooter: mayManage),
        ]
        if !onRecord { keys.removeAll { $0.id != "staff.add" } }
        return keys
    }

    private var currentIsActive: Bool {
        if case let .detail(d) = mode { return d.member.active }
        return list.selected?.member.active ?? true
    }

    static func viewName(_ view: StaffView) -> String {
        switch view {
        case .active: return "active"
        case .inactive: return "inactive"
        case .all: return "everyone"
        }
    }

    // MARK: Actions

    func perform(_ id: String, host: ScreenHost) {
        attempt(host) {
            switch id {
            case let move where ["list.down", "list.up", "list.pageDown", "list.pageUp", "list.top", "list.bottom"].contains(move):
                if case let .detail(detail) = mode { try detail.move(move) } else { _ = try ListKeys.perform(move, on: list) }
            case "list.filter": filter = TextInput(query.text, maxLength: 80)
            case "filter.done": filter = nil
            case "filter.clear":
                filter = nil
                let keep = list.selected
                try setQuery(StaffListQuery(view: query.view, text: ""))
                if let keep { try list.show(keep) }
            case "list.view": try setQuery(StaffListQuery(view: query.view.next, text: query.text))
            case "staff.open":
                if let row = list.selected { mode = .detail(try StaffDetail(row: row, session: session)) }
            case "detail.back": mode = .list
            case "detail.pane", "detail.panePrevious":
                if case let .detail(d) = mode {
                    let count = StaffDetail.Pane.allCases.count
                    d.pane = StaffDetail.Pane(rawValue: (d.pane.rawValue + (id == "detail.pane" ? 1 : count - 1)) % count)!
                }
            case "detail.open":
                if case let .detail(d) = mode, let link = d.selectedLink {
                    if case let .staff(staffID) = link, let row = try directory.row(id: staffID) {
                        try showInList(row)
                        mode = .detail(try StaffDetail(row: row, session: session))
                    } else {
                        host.open(link)
                    }
                }
            case "staff.add":
                try session.require(.manageStaff)
                mode = .form(StaffEditor(), returnTo: detailShown)
            case "staff.edit":
                try session.require(.editStaffRecords)
                if let member = try current() {
                    let manager = try member.managerID.flatMap { try directory.find(id: $0) }
                    mode = .form(StaffEditor(editing: member, managerUsername: manager?.username ?? ""), returnTo: detailShown)
                }
            case "staff.role":
                try session.require(.manageStaff)
                if let member = try current() { askRole(member) }
            case "staff.activation":
                try session.require(.manageStaff)
                if let member = try current() { confirmActivation(member) }
            case "form.save": try save(host)
            case "form.reload": try reloadForm()
            case "form.cancel": cancelForm()
            case let dialog where dialog.hasPrefix("dialog."):
                try answer(String(dialog.dropFirst(7)), host: host)
            default:
                _ = forwardToForm(id == "form.next" ? .tab : id == "form.previous" ? .backTab : .escape, host: host)
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch mode {
        case .list:
            guard var input = filter, input.handle(key) else { return false }
            filter = input
            attempt(host) { try setQuery(StaffListQuery(view: query.view, text: input.text)) }
            return true
        case .form:
            return forwardToForm(key, host: host)
        default:
            return false
        }
    }

    private func forwardToForm(_ key: Key, host: ScreenHost) -> Bool {
        guard case .form(var editor, let back) = mode else { return false }
        let event = editor.form.handle(key)
        mode = .form(editor, returnTo: back)
        switch event {
        case .submit: attempt(host) { try save(host) }
        case .cancel: cancelForm()
        case .none: break
        }
        return true
    }

    private var detailShown: StaffDetail? {
        if case let .detail(d) = mode { return d }
        return nil
    }

    /// The member the next action applies to: the one open, or the highlighted one.
    private func current() throws -> StaffMember? {
        if let shown = detailShown { return try directory.find(id: shown.member.id) ?? shown.member }
        guard let row = list.selected else { return nil }
        return try directory.find(id: row.id)
    }

    private func setQuery(_ newQuery: StaffListQuery) throws {
        guard newQuery != query else { return }
        query = newQuery
        count = nil
        try list.loadFirst()
    }

    /// Puts the cursor on a member, switching to a view that holds them if need be.
    private func showInList(_ row: StaffListRow) throws {
        let fits = query.view == .all || (query.view == .active) == row.member.active
        if !fits || !query.text.isEmpty { try setQuery(StaffListQuery(view: fits ? query.view : .all, text: "")) }
        try list.show(row)
    }

    private func askRole(_ member: StaffMember) {
        let choices = Role.allCases.map { role in
            Dialog.Choice(.char(role == .manager ? "m" : Character(String(role.rawValue.prefix(1)))), role.rawValue + (role == member.role ? " (now)" : ""),
                          id: "role.\(role.rawValue)")
        }
        let dialog = Dialog(
            title: "Change role",
            message: ["\(member.fullName) (\(member.username)) is \(member.role.rawValue): \(member.role.displayName).",
                      "front: customers, tickets, deals · back: invoices, stock, staff records",
                      "manager: both sides · admin: everything, roles and settings"]
                + (member.id == session.staff.id ? ["⚠ This is you: below admin you cannot change roles again, even your own."] : []),
            choices: choices + [.init(.char("c"), "cancel", id: "cancel")],
            cancelID: "cancel")
        mode = .confirm(dialog, .role(member, returnTo: detailShown))
    }

    private func confirmActivation(_ member: StaffMember) {
        let activating = !member.active
        let dialog = Dialog(
            title: activating ? "Activate" : "Deactivate",
            message: activating
                ? ["Let \(member.fullName) (\(member.username)) log in again?"]
                : ["Deactivate \(member.fullName) (\(member.username))?", "They can no longer open Kontor; their history stays."]
                    + (member.id == session.staff.id ? ["⚠ This is you: this session can change nothing more once you do."] : []),
            choices: [.init(.char("y"), activating ? "activate" : "deactivate", id: "yes"), .init(.char("n"), "keep as is", id: "no")],
            cancelID: "no")
        mode = .confirm(dialog, .activation(member, returnTo: detailShown))
    }

    private func answer(_ choice: String, host: ScreenHost) throws {
        guard case let .confirm(_, pending) = mode else { return }
        switch pending {
        case let .discard(editor, back):
            mode = choice == "yes" ? back.map { .detail($0) } ?? .list : .form(editor, returnTo: back)
        case let .role(member, back):
            mode = back.map { .detail($0) } ?? .list
            guard choice.hasPrefix("role."), let role = Role(rawValue: String(choice.dropFirst(5))) else { return }
            guard role != member.role else { return host.show("\(member.fullName) is \(role.rawValue) already", isError: false) }
            try refreshing(member, host: host) {
                let saved = try directory.setRole(id: member.id, role, expectedVersion: member.version)
                host.show("\(saved.fullName) is now \(saved.role.rawValue) (\(saved.role.displayName))", isError: false)
            }
        case let .activation(member, back):
            mode = back.map { .detail($0) } ?? .list
            guard choice == "yes" else { return }
            try refreshing(member, host: host) {
                let saved = try directory.setActive(id: member.id, !member.active, expectedVersion: member.version)
                host.show("\(saved.fullName) \(saved.active ? "activated" : "deactivated")", isError: false)
            }
        }
    }

    /// Runs a change of `member`; afterwards, or when someone changed them
    /// first, shows the record as it is now.
    private func refreshing(_ member: StaffMember, host: ScreenHost, _ change: () throws -> Void) throws {
        defer {
            count = nil
            try? list.reload()
            try? detailShown?.reload()
        }
        do {
            try change()
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            host.show("\(changedBy) changed \(member.fullName) at \(Format.shortTime(changedAt)); nothing was saved — here is their version, try again",
                      isError: true)
        }
    }

    private func cancelForm() {
        guard case let .form(editor, back) = mode else { return }
        if editor.form.isDirty {
            let dialog = Dialog(
                title: "Discard changes",
                message: ["This form has changes that are not saved.", "Close it and lose them?"],
                choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep editing", id: "no")],
                cancelID: "no")
            mode = .confirm(dialog, .discard(editor, returnTo: back))
        } else {
            mode = back.map { .detail($0) } ?? .list
        }
    }

    private func save(_ host: ScreenHost) throws {
        guard case .form(var editor, let back) = mode else { return }
        do {
            // The manager is typed as an account name; find who that is.
            var issues: [FieldIssue] = []
            var managerID: Int64?
            let managerName = editor.form.value("manager").filter { !$0.isWhitespace }
            if !managerName.isEmpty {
                if let manager = try directory.find(username: managerName), manager.active {
                    managerID = manager.id
                } else {
                    issues.append(FieldIssue(field: "manager", message: "'\(managerName)' is no active member of staff"))
                }
            }
            let role = editor.original == nil ? StaffEditor.role(editor.form.value("role")) : nil
            if editor.original == nil, role == nil {
                issues.append(FieldIssue(field: "role", message: "must be front, back, manager or admin"))
            }
            let fields = editor.fields(managerID: managerID)
            if !issues.isEmpty {
                editor.show((fields.validate()?.issues ?? []) + issues)
                mode = .form(editor, returnTo: back)
                return
            }
            let saved: StaffMember
            if let original = editor.original {
                saved = try directory.update(id: original.id, fields, expectedVersion: original.version)
            } else {
                saved = try directory.add(fields, role: role ?? .front)
            }
            count = nil
            if let row = try directory.row(id: saved.id) { try showInList(row) }
            if let back {
                try back.reload()
                mode = .detail(back)
            } else {
                mode = .list
            }
            host.show(editor.original == nil ? "Added \(saved.fullName) (\(saved.username)) as \(saved.role.rawValue)" : "Saved \(saved.fullName)", isError: false)
        } catch let KontorError.invalid(failure) {
            editor.show(failure.issues)
            mode = .form(editor, returnTo: back)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            editor.conflict = true
            editor.form.banner = "\(changedBy) saved this staff member at \(Format.shortTime(changedAt)); Ctrl-R loads their version"
            mode = .form(editor, returnTo: back)
        } catch let error as KontorError {
            editor.form.banner = error.description
            mode = .form(editor, returnTo: back)
        }
    }

    private func reloadForm() throws {
        guard case let .form(editor, back) = mode, let original = editor.original else { return }
        guard let fresh = try directory.find(id: original.id) else { throw KontorError.notFound(entity: "staff member", id: original.id) }
        let manager = try fresh.managerID.flatMap { try directory.find(id: $0) }
        mode = .form(StaffEditor(editing: fresh, managerUsername: manager?.username ?? ""), returnTo: back)
    }


    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        switch mode {
        case .list:
            return drawList(in: rect, grid: &grid, theme: theme)
        case let .detail(detail):
            detail.draw(in: rect, grid: &grid, theme: theme)
            return nil
        case .form(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .form(editor, returnTo: back)
            return cursor
        case let .confirm(dialog, pending):
            switch pending {
            case let .discard(editor, _):
                var form = editor.form
                _ = form.draw(in: rect, grid: &grid, theme: theme)
            case let .role(_, back), let .activation(_, back):
                if let back { back.draw(in: rect, grid: &grid, theme: theme) } else { _ = drawList(in: rect, grid: &grid, theme: theme) }
            }
            dialog.draw(in: rect, grid: &grid, theme: theme)
            return nil
        }
    }

    func countText() -> String? {
        if count == nil { count = try? directory.count(query) }
        return count.map { "\(Format.count($0)) \(query.text.isEmpty ? Self.viewName(query.view) : "matching")" }
    }
}

extension StaffView {
    var next: StaffView {
        switch self {
        case .active: return .inactive
        case .inactive: return .all
        case .all: return .active
        }
    }
}
