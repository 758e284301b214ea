import Foundation
import KontorModel
import KontorUI
import KontorLocale

/// The running application: the screens, which one is shown, and the loop
/// that turns keys into frames.
///
/// State changes happen in `handle(_:)` and `tick()`; `frame(size:)` draws the
/// current state and changes nothing, so a test can send keys and read the
/// screen without a terminal.
@MainActor
public final class App: ScreenHost {
    public let session: Session
    public var database: KontorDatabase { session.database }
    public var theme: Theme
    let screens: [(id: ScreenID, screen: Screen)]
    public private(set) var activeIndex = 0 {
        didSet { if activeIndex != oldValue { screens[oldValue].screen.deactivate() } }
    }
    var help: HelpOverlay?
    /// The command palette (`:`) while it is open: it takes every key.
    var palette: Palette?
    var quitDialog: Dialog?
    private(set) var message: (text: String, isError: Bool)?
    /// What work in the background said as the session ended and stopped
    /// it, to be printed after the terminal is restored.
    public internal(set) var partingWords: [String] = []
    private var messageShownAt = Date.distantPast
    private let watcher: ChangeWatcher?
    weak var backend: TerminalBackend?
    /// The size of the last frame drawn: keys do nothing useful while it is too small.
    private(set) var lastSize: Size?
    /// Why the session was ended from outside (the account deactivated),
    /// for the command line to say once the terminal is restored.
    public private(set) var endedBecause: String?
    /// How many messages were shown: the idle loop draws again when one was.
    private(set) var messagesShown = 0
    /// Set when the user has asked to quit.
    public private(set) var finished = false
    /// The records the highlighted row touches, beside the list.
    let pane = RelatedPane()
    /// Below 120 columns the pane folds under the list, shown on Tab.
    var paneOpenWhenNarrow = false
    /// The person hid the pane beside the list (`+`, remembered): it folds
    /// as below 120 columns, and Tab still opens it under the list.
    private(set) var paneHidden: Bool
    var panesBesideListsHidden: Bool { paneHidden }
    var history = History()
    /// A new record begun from another screen's record, until it is saved
    /// or given up (see `App+NewWork.swift`).
    var startedWork: StartedWork?
    /// The palette's search over everything, and the text it searches now.
    let paletteSearch = Background(label: "kontor.search", qos: .userInitiated)
    var paletteSearchText: String?
    /// The number of the latest search over everything, read by the searches under way.
    let paletteSearchGeneration = Generation()
    /// Slow work the screens hand off (the dashboard's figures); its
    /// results are delivered in the update step and on a tick.
    let background = Background()
    /// Files written off the keys' thread (an export of a long list).
    let writing = Background(label: "kontor.writing")
    /// The work `writing` runs now, to ask about and stop on quitting.
    var working: [BackgroundWork] = []
    /// Reports read off the keys' thread after a key asked for them (the
    /// open items, a dunning run): someone waits, so the loop looks soon.
    let reading = Background(label: "kontor.reading", qos: .userInitiated)
    /// This session's row among those at work now, and what it last read
    /// of everyone's (see `PresenceWatch.swift`).
    let presence: Presence
    var presentNow: [PresenceEntry] = []
    var lastPresencePlace: PresencePlace?
    /// Delivers the outbox in the background (see `MailSending`).
    let mailSending: MailSending
    /// Where the session stands in what arrived for its person, what is
    /// still unseen, and the list `!` opens (see `App+Notices.swift`).
    var noticeMark: NoticeMark?
    var noticeMinute = 0
    var notices: [TicketNotice] = []
    var noticeList: NoticeList?
    /// The person wants the bell rung when something arrives.
    var bellOn: Bool
    /// The last change `u` may take back, until when (see `App+Undo.swift`).
    var undoOffer: (change: Undoable, until: Date)?
    /// Whether this session delivers the outbox; off for tools that only draw.
    public var sendsMail = true
    /// Typing kept from a session that ended unsaved, by form title, until
    /// it is back in its form (see `App+UnsavedWork.swift`).
    var keptWork: [String: UnsavedWork] = [:]

    /// The language this person reads: what `--lang` or `KONTOR_LANG` said,
    /// else their own choice (`:language`), else the terminal's locale.
    /// Every step (a key, an update, a frame) runs in it.
    public internal(set) var language: Language
    /// Told when the person chooses another language in Kontor: the
    /// terminal UI makes it the process's too, for work in the background.
    public var languageChosen: ((Language) -> Void)?

    /// - Parameter language: a language asked for explicitly, which wins
    ///   over the person's own choice; nil lets the choice decide, then
    ///   the process's language (the locale's).
    /// Why Ctrl-Z cannot suspend, when there is no shell to return to
    /// (an SSH key's forced command runs Kontor itself): said instead of
    /// nothing happening.
    public var suspendRefusal: String?

    public init(session: Session, theme: Theme, language: Language? = nil) {
        self.session = session
        self.theme = theme
        let chosen = (try? session.preferences()).flatMap { Language(code: $0[.language]) }
        self.language = language ?? chosen ?? Language.current
        watcher = try? ChangeWatcher(database: session.database)
        presence = Presence(session: session)
        mailSending = MailSending(session: session)
        let preferences = try? session.preferences()
        paneHidden = preferences?.isOn(.relatedPaneHidden) ?? false
        bellOn = preferences?.isOn(.bell) ?? false
        noticeMark = try? session.database.tickets.noticeMark()
        let all: [Screen] = [
            CustomersScreen(session: session), TicketsScreen(session: session), DealsScreen(session: session),
            InvoicesScreen(session: session), InventoryScreen(session: session), StaffScreen(session: session),
            DashboardScreen(session: session, background: background, sharers: { [presence] in presence.count(onScreen: ScreenID.dashboard.name) }),
        ]
        screens = all.map { ($0.id, $0) }
        // What the first screen says (kept typing waiting) in the person's language.
        speaking {
            screens[0].screen.activate(self)
            refreshPresence(reading: true)
            takeUpUnsavedWork()
        }
    }

    var activeScreen: Screen { screens[activeIndex].screen }

    // MARK: Keys

    /// Keys that work on every screen (unless a field is being typed into).
    var globalBindings: [KeyBinding] {
        let names = screens.map { "\($0.id.key) \($0.id.title)" }.joined(separator: ", ")
        return [
            KeyBinding("app.screen", screens.map { .char($0.id.key) }, "screens", help: tr("Go to a screen: {0}; the screen's own key again goes up from a record to its list", names), group: "Global", inFooter: false),
            KeyBinding("app.help", [.char("?")], "help", help: "Show every key of this screen (F1 too, even while typing)", group: "Global"),
            KeyBinding("app.quit", [.char("q")], "quit", help: "Quit (asks first if a form has unsaved changes)", group: "Global"),
            KeyBinding("app.palette", [.char(":")], "command", help: "Command palette: jump to any record by number or name, or run any action by name", group: "Global"),
            KeyBinding("app.pane", [.char("+")], paneHidden ? "show related" : "hide related",
                       help: "Hide or show the related pane beside the list, and the preview of Invoices and Inventory, for the full width (remembered; Tab still opens the related pane)", group: "Global", inFooter: false),
            KeyBinding("app.search", [.char("/")], "search",
                       help: "Search everything at once (where the screen has no filter of its own, as on the dashboard): customers, tickets and what their messages say, deals, invoices, products, staff",
                       group: "Global", inFooter: false),
            noticeBinding,
            undoBinding,
        ]
    }

    /// Keys that work everywhere, even while typing.
    static let alwaysBindings: [KeyBinding] = [
        KeyBinding("app.help", [.function(1)], "help", help: "Show every key that works here", group: "Global", inFooter: false),
        KeyBinding("app.redraw", [.ctrl("l")], "redraw", help: "Redraw the whole screen", group: "Global", inFooter: false),
        KeyBinding("app.suspend", [.ctrl("z")], "suspend", help: "Suspend to the shell (fg returns)", group: "Global", inFooter: false),
        KeyBinding("app.interrupt", [.ctrl("c")], "quit", help: "Quit (asks first if a form has unsaved changes)", group: "Global", inFooter: false),
    ]

    /// Every binding active now, screen keys first: what the footer and the help show.
    public var activeBindings: [KeyBinding] {
        if let quitDialog {
            return quitDialog.choiceBindings
        }
        if noticeList != nil { return NoticeList.bindings + Self.alwaysBindings }
        if palette != nil { return Palette.bindings + Self.alwaysBindings }
        if activeScreen.capturesText { return activeScreen.actions.bindings + Self.alwaysBindings }
        if pane.focused { return RelatedPane.bindings + historyBindings + globalBindings + Self.alwaysBindings }
        let history = historyBindings
        // A screen key that the history takes over (Esc after a jump) is not shown twice.
        let taken = Set(history.flatMap(\.keys))
        let screenKeys = activeScreen.actions.bindings.filter { !$0.keys.allSatisfy(taken.contains) }
        // While a change may be taken back, u leads the footer: it lasts a minute.
        let global = globalBindings
        let undo = global.filter { $0.id == "app.undo" && $0.inFooter }
        return undo + history + screenKeys + paneBindings + global.filter { $0.id != "app.undo" || !$0.inFooter } + Self.alwaysBindings
    }

    /// The history's keys as the README's table lists them.
    static let historyReference: [KeyBinding] = [
        KeyBinding("history.back", [.escape, .backspace], "back", help: "Go back to where you were before the jump", group: "History"),
        KeyBinding("history.forward", [.char("f")], "forward", help: "Go forward again along the jumps", group: "History"),
    ]

    /// The Esc of what closes before going back along the jumps: forms,
    /// questions, a message being written, and the reports (open items,
    /// the dunning run, the bank review), which leave the screen's place
    /// as it was and so would otherwise be taken for the landing itself.
    static let dismissals: Set<String> = ["form.cancel", "dialog.cancel", "compose.cancel", "report.close"]

    /// Going back and forward along the jumps, offered when there is somewhere to go.
    var historyBindings: [KeyBinding] {
        var keys: [KeyBinding] = []
        // A form, a dialog or a review opened after the jump closes first:
        // its Esc is its own, whatever the screen stands on beneath it.
        let escape = activeScreen.actions.action(for: .escape)
        let dismisses = escape.map { Self.dismissals.contains($0.binding.id) } ?? false
        if history.canGoBack, (landedHere && !dismisses) || escape == nil {
            // A long name is cut: at 80 columns it left room for no other key.
            let target = TextWidth.truncate(history.backTitle ?? "", to: footerRoom(24))
            keys.append(KeyBinding("history.back", [.escape, .backspace], tr("back to {0}", target), help: "Go back to where you were before the jump", group: "History"))
        }
        if history.canGoForward {
            keys.append(KeyBinding("history.forward", [.char("f")], "forward", help: "Go forward again along the jumps", group: "History"))
        }
        return keys
    }

    /// Tab into the related pane, when the screen shows a list and does not use Tab itself.
    var paneBindings: [KeyBinding] {
        guard activeScreen.highlighted != nil, activeScreen.actions.action(for: .tab) == nil else { return [] }
        // In the footer where the pane is on screen; below 120 columns Tab unfolds it, said in the help.
        let wide = (lastSize?.width ?? 0) >= 120 && !activeScreen.paneFolds && !paneHidden
        return [KeyBinding("pane.enter", [.tab], "related", help: "Move into the related pane: what the highlighted record touches (below 120 columns it folds open under the list)",
                           group: "Related pane", inFooter: wide),
                KeyBinding("pane.enter", [.backTab], "related", help: "The same, from the other side", group: "Related pane", inFooter: false)]
    }

    /// Whether the screen still stands where the last jump (or step back) put it.
    var landedHere: Bool {
        guard history.landingMeansBack, let landing = history.landing, landing.screen == activeIndex else { return false }
        let now = activeScreen.location
        // Moving about inside a record (its rows, its panes) is still being there.
        if let record = landing.location.record { return now.record == record }
        return now == landing.location
    }

    public func handle(_ key: Key) {
        speaking { step(key) }
    }

    /// Runs `body` in the person's language: the words made in it (a
    /// footer, a message, a refusal) are theirs, whatever the process's.
    func speaking<T>(_ body: () throws -> T) rethrows -> T {
        try Language.$scoped.withValue(language, operation: body)
    }

    private func step(_ key: Key) {
        handleKey(key)
        settleStartedWork()
        // Anywhere new since the last step back or forward: `f` has nothing to bring back.
        history.forgetForward(unlessAt: here)
        if !finished { refreshPresence(reading: false) }
    }

    /// Where the user stands now, as the history records it.
    var here: History.Entry { History.Entry(screen: activeIndex, location: activeScreen.location) }

    func handleKey(_ key: Key) {
        if key == .resize { return }
        message = nil
        // Pasted text and the mouse are never looked up among the keys.
        if case let .paste(text) = key { return handlePaste(text) }
        if case let .mouse(mouse) = key { return handleMouse(mouse) }
        if var overlay = help {
            if overlay.handle(key) { help = overlay } else { help = nil }
            return
        }
        if noticeList != nil, Self.alwaysBindings.binding(for: key) == nil { return handleNoticeKey(key) }
        if let dialog = quitDialog {
            switch dialog.choice(for: key) {
            case "quit": finished = true
            case "stay": quitDialog = nil
            default: break
            }
            return
        }
        if let binding = Self.alwaysBindings.binding(for: key) {
            perform(binding.id)
            return
        }
        if palette != nil { return handlePalette(key) }
        if let size = lastSize, size.width < Chrome.minimumSize.width || size.height < Chrome.minimumSize.height {
            // Nothing can be seen, so nothing is asked: quitting is offered only
            // when it would lose nothing.
            if key == .char("q"), !hasUnsavedChanges, working.isEmpty { finished = true }
            return
        }
        let screen = activeScreen
        if pane.focused {
            if let binding = RelatedPane.bindings.binding(for: key) {
                return performPane(binding.id)
            }
            pane.focused = false
            paneOpenWhenNarrow = false
        }
        if !screen.capturesText, let binding = historyBindings.binding(for: key) {
            return binding.id == "history.back" ? goBack() : goForward()
        }
        if let action = screen.actions.action(for: key) {
            return run(action)
        }
        if !screen.capturesText, paneBindings.binding(for: key) != nil, screen.highlighted != nil {
            if pane.subject != screen.highlighted || !pane.isCurrent { pane.followNow(screen.highlighted, session: session) }
            if pane.hasLinks {
                pane.focus()
                paneOpenWhenNarrow = true
            } else {
                show(tr("Nothing linked to open here"), isError: false)
            }
            return
        }
        if screen.capturesText {
            _ = screen.handleUnbound(key, host: self)
            return
        }
        if let binding = globalBindings.binding(for: key) {
            if binding.id == "app.screen", case let .char(c) = key, let index = screens.firstIndex(where: { $0.id.key == c }) {
                goToScreen(index)
            } else {
                perform(binding.id)
            }
            return
        }
        _ = screen.handleUnbound(key, host: self)
    }

    /// Runs a screen's action, or says why it cannot run now.
    func run(_ action: Action) {
        if let reason = action.binding.disabledReason { return refuse(action.binding, reason) }
        do { try action.run(self) } catch { show(ErrorText.describe(error), isError: true) }
    }

    /// Why a key does nothing now, in the words of its binding: the same
    /// for a screen's actions and the App's own, by key or from the palette.
    private func refuse(_ binding: KeyBinding, _ reason: String) {
        show("\(binding.keyNames) \(binding.shownLabel) — \(reason)", isError: true)
    }

    func perform(_ id: String) {
        if let binding = (globalBindings + Self.alwaysBindings).first(where: { $0.id == id }), let reason = binding.disabledReason {
            return refuse(binding, reason)
        }
        switch id {
        case "app.help":
            help = HelpOverlay(title: tr("Keys · {0}", activeScreen.title), bindings: activeBindings)
        case "app.quit", "app.interrupt":
            requestQuit()
        case "app.palette":
            openPalette()
        case "app.redraw":
            backend?.invalidate()
        case "app.suspend":
            if let refusal = suspendRefusal { show(refusal, isError: true) } else { backend?.suspend() }
        case "app.pane":
            togglePane()
        case "app.undo":
            undoLast()
        case "app.notices":
            openNotices()
        case "app.search":
            openPalette()
        case "app.mouse":
            guard let backend else { return }
            let on = !backend.mouseReports
            guard backend.setMouseReports(on) else { return show(tr("This terminal gives Kontor no mouse"), isError: true) }
            show(on ? tr("Mouse on: click a row or tab, double click opens, the wheel scrolls")
                 : tr("Mouse off: the terminal selects text again (KONTOR_MOUSE=0 starts so)"), isError: false)
        default:
            break
        }
    }

    /// Hides or shows the pane beside the list, and keeps the choice for
    /// the next session.
    private func togglePane() {
        paneHidden.toggle()
        pane.focused = false
        paneOpenWhenNarrow = false
        do {
            try session.setPreference(.relatedPaneHidden, on: paneHidden)
            // Narrower, lists have no pane beside them: the message says
            // the choice is for wider terminals, short enough for 80 columns.
            let narrow = (lastSize?.width ?? 0) < 120
            let said = paneHidden
                ? (narrow ? tr("Related pane hidden beside lists from 120 columns on; + shows it again")
                          : tr("Related pane hidden beside lists (+ shows it again; Tab opens it under the list)"))
                : (narrow ? tr("Related pane shown beside lists from 120 columns on; Tab opens it below") : tr("Related pane shown"))
            show(said, isError: false)
        } catch {
            show(paneHidden ? tr("Related pane hidden for now; not remembered: {0}", error) : tr("Related pane shown for now; not remembered: {0}", error),
                 isError: true)
        }
    }

    /// A screen's key: that screen; its own key again, up from the record
    /// it shows to its list. Inside a chain of jumps a screen key is one
    /// more step of it, so Esc still leads back; otherwise it only changes
    /// the tab.
    func goToScreen(_ index: Int) {
        if index == activeIndex { return goUpToList() }
        let from = here
        let fromLanding = landedHere
        switchTo(index)
        if history.canGoBack {
            history.jumped(from: from, to: here, fromLanding: fromLanding)
        }
    }

    /// Closes the record (and whatever is open over it) back to the
    /// screen's list, unless a form holds typing that would be lost.
    private func goUpToList() {
        let screen = activeScreen
        guard screen.location.record != nil else { return }
        if screen.hasUnsavedChanges {
            return show(tr("Save or cancel the form first (Ctrl-S saves, Esc cancels)"), isError: true)
        }
        screen.closeLayers()
        // Back on the list the trail began from: not "Customers › Customers".
        history.reached(here)
    }

    public func switchTo(_ index: Int) {
        guard index != activeIndex else { return }
        activeIndex = index
        activeScreen.activate(self)
    }

    public func open(_ link: RecordLink) {
        let from = here
        let fromLanding = landedHere
        for (index, entry) in screens.enumerated() where entry.screen.show(link, host: self) {
            activeIndex = index
            history.jumped(from: from, to: History.Entry(screen: index, location: entry.screen.location), fromLanding: fromLanding)
            return
        }
        // A screen that refused says why ("finish the form first"); keep its words.
        if message == nil { show(tr("No screen shows {0} yet", link), isError: true) }
    }

    func open(screen id: ScreenID, at location: ScreenLocation) {
        guard let index = screens.firstIndex(where: { $0.id == id }) else { return }
        let from = here
        let fromLanding = landedHere
        switchTo(index)
        screens[index].screen.restore(location, host: self)
        history.jumped(from: from, to: History.Entry(screen: index, location: screens[index].screen.location), fromLanding: fromLanding)
    }

    func performPane(_ id: String) {
        switch id {
        case "pane.open":
            guard let link = pane.selectedLink else { return }
            pane.focused = false
            paneOpenWhenNarrow = false
            open(link)
        case "pane.leave":
            pane.focused = false
            paneOpenWhenNarrow = false
        default:
            pane.perform(id)
        }
    }

    /// Back to where the user was before the last jump: same screen, record, filter and row.
    private func goBack() {
        guard let entry = history.back(from: here, currentLanding: landedHere) else { return }
        go(to: entry)
    }

    private func goForward() {
        guard let entry = history.forward(from: here, currentLanding: landedHere) else { return }
        go(to: entry)
    }

    func go(to entry: History.Entry) {
        if entry.screen != activeIndex { switchTo(entry.screen) }
        activeScreen.restore(entry.location, host: self)
        history.landed(at: History.Entry(screen: activeIndex, location: activeScreen.location))
    }

    var hasUnsavedChanges: Bool { screens.contains { $0.screen.hasUnsavedChanges } }

    private func requestQuit() {
        if let job = working.last {
            quitDialog = workUnderWayDialog(job)
        } else if hasUnsavedChanges {
            quitDialog = Dialog(
                title: tr("Unsaved changes"),
                message: [tr("A form has changes that are not saved."), tr("Quit and lose them?")],
                choices: [.init(.char("y"), tr("quit, discard"), id: "quit"), .init(.char("n"), tr("stay"), id: "stay")],
                cancelID: "stay")
        } else {
            finished = true
        }
    }

    /// "Quit?" while `job` runs, with how far it is now.
    func workUnderWayDialog(_ job: BackgroundWork) -> Dialog {
        Dialog(
            title: tr("Work under way"),
            message: [job.said, tr("Quitting stops it after the step under way; what is done stays done.")]
                + (hasUnsavedChanges ? [tr("A form has changes that are not saved.")] : []) + [tr("Quit?")],
            choices: [.init(.char("y"), tr("quit, stop it"), id: "quit"), .init(.char("n"), tr("stay"), id: "stay")],
            cancelID: "stay")
    }

    /// Called when no key came for a while: picks up other sessions' changes.
    /// Returns whether anything shown may have changed: an idle session
    /// draws its frame again only then (or when the minute turns), so that
    /// a hundred open sessions nobody types in cost next to nothing.
    @discardableResult
    public func tick() -> Bool {
        speaking { tickStep() }
    }

    private func tickStep() -> Bool {
        let before = (messages: messagesShown, present: presentNow.map(\.shown), ended: finished)
        let delivered = [background.deliver(), writing.deliver(), reading.deliver()].contains(true)
        let changes = watcher?.changes()
        var changed = false
        if let changes {
            changed = take(changes)
            if finished { return true }
        }
        refreshPresence(reading: true)
        lookAtOutbox(dataChanged: changes?.touches([.mail]) == true)
        let undoEnded = undoExpired()
        // Notices are about tickets: new, given to someone, escalated.
        let arrived = lookForNotices(dataChanged: changes?.touches([.tickets]) == true)
        return delivered || changed || undoEnded || arrived || messagesShown != before.messages || presentNow.map(\.shown) != before.present
            || finished != before.ended
    }

    /// Reads again what shows an area `changes` marked, and nothing else:
    /// with many sessions open, each colleague's save would otherwise make
    /// every one of them read its whole screen again. Returns whether
    /// anything was read.
    private func take(_ changes: DataChanges) -> Bool {
        var read = false
        if changes.touches([.preferences]) {
            // A view saved in another of this person's sessions is offered here too.
            for (_, screen) in screens { screen.forgetSavedViews() }
        }
        if changes.touches([.staff]) {
            // The keys offered follow the role as it is now.
            do {
                read = try session.refreshRole()
            } catch KontorError.inactiveStaff {
                // Deactivated or removed: the session ends, unsaved work
                // and all, since the account may no longer see the data.
                endedBecause = tr("your account was deactivated; Kontor closed. Ask an admin if this is a mistake.")
                finished = true
                return true
            } catch {
                show(ErrorText.describe(error), isError: true)
            }
        }
        if changes.touches(activeScreen.shownAreas) {
            read = true
            activeScreen.dataChanged(self, changes: changes)
        }
        let highlighted = activeScreen.highlighted
        if let highlighted, changes.touches(highlighted.relatedAreas)
            || changes.touches([.activity]) && pane.activityMoved(session: session) {
            read = true
            pane.follow(highlighted, session: session, force: true)
        } else {
            pane.follow(highlighted, session: session)
        }
        return read
    }

    public func show(_ message: String, isError: Bool) {
        self.message = (message, isError)
        messageShownAt = Date()
        messagesShown += 1
    }

    /// Says `text` after a message shown a moment ago rather than over it:
    /// the mail of a dunning run just sent reports while the run's result
    /// is still to be read.
    func showBeside(_ text: String, isError: Bool) {
        if let message, !message.isError, Date().timeIntervalSince(messageShownAt) < 5 {
            show(message.text + " · " + text, isError: isError)
        } else {
            show(text, isError: isError)
        }
    }

    // MARK: Drawing

    /// Where each part of the frame goes at a size: worked out once, used
    /// by the update step (which reads what the parts will show) and by
    /// drawing (which only draws it).
    struct Layout {
        var header: Rect
        var footer: Rect
        var body: Rect
        var status: Rect?
        var trail: Rect?
        /// Colleagues in the open record.
        var presence: (Rect, String)?
        var content: Rect
        var pane: (Rect, RelatedPane.Divider)?
    }

    /// A message longer than the line is wrapped, not cut: a refusal names
    /// each field and why, and all of it is read. At most this many lines;
    /// the last one ends in "…" when there is more.
    static let statusLineLimit = 3

    /// The message's lines at `width`.
    func statusLines(width: Int) -> [String] {
        guard let message else { return [] }
        return TextWidth.wrap((message.isError ? "✗ " : "• ") + message.text, to: width, lines: Self.statusLineLimit)
    }

    func layout(for size: Size) -> Layout? {
        let grid = Rect(x: 0, y: 0, width: size.width, height: size.height)
        guard size.width >= Chrome.minimumSize.width, size.height >= Chrome.minimumSize.height else { return nil }
        let (header, rest) = grid.splitTop(1)
        let (body, footer) = rest.splitBottom(1)
        var out = Layout(header: header, footer: footer, body: body, content: body)
        if message != nil {
            let (main, status) = body.splitBottom(statusLines(width: body.width - 2).count)
            out.content = main
            out.status = status
        }
        if history.canGoBack {
            let (trailRow, rest) = out.content.splitTop(1)
            out.content = rest
            out.trail = trailRow
        }
        if let note = presenceNote {
            let (band, rest) = out.content.splitTop(1)
            out.content = rest
            out.presence = (band, note)
        }
        let content = out.content
        let besideList = content.width >= 120 && !activeScreen.paneFolds && !paneHidden
        if activeScreen.highlighted != nil || pane.focused || (besideList && activeScreen.listShowsPane) {
            if besideList {
                // The list keeps at least the 80 columns its screen is laid out for.
                let paneWidth = max(40, min(content.width * 2 / 5, content.width - 80))
                let split = content.splitLeft(content.width - paneWidth)
                out.content = split.0
                out.pane = (split.1, .left)
            } else if paneOpenWhenNarrow {
                let split = content.splitBottom(max(8, content.height * 9 / 20))
                out.content = split.0
                out.pane = (split.1, .top)
            }
        }
        return out
    }

    /// The update step before a frame: the screen reads the rows that will
    /// fill its area and the pane follows the highlighted row. Nothing is
    /// read while drawing.
    public func update(size: Size) {
        speaking { updateStep(size: size) }
    }

    private func updateStep(size: Size) {
        lastSize = size
        background.deliver()
        writing.deliver()
        reading.deliver()
        pane.background.deliver()
        paletteSearch.deliver()
        mailSending.deliver()
        guard let layout = layout(for: size) else { return }
        help?.clamp(to: layout.body)
        activeScreen.layout(layout.content, host: self)
        // The screen's layout may have moved its cursor (the list grew): lay
        // out again only if that changed what the pane shows.
        if let (area, divider) = layout.pane {
            // Nothing highlighted (a filter matching nothing): the pane
            // keeps its place and says so, rather than showing the last record.
            pane.follow(activeScreen.highlighted ?? (pane.focused ? pane.subject : nil), session: session)
            pane.layout(in: area, divider: divider)
        }
    }

    /// Runs the update step for `size`, then draws: what the loop and the
    /// tests call.
    public func frame(size: Size) -> (Grid, Point?) {
        update(size: size)
        return render(size: size)
    }

    /// Draws the current state into a new grid; reads and changes nothing.
    public func render(size: Size) -> (Grid, Point?) {
        speaking { draw(size: size) }
    }

    private func draw(size: Size) -> (Grid, Point?) {
        var grid = Grid(size: size, style: theme[.normal])
        guard let layout = layout(for: size) else {
            Chrome.drawTooSmall(grid: &grid, theme: theme, hint: hasUnsavedChanges ? tr("a form is open") : !working.isEmpty ? tr("work under way") : tr("q quits"))
            return (grid, nil)
        }
        Chrome.drawTabs(headerTabs, active: activeIndex, right: session.username, badge: noticeBadge, in: layout.header, grid: &grid, theme: theme)
        if let message, let status = layout.status {
            grid.fill(status, style: theme[.normal])
            for (row, line) in statusLines(width: status.width - 2).prefix(status.height).enumerated() {
                grid.write(line, x: status.x + 1, y: status.y + row, maxWidth: status.width - 2, style: message.isError ? theme[.error] : theme[.status])
            }
        }
        if let trail = layout.trail { drawTrail(in: trail, grid: &grid) }
        if let (band, note) = layout.presence { drawPresence(note, in: band, grid: &grid) }
        var cursor = activeScreen.draw(in: layout.content, grid: &grid, theme: theme)
        if let (area, divider) = layout.pane {
            pane.draw(in: area, grid: &grid, theme: theme, divider: divider)
        }
        Chrome.drawFooter(activeBindings, in: layout.footer, grid: &grid, theme: theme)
        if palette != nil { cursor = drawPalette(in: layout.body, grid: &grid) }
        if let noticeList {
            noticeList.draw(in: layout.body, grid: &grid, theme: theme)
            cursor = nil
        }
        if let help {
            help.draw(in: layout.body, grid: &grid, theme: theme)
            cursor = nil
        }
        if let quitDialog {
            quitDialog.draw(in: layout.body, grid: &grid, theme: theme)
            cursor = nil
        }
        return (grid, cursor)
    }

    /// The screens as the header shows them.
    var headerTabs: [Chrome.Tab] {
        screens.map { Chrome.Tab(key: String($0.id.key), title: $0.id.title, group: $0.id.side) }
    }

    /// "‹ Customers › Müller GmbH › Ticket #1234": the jumps that led here.
    private func drawTrail(in rect: Rect, grid: inout Grid) {
        grid.fill(rect, style: theme[.normal])
        var parts = history.trail + [activeScreen.location.title.text]
        var text = parts.joined(separator: " › ")
        // The newest steps matter most: drop the oldest until it fits.
        while TextWidth.of(text) > rect.width - 4, parts.count > 1 {
            parts.removeFirst()
            text = "… › " + parts.joined(separator: " › ")
        }
        grid.write(text, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: theme[.dim])
    }

    // MARK: The loop

    /// How long the loop waits for a key before looking for other sessions' changes.
    public static let idleMilliseconds = 1000
    /// How long it waits while the related pane is being read.
    static let fillingMilliseconds = 5

    /// Waits (up to `timeout` seconds) until the related pane has what the
    /// cursor points at, and takes it in: for tests and the benchmark,
    /// which look at the screen right after a key.
    public func settle(timeout: TimeInterval = 10) {
        speaking { settleStep(timeout: timeout) }
    }

    private func settleStep(timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        for work in [pane.background, paletteSearch, writing, reading] { work.finish(by: deadline) }
    }

    /// Waits until the outbox's delivery under way has finished and its
    /// result is on screen: for tests.
    func settleMail(timeout: TimeInterval = 30) {
        mailSending.settle(timeout: timeout)
    }

    /// Runs until the user quits or the terminal goes away. Blocks in the
    /// backend between keys: no CPU is used while nobody types.
    public func run(on backend: TerminalBackend) {
        self.backend = backend
        defer {
            // Ended from outside (the link dropped, a signal): what forms
            // hold unsaved is kept for the next session.
            if backend.hangup { keepUnsavedWork() }
            // Work in the background ends its step first (a dunning run its
            // batch, rolled back and its files removed), not half-way.
            if writing.running > 0 {
                show(tr("Stopping the work under way…"), isError: false)
                if !backend.hangup {
                    let (grid, cursor) = frame(size: backend.size)
                    backend.present(grid, cursor: cursor)
                }
                stopBackgroundWork()
            }
            self.backend = nil
            presence.leave()
        }
        var needsFrame = true
        var drawnMinute = 0
        while !finished && !backend.hangup {
            // Relative times ("due in 5 min") change with the minute.
            let minute = Int(Date().timeIntervalSince1970 / 60)
            if needsFrame || minute != drawnMinute || backend.size != lastSize {
                let (grid, cursor) = frame(size: backend.size)
                backend.present(grid, cursor: cursor)
                drawnMinute = minute
            }
            // While the related pane is being read, look back soon: its
            // rows are drawn as soon as they are there.
            let filling = pane.background.running > 0 || paletteSearch.running > 0 || reading.running > 0 || writing.running > 0
            if let key = backend.readKey(timeoutMilliseconds: filling ? Self.fillingMilliseconds : Self.idleMilliseconds) {
                handle(key)
                needsFrame = true
            } else if !backend.hangup, !filling {
                needsFrame = tick()
            } else {
                // Drawn once what is read in the background has arrived,
                // not every few milliseconds while it is read: with many
                // sessions on a busy server the reading waits for the CPU
                // (it runs below the keys' priority), and frames drawn
                // meanwhile only showed the same screen again; at 200
                // sessions they took most of both cores.
                needsFrame = pane.background.hasArrivals || paletteSearch.hasArrivals || reading.hasArrivals || writing.hasArrivals
            }
        }
    }

    /// For tests: sends keys as if typed, then returns the screen as text.
    public func type(_ keys: [Key], size: Size) -> String {
        for key in keys { handle(key) }
        _ = frame(size: size)
        settle()
        return frame(size: size).0.text
    }
}
