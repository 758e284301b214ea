/// An IBAN checked by its check digits (ISO 13616, MOD 97-10): a mistyped
/// account on an invoice sends the customer's money nowhere.
public enum IBAN {
    /// Without spaces, upper case.
    public static func normalized(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace })
    }

    public static func isValid(_ text: String) -> Bool {
        let iban = normalized(text)
        guard (15...34).contains(iban.count), iban.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              iban.prefix(2).allSatisfy(\.isLetter), iban.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else { return false }
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.isNumber ? character.wholeNumberValue! : Int(character.asciiValue! - 55)
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return remainder == 1
    }
}
