import Testing
@testable import KontorModel

/// The letters `searchAlias` and `undecomposedFolds` look for are switches
/// with a byte pre-check, for speed; here against the tables they were.
@Suite("Text folding tables")
struct TextFoldingTableTests {
    static let umlauts: [UInt32: String] = [0xE4: "ae", 0xF6: "oe", 0xFC: "ue", 0xC4: "Ae", 0xD6: "Oe", 0xDC: "Ue", 0xDF: "ss"]
    static let undecomposed: Set<UInt32> = [0xDF, 0xF8, 0xD8, 0x142, 0x141, 0xE6, 0xC6, 0x153, 0x152, 0x111, 0x110, 0xFE, 0xDE]

    /// `searchAlias` as it was written with the table.
    static func referenceAlias(_ parts: [String]) -> String {
        guard parts.contains(where: { $0.unicodeScalars.contains { umlauts[$0.value] != nil } }) else { return "" }
        return parts.map { part in
            part.unicodeScalars.map { umlauts[$0.value] ?? String($0) }.joined()
        }.joined(separator: " ")
    }

    @Test func theSwitchesAreTheTables() {
        for value in UInt32(0)...0x3FF {
            let spelled = TextFolding.umlautSpelling(value).map { $0.withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }
            #expect(spelled == Self.umlauts[value], "U+\(String(value, radix: 16))")
            #expect(TextFolding.isUndecomposed(value) == Self.undecomposed.contains(value), "U+\(String(value, radix: 16))")
        }
    }

    @Test func aliasAndFoldsAsBefore() {
        // Every letter of the tables and its neighbours, in every lead byte
        // around them, composed and decomposed, beside CJK and plain text.
        var letters: [String] = []
        for value in UInt32(0xA0)...0x17F { if let scalar = Unicode.Scalar(value) { letters.append(String(scalar)) } }
        let samples = letters + ["Müller", "Mu\u{0308}ller", "Weiß", "Kobenhavn", "København", "Łódź", "Ærø", "Œuvre", "Đorđe",
                                 "Þórr", "東京", "Hauptstraße", "plain ascii", ""]
        for (i, text) in samples.enumerated() {
            let parts = [text, samples[(i + 7) % samples.count], "Köln", ""]
            #expect(TextFolding.searchAlias(parts[0], parts[1], parts[2], parts[3]) == Self.referenceAlias(parts))
            let folds = parts.filter { $0.unicodeScalars.contains { Self.undecomposed.contains($0.value) } }.map(TextFolding.fold).joined(separator: " ")
            #expect(TextFolding.undecomposedFolds(parts[0], parts[1], parts[2], parts[3]) == folds)
            #expect(TextFolding.searchAlias(text) == Self.referenceAlias([text]))
        }
    }
}
