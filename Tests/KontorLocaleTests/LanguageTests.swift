@testable import KontorLocale
import Testing

@Suite("Choosing the language")
struct LanguageTests {
    @Test func localeNamesAndWords() {
        #expect(Language(code: "de_DE.UTF-8") == .german)
        #expect(Language(code: "de_AT") == .german)
        #expect(Language(code: "Deutsch") == .german)
        #expect(Language(code: "en_GB.UTF-8") == .english)
        #expect(Language(code: "C") == nil)
        #expect(Language(code: "POSIX") == nil)
        #expect(Language(code: "fr_FR.UTF-8") == nil)
    }

    @Test func kontorLangThenTheLocaleVariablesInPOSIXOrder() {
        #expect(Language.fromEnvironment(["KONTOR_LANG": "de", "LC_ALL": "en_US.UTF-8"])! == (.german, true))
        #expect(Language.fromEnvironment(["LANG": "de_DE.UTF-8"])! == (.german, false))
        // LC_ALL=C wins over LANG, and names no language: English.
        #expect(Language.fromEnvironment(["LC_ALL": "C", "LANG": "de_DE.UTF-8"])! == (.english, false))
        #expect(Language.fromEnvironment(["LC_MESSAGES": "de_CH.UTF-8", "LANG": "en_US.UTF-8"])! == (.german, false))
        #expect(Language.fromEnvironment(["KONTOR_LANG": "fr", "LANG": "de_DE.UTF-8"])! == (.german, false))
        #expect(Language.fromEnvironment(["LANG": ""]) == nil)
        #expect(Language.fromEnvironment([:]) == nil)
    }

    @Test func aTaskMayReadAnotherLanguageThanTheProcess() {
        Language.$scoped.withValue(.german) {
            #expect(tr("Customers") == "Kunden")
        }
        #expect(Language.scoped == nil)
    }
}
