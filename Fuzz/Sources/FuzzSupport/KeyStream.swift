import KontorUI

/// Bytes from the fuzzer read as what a person types or pastes: UTF-8 text
/// (invalid bytes as U+FFFD, as a terminal would deliver them), with the
/// bytes below 0x20 standing for the editing and moving keys.
public enum KeyStream {
    static let special: [Key] = [
        .enter, .tab, .backTab, .escape, .backspace, .delete, .left, .right, .up, .down, .home, .end,
        .pageUp, .pageDown, .insert, .resize, .ctrl("a"), .ctrl("e"), .ctrl("u"), .ctrl("k"), .ctrl("w"),
        .ctrl("s"), .ctrl("r"), .ctrl("p"), .ctrl("n"), .alt("b"), .alt("f"), .alt("d"), .ctrl("b"), .ctrl("f"),
        .function(1), .char(" "),
    ]

    public static func keys(_ bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var text: [UInt8] = []
        func flush() {
            for scalar in String(decoding: text, as: UTF8.self).unicodeScalars { keys.append(.char(Character(scalar))) }
            text.removeAll()
        }
        for byte in bytes {
            if byte < 0x20 {
                flush()
                keys.append(special[Int(byte)])
            } else {
                text.append(byte)
            }
        }
        flush()
        return keys
    }

    /// The text the bytes hold, for the functions that take strings.
    public static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
