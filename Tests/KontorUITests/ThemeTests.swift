import Foundation
@testable import KontorUI
import Testing

@Suite("Themes")
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../themes").standardized.path

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func shippedThemesParseAndNeverRelyOnColourAlone(name: String) throws {
        let theme = try ThemeLibrary(folders: [Self.themesFolder]).load(name)
        #expect(theme[.selection].attributes.contains(.reverse))
        #expect(theme[.tabActive].attributes.contains(.reverse))
        #expect(!theme[.error].attributes.isEmpty)
    }

    @Test func monoThemeHasNoColour() throws {
        let theme = try ThemeLibrary(folders: [Self.themesFolder]).load("mono")
        #expect(Theme.Role.allCases.allSatisfy { theme[$0].foreground == .default && theme[$0].background == .default })
    }

    @Test func errorsNameTheLine() {
        #expect(throws: Theme.ParseError.self) { try Theme.parse("normal = default default\nselction = red blue", name: "t") }
        do {
            _ = try Theme.parse("normal = default default\nerror = reddish default", name: "t")
        } catch let error as Theme.ParseError {
            #expect(error.line == 2)
            #expect(error.message.contains("reddish"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func unknownThemeListsTheAvailableOnes() {
        #expect {
            _ = try ThemeLibrary(folders: [Self.themesFolder]).load("neon")
        } throws: { error in
            "\(error)".contains("no theme named 'neon'") && "\(error)".contains("high-contrast")
        }
    }

    @Test func noColorKeepsAttributes() throws {
        let theme = try ThemeLibrary(folders: [Self.themesFolder]).load("default").withoutColor
        #expect(theme[.selection] == Style(attributes: theme[.selection].attributes))
        #expect(theme[.selection].attributes.contains(.reverse))
    }

    @Test func coloursFallBackTo8And16() {
        #expect(Color.index(75).reduced(toPalette: 256) == .index(75))
        #expect(Color.index(9).reduced(toPalette: 8) == .index(1))
        #expect(Color.index(196).reduced(toPalette: 8) == .index(1)) // pure red
        #expect(Color.index(231).reduced(toPalette: 8) == .index(7)) // white
        #expect(Color.index(16).reduced(toPalette: 8) == .index(0)) // black
        #expect(Color.index(75).reduced(toPalette: 0) == .default)
        #expect(Color.default.reduced(toPalette: 8) == .default)
    }
}
