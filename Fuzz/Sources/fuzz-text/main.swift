import FuzzDriver
import FuzzSupport
import KontorText
import KontorUI

/// The sanitiser, the width functions and both editors, fed any text and
/// any keys: no trap, and the promises the screen relies on kept.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = KeyStream.text(bytes)
    let clean = VisibleText.clean(text)
    precondition(VisibleText.firstForbidden(in: clean) == nil, "clean text holds a forbidden character")
    precondition(VisibleText.clean(clean) == clean, "clean is not idempotent")
    _ = VisibleText.cleanLines(text)
    _ = VisibleText.forbiddenReason(in: text, multiline: true)
    let width = bytes.first.map { Int($0 % 40) } ?? 0
    precondition(TextWidth.of(TextWidth.truncate(clean, to: width)) <= width, "truncate overflows")
    precondition(TextWidth.of(TextWidth.fit(clean, to: width)) == width, "fit misses its width")
    for line in TextWidth.wrap(clean, to: max(width, 5)) { _ = TextWidth.of(line) }

    var input = TextInput(text)
    var area = TextArea(text)
    for key in KeyStream.keys(bytes) {
        input.handle(key)
        area.handle(key)
        precondition((0...input.characters.count).contains(input.cursor), "cursor outside the text")
    }
    var grid = Grid(size: Size(width: 40, height: 6))
    let column = input.draw(x: 0, y: 0, width: max(width, 1), grid: &grid, style: .plain)
    precondition(column >= 0 && column <= max(width, 1) + 2, "cursor drawn outside the field")
    if let point = area.draw(in: Rect(x: 0, y: 1, width: max(width, 2), height: 5), grid: &grid, style: .plain) {
        precondition(point.y >= 1 && point.y < 6, "text area cursor outside its rectangle")
    }
    return 0
}

/// The executable's entry: libFuzzer's driver with the function above.
@_cdecl("fuzz_text_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in data.map { fuzzText($0, size) } ?? 0 }
}
