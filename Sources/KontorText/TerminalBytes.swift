import Foundation

extension VisibleText {
    /// A file's bytes as a terminal may show them (a CSV written to
    /// standard output, which is a terminal): UTF-8 text cleaned line by
    /// line, its CRLF line ends as plain ones; other text (DATEV's
    /// Windows-1252) with each control byte as "?". What a record holds is
    /// shown, never obeyed.
    public static func shownOnTerminal(_ data: Data) -> Data {
        if let text = String(data: data, encoding: .utf8) {
            return Data(cleanLines(text.replacingOccurrences(of: "\r\n", with: "\n")).utf8)
        }
        return Data(data.map { byte in (byte < 0x20 && byte != 0x0A && byte != 0x0D) || byte == 0x7F ? UInt8(ascii: "?") : byte })
    }
}
