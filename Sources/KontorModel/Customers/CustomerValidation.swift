import KontorLocale
import KontorText
import Foundation

extension CustomerFields {
    /// The fields as they will be stored: surrounding blanks trimmed, the VAT
    /// id upper-cased without spaces.
    public func normalized() -> CustomerFields {
        var copy = self
        for field in Field.allCases {
            var value = TextFolding.trimmed(copy[field])
            // One spelling per letter: "é" typed as e + accent is stored as é.
            if !Self.isComposedLatin(value) { value = value.precomposedStringWithCanonicalMapping }
            copy[field] = value
        }
        copy.vatID = copy.vatID.uppercased().filter { !$0.isWhitespace }
        if copy.country.count <= 3 { copy.country = copy.country.uppercased() }
        // A country typed by its name ("Deutschland", "Österreich", "Germany"), as an import reads it.
        if copy.country.count > 2, let code = Countries.code(for: copy.country) { copy.country = code }
        copy.tags = copy.tags.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: " ")
        return copy
    }

    /// Every problem with the (normalised) fields, or nil when they can be saved.
    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        func fail(_ field: Field, _ message: String) {
            if !issues.contains(where: { $0.field == field.rawValue }) {
                issues.append(FieldIssue(field: field.rawValue, message: message))
            }
        }
        for field in Field.allCases {
            let value = self[field]
            // A text has at most as many characters as bytes: counting its
            // characters (breaking it into graphemes) is needed only when
            // its bytes are too many.
            // (Payment terms are a number of days: "14.5" is not a number,
            // which its own check says, rather than too long.)
            if field != .paymentTerms, value.utf8.count > field.maxLength && value.count > field.maxLength {
                fail(field, tr("is too long: {0} characters, at most {1}", value.count, field.maxLength))
            }
            // Controls act on terminals; invisible formatting (zero-width
            // spaces, direction overrides) makes equal-looking names differ.
            if let reason = VisibleText.forbiddenReason(in: value, multiline: field.isMultiline) { fail(field, reason) }
        }
        if name.isEmpty { fail(.name, tr("is required")) }
        if !email.isEmpty && !Self.looksLikeEmail(email) {
            fail(.email, tr("must look like name@example.com"))
        }
        if let problem = Self.phoneProblem(phone) { fail(.phone, problem) }
        if !country.isEmpty && !(country.count == 2 && country.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            fail(.country, tr("must be a two-letter country code, like DE, AT or CH"))
        } else if !country.isEmpty, let problem = Countries.unknownCodeProblem(country) {
            fail(.country, problem)
        }
        if !postalCode.isEmpty, let digits = Self.postalCodeDigits(country),
           !(postalCode.count == digits && postalCode.allSatisfy(\.isASCIIDigit)) {
            fail(.postalCode, tr("must be {0} digits in {1}", digits, country))
        }
        if Int(paymentTerms).map({ !(0...365).contains($0) }) ?? true {
            fail(.paymentTerms, tr("must be a number of days from 0 to 365"))
        }
        if !vatID.isEmpty, let problem = VATID.problem(vatID) {
            fail(.vatID, problem)
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    /// Whether a text is certainly in its composed form (NFC) already, so
    /// that composing it would give the same bytes: every scalar below
    /// U+0300 (ASCII, Latin-1 and the Latin extensions with their
    /// precomposed letters: ä, ß, ç, ř, ő …). None of those decomposes or
    /// combines with its neighbour; combining accents start at U+0300.
    /// Other texts are composed by Foundation.
    static func isComposedLatin(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 { continue }
            // A lead byte 0xC2–0xCB starts a scalar U+0080–U+02FF.
            guard byte >= 0xC2 && byte <= 0xCB else { return false }
            _ = utf8.next()
        }
        return true
    }

    /// What is wrong with a phone number as typed, or nil (empty is none):
    /// the customers' and the staff's rule.
    static func phoneProblem(_ phone: String) -> String? {
        guard !phone.isEmpty else { return nil }
        if phone.utf8.contains(where: { !isPhoneByte($0) }) { return tr("may hold only digits, spaces and + - / ( ) .") }
        if phone.utf8.count(where: { $0 >= 0x30 && $0 <= 0x39 }) < 3 { return tr("needs at least 3 digits") }
        return nil
    }

    /// The bytes a phone number may hold: digits, blank and + - / ( ) .
    /// (Any other character has a byte outside these.)
    @inline(__always)
    static func isPhoneByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x20, 0x2B, 0x2D, 0x2F, 0x28, 0x29, 0x2E: return true
        default: return false
        }
    }

    /// How many digits a postal code has in the countries whose codes are checked.
    static func postalCodeDigits(_ country: String) -> Int? {
        switch country {
        case "DE": return 5
        case "AT", "CH": return 4
        default: return nil
        }
    }

    /// local@domain.tld, without spaces; deliberately lenient beyond that, as
    /// real addresses are more varied than any strict pattern.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        // An ASCII address's characters are its bytes: blanks looked for as bytes.
        let blank = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.utf8.contains { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
            : text.contains(where: \.isWhitespace)
        guard parts.count == 2, !parts[0].isEmpty, !blank else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty } && labels.last!.count >= 2
    }

    static func looksLikeVATID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 4, scalars.count <= 15 else { return false }
        let upper = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let body = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+*")
        return upper.contains(scalars[0]) && upper.contains(scalars[1])
            && scalars.dropFirst(2).allSatisfy { body.contains($0) }
    }
}
