import Foundation
import KontorModel
import KontorUI

/// `u` takes back the last change that may be taken back (see
/// `Undoable`), for a minute after it was made: a slip of `>` on the
/// board, a ticket assigned to the wrong colleague, a customer archived
/// by mistake. The footer offers it while it lasts, naming what it undoes.
extension App {
    /// How long a change may be taken back.
    static let undoSeconds: TimeInterval = 60

    /// The offer as it stands: nil once used, replaced or past its minute.
    var currentUndo: Undoable? {
        guard let offer = undoOffer, offer.until > Date() else { return nil }
        return offer.change
    }

    /// The `u` binding: in the footer while there is something to undo,
    /// otherwise in the help with the reason it does nothing now.
    var undoBinding: KeyBinding {
        var binding = KeyBinding("app.undo", [.char("u")], "undo", help: "Undo the last stage move, assignment, status, priority, archiving or deactivation, for a minute after it",
                                 group: "Global", inFooter: currentUndo != nil)
        if let change = currentUndo {
            binding.help = "Undo: \(change.summary)"
        } else {
            binding.disabledReason = "nothing to undo now (a stage move, an assignment, a status, an archive can be undone for a minute)"
        }
        return binding
    }

    func offerUndo(_ change: Undoable?) {
        guard let change else { return }
        undoOffer = (change, Date().addingTimeInterval(Self.undoSeconds))
    }

    func undoLast() {
        guard let change = currentUndo else {
            return show("u undo — \(undoBinding.disabledReason ?? "")", isError: true)
        }
        undoOffer = nil
        do {
            try database.undo(change, by: session)
            show("Undone: \(change.summary)", isError: false)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            show("Not undone: \(changedBy) changed it since (\(Format.shortTime(changedAt)))", isError: true)
        } catch {
            show("Not undone: \(error)", isError: true)
        }
        activeScreen.dataChanged(self)
        pane.follow(activeScreen.highlighted, session: session, force: true)
    }

    /// Called from the tick: whether an offer just ran out, so the footer is drawn again.
    func undoExpired() -> Bool {
        guard let offer = undoOffer, offer.until <= Date() else { return false }
        undoOffer = nil
        return true
    }
}
