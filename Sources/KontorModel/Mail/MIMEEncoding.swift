import KontorLocale
import Foundation

/// The encodings a message needs to carry German text through mail, which
/// is 7-bit ASCII in lines of at most 78 characters: quoted-printable for
/// the text (RFC 2045), base64 for files, encoded-words for names and
/// subjects in headers (RFC 2047), and RFC 2231 parameters for file names.
/// Each is written here rather than taken from a library because Kontor
/// only writes mail, and writing is the small half; what it writes is read
/// back by Python's `email` package in the tests.
enum MIMEEncoding {
    static let crlf = "\r\n"
    /// Header lines are folded to stay within this (RFC 5322's "SHOULD").
    static let lineLimit = 78

    // MARK: Bodies

    /// Quoted-printable text in CRLF lines of at most 76 characters: line
    /// breaks become CRLF, bytes outside printable ASCII, `=` and blanks
    /// before a line end become `=XX`, longer lines end in a soft break.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var tokens: [String] = []
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                switch byte {
                case 0x21...0x3C, 0x3E...0x7E: tokens.append(String(UnicodeScalar(byte)))
                case 0x20, 0x09: tokens.append(last ? hexEscape(byte) : String(UnicodeScalar(byte)))
                default: tokens.append(hexEscape(byte))
                }
            }
            // A line starting with "." or "From " survives every relay: the dot or F encoded.
            if let first = tokens.first, first == "." || (first == "F" && line.hasPrefix("From ")) {
                tokens[0] = hexEscape(bytes[0])
            }
            var current = ""
            for token in tokens {
                if current.count + token.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += token
            }
            out.append(current)
        }
        return out.joined(separator: crlf)
    }

    static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// Base64 in CRLF lines of 76 characters.
    static func base64(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    // MARK: Headers

    /// Text for a header: line breaks, tabs and other controls become
    /// blanks and runs of blanks one, so that nothing stored can end the
    /// header and start another (header injection).
    static func headerText(_ text: String) -> String {
        var out = ""
        var blank = false
        for scalar in text.unicodeScalars {
            let isBlank = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
            if isBlank {
                blank = !out.isEmpty
                continue
            }
            if blank { out.append(" ") }
            blank = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Whether a word can stand in a header as it is: printable ASCII, and
    /// not something a reader would take for an encoded-word.
    static func isPlainWord(_ word: Substring) -> Bool {
        word.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E } && !word.contains("=?")
    }

    /// An unstructured header's value (a subject): plain words as they
    /// are, runs of words with other characters as UTF-8 encoded-words
    /// (RFC 2047, base64), folded so no line exceeds 78 characters where
    /// it can be helped. `used` is what the line already holds ("Subject: ").
    static func unstructured(_ text: String, used: Int) -> String {
        let words = headerText(text).split(separator: " ")
        // Runs: consecutive words needing encoding are encoded together,
        // with their blanks, since blanks between encoded-words vanish.
        var tokens: [String] = []
        var run: [Substring] = []
        func flush() {
            guard !run.isEmpty else { return }
            tokens += encodedWords(run.joined(separator: " "))
            run = []
        }
        for word in words {
            if isPlainWord(word) {
                flush()
                tokens.append(String(word))
            } else {
                run.append(word)
            }
        }
        flush()
        return fold(tokens, used: used)
    }

    /// A display name for an address header: plain when it is one or more
    /// plain atoms, quoted when it holds specials, encoded-words when it
    /// holds anything beyond ASCII.
    /// Returned as the tokens it folds between.
    static func displayName(_ name: String) -> [String] {
        let name = headerText(name)
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value <= 0x7E }) && !name.contains("=?") {
            let specials = Set("()<>[]:;@\\,.\"")
            if !name.contains(where: { specials.contains($0) }) { return name.split(separator: " ").map(String.init) }
            return ["\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""]
        }
        return encodedWords(name)
    }

    /// `text` as UTF-8 encoded-words of at most 64 characters each (so one
    /// fits a folded line with room for a header's name), never splitting
    /// a character between two of them.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// Joins tokens with blanks, folding (CRLF and a blank) before a token
    /// that would pass the line limit.
    static func fold(_ tokens: [String], used: Int) -> String {
        var out = ""
        var column = used
        for (index, token) in tokens.enumerated() {
            if index > 0 {
                if column + 1 + token.count > lineLimit {
                    out += crlf + " "
                    column = 1
                } else {
                    out += " "
                    column += 1
                }
            }
            out += token
            column += token.count
        }
        return out
    }

    /// A header line `Name: value`, the value already encoded; refuses a
    /// value that would end the header (a bare CR or LF not followed by a
    /// blank, as folding writes it).
    static func header(_ name: String, _ value: String) throws -> String {
        let lines = value.components(separatedBy: crlf)
        for (index, line) in lines.enumerated() {
            if line.contains("\r") || line.contains("\n") || line.unicodeScalars.contains(where: { $0.value == 0 }) {
                throw MailError.headerInjection(header: name)
            }
            if index > 0, !(line.hasPrefix(" ") || line.hasPrefix("\t")) { throw MailError.headerInjection(header: name) }
            if line.unicodeScalars.contains(where: { $0.value > 0x7E }) { throw MailError.notASCII(header: name) }
        }
        return "\(name): \(value)"
    }

    // MARK: Parameters

    /// A parameter of Content-Type or Content-Disposition: `name="value"`
    /// for plain ASCII, else RFC 2231's `name*=utf-8''percent-encoded`,
    /// continued (`name*0*=…; name*1*=…`) over lines when long. Returns the
    /// pieces, each to follow "; " on a line of its own.
    static func parameter(_ name: String, _ value: String) -> [String] {
        let value = headerText(value)
        if value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value <= 0x7E }), value.count + name.count < 60 {
            return ["\(name)=\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""]
        }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&+^`{|}#".utf8)
        var escaped: [String] = []
        for byte in value.utf8 {
            escaped.append(unreserved.contains(byte) ? String(UnicodeScalar(byte)) : "%" + String(hexEscape(byte).dropFirst()))
        }
        let whole = "utf-8''" + escaped.joined()
        if whole.count + name.count < 60 { return ["\(name)*=\(whole)"] }
        var pieces: [String] = []
        var current = "utf-8''"
        for token in escaped {
            if current.count + token.count > 50 {
                pieces.append(current)
                current = ""
            }
            current += token
        }
        pieces.append(current)
        return pieces.enumerated().map { "\(name)*\($0.offset)*=\($0.element)" }
    }
}

/// Why a message could not be written or sent.
public enum MailError: Error, Equatable, CustomStringConvertible {
    /// A header value would have ended the header and begun another.
    case headerInjection(header: String)
    case notASCII(header: String)
    case unusableAddress(String)
    case noRecipient

    public var description: String {
        switch self {
        case let .headerInjection(header): return tr("the {0} header would hold a line break; nothing was written", header)
        case let .notASCII(header): return tr("the {0} header holds characters mail cannot carry unencoded", header)
        case let .unusableAddress(text): return tr("'{0}' is not an e-mail address mail can be sent to", text)
        case .noRecipient: return tr("the message has no recipient")
        }
    }
}
