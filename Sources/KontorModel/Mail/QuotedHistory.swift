import Foundation

/// The earlier messages a mail quotes under (or inside) its own text, found
/// so that a thread can fold them: the thread already holds them. Found by
/// what mail clients write above a quote — "Am … schrieb …:", "On … wrote:",
/// Outlook's "Von: … Gesendet: …" block or "-----Ursprüngliche Nachricht-----"
/// — and by runs of lines starting with ">".
public enum QuotedHistory {
    public enum Piece: Equatable, Sendable {
        case text(String)
        /// Lines folded away, how many.
        case quoted(lines: [String])
    }

    /// The text in pieces: what the sender wrote, and the quotes.
    public static func pieces(_ text: String) -> [Piece] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let cut = historyStart(lines) ?? lines.count
        var pieces: [Piece] = []
        var plain: [String] = []
        var quote: [String] = []
        func flushPlain() { if !plain.isEmpty { pieces.append(.text(plain.joined(separator: "\n"))); plain = [] } }
        func flushQuote() {
            if quote.count >= 2 { flushPlain(); pieces.append(.quoted(lines: quote)) } else { plain += quote }
            quote = []
        }
        for line in lines[..<cut] {
            if line.hasPrefix(">") { quote.append(line) } else { flushQuote(); plain.append(line) }
        }
        flushQuote()
        // Blank lines at the end of what the sender wrote go with the history.
        while let last = plain.last, last.trimmingCharacters(in: .whitespaces).isEmpty, cut < lines.count { plain.removeLast() }
        flushPlain()
        if cut < lines.count { pieces.append(.quoted(lines: Array(lines[cut...]))) }
        return pieces
    }

    /// Where the quoted history under the message begins, if it does.
    static func historyStart(_ lines: [String]) -> Int? {
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let lower = line.lowercased()
            if lower.hasPrefix("-----") && (lower.contains("original") || lower.contains("ursprüngliche") || lower.contains("weitergeleitete")) {
                return i
            }
            // "Am 03.12.2026 um 10:00 schrieb Support <support@firma.de>:", perhaps broken over two lines.
            if lower.hasPrefix("am ") || lower.hasPrefix("on ") {
                for j in i..<min(lines.count, i + 2) where lines[j].trimmingCharacters(in: .whitespaces).hasSuffix(":") {
                    let said = lines[i...j].joined(separator: " ").lowercased()
                    if said.contains("schrieb") || said.contains("wrote") { return i }
                }
            }
            // Outlook: "Von: …" with "Gesendet: …" (or "From:" with "Sent:") right under it.
            if lower.hasPrefix("von:") || lower.hasPrefix("from:") {
                let next = lines[(i + 1)..<min(lines.count, i + 4)].map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
                if next.contains(where: { $0.hasPrefix("gesendet:") || $0.hasPrefix("sent:") || $0.hasPrefix("datum:") || $0.hasPrefix("date:") }) {
                    return i
                }
            }
        }
        return nil
    }
}
