import KontorLocale
import KontorModel

/// What is said about typing kept from a session that ended unsaved.
enum UnsavedWorkWording {
    /// On the form it is put back into.
    /// `savedSince`: the record was saved after the typing was done over it.
    static func restored(_ work: UnsavedWork, savedSince: Bool = false) -> String {
        savedSince
            ? tr("Put back what was typed here before the session ended ({0}); the record was saved since, so Ctrl-S is refused until Ctrl-R has shown that version beside this one; Esc discards it", Format.shortTime(work.keptAt))
            : tr("Put back what was typed here before the session ended ({0}); Ctrl-S saves it, Esc discards it", Format.shortTime(work.keptAt))
    }

    /// On the first screen after such a session: which forms hold it.
    static func waiting(_ titles: [String]) -> String {
        let named = titles.prefix(3).map { tr("“{0}”", $0) }.joined(separator: ", ") + (titles.count > 3 ? " …" : "")
        return Wording.count(titles.count, one: "Kept from your last session, which ended before a save: {1}. Open it again to carry on.",
                             other: "Kept from your last session, which ended before a save: {1}. Open them again to carry on.", [named])
    }
}
