import KontorUI
import Testing

/// The screen's side of the rule the printed invoice follows too (see
/// `InvoiceDocumentTests` in the model's tests: the same text, the same result).
struct SanitizerTests {
    @Test func directionMarksShowAndZeroWidthFormattingIsDropped() {
        let hidden = "A\u{200E}B\u{200F}C\u{061C}D\u{200B}E\u{200C}F\u{200D}G\u{2060}H\u{2064}I\u{FEFF}J GmbH"
        #expect(Sanitizer.clean(hidden) == "A\u{FFFD}B\u{FFFD}C\u{FFFD}DEFGHIJ GmbH")
    }

    @Test func eachDirectionControlAloneIsShownToo() {
        // Alone in a string, not only beside another control.
        for mark in ["\u{061C}", "\u{200F}", "\u{202E}", "\u{2066}"] {
            #expect(Sanitizer.clean("a\(mark)b") == "a\u{FFFD}b")
        }
    }

    @Test func theJoinerSurvivesOnlyInsideAnEmojiSequence() {
        #expect(Sanitizer.clean("👩‍💻 Team") == "👩‍💻 Team")
        #expect(Sanitizer.clean("a\u{200D}b") == "ab")
        #expect(Sanitizer.clean("\u{200D}") == "")
    }
}
