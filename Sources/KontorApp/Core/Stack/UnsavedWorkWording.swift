import KontorLocale
import KontorModel

/// What is said about typing kept from a session that ended unsaved.
enum UnsavedWorkWording {
    /// On the form it is put back into.
    static func restored(_ work: UnsavedWork) -> String {
        tr("Put back what was typed here before the session ended ({0}); Ctrl-S saves it, Esc discards it", Format.shortTime(work.keptAt))
    }

    /// On the first screen after such a session: which forms hold it.
    static func waiting(_ titles: [String]) -> String {
        let named = titles.prefix(3).map { "„\($0)“" }.joined(separator: ", ") + (titles.count > 3 ? " …" : "")
        return Wording.count(titles.count, one: "Kept from your last session, which ended before a save: {1}. Open it again to carry on.",
                             other: "Kept from your last session, which ended before a save: {1}. Open them again to carry on.", [named])
    }
}
