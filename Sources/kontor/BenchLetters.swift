import KontorApp
import KontorUI

/// Key to frame for each letter of a filter on its own: typing the letter
/// after its prefix, and erasing it again. A filter's cost depends on what is
/// typed so far ("2" matches half the invoices, "2026-00" a thousand), so
/// a median over the whole word can hide the one slow prefix.
@MainActor
struct LetterTimer {
    let app: App
    let size: Size
    let repeats: Int
    /// Run before each measured key, outside the time (see `KeyTimer`).
    var before: () -> Void = {}
    /// Times until what the key started in the background is found and
    /// drawn too (the search over everything), not only its first frame.
    var untilFound = false

    /// Measures each prefix of `word` on the screen chosen by `screen`, its filter opened with `/`.
    func measure(_ title: String, screen: Character, word: String) {
        print("  \(title): each letter of “\(word)”, \(repeats) presses each      median      p99")
        for key in [Key.char(screen), .char("g"), .char("/"), .ctrl("u")] { app.handle(key) }
        let letters = Array(word)
        for (i, letter) in letters.enumerated() {
            var typed: [Double] = []
            var erased: [Double] = []
            for _ in 0..<repeats {
                typed.append(time(.char(letter)))
                erased.append(time(.backspace))
            }
            app.handle(.char(letter))
            let prefix = String(letters[..<i])
            print("    type “\(prefix)\(letter)”".padding(toLength: 44, withPad: " ", startingAt: 0) + Stats(typed).columns)
            print("    erase back to “\(prefix)”".padding(toLength: 44, withPad: " ", startingAt: 0) + Stats(erased).columns)
        }
        app.handle(.ctrl("u"))
        app.handle(.escape)
    }

    private func time(_ key: Key) -> Double {
        before()
        let start = Clock.now()
        app.handle(key)
        _ = app.frame(size: size)
        if untilFound {
            app.settle()
            _ = app.frame(size: size)
        }
        return Clock.since(start)
    }
}
