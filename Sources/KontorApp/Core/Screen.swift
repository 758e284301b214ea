import KontorLocale
import KontorModel
import KontorUI

/// One of the application's screens (Customers, Tickets, …).
///
/// A screen keeps its own state, draws it, and acts on the bindings it
/// declares; the `App` around it owns the header, footer, help and quitting.
@MainActor
protocol Screen: AnyObject {
    /// Which screen it is: its key, its title.
    var id: ScreenID { get }
    /// What the keys do on this screen right now, in footer order.
    var actions: [Action] { get }
    /// True while the user types into a field: letters go to the screen, not
    /// to the global keys (so `q` types a q).
    var capturesText: Bool { get }
    /// True when leaving now would lose typed changes.
    var hasUnsavedChanges: Bool { get }

    /// Called when the screen is shown; loads what it needs.
    func activate(_ host: ScreenHost)
    /// Called when another screen is shown instead: work for this one's
    /// eyes only (figures being read) may stop.
    func deactivate()
    /// A key no binding claimed (typing into a field); returns whether it was used.
    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool
    /// Someone (maybe another session) changed the database.
    func dataChanged(_ host: ScreenHost)
    /// A colleague's save changed `changes`, some of what the screen shows
    /// (`shownAreas`): by default everything is read again.
    func dataChanged(_ host: ScreenHost, changes: DataChanges)
    /// The areas of the business what the screen shows now is read from
    /// (its list and whatever is open over it): a colleague's save to any
    /// other area leaves the screen as it is, unread and undrawn.
    var shownAreas: Set<DataArea> { get }
    /// The update step before a frame: the screen will be drawn into
    /// `rect`, so whatever must be read to fill it is read now, not while
    /// drawing. Called after every key, tick and resize.
    func layout(_ rect: Rect, host: ScreenHost)
    /// Draws into `rect`; returns where the text cursor goes, if anywhere.
    /// Reads nothing and changes nothing but the grid.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point?
    /// Shows the linked record if this screen is its home (a customer on
    /// Customers, an invoice on Invoices); returns whether it did. It may be
    /// called before the screen was ever activated, so it loads what it needs.
    func show(_ link: RecordLink, host: ScreenHost) -> Bool
    /// The record under the list's cursor while the screen shows its list:
    /// the related pane beside the list follows it. Nil hides the pane.
    var highlighted: RecordLink? { get }
    /// True when the list needs the whole width (a board): the related pane
    /// then folds under it on Tab, as it does below 120 columns.
    var paneFolds: Bool { get }
    /// True while the screen shows a list the related pane stands beside,
    /// whether or not a row is highlighted: a filter that matches nothing
    /// keeps the pane's place (saying nothing is selected), so that the
    /// list does not jump wide and back while the filter is typed.
    var listShowsPane: Bool { get }
    /// Where the screen stands now, for the history.
    var location: ScreenLocation { get }
    /// Puts the screen back where it stood: view, filter, highlighted row,
    /// open record. Called when the user goes back (or forward) to it.
    func restore(_ location: ScreenLocation, host: ScreenHost)
    /// Closes whatever is open over the list (a record, a question), so
    /// that the list's own keys work: `:new customer` from a customer's view.
    /// Only called when nothing unsaved would be lost.
    func closeLayers()
    /// The action that makes a new one of the screen's records, whatever
    /// is open now: what `:new customer` runs, after closing what is open.
    var createAction: Action? { get }
    /// After an undo: puts the cursor on the record that came back.
    func follow(_ subject: Undoable.Subject, host: ScreenHost)
    /// Opens the form for new work begun on another screen (a ticket for
    /// the customer in view), filled in; returns whether it did. See `NewWork`.
    func start(_ work: NewWork, host: ScreenHost) throws -> Bool
    /// A click at `point` (terminal cells) on the screen: puts the cursor
    /// on the row under it. Returns whether a row was there, so that a
    /// double click opens it as Enter does.
    func select(at point: Point, host: ScreenHost) -> Bool
    /// The mouse wheel over the screen: its list scrolls by `lines` (up
    /// when negative). Returns whether there was a list to scroll.
    func scroll(by lines: Int, host: ScreenHost) -> Bool
    /// True when the screen lists everyone connected (and so needs every
    /// session's presence read on each tick, not just the open record's).
    var showsWhoIsConnected: Bool { get }
    /// Shows the list as a saved view keeps it, if the view is of this
    /// screen's list; returns whether it did.
    func open(saved view: SavedListView, host: ScreenHost) -> Bool
    /// Someone's list choices changed, maybe this person's in another of
    /// their sessions: the saved views kept are read again when next needed.
    func forgetSavedViews()
    /// Places keys other than Enter lead to from the list (a report, a
    /// draft), for the key reference (`KeyReference`) to visit too.
    var referencePlaces: [ReferencePlace] { get }
}

/// A place the key reference visits: what it is called, the keys that go
/// there from the list, and those that put the list back as it was after
/// Esc has closed what they opened.
struct ReferencePlace {
    let title: String
    let keys: [Key]
    var back: [Key] = []
}

/// A screen whose records, forms and questions sit on a `ModalStack`.
protocol LayeredScreen: Screen {
    var stack: ModalStack { get }
    /// The areas the screen's own view (its list, board or preview) is
    /// read from; what is open over it says its own.
    var listAreas: Set<DataArea> { get }
}

extension LayeredScreen {
    func closeLayers() { stack.removeAll() }

    var shownAreas: Set<DataArea> { listAreas.union(stack.shownAreas) }
}

/// What a screen may ask of the application around it.
@MainActor
protocol ScreenHost: AnyObject {
    /// Shows a one-line message until the next key.
    func show(_ message: String, isError: Bool)
    /// Runs slow work (an export of a long list, a dunning run's letters)
    /// off the keys' thread: says `first` at once, then each line the work
    /// reports as it goes, and at the end what it returns or why it failed;
    /// then runs `then` in the update step. The keys keep working meanwhile.
    /// Quitting asks first while such work runs, then tells it to stop
    /// (`stopped` answers true; work that can end early does) and waits
    /// for it: a process ended under it would leave half a batch behind.
    func workInBackground(saying first: String,
                          _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void, _ stopped: @escaping @Sendable () -> Bool) throws -> String,
                          then: @escaping () -> Void)
    /// Reads what takes seconds at a million rows (a report over every
    /// open invoice) off the keys' thread. `receive` gets what was read, or
    /// why it could not be, in the update step, as a key would; the screen
    /// says "reading…" meanwhile and its keys keep working.
    func readInBackground<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value,
                                           receive: @escaping (Result<Value, ReadFailure>) -> Void)
    /// Switches to the screen that is the record's home and shows it there;
    /// says so in a message when no screen can.
    func open(_ link: RecordLink)
    /// Switches to the screen with this title and puts it at `location`:
    /// for links to a list rather than a record ("overdue invoices",
    /// "tickets past their SLA"), as the dashboard's figures are.
    func open(screen: ScreenID, at location: ScreenLocation)
    /// Begins new work on the screen that makes such records: its form,
    /// filled in; once saved, the history leads back to where it began.
    func start(_ work: NewWork)
    /// Everyone at work in Kontor now and where, this session too (as last
    /// read on a key or tick).
    var presentNow: [PresenceEntry] { get }
    /// Offers `u` to take back a change just made, for a minute.
    func offerUndo(_ change: Undoable?)
    /// Whether the person hid what stands beside lists (`+`, remembered):
    /// the related pane, and a screen's own preview beside its list (the
    /// invoice on Invoices, the stock ledger on Inventory), so that the
    /// list has the full width.
    var panesBesideListsHidden: Bool { get }
    /// Who saved a record first, as a conflict names them (`username`
    /// from the model's refusal): a colleague's full name, or this person
    /// in another of their windows.
    func nameOfSaver(_ username: String) -> String
}

extension ScreenHost {
    /// Writes a file off the keys' thread (`workInBackground`).
    func writeInBackground(_ work: @escaping @Sendable () throws -> String) {
        workInBackground(saying: tr("Writing the file…"), { _, _ in try work() }, then: {})
    }

    /// A host without the staff list names the login.
    func nameOfSaver(_ username: String) -> String { username }
}

extension Screen {
    /// The tab title, e.g. "Customers".
    var title: String { id.title }

    func layout(_ rect: Rect, host: ScreenHost) {}
    func dataChanged(_ host: ScreenHost, changes: DataChanges) { dataChanged(host) }
    func closeLayers() {}
    var createAction: Action? { nil }
    /// After an undo: the cursor on the record that came back, where the
    /// screen lists it. By default nothing moves.
    func follow(_ subject: Undoable.Subject, host: ScreenHost) {}
    var showsWhoIsConnected: Bool { false }
    func open(saved view: SavedListView, host: ScreenHost) -> Bool { false }

    func forgetSavedViews() {}
    var referencePlaces: [ReferencePlace] { [] }

    func deactivate() {}
    func select(at point: Point, host: ScreenHost) -> Bool { false }
    func scroll(by lines: Int, host: ScreenHost) -> Bool { false }

    /// Runs `body`, turning any error into a message rather than a crash:
    /// every screen's actions go through it.
    func attempt(_ host: ScreenHost, _ body: () throws -> Void) {
        do { try body() } catch { host.show(ErrorText.describe(error), isError: true) }
    }
}
