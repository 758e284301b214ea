import KontorModel
import KontorLocale
import KontorUI

/// The question "why was it lost?": a one-field form in a box over the
/// board or the deal, whose error comes from the model.
final class LostPrompt: Layer {
    private(set) var target: DealsScreen.Target
    private(set) var form: Form
    private var conflict = false
    private unowned let screen: DealsScreen

    init(target: DealsScreen.Target, screen: DealsScreen) {
        self.target = target
        self.screen = screen
        form = Form(title: tr("Why was “{0}” lost?", target.title), fields: [
            Form.Field(id: "lost reason", label: "Reason", value: "", maxLength: DealFields.maxLostReasonLength,
                       hint: "price, timing, competitor…"),
        ])
    }

    override var floats: Bool { true }
    override var capturesText: Bool { true }
    override var hasUnsavedChanges: Bool { form.isDirty }

    override var actions: [Action] {
        var keys = [
            Action("form.save", [.ctrl("s")], "mark lost", help: "Mark the deal lost with this reason (Enter too)", group: "Lost") { [unowned self] host in
                save(host)
            },
            Action("form.cancel", [.escape], "cancel", help: "Keep the deal where it is", group: "Lost") { [unowned self] _ in
                Discard.ask(self, dirty: form.isDirty)
            },
        ]
        if conflict {
            keys.insert(Action("form.reload", [.ctrl("r")], "reload deal", help: "Read the deal again (your reason stays)", group: "Lost") {
                [unowned self] host in try reloadDeal(host)
            }, at: 1)
        }
        return keys + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch form.handle(key) {
        case .submit: save(host)
        case .cancel: Discard.ask(self, dirty: form.isDirty)
        case .none: break
        }
        return true
    }

    /// Marks the deal lost, or shows the model's verdict in the box.
    private func save(_ host: ScreenHost) {
        do {
            let before = try screen.repository.find(id: target.id)
            let moved = try screen.repository.moveStage(id: target.id, to: .lost, lostReason: form.value("lost reason"),
                                                        expectedVersion: target.version, by: screen.session)
            close()
            try screen.settle(after: moved.id)
            host.show(tr("“{0}” marked lost", moved.title), isError: false)
            if let before, before.version == target.version { host.offerUndo(.stageMove(from: before, to: moved)) }
        } catch let KontorError.invalid(failure) {
            form.show(failure.issues)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            conflict = true
            form.banner = tr("{0} changed this deal at {1}; Ctrl-R reads it again", host.nameOfSaver(changedBy), Format.shortTime(changedAt))
        } catch let error as KontorError {
            form.banner = error.description
        } catch {
            host.show(ErrorText.describe(error), isError: true)
        }
    }

    private func reloadDeal(_ host: ScreenHost) throws {
        guard let fresh = try screen.repository.find(id: target.id) else { throw KontorError.notFound(entity: "deal", id: target.id) }
        target = DealsScreen.Target(id: fresh.id, version: fresh.version, title: fresh.title, stage: fresh.stage, invoiceID: fresh.invoiceID)
        conflict = false
        // By name, as the conflict said it a moment before, not by login.
        form.banner = tr("Read again: now at {0}, changed by {1}. Enter marks it lost.", fresh.stage.displayName, host.nameOfSaver(fresh.updatedBy))
        try screen.detail?.reload()
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        // As wide as the reason typed needs, where the terminal has room:
        // a long reason is read whole on a wide screen.
        let wanted = max(76, TextWidth.of(form.value("lost reason")) + 28)
        let box = rect.centered(width: min(rect.width - 2, wanted), height: min(rect.height - 2, 12))
        Chrome.drawBox(box, title: tr("Mark lost"), grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        return form.draw(in: Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2), grid: &grid, theme: theme)
    }
}
