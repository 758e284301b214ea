import KontorUI
import PropertyBased
import Testing

/// What a paste may leave in a field, whatever was pasted.
@Suite("Paste properties")
struct PastePropertyTests {
    /// Pasted text: ESC and brackets often, so that escape sequences and
    /// near-misses of them come up.
    static let scalar = Gen<Unicode.Scalar>.oneOf(
        Gen.unicodeScalar(in: "\u{0}"..."\u{7F}"),
        Gen.unicodeScalar(in: "\u{80}"..."\u{24F}"),
        Gen.unicodeScalar(in: "\u{1B}"..."\u{1B}"),
        Gen.unicodeScalar(in: "["..."]"),
        Gen.unicodeScalar(in: "0"..."9"),
        Gen.unicodeScalar(in: "\u{2000}"..."\u{206F}"),
        Gen.unicodeScalar(in: "\u{1F300}"..."\u{1F3FF}")
    )
    static let text = scalar.array(of: 0...60).map { scalars in
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    @Test func aPasteLeavesNoControlButLineBreaksAndTabs() async {
        await propertyCheck(count: 3000, input: Self.text) { text in
            let multi = PastedText.multiline(text)
            #expect(!multi.unicodeScalars.contains { Self.isControl($0) && $0 != "\n" }, "\(multi.debugDescription)")
            let single = PastedText.singleLine(text)
            #expect(!single.unicodeScalars.contains(where: Self.isControl), "\(single.debugDescription)")
        }
    }

    @Test func aPasteEndsWhereTheMarkerIsWhateverTheReads() async {
        await propertyCheck(count: 1000, input: Self.text, Gen.int(in: 1...7)) { text, piece in
            // The text as a terminal would send it (no closing marker inside), cut into pieces.
            let body = text.replacingOccurrences(of: "\u{1B}[201~", with: "")
            let sent = Array((body + "\u{1B}[201~").unicodeScalars)
            var paste = PasteCollector()
            var start = 0
            while start < sent.count {
                var chunk = String.UnicodeScalarView()
                chunk.append(contentsOf: sent[start..<min(sent.count, start + piece)])
                paste.feed(String(chunk))
                start += piece
            }
            #expect(paste.isFinished)
            #expect(paste.text == body, "\(body.debugDescription)")
        }
    }
}
