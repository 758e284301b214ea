import KontorModel
import KontorLocale

/// Where a new record begun on another screen came from, until it is
/// saved (the history then leads back there) or given up (the user is put
/// back there).
struct StartedWork {
    var origin: History.Entry
    var originLanding: Bool
    /// The index of the screen doing the work.
    var screen: Int
}

extension App {
    /// Switches to the screen that makes the record and has it open its
    /// form; says why when it cannot.
    func start(_ work: NewWork) {
        guard let index = screens.firstIndex(where: { $0.id == work.screen }) else { return }
        let origin = here, originLanding = landedHere
        if screens[index].screen.hasUnsavedChanges {
            return show(tr("Finish or cancel the form on {0} first", work.screen.title), isError: true)
        }
        switchTo(index)
        do {
            guard try activeScreen.start(work, host: self) else { return go(to: origin) }
        } catch {
            go(to: origin)
            return show(ErrorText.describe(error), isError: true)
        }
        startedWork = StartedWork(origin: origin, originLanding: originLanding, screen: index)
        settleStartedWork()
    }

    /// After each key: once the new record is open, the way there becomes
    /// one jump in the history, so Esc leads back to where the work began;
    /// a form closed without saving puts the user back there at once.
    func settleStartedWork() {
        guard let work = startedWork else { return }
        guard activeIndex == work.screen else { return startedWork = nil }
        let screen = activeScreen
        // Still in the form, a question about it or a lookup for it.
        if screen.capturesText || screen.hasUnsavedChanges { return }
        startedWork = nil
        if screen.location.record != nil {
            history.jumped(from: work.origin, to: here, fromLanding: work.originLanding)
        } else {
            go(to: work.origin)
        }
    }
}
