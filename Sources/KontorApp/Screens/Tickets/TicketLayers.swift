import KontorModel
import KontorLocale
import KontorUI

/// A reply or internal note being written under the ticket it is for. A
/// refusal or a conflict shows in the box and the text stays; Ctrl-R
/// after a conflict loads the saved ticket, keeping the text.
final class ComposerLayer: Layer {
    private(set) var composer: MessageComposer
    /// The open ticket the composer sits over.
    let detail: TicketDetail
    private unowned let screen: TicketsScreen

    init(_ composer: MessageComposer, over detail: TicketDetail, screen: TicketsScreen) {
        self.composer = composer
        self.detail = detail
        self.screen = screen
    }

    override var capturesText: Bool { true }
    override var hasUnsavedChanges: Bool { composer.area.hasContent }
    override var workTitle: String? { composer.title }
    override var workKey: String? { "\(composer.kind.rawValue) on ticket \(detail.ticket.id)" }
    override var unsavedFields: [String: String]? { composer.area.hasContent ? ["text": composer.area.text] : nil }

    override func restore(_ work: UnsavedWork) {
        composer.area.text = work.fields["text"] ?? ""
        composer.notice = UnsavedWorkWording.restored(work)
    }

    override var actions: [Action] {
        let note = composer.kind == .note
        var keys = [
            Action("compose.save", [.ctrl("s")], note ? tr("save note") : tr("send reply"), help: note ? tr("Save the note") : tr("Save the reply to the thread"),
                   group: "Message") { [unowned self] host in try save(host) },
            Action("compose.cancel", [.escape], "cancel", help: "Close without saving (asks if anything was typed)", group: "Message") {
                [unowned self] _ in
                Discard.ask(self, dirty: composer.area.hasContent, title: note ? tr("Discard note") : tr("Discard reply"),
                            message: [tr("The text is not saved."), tr("Close it and lose it?")], keep: tr("keep writing"))
            },
            .passingThrough(KeyBinding("compose.newline", [.enter], "new line", help: "A line break", group: "Editing", inFooter: false,
                                       passesThrough: true)),
        ] + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
        if composer.conflict {
            keys.insert(Action("compose.reload", [.ctrl("r")], "reload ticket", help: "Load the saved ticket (your text stays), then save again",
                               group: "Message") { [unowned self] _ in try reload() }, at: 1)
        }
        return keys
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if composer.area.handle(key) {
            composer.notice = nil
            if !composer.conflict { composer.banner = nil }
        }
        if composer.area.refused > 0, let limit = composer.area.maxLength {
            composer.banner = TextLimit.message(refused: composer.area.refused, limit: limit)
        }
        return true
    }

    private func save(_ host: ScreenHost) throws {
        do {
            try screen.save(composer, host: host)
            close()
        } catch let KontorError.invalid(failure) {
            composer.banner = tr("Message {0}", failure.issues.first?.message ?? failure.description)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            if try turnToSurvivor() { return }
            composer.conflict = true
            composer.banner = tr("{0} saved this ticket at {1}; Ctrl-R loads it (your text stays)", host.nameOfSaver(changedBy), Format.shortTime(changedAt))
        } catch let error as KontorError {
            if try turnToSurvivor() { return }
            composer.banner = error.description
        }
    }

    /// The ticket was merged into another while the text was written: the
    /// text goes with the conversation. The composer now writes on the
    /// ticket that lives on, and says so; the next Ctrl-S saves it there.
    /// Before, the only way out was to throw the text away.
    private func turnToSurvivor() throws -> Bool {
        let from = composer.ticket.id
        guard var survivor = try screen.repository.find(id: from), survivor.mergedIntoID != nil else { return false }
        // Along a chain of merges (#1 into #2, then #2 into #3), to the
        // ticket that lives on; a circle is impossible, but the walk is capped.
        for _ in 0..<100 {
            guard let next = survivor.mergedIntoID, let further = try screen.repository.find(id: next) else { break }
            survivor = further
        }
        guard survivor.mergedIntoID == nil, survivor.status != .closed else { return false }
        let survivorID = survivor.id
        composer.ticket = survivor
        composer.conflict = false
        detail.show(try screen.makeRecord(survivor))
        composer.banner = tr("#{0} was merged into #{1} while you wrote; Ctrl-S saves your text on #{1} (it stays as typed)", from, survivorID)
        return true
    }

    private func reload() throws {
        let id = composer.ticket.id
        guard let fresh = try screen.repository.find(id: id) else { throw KontorError.notFound(entity: "ticket", id: id) }
        composer.ticket = fresh
        composer.conflict = false
        composer.banner = nil
        detail.show(try screen.makeRecord(fresh))
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        TicketDrawing.drawComposer(&composer, over: detail, in: rect, grid: &grid, theme: theme)
    }
}

/// The new-ticket form: subject, queue and priority, then the customer's
/// first message in a text area; the model's verdict beside each field.
final class NewTicketLayer: Layer {
    private(set) var editor: NewTicketEditor
    private let save: (NewTicketLayer, ScreenHost) throws -> Void

    init(_ editor: NewTicketEditor, save: @escaping (NewTicketLayer, ScreenHost) throws -> Void) {
        self.editor = editor
        self.save = save
    }

    override var capturesText: Bool { true }
    override var hasUnsavedChanges: Bool { editor.isDirty }
    override var workTitle: String? { editor.form.title }
    override var workKey: String? { "new ticket of customer \(editor.customerID)" + (editor.contactID.map { " by contact \($0)" } ?? "") }
    override var unsavedFields: [String: String]? {
        guard editor.isDirty else { return nil }
        var fields = Dictionary(editor.form.fields.map { ($0.id, editor.form.value($0.id)) }, uniquingKeysWith: { a, _ in a })
        fields[Self.messageField] = editor.message.text
        return fields
    }

    /// The first message's key among the kept fields.
    private static let messageField = "message"

    override func restore(_ work: UnsavedWork) {
        for (field, value) in work.fields where field != Self.messageField { editor.form.setValue(field, value) }
        editor.message.text = work.fields[Self.messageField] ?? ""
        editor.form.note(UnsavedWorkWording.restored(work))
    }

    override var actions: [Action] {
        [
            Action("form.save", [.ctrl("s")], "save", help: "Save", group: "Form") { [unowned self] host in submit(host) },
            Action("form.cancel", [.escape], "cancel", help: "Close without saving", group: "Form") { [unowned self] _ in cancel() },
            .passingThrough(KeyBinding("form.next", [.tab], "next field", help: "Next field", group: "Form", passesThrough: true)),
        ] + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch editor.handle(key) {
        case .submit: submit(host)
        case .cancel: cancel()
        case .none: break
        }
        return true
    }

    private func submit(_ host: ScreenHost) {
        do {
            try save(self, host)
        } catch let KontorError.invalid(failure) {
            var errors: [String: String] = [:]
            for issue in failure.issues { errors[issue.field] = issue.message }
            editor.show(errors)
        } catch {
            host.show(ErrorText.describe(error), isError: true)
        }
    }

    /// Problems found outside a save (a queue that does not exist), beside their fields.
    func showProblems(_ errors: [String: String]) { editor.show(errors) }

    private func cancel() {
        Discard.ask(self, dirty: editor.isDirty, title: tr("Discard new ticket"),
                    message: [tr("This ticket is not saved."), tr("Close it and lose what was typed?")])
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        TicketDrawing.drawNewTicket(&editor, in: rect, grid: &grid, theme: theme)
    }
}
