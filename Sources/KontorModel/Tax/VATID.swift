import KontorLocale
/// A VAT identification number checked against its country's format, and
/// against the check digit where the country defines one that can be
/// computed offline (Germany's, ISO 7064 MOD 11,10). Catching a mistyped id
/// at the desk is cheaper than a reverse-charge invoice the tax office
/// rejects.
public enum VATID {
    /// The id without spaces, dots or dashes, upper case: "de 123.456.789" → "DE123456789".
    public static func normalized(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace && $0 != "." && $0 != "-" })
    }

    /// Why `text` is not a valid VAT id, or nil when it is.
    public static func problem(_ text: String) -> String? {
        let id = normalized(text)
        guard id.count >= 4, id.prefix(2).allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return tr("must be a country code and the number, like DE136695976")
        }
        let country = String(id.prefix(2)), body = String(id.dropFirst(2))
        guard let pattern = formats[country] else {
            // Outside the EU any form goes, but it starts with a country ("XX123" passed).
            if let problem = Countries.unknownCodeProblem(country) { return problem }
            return body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) && (2...13).contains(body.count)
                ? nil : tr("must be a country code and 2 to 13 letters or digits")
        }
        guard matches(body, pattern) else { return tr("is not a {0} VAT id: {1} and {2}", country, country, pattern.description) }
        if country == "DE", !germanCheckDigitHolds(body) { return tr("has a wrong check digit (a typo?)") }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// Whether the id's prefix is an EU member's (Greece's EL, Northern
    /// Ireland's XI): those whose form `formats` knows.
    static func isEU(_ text: String) -> Bool { formats[String(normalized(text).prefix(2))] != nil }

    /// The German check digit: ISO 7064 MOD 11,10 over the first eight digits.
    static func germanCheckDigitHolds(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == 9 else { return false }
        var product = 10
        for digit in values.prefix(8) {
            var sum = (digit + product) % 10
            if sum == 0 { sum = 10 }
            product = (2 * sum) % 11
        }
        let check = (11 - product) % 10
        return check == values[8]
    }

    /// A format as the alternatives of counts of digits (`#`) and letters or digits (`*`).
    struct Pattern: CustomStringConvertible {
        var alternatives: [String]
        var description: String {
            alternatives.map { alt in
                if alt.allSatisfy({ $0 == "#" }) { return tr("{0} digits", alt.count) }
                return tr("{0} letters or digits", alt.count)
            }.joined(separator: tr(" or "))
        }
    }

    static func matches(_ body: String, _ pattern: Pattern) -> Bool {
        pattern.alternatives.contains { alt in
            alt.count == body.count && zip(alt, body).allSatisfy { p, c in
                p == "#" ? (c.isASCII && c.isNumber) : (c.isASCII && (c.isNumber || c.isLetter))
            }
        }
    }

    /// The EU formats (VIES), simplified where a country mixes letters in
    /// fixed places: those accept letters or digits there.
    static let formats: [String: Pattern] = [
        "AT": Pattern(alternatives: ["*########"]), "BE": Pattern(alternatives: ["##########"]),
        "BG": Pattern(alternatives: ["#########", "##########"]), "CY": Pattern(alternatives: ["*********"]),
        "CZ": Pattern(alternatives: ["########", "#########", "##########"]), "DE": Pattern(alternatives: ["#########"]),
        "DK": Pattern(alternatives: ["########"]), "EE": Pattern(alternatives: ["#########"]),
        "EL": Pattern(alternatives: ["#########"]), "ES": Pattern(alternatives: ["*********"]),
        "FI": Pattern(alternatives: ["########"]), "FR": Pattern(alternatives: ["***********"]),
        "HR": Pattern(alternatives: ["###########"]), "HU": Pattern(alternatives: ["########"]),
        "IE": Pattern(alternatives: ["********", "*********"]), "IT": Pattern(alternatives: ["###########"]),
        "LT": Pattern(alternatives: ["#########", "############"]), "LU": Pattern(alternatives: ["########"]),
        "LV": Pattern(alternatives: ["###########"]), "MT": Pattern(alternatives: ["########"]),
        "NL": Pattern(alternatives: ["************"]), "PL": Pattern(alternatives: ["##########"]),
        "PT": Pattern(alternatives: ["#########"]), "RO": Pattern(alternatives: ["##", "###", "####", "#####", "######", "#######", "########", "#########", "##########"]),
        "SE": Pattern(alternatives: ["############"]), "SI": Pattern(alternatives: ["########"]),
        "SK": Pattern(alternatives: ["##########"]),
        "XI": Pattern(alternatives: ["#########", "############"]),
    ]
}
