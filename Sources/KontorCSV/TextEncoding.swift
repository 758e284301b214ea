import Foundation

/// The encodings spreadsheet programs write CSV files in, as German offices
/// meet them: Excel's "CSV UTF-8" (with a byte order mark), LibreOffice's
/// UTF-8 (without), and older Excel's "CSV (Trennzeichen-getrennt)", which is
/// Windows-1252.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// The names `--encoding` accepts for each, in lower case.
    public static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" && $0 != " " }) {
        case "utf8", "utf8bom", "utf8sig": return .utf8
        case "windows1252", "cp1252", "win1252", "latin1", "iso88591", "ansi": return .windows1252
        default: return nil
        }
    }

    /// UTF-8's byte order mark, as Excel writes it at the start of "CSV UTF-8".
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Decodes bytes; nil when they are not valid in this encoding (UTF-8
    /// only: every byte means something in Windows-1252 except five, which
    /// are refused too).
    public func decode<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        switch self {
        case .utf8:
            // Validate first: String(decoding:) would quietly repair bad bytes.
            guard TextEncoding.isValidUTF8(Array(bytes), allowTruncatedEnd: false) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte < 0x80 || byte >= 0xA0 {
                    scalars.append(Unicode.Scalar(byte))
                } else {
                    let value = Self.windows1252High[Int(byte - 0x80)]
                    guard value != 0 else { return nil }
                    scalars.append(Unicode.Scalar(value)!)
                }
            }
            return String(scalars)
        }
    }

    /// The bytes of `text` in this encoding. Windows-1252 holds Western
    /// European letters only: a character it cannot hold is written as its
    /// letter without accents when that is one it holds (ł → l, ő → o),
    /// else as `?`, so that a file for a program that reads Windows-1252
    /// (DATEV) is never refused for one name.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8: return Array(text.utf8)
        case .windows1252:
            // Plain ASCII is the same bytes.
            if text.utf8.allSatisfy({ $0 < 0x80 }) { return Array(text.utf8) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            // Characters Windows-1252 lacks are written in Latin letters, a
            // run at a time (北京华通 as "bei jing hua tong", Yılmaz as
            // Yilmaz): a name the reader can still find, not "????".
            var lacking = ""
            func flush() {
                guard !lacking.isEmpty else { return }
                let latin = lacking.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? ""
                let written = latin.compactMap(Self.windows1252Byte)
                bytes += written.count == latin.count && !written.isEmpty ? written : Array(repeating: UInt8(ascii: "?"), count: lacking.count)
                lacking = ""
            }
            for character in text {
                if let byte = Self.windows1252Byte(character) {
                    flush()
                    bytes.append(byte)
                    continue
                }
                let plain = String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
                let folded = plain.compactMap(Self.windows1252Byte)
                if folded.count == plain.count && !folded.isEmpty {
                    flush()
                    bytes += folded
                } else {
                    lacking.append(character)
                }
            }
            flush()
            return bytes
        }
    }

    /// `text` as `encode` writes it, read back: what a field's length is
    /// counted on when the file is written in Windows-1252, since a name
    /// in other letters grows there (北京华通 is "bei jing hua tong").
    public func written(_ text: String) -> String {
        // Plain ASCII is written as it is: most fields, spared the round trip.
        self == .utf8 || text.utf8.allSatisfy({ $0 < 0x80 }) ? text : decode(encode(text)) ?? text
    }

    /// The one Windows-1252 byte of a character, if it has one.
    static func windows1252Byte(_ character: Character) -> UInt8? {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let value = scalars.first?.value else {
            // A letter with a combining accent: its composed form may be one byte.
            let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
            guard composed.count == 1, let single = composed.first else { return nil }
            return windows1252Byte(Character(single))
        }
        if value < 0x80 || (0xA0...0xFF).contains(value) { return UInt8(value) }
        if let index = windows1252High.firstIndex(of: value), value != 0 { return UInt8(0x80 + index) }
        return nil
    }

    /// Windows-1252's 0x80–0x9F (€, „, “, ”, –, …); 0 where undefined.
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// How `bytes` read as UTF-8: the number of valid multi-byte sequences
    /// (letters beyond ASCII) and of invalid bytes. Windows-1252 text almost
    /// never forms a valid multi-byte sequence by chance, so a file with more
    /// of those than of bad bytes is UTF-8 with a few bad bytes in it.
    public static func utf8Evidence(_ bytes: [UInt8]) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { invalid += 1; i += 1; continue }
            if i + length > bytes.count { break } // cut off at the end of the sample
            if (1 ..< length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) { valid += 1; i += length } else { invalid += 1; i += 1 }
        }
        return (valid, invalid)
    }

    /// Whether `bytes` are valid UTF-8, forgiving a sequence cut off at the
    /// very end (a sample read from the start of a larger file).
    public static func isValidUTF8<C: Collection>(_ bytes: C, allowTruncatedEnd: Bool) -> Bool where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { return false }
            if i + length > end { return allowTruncatedEnd && (i + 1 ..< end).allSatisfy { bytes[$0] & 0xC0 == 0x80 } }
            for k in 1 ..< length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
