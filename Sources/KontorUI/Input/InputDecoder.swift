/// Turns the bytes a terminal sends into characters: UTF-8, and where a
/// byte begins no UTF-8 character — a terminal set to Latin-1 or
/// Windows-1252 (an old PuTTY), a stray byte — that byte as Latin-1 reads
/// it (€ for 0x80, U+FFFD for the other C1 bytes), with what follows read
/// as usual. ncurses' own decoding waited on such a byte and dropped the
/// keys typed after it.
struct InputDecoder {
    /// What was read while decoding a character and belongs to the next.
    private var readAhead: [(kind: Int32, code: UInt32)] = []

    /// The next character (kind 1, its scalar) or key the terminal layer
    /// recognised (kind 2, its code), or nothing within `timeout` (kind 0).
    /// `read(wait)` gives the next byte (kind 1) or key (kind 2) within
    /// `wait` milliseconds; the bytes of one character are waited for
    /// `characterGap` each (a slow link may split them).
    mutating func next(timeout: Int32, characterGap: Int32, read: (Int32) -> (Int32, UInt32)) -> (Int32, UInt32) {
        let (kind, first) = byte(timeout, read)
        guard kind == 1, first >= 0x80 else { return (kind, first) }
        let length = Self.length(of: UInt8(truncatingIfNeeded: first))
        guard length > 1 else { return (1, Self.singleByte(UInt8(truncatingIfNeeded: first))) }
        var bytes = [UInt8(truncatingIfNeeded: first)]
        while bytes.count < length {
            let (nextKind, next) = byte(characterGap, read)
            if nextKind == 0 { break }
            guard nextKind == 1, (0x80...0xBF).contains(next) else {
                readAhead.insert((nextKind, next), at: 0)
                break
            }
            bytes.append(UInt8(truncatingIfNeeded: next))
        }
        if bytes.count == length, let text = String(validating: bytes, as: UTF8.self), let scalar = text.unicodeScalars.first {
            return (1, scalar.value)
        }
        // No UTF-8: the first byte alone, the rest read again after it.
        readAhead.insert(contentsOf: bytes.dropFirst().map { (Int32(1), UInt32($0)) }, at: 0)
        return (1, Self.singleByte(bytes[0]))
    }

    private mutating func byte(_ wait: Int32, _ read: (Int32) -> (Int32, UInt32)) -> (Int32, UInt32) {
        if !readAhead.isEmpty { return readAhead.removeFirst() }
        return read(wait)
    }

    /// The bytes of the character `byte` begins: 1 for ASCII and for a byte
    /// that begins no character (a continuation byte, 0xC0, 0xC1, 0xF5…).
    static func length(of byte: UInt8) -> Int {
        switch byte {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// A byte read alone, as Latin-1 reads it; of the C1 bytes, 0x80 is
    /// Windows-1252's €, the others stand for no letter (U+FFFD).
    static func singleByte(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0x80: 0x20AC
        case 0x81...0x9F: 0xFFFD
        default: UInt32(byte)
        }
    }
}
