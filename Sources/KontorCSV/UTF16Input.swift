/// Excel's "Unicode text" (Unicode-Text, *.txt) and some bank and shop
/// exports are UTF-16 with a byte order mark, tab-separated: read as the
/// UTF-8 the reader works on, a chunk at a time, so that such a file is
/// imported like any other rather than refused as "not UTF-8" in every cell.
struct UTF16Input {
    let littleEndian: Bool
    /// Bytes of a code unit, or a high surrogate, cut by a chunk's end.
    private var carried: [UInt8] = []

    /// The byte order the file's mark says, nil when it has none.
    static func byteOrder(of bytes: [UInt8]) -> Bool? {
        if bytes.starts(with: [0xFF, 0xFE]) { return true }
        if bytes.starts(with: [0xFE, 0xFF]) { return false }
        return nil
    }

    init(littleEndian: Bool) {
        self.littleEndian = littleEndian
    }

    /// The UTF-8 of `chunk` (the mark at the file's start left out by the
    /// caller), keeping what a later chunk completes; `last` flushes it.
    mutating func utf8(_ chunk: [UInt8], last: Bool) -> [UInt8] {
        var bytes = carried + chunk
        carried = []
        if bytes.count % 2 == 1 && !last { carried = [bytes.removeLast()] }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        if !last, let final = units.last, (0xD800...0xDBFF).contains(final) {
            units.removeLast()
            carried = Array(bytes[(bytes.count - bytes.count % 2 - 2)..<(bytes.count - bytes.count % 2)]) + carried
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
