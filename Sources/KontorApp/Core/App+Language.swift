import KontorLocale
import KontorModel

/// `:language Deutsch` (`:sprache`): the person chooses the language
/// Kontor speaks to them. The choice is kept with their preferences, so
/// it holds in every later session, wherever they log in from; `--lang`
/// and `KONTOR_LANG` still win for one run.
extension App {
    func choose(language chosen: Language) {
        do {
            try session.setPreference(.language, to: chosen.rawValue)
        } catch {
            show(tr("The language could not be kept: {0}", ErrorText.describe(error)), isError: true)
            return
        }
        language = chosen
        languageChosen?(chosen)
        // Said in the new language: the rest of this step runs in it too,
        // and the related pane is read again in it (its words were made in the old one).
        speaking {
            show(tr("Kontor speaks English now"), isError: false)
            pane.follow(activeScreen.highlighted, session: session, force: true)
        }
    }
}
