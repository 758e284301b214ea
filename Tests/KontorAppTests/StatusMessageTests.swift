@testable import KontorApp
import KontorUI
import Testing

/// A message longer than the line is wrapped above the footer, so that a
/// refusal naming several fields can be read to its end.
@MainActor
@Suite("Status messages")
struct StatusMessageTests {
    @Test func aLongMessageIsWrappedNotCut() throws {
        let h = try ScreenHarness(size: Size(width: 80, height: 24))
        let text = "customer street: is empty: the buyer's address is required; line 1: tax category G does not fit: S (standard rate) is suggested"
        h.app.show(text, isError: true)
        let lines = h.lines
        let shown = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let joined = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(joined.contains("✗ " + text), "every word, in order:\n\(lines.joined(separator: "\n"))")
        #expect(lines[22].contains("is suggested") && lines[23].contains("? help"), "just above the footer:\n\(lines.joined(separator: "\n"))")
        #expect(shown.count > 3)
        for line in lines { #expect(TextWidth.of(line) <= 80) }

        // Longer than three lines: the third ends in "…".
        h.app.show(String(repeating: "word ", count: 80), isError: false)
        let cut = h.lines
        #expect(cut[22].hasSuffix("…"), "\(cut.joined(separator: "\n"))")
        #expect(cut[20].hasPrefix(" • word") && cut[21].contains("word") && !cut[19].contains("word"), "three lines:\n\(cut.joined(separator: "\n"))")
    }
}
