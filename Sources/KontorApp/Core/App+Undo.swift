import KontorLocale
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
        var binding = KeyBinding("app.undo", [.char("u")], "undo", help: "Undo the last stage move, assignment, status, priority, archiving or product deactivation, for a minute after it",
                                 group: "Global", inFooter: currentUndo != nil)
        if let change = currentUndo {
            binding.help = tr("Undo: {0}", change.summary)
            // Named in the footer: `u` may undo a change made on another screen.
            binding.label = tr("undo {0}", TextWidth.truncate(change.summary, to: footerRoom(28)))
        } else {
            binding.disabledReason = tr("nothing to undo now")
        }
        return binding
    }

    /// The cells the footer gives a name in a key's label (what `u` undoes,
    /// where Esc goes back to): `base` at 80 columns, beside the screen's
    /// keys; a wider terminal gives it half of what it has more.
    static func footerRoom(_ base: Int, terminal width: Int) -> Int { base + max(0, width - 80) / 2 }

    func footerRoom(_ base: Int) -> Int { Self.footerRoom(base, terminal: lastSize?.width ?? 80) }

    /// Offers `change` to be taken back for a minute; nil withdraws what
    /// was offered (a later change that cannot be undone, or one that
    /// builds on it, such as a draft invoice made from a deal just won).
    func offerUndo(_ change: Undoable?) {
        undoOffer = change.map { ($0, Date().addingTimeInterval(Self.undoSeconds)) }
    }

    func undoLast() {
        // The binding says why when there is nothing (see `App.perform`).
        guard let change = currentUndo else { return }
        undoOffer = nil
        do {
            try database.undo(change, by: session)
            show(tr("Undone: {0}", change.summary), isError: false)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            let said = changedBy == session.username
                ? tr("Not undone ({0}): you changed it again at {1}", change.summary, Format.shortTime(changedAt))
                : tr("Not undone ({0}): {1} changed it at {2}", change.summary, nameOfSaver(changedBy), Format.shortTime(changedAt))
            show(said, isError: true)
        } catch {
            show(tr("Not undone ({0}): {1}", change.summary, error), isError: true)
        }
        activeScreen.dataChanged(self)
        if let subject = change.subject { activeScreen.follow(subject, host: self) }
        pane.follow(activeScreen.highlighted, session: session, force: true)
    }

    /// Called from the tick: whether an offer just ran out, so the footer is drawn again.
    func undoExpired() -> Bool {
        guard let offer = undoOffer, offer.until <= Date() else { return false }
        undoOffer = nil
        return true
    }
}
