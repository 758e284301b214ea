import KontorLocale
import KontorModel
import KontorUI

extension StaffListQuery: ListQuery {}

/// Staff: the directory with everyone's workload, a person's record with
/// their open tickets and deals, and — for admins — adding people,
/// changing roles and deactivating. The model hides private fields from
/// readers who may not see them and refuses what a role may not do; the
/// actions say first who may use them.
final class StaffScreen: PanelScreen {
    let id = ScreenID.staff
    let session: Session
    let directory: StaffRepository
    let stack = ModalStack()
    /// Everyone at work now, as the App last read it: shown under the list.
    var connected: [PresenceEntry] = []
    /// Tells, on coming back to the screen, whether anything was committed
    /// since it last read; nil if it cannot be opened (then it always reads).
    let changes: ChangeWatcher?

    private(set) lazy var panel = ListPanel<StaffListRow, StaffListQuery>(
        StaffListQuery(),
        source: .init(
            page: { [unowned self] query, row, inclusive, limit in try directory.page(query, after: row?.listKey, inclusive: inclusive, limit: limit) },
            pageBefore: { [unowned self] query, row, limit in try directory.page(query, before: row?.listKey, limit: limit) },
            counted: { [unowned self] query in try directory.prepare(query) }),
        words: .init(
            title: { _ in tr("Staff") },
            views: [.active, .inactive, .all],
            viewName: Self.viewName,
            filterHelp: "name, account, title or department",
            emptyFiltered: { tr("Nobody matches “{0}”. Esc clears the filter.", $0) },
            empty: { _ in tr("Nobody in this view.") },
            countNoun: { Self.viewName($0.view) },
            sortable: StaffRepository.sortableColumns, sortableWhenFew: StaffRepository.sortableWhenFew, ownOrder: ListSort("name")),
        memory: ListMemory(session: session, list: "staff", stack: stack))

    init(session: Session) {
        self.session = session
        directory = session.staffDirectory
        changes = try? ChangeWatcher(database: session.database)
    }

    var showsDetails: Bool { session.may(.readStaffDetails) }
    /// The list sits beside who is connected now.
    var showsWhoIsConnected: Bool { true }
    var detail: StaffDetail? { stack.last(StaffDetail.self) }

    // MARK: Screen


    func layout(_ rect: Rect, host: ScreenHost) {
        connected = host.presentNow
        prepare(rect, host: host)
        let list = splitConnected(rect).list
        panel.layout(in: list, legend: true, table: table(width: list.width))
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .staff(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show(tr("Finish or cancel the staff form first"), isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let row = try directory.row(id: id) else { throw KontorError.notFound(entity: "staff member", id: id) }
            try panel.loadIfNeeded()
            try showInList(row)
            stack.removeAll()
            stack.push(try StaffDetail(row: row, screen: self))
            shown = true
        }
        return shown
    }

    func link(_ row: StaffListRow) -> RecordLink { .staff(row.id) }
    /// The workload columns are kept by trigger from tickets and deals,
    /// which marks the staff too; who is connected comes from presence.
    var listAreas: Set<DataArea> { [.staff] }

    var place: ListPlace { .staff(panel.query.view) }
    var openRecord: (link: RecordLink, title: TrailTitle)? { detail.map { (.staff($0.member.id), .plain($0.member.fullName)) } }

    func row(for link: RecordLink) throws -> StaffListRow? {
        guard case let .staff(id) = link else { return nil }
        return try directory.row(id: id)
    }

    func view(in place: ListPlace) -> StaffView? {
        guard case let .staff(view) = place else { return nil }
        return view
    }

    func reopen(_ record: RecordLink, at place: ListPlace) throws {
        if let row = try row(for: record) { stack.push(try StaffDetail(row: row, screen: self)) }
    }

    // MARK: Keys

    var actions: [Action] {
        if let top = stack.top { return top.actions }
        if panel.isFiltering { return panel.filterActions }
        var keys: [Action] = []
        if !panel.list.isEmpty {
            keys.append(Action("staff.open", [.enter], "open", help: "Open the highlighted person: contact, manager, open tickets and deals",
                               group: "Staff") { [unowned self] _ in
                if let row = panel.selected { stack.push(try StaffDetail(row: row, screen: self)) }
            })
        }
        keys += panel.listActions(group: "Staff")
        keys += changeActions(onRecord: !panel.list.isEmpty)
        keys.append(.export(.staff, session: session, group: "Staff",
                            what: "the list as shown") { [unowned self] in .staff(panel.query) })
        return keys + panel.movementActions
    }

    /// Admin keys (add, role, deactivate) and the back office's edit. Shown
    /// to everyone in the help, with who may use them; the model checks again.
    func changeActions(onRecord: Bool) -> [Action] {
        var keys = [
            Action("staff.add", [.char("n")], "add", help: "Add a member of staff: their operating-system account, name and role", group: "Staff") {
                [unowned self] _ in
                try session.require(.manageStaff)
                openForm(StaffEditor())
            }.requires(.manageStaff, of: session),
        ]
        guard onRecord else { return keys }
        keys += [
            Action("staff.edit", [.char("e")], "edit", help: "Edit contact data: name, title, department, phone, e-mail, manager", group: "Staff") {
                [unowned self] _ in
                try session.require(.editStaffRecords)
                if let member = try current() { openForm(try editor(for: member)) }
            }.requires(.editStaffRecords, of: session),
            Action("staff.role", [.char("R")], "role", help: "Change the role: front, back, manager or admin", group: "Staff") { [unowned self] _ in
                try session.require(.manageStaff)
                if let member = try current() { askRole(member) }
            }.requires(.manageStaff, of: session),
            Action("staff.activation", [.char("x")], currentIsActive ? tr("deactivate") : tr("activate"),
                   help: "Deactivate (they can no longer log in; their history stays) or activate again", group: "Staff") { [unowned self] _ in
                try session.require(.manageStaff)
                if let member = try current() { confirmActivation(member) }
            }.requires(.manageStaff, of: session),
        ]
        return keys
    }

    /// `:new staff` from anywhere: the directory's `n`.
    var createAction: Action? { changeActions(onRecord: false).first }

    private var currentIsActive: Bool {
        if let d = detail { return d.member.active }
        return panel.selected?.member.active ?? true
    }

    nonisolated static func viewName(_ view: StaffView) -> String {
        switch view {
        case .active: return tr("active")
        case .inactive: return tr("inactive")
        case .all: return tr("everyone")
        }
    }

    /// A role as the list, the record and the questions name it: the word
    /// typed in English ("front"), the role's German name in German.
    static func roleWord(_ role: Role) -> String {
        switch role {
        // "back" is also the key that goes back: the roles' German comes from their long names.
        case .front: return Language.current == .english ? "front" : tr("front office")
        case .back: return Language.current == .english ? "back" : tr("back office")
        case .manager: return tr("manager")
        case .admin: return tr("admin")
        }
    }

    /// "Manager" as the one a person reports to, in the person's words: the
    /// same English word names the role (Leitung) in the catalog.
    nonisolated static var managerWord: String { tr("Manager", meaning: "whom one reports to") }

    // MARK: Actions

    /// The member the next action applies to: the one open, or the highlighted one.
    private func current() throws -> StaffMember? {
        if let shown = detail { return try directory.find(id: shown.member.id) ?? shown.member }
        guard let row = panel.selected else { return nil }
        return try directory.find(id: row.id)
    }

    /// Puts the cursor on a member, switching to a view that holds them if need be.
    func showInList(_ row: StaffListRow) throws {
        try panel.show(row) { query in query.view == .all || (query.view == .active) == row.member.active }
    }

    private func editor(for member: StaffMember) throws -> StaffEditor {
        let manager = try member.managerID.flatMap { try directory.find(id: $0) }
        return StaffEditor(editing: member, managerUsername: manager?.username ?? "")
    }

    private func openForm(_ editor: StaffEditor) {
        let reload: ((StaffEditor) throws -> StaffEditor)? = editor.original.map { original in
            { [unowned self] _ in
                guard let fresh = try directory.find(id: original.id) else { throw KontorError.notFound(entity: "staff member", id: original.id) }
                return try self.editor(for: fresh)
            }
        }
        stack.push(FormLayer(editor, noun: tr("this staff member"), reload: reload) { [unowned self] layer, host in
            try save(layer, host)
        })
    }

    private func save(_ layer: FormLayer<StaffEditor>, _ host: ScreenHost) throws {
        let editor = layer.editor
        // The manager is typed as an account name; find who that is.
        var issues: [FieldIssue] = []
        var managerID: Int64?
        let managerName = editor.form.value("manager").filter { !$0.isWhitespace }
        if !managerName.isEmpty {
            if let manager = try directory.find(username: managerName), manager.active {
                managerID = manager.id
            } else {
                issues.append(FieldIssue(field: "manager", message: tr("'{0}' is no active member of staff", managerName)))
            }
        }
        let role = editor.original == nil ? StaffEditor.role(editor.form.value("role")) : nil
        if editor.original == nil, role == nil {
            issues.append(FieldIssue(field: "role", message: tr("must be front, back, manager or admin")))
        }
        let fields = editor.fields(managerID: managerID)
        if !issues.isEmpty { throw FormLayer<StaffEditor>.refuse((fields.validate()?.issues ?? []) + issues) }
        let saved: StaffMember
        if let original = editor.original {
            saved = try layer.acting(session).staffDirectory.update(id: original.id, fields, expectedVersion: original.version)
        } else {
            saved = try directory.add(fields, role: role ?? .front)
        }
        layer.close()
        try panel.reload()
        if let row = try directory.row(id: saved.id) { try showInList(row) }
        try detail?.reload()
        host.show(editor.original == nil ? tr("Added {0} ({1}) as {2}", saved.fullName, saved.username, Self.roleWord(saved.role)) : tr("Saved {0}", saved.fullName),
                  isError: false)
    }

    private func askRole(_ member: StaffMember) {
        let answers = Role.allCases.map { role in
            Ask.Answer(.char(role == .manager ? "m" : Character(String(role.rawValue.prefix(1)))), role == member.role ? tr("{0} (now)", Self.roleWord(role)) : Self.roleWord(role)) {
                [unowned self] host in
                guard role != member.role else { return host.show(tr("{0} is {1} already", member.fullName, Self.roleWord(role)), isError: false) }
                try refreshing(member, host: host) {
                    let saved = try directory.setRole(id: member.id, role, expectedVersion: member.version)
                    host.show(tr("{0} is now {1} ({2})", saved.fullName, Self.roleWord(saved.role), saved.role.displayName), isError: false)
                }
            }
        }
        stack.push(Ask(tr("Change role"),
                       [tr("{0} ({1}) is {2}: {3}.", member.fullName, member.username, Self.roleWord(member.role), member.role.displayName),
                        tr("front: customers, tickets, deals · back: invoices, stock, staff records"),
                        tr("manager: both sides · admin: everything, roles and settings")]
                           + (member.id == session.staff.id ? ["⚠ " + tr("This is you: below admin you cannot change roles again, even your own.")] : []),
                       answers + [Ask.Answer(.char("c"), tr("cancel"))]))
    }

    private func confirmActivation(_ member: StaffMember) {
        let activating = !member.active
        stack.push(Ask(activating ? tr("Activate") : tr("Deactivate"),
                       activating
                           ? [tr("Let {0} ({1}) log in again?", member.fullName, member.username)]
                           : [tr("Deactivate {0} ({1})?", member.fullName, member.username), tr("They can no longer open Kontor; their history stays.")]
                               + openWork(of: member)
                               + (member.id == session.staff.id ? ["⚠ " + tr("This is you: this session can change nothing more once you do.")] : []),
                       [Ask.Answer(.char("y"), activating ? tr("activate") : tr("deactivate")) { [unowned self] host in
                           try refreshing(member, host: host) {
                               let saved = try directory.setActive(id: member.id, !member.active, expectedVersion: member.version)
                               host.show(saved.active ? tr("{0} activated", saved.fullName) : tr("{0} deactivated", saved.fullName), isError: false)
                               // Not undone with u: a deactivation ends the colleague's sessions.
                               host.offerUndo(nil)
                           }
                       }, Ask.Answer(.char("n"), tr("keep as is"))]))
    }

    /// What stays assigned to a colleague who is deactivated, said before:
    /// their open tickets and deals keep them as assignee and owner until
    /// someone takes them over.
    private func openWork(of member: StaffMember) -> [String] {
        guard let row = try? directory.row(id: member.id), row.openTickets + row.openDeals > 0 else { return [] }
        let tickets = Wording.count(row.openTickets, one: "{0} open ticket", other: "{0} open tickets")
        let deals = Wording.count(row.openDeals, one: "{0} open deal", other: "{0} open deals")
        return ["⚠ " + tr("{0} and {1} stay theirs until someone takes them over.", tickets, deals)]
    }

    /// Runs a change of `member`; afterwards, or when someone changed them
    /// first, shows the record as it is now.
    private func refreshing(_ member: StaffMember, host: ScreenHost, _ change: () throws -> Void) throws {
        defer {
            try? panel.reload()
            try? detail?.reload()
        }
        do {
            try change()
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            host.show(tr("{0} changed {1} at {2}; nothing was saved — here is their version, try again", host.nameOfSaver(changedBy), member.fullName,
                         Format.shortTime(changedAt)), isError: true)
        }
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        stack.draw(in: rect, grid: &grid, theme: theme) { grid in
            let (list, band) = splitConnected(rect)
            if let band { drawConnected(in: band, grid: &grid, theme: theme) }
            return drawList(in: list, grid: &grid, theme: theme)
        }
    }
}
