import KontorLocale
import KontorModel
import KontorUI

/// What a form on the stack edits: a `Form` and whatever the screen keeps
/// beside it (the record being edited, say).
protocol FormEditor {
    var form: Form { get set }
    /// Shows the model's verdict; an editor may put an issue beside
    /// another field than the one the model names.
    mutating func show(_ issues: [FieldIssue])
    /// Draws the form, and whatever the editor shows beside it (the totals
    /// a line would give); keeps the form's scroll position.
    mutating func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point?
    /// Takes one field's value from `other` (the same form over another
    /// version of the record), for a merge after a refused save: its text,
    /// and what the editor keeps beside the text (a picked customer's id).
    mutating func adopt(_ field: String, from other: Self)
    /// Fields whose text stands for something picked beside it (a
    /// product, a customer): typing kept from a session that ended unsaved
    /// is not put back into them, since what was picked is not kept.
    var pickedFields: Set<String> { get }
    /// Which record the form edits, in no language ("customer 21", "new
    /// customer"), and the version it was opened on: typing kept when a
    /// session ended is put back into the form on the same record
    /// whatever language the next session speaks, and saved against the
    /// version it was typed over. nil: the form's title says which form.
    var workRecord: WorkRecord? { get }
    /// Makes the next save expect `version`: typing kept over an older
    /// version is then refused as a colleague's save would be, and Ctrl-R
    /// shows what was saved since beside it.
    mutating func expect(version: Int)
}

/// A form's record, for typing kept across sessions; see `FormEditor.workRecord`.
struct WorkRecord: Equatable {
    var key: String
    var version: Int?

    /// The record `id` of `kind`, or a new one of that kind (`under` what,
    /// if it belongs to something: "new contact of customer 4") when `id` is nil.
    init(_ kind: String, id: Int64?, version: Int?, under owner: String = "") {
        key = id.map { "\(kind) \($0)" } ?? "new \(kind)" + (owner.isEmpty ? "" : " of \(owner)")
        self.version = version
    }
}

extension FormEditor {
    mutating func show(_ issues: [FieldIssue]) { form.show(issues) }
    mutating func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? { form.draw(in: rect, grid: &grid, theme: theme) }
    mutating func adopt(_ field: String, from other: Self) { form.setValue(field, other.form.value(field)) }
    var pickedFields: Set<String> { [] }
    var workRecord: WorkRecord? { nil }
    mutating func expect(version: Int) {}
}

/// A form on the stack, with the one way every form saves and cancels:
/// the model's verdict beside each field it names, someone else's save
/// said and resolved (Ctrl-R: their version beside the typing, then merge,
/// overwrite or take theirs — see `ConflictLayer`), and "discard changes?"
/// before typing is lost.
final class FormLayer<Editor: FormEditor>: Layer {
    var editor: Editor
    /// What the form edits, for the conflict banner: "this customer".
    let noun: String
    /// Set after a save was refused because someone saved first: Ctrl-R is offered.
    private(set) var conflict = false
    /// Who saved first and when ("bob", "10:42"), while `conflict` is set.
    private var savedFirst: (who: String, when: String)?
    /// Set while the person's values are saved over a colleague's version
    /// knowingly (the conflict view's overwrite): `acting` then gives the
    /// save a session the model audits it with as an overwrite.
    private(set) var overwriting = false
    private let save: (FormLayer<Editor>, ScreenHost) throws -> Void
    private let reload: ((Editor) throws -> Editor)?
    /// Keys of the screen's own while the form is open (a picker on F2, say).
    var extraActions: [Action] = []
    /// What Ctrl-S does where it is more than saving (issuing an invoice
    /// for good): its footer label and help. nil: "save".
    var saveWords: (label: String, help: String)?
    /// A small form (a date, say) drawn in a box of at most this size over
    /// what is beneath it, rather than over the whole area.
    var box: (width: Int, height: Int)?
    /// The banner after someone saved first, in the form's own words
    /// ("carol changed this draft at 10:42; …"); given who and when.
    var conflictBanner: ((_ who: String, _ when: String) -> String)?
    /// Keys of the screen's own that depend on the form's state (Enter
    /// opens the lookup of the focused field), asked each time; listed
    /// after the save key.
    var moreActions: ((FormLayer<Editor>) -> [Action])?
    /// Sees each key no action claimed before the form does, and returns
    /// whether it used it (typing into a lookup field opens its picker).
    var intercept: ((FormLayer<Editor>, Key, ScreenHost) -> Bool)?
    /// Ctrl-R reads the record again but keeps what was typed (a line of a
    /// deal whose version was stale, none of whose own fields is saved
    /// with a version): the banner and help say so, and there is nothing
    /// to compare or merge.
    private let reloadKeepsTyping: Bool

    /// - Parameters:
    ///   - save: does the saving and closes the form (or moves on); throws
    ///     the model's refusal, which the form then shows.
    ///   - reload: the editor as the record is saved now (with the version
    ///     the next save expects), for Ctrl-R: compared with the typing,
    ///     merged into it or loaded instead of it.
    init(_ editor: Editor, noun: String, reload: ((Editor) throws -> Editor)? = nil, reloadKeepsTyping: Bool = false,
         save: @escaping (FormLayer<Editor>, ScreenHost) throws -> Void) {
        self.reloadKeepsTyping = reloadKeepsTyping
        self.editor = editor
        self.noun = noun
        self.reload = reload
        self.save = save
    }

    override var capturesText: Bool { true }
    override var hasUnsavedChanges: Bool { editor.form.isDirty }
    override var workTitle: String? { editor.form.title }
    override var workKey: String? { editor.workRecord.map { "\(Editor.self) \($0.key)" } }
    override var workVersion: Int? { editor.workRecord?.version }
    override var unsavedFields: [String: String]? {
        guard editor.form.isDirty else { return nil }
        let kept = editor.form.fields.filter { !editor.pickedFields.contains($0.id) }
        return Dictionary(kept.map { ($0.id, editor.form.value($0.id)) }, uniquingKeysWith: { a, _ in a })
    }

    override var unsavedBase: [String: String]? {
        guard let fields = unsavedFields else { return nil }
        return Dictionary(uniqueKeysWithValues: fields.keys.map { ($0, editor.form.openingValue($0)) })
    }

    override func restore(_ work: UnsavedWork) {
        for (field, value) in work.fields where !editor.pickedFields.contains(field) { editor.form.setValue(field, value) }
        // Compared, after a save made since, with the record the typing began from.
        if let base = work.base { editor.form.startFrom(base.filter { !editor.pickedFields.contains($0.key) }) }
        // Saved since it was typed: the save is refused as a colleague's
        // would be, and compared, not written over what was saved.
        var savedSince = false
        if let kept = work.version, let now = editor.workRecord?.version, kept != now {
            editor.expect(version: kept)
            savedSince = true
        }
        editor.form.note(UnsavedWorkWording.restored(work, savedSince: savedSince))
    }
    override var floats: Bool { box != nil }

    override var actions: [Action] {
        // The form's own keys do what the form does with them: it knows
        // which key saves, moves or cancels.
        var keys: [Action] = Form.bindings.map { given in
            var binding = given
            if binding.id == "form.save", let saveWords { (binding.label, binding.help) = saveWords }
            return binding.passesThrough ? .passingThrough(binding) : Action(binding: binding) { [unowned self] host in
                respond(to: editor.form.handle(binding.keys[0]), host)
            }
        }
        if conflict, reload != nil {
            keys.insert(reloadKeepsTyping
                ? Action("form.reload", [.ctrl("r")], "read again", help: "Read the saved version again (your typing stays)", group: "Form") {
                    [unowned self] _ in try self.reloadTheirs()
                }
                : Action("form.resolve", [.ctrl("r")], "theirs/merge",
                         help: "See their saved version beside yours; merge, overwrite or take theirs", group: "Form") {
                    [unowned self] _ in try self.compare()
                }, at: 1)
        }
        if let more = moreActions?(self) { keys.insert(contentsOf: more, at: 1) }
        return extraActions + keys
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if let intercept, intercept(self, key, host) { return true }
        respond(to: editor.form.handle(key), host)
        return true
    }

    private func respond(to event: Form.Event, _ host: ScreenHost) {
        switch event {
        case .submit: submit(host)
        case .cancel: cancel()
        case .none: break
        }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        guard let box else { return editor.draw(in: rect, grid: &grid, theme: theme) }
        let frame = rect.centered(width: min(rect.width - 2, box.width), height: min(rect.height, box.height))
        Chrome.drawBox(frame, title: editor.form.title, grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        let inner = Rect(x: frame.x + 1, y: frame.y + 1, width: frame.width - 2, height: frame.height - 2)
        return editor.draw(in: inner, grid: &grid, theme: theme)
    }

    /// Saves, and shows the model's verdict in the form when it refuses.
    func submit(_ host: ScreenHost) {
        do {
            try save(self, host)
        } catch let KontorError.invalid(failure) {
            editor.show(failure.issues)
        } catch let KontorError.conflict(_, _, username, changedAt) {
            let changedBy = host.nameOfSaver(username)
            conflict = reload != nil
            savedFirst = (changedBy, Format.shortTime(changedAt))
            editor.form.banner = conflictBanner?(changedBy, Format.shortTime(changedAt))
                ?? (reload == nil ? tr("{0} saved {1} at {2}; nothing was saved", changedBy, noun, Format.shortTime(changedAt))
                    : reloadKeepsTyping ? tr("{0} saved {1} at {2}; Ctrl-R reads it again", changedBy, noun, Format.shortTime(changedAt))
                    : tr("{0} saved {1} at {2}; Ctrl-R: theirs, merge", changedBy, noun, Format.shortTime(changedAt)))
        } catch let error as KontorError {
            editor.form.banner = error.description
        } catch {
            host.show(ErrorText.describe(error), isError: true)
        }
    }

    /// The session a save runs as: `session`, or while overwriting a
    /// colleague's version knowingly, the same marked so (the audit log
    /// then records the overwrite and whose version it replaced).
    func acting(_ session: Session) -> Session {
        overwriting ? session.overwriting() : session
    }

    /// Refuses a save with issues the screen found itself (a name that is
    /// no one's), shown as the model's are.
    static func refuse(_ issues: [FieldIssue]) -> KontorError { .invalid(ValidationFailure(issues)) }

    private func reloadTheirs() throws {
        guard let reload else { return }
        editor = try reload(editor)
        conflict = false
    }

    /// Ctrl-R after a refused save: the saved version read now, beside the
    /// typing, with merge, overwrite and take theirs offered from there.
    /// The form keeps the typing until one of them is chosen.
    private func compare() throws {
        guard let reload else { return }
        let mine = editor
        let theirs = try reload(mine)
        let merge = FormMerge(mine: mine.form, theirs: theirs.form)
        let who = savedFirst?.who ?? tr("someone"), when = savedFirst?.when ?? tr("just now")
        stack?.push(ConflictLayer(merge, who: who, when: when, noun: noun, onMerge: { [unowned self] sides in
            editor = mine.resolved(over: theirs, sides: sides)
            conflict = false
            let fromThem = merge.fields.filter { sides[$0.id] != .mine && $0.differs }.count
            let fromMe = merge.fields.filter { sides[$0.id] != .theirs && $0.differs }.count
            editor.form.note(tr("Merged with {0}'s save: {1} theirs, {2} yours · Ctrl-S saves", who, Self.count(fromThem), Self.count(fromMe)))
        }, onOverwrite: { [unowned self] host in
            // Over their version, so the model's version check passes only
            // if nobody saved again since it was read.
            editor = mine.resolved(over: theirs, sides: Dictionary(uniqueKeysWithValues: merge.fields.map { ($0.id, .mine) }))
            conflict = false
            editor.form.banner = nil
            // Held until the save is done: a save that closes the form
            // takes it off the stack, and the flag is put back after.
            let form = self
            form.overwriting = true
            defer { form.overwriting = false }
            form.submit(host)
        }, onTheirs: { [unowned self] in
            editor = theirs
            conflict = false
        }))
    }

    private static func count(_ fields: Int) -> String { Wording.count(fields, one: "{0} field", other: "{0} fields") }

    /// Esc: closes, asking first when something was typed.
    func cancel() {
        Discard.ask(self, dirty: editor.form.isDirty)
    }
}

/// The one "discard changes?" question every form asks.
@MainActor
enum Discard {
    /// - Parameters:
    ///   - title, message, keep: the question in the form's own words
    ///     ("Discard reply", "keep writing"); a form's by default.
    static func ask(_ layer: Layer, dirty: Bool, title: String = tr("Discard changes"),
                    message: [String] = [tr("This form has changes that are not saved."), tr("Close it and lose them?")],
                    keep: String = tr("keep editing")) {
        guard dirty, let stack = layer.stack else { return layer.close() }
        stack.push(Ask(title, message, [
            Ask.Answer(.char("y"), tr("discard")) { _ in layer.close() },
            Ask.Answer(.char("n"), keep),
        ]))
    }
}
