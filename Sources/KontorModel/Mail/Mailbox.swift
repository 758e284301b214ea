import Foundation

/// One mailbox: a display name and an address ("Müller GmbH
/// <info@mueller.de>"). Addresses come from customers, contacts, settings
/// and mail that came in; they are checked before they reach a header, so
/// that no stored text can add a header line of its own.
public struct Mailbox: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var address: String

    public init(_ address: String, name: String = "") {
        self.address = address
        self.name = name
    }

    /// "Name <address>", or the address alone: for people to read.
    public var description: String { name.isEmpty ? address : "\(name) <\(address)>" }

    /// Whether the address can stand in a header: one `@`, no blanks, no
    /// controls, nothing that ends or opens an address (`<>,;"()`).
    public var isUsable: Bool {
        // ASCII only: the mail path is not assumed to speak SMTPUTF8.
        guard address.utf8.count <= 254, address.utf8.allSatisfy({ $0 < 0x80 }), CustomerFields.looksLikeEmail(address) else { return false }
        return !address.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || "<>,;\"()[]\\".unicodeScalars.contains($0) }
    }

    /// The same address, case aside, as a key for comparing.
    var key: String { address.lowercased() }

    /// The part after the `@`, lower case ("mueller.de").
    var domain: String { key.split(separator: "@").last.map(String.init) ?? "" }

    /// Reads one mailbox as mail and people write it: `a@b.de`,
    /// `<a@b.de>`, `Name <a@b.de>`, `"Müller, Jürgen" <a@b.de>`. Nil when
    /// no usable address is in it.
    public static func parse(_ text: String) -> Mailbox? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let address = String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            var name = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            let parsed = Mailbox(address, name: name)
            return parsed.isUsable ? parsed : nil
        }
        let parsed = Mailbox(text)
        return parsed.isUsable ? parsed : nil
    }

    /// Reads a list of mailboxes separated by commas (or semicolons, as
    /// Outlook users type them), commas inside quotes and angle brackets
    /// aside. Unusable entries are left out.
    public static func parseList(_ text: String) -> [Mailbox] {
        var parts: [String] = []
        var current = ""
        var quoted = false, angled = false
        for ch in text {
            switch ch {
            case "\"" where !angled: quoted.toggle()
            case "<" where !quoted: angled = true
            case ">" where !quoted: angled = false
            case ",", ";":
                if !quoted && !angled {
                    parts.append(current)
                    current = ""
                    continue
                }
            default: break
            }
            current.append(ch)
        }
        parts.append(current)
        return parts.compactMap(parse)
    }

    /// The list without repeats (case aside) and without any of `excluded`,
    /// in its order.
    static func unique(_ list: [Mailbox], excluding excluded: [Mailbox] = []) -> [Mailbox] {
        var seen = Set(excluded.map(\.key))
        return list.filter { seen.insert($0.key).inserted }
    }
}
