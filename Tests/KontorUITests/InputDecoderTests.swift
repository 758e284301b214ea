import Testing
@testable import KontorUI

/// The bytes a terminal sends, read as characters: UTF-8 whole or split,
/// and bytes that are no UTF-8 (a terminal set to Latin-1) each one letter,
/// without losing what follows them.
@Suite("Input bytes to characters")
struct InputDecoderTests {
    /// Decodes `bytes` (each a read of its own; nil for a pause, when a
    /// read waits in vain) until they are used up.
    func decoded(_ bytes: [UInt32?]) -> String {
        var input = bytes
        var decoder = InputDecoder()
        var text = String.UnicodeScalarView()
        var pauses = 0
        while !input.isEmpty || pauses < 2 {
            let (kind, code) = decoder.next(timeout: 0, characterGap: 250) { _ in
                guard !input.isEmpty else { return (0, 0) }
                guard let byte = input.removeFirst() else { return (0, 0) }
                return (1, byte)
            }
            if kind == 0 { pauses += input.isEmpty ? 1 : 0; continue }
            text.append(Unicode.Scalar(code)!)
        }
        return String(text)
    }

    @Test func utf8IsReadWholeAndAcrossAPause() {
        #expect(decoded(Array("Müller 東京 €".utf8).map { UInt32($0) }) == "Müller 東京 €")
        #expect(decoded([0x6D, 0xC3, 0xBC]) == "mü")
        // A character's bytes more than the wait apart: the first is read alone.
        #expect(decoded([0x6D, 0xC3, nil, 0xBC]) == "mÃ¼")
        #expect(decoded([0xF0, 0x9F, 0x91, 0x8D, 0x21]) == "👍!")
    }

    @Test func latin1BytesAreTheirLettersAndKeepWhatFollows() {
        // "müller" and "Köln Straße" from a terminal set to Latin-1.
        #expect(decoded([0x6D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]) == "müller")
        #expect(decoded([0x4B, 0xF6, 0x6C, 0x6E, 0x20, 0x53, 0x74, 0x72, 0x61, 0xDF, 0x65]) == "Köln Straße")
        // ä (0xE4) begins a three-byte character in UTF-8; "l" ends that.
        #expect(decoded([0xE4, 0x6C]) == "äl")
        // Alone at the end, after the wait for more.
        #expect(decoded([0x61, 0xE4]) == "aä")
        // Windows-1252's euro, a stray continuation byte, an overlong form.
        #expect(decoded([0x80, 0x31]) == "€1")
        #expect(decoded([0xBC, 0x41]) == "¼A")
        #expect(decoded([0xC0, 0xAF, 0x41]) == "À¯A")
    }
}
