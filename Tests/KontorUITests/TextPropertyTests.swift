import KontorText
import KontorUI
import PropertyBased
import Testing

/// The sanitiser's and the width functions' promises, for any text.
@Suite("Text properties")
struct TextPropertyTests {
    /// Characters from every corner that matters: ASCII with its controls,
    /// C1, Latin, combining marks, direction and zero-width formatting,
    /// CJK, emoji with joiners and modifiers, line separators, tags.
    static let scalar = Gen<Unicode.Scalar>.oneOf(
        Gen.unicodeScalar(in: "\u{0}"..."\u{7F}"),
        Gen.unicodeScalar(in: "\u{80}"..."\u{24F}"),
        Gen.unicodeScalar(in: "\u{300}"..."\u{36F}"),
        Gen.unicodeScalar(in: "\u{600}"..."\u{61F}"),
        Gen.unicodeScalar(in: "\u{2000}"..."\u{206F}"),
        Gen.unicodeScalar(in: "\u{3000}"..."\u{30FF}"),
        Gen.unicodeScalar(in: "\u{4E00}"..."\u{4E3F}"),
        Gen.unicodeScalar(in: "\u{FE00}"..."\u{FEFF}"),
        Gen.unicodeScalar(in: "\u{1F300}"..."\u{1F3FF}"),
        Gen.unicodeScalar(in: "\u{E0000}"..."\u{E007F}")
    )
    static let text = scalar.array(of: 0...40).map { scalars in
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    @Test func cleanTextHoldsNoControlOrFormatting() async {
        await propertyCheck(count: 3000, input: Self.text) { text in
            let clean = VisibleText.clean(text)
            for character in clean {
                for (index, scalar) in character.unicodeScalars.enumerated() {
                    #expect(scalar.properties.generalCategory != .control, "U+\(String(scalar.value, radix: 16)) in \(clean.debugDescription)")
                    if scalar.properties.generalCategory == .format {
                        // Only the joiner inside an emoji sequence.
                        #expect(scalar == "\u{200D}" && index > 0, "U+\(String(scalar.value, radix: 16)) in \(clean.debugDescription)")
                    }
                }
            }
            #expect(VisibleText.clean(clean) == clean)
            #expect(VisibleText.firstForbidden(in: clean) == nil)
        }
    }

    @Test func truncatedTextNeverExceedsTheWidthAsked() async {
        await propertyCheck(count: 3000, input: Self.text, Gen.int(in: 0...30)) { text, width in
            let clean = VisibleText.clean(text)
            #expect(TextWidth.of(TextWidth.truncate(clean, to: width)) <= width)
            #expect(TextWidth.of(TextWidth.fit(clean, to: width)) == width)
        }
    }

    @Test func aGridRowTakesAnyTextWithoutOverflow() async {
        await propertyCheck(count: 1000, input: Self.text, Gen.int(in: 1...20)) { text, width in
            var grid = Grid(size: Size(width: 20, height: 1))
            let used = grid.write(text, x: 0, y: 0, maxWidth: width, style: .plain)
            #expect(used <= width)
            #expect(TextWidth.of(grid.line(0)) <= width)
        }
    }

    /// Printable ASCII takes a shortcut through `Grid.write`: it must lay
    /// out exactly as the general path would, cut with "…" where it is cut.
    @Test func plainASCIIIsWrittenAsTheGeneralPathCutsIt() async {
        let ascii = Gen.unicodeScalar(in: " "..."~").array(of: 0...40).map { String(String.UnicodeScalarView($0)) }
        await propertyCheck(count: 2000, input: ascii, Gen.int(in: 1...30), Gen.int(in: 0...5)) { text, width, x in
            var grid = Grid(size: Size(width: 30, height: 1))
            let used = grid.write(text, x: x, y: 0, maxWidth: width, style: .plain)
            let expected = TextWidth.truncate(text, to: min(width, 30 - x))
            #expect(used == TextWidth.of(expected))
            var row = String(repeating: " ", count: x) + expected
            while row.last == " " { row.removeLast() }
            #expect(grid.line(0) == row, "\(text) at \(x) in \(width)")
        }
    }

    /// Filling any part of a row never leaves half a wide grapheme behind:
    /// every wide cell keeps its continuation and every continuation its lead.
    @Test func fillingNeverCutsAWideGraphemeInHalf() async {
        await propertyCheck(count: 2000, input: Self.text, Gen.int(in: 0...19), Gen.int(in: 0...20)) { text, x, width in
            var grid = Grid(size: Size(width: 20, height: 1))
            grid.write(text, x: 0, y: 0, style: .plain)
            grid.fill(Rect(x: x, y: 0, width: width, height: 1), style: .plain)
            for column in 0..<20 {
                let cell = grid[column, 0]
                if cell.width == 2 { #expect(column + 1 < 20 && grid[column + 1, 0].width == 0, "\(text) \(x) \(width)") }
                if cell.width == 0 { #expect(column > 0 && grid[column - 1, 0].width == 2, "\(text) \(x) \(width)") }
            }
        }
    }

    /// Below U+0300 a single scalar's width is answered without a Unicode
    /// lookup: it must be the answer the lookup gives.
    @Test func latinWidthsAreThoseOfTheirCategory() {
        for value in UInt32(0)..<0x300 {
            let scalar = Unicode.Scalar(value)!
            let invisible = [.nonspacingMark, .enclosingMark, .format].contains(scalar.properties.generalCategory)
            #expect(TextWidth.of(Character(scalar)) == (invisible ? 0 : 1), "U+\(String(value, radix: 16))")
        }
    }

    @Test func editorsShowEveryCharacterTyped() async {
        await propertyCheck(count: 1000, input: Self.text) { text in
            var input = TextInput()
            for scalar in text.unicodeScalars { input.handle(.char(Character(scalar))) }
            #expect(input.text == text)
            var grid = Grid(size: Size(width: 60, height: 1))
            let column = input.draw(x: 0, y: 0, width: 60, grid: &grid, style: .plain)
            #expect((0...60).contains(column))
            var area = TextArea(text)
            var areaGrid = Grid(size: Size(width: 30, height: 5))
            _ = area.draw(in: Rect(x: 0, y: 0, width: 30, height: 5), grid: &areaGrid, style: .plain)
        }
    }
}
