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
            // (Plain ASCII is already in that form.)
            if !value.utf8.allSatisfy({ $0 < 0x80 }) { value = value.precomposedStringWithCanonicalMapping }
            copy[field] = value
        }
        copy.vatID = copy.vatID.uppercased().filter { !$0.isWhitespace }
        if copy.country.count <= 3 { copy.country = copy.country.uppercased() }
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
            if value.count > field.maxLength {
                fail(field, "is too long: \(value.count) characters, at most \(field.maxLength)")
            }
            // Controls act on terminals; invisible formatting (zero-width
            // spaces, direction overrides) makes equal-looking names differ.
            if let reason = VisibleText.forbiddenReason(in: value, multiline: field.isMultiline) { fail(field, reason) }
        }
        if name.isEmpty { fail(.name, "is required") }
        if !email.isEmpty && !Self.looksLikeEmail(email) {
            fail(.email, "must look like name@example.com")
        }
        if !phone.isEmpty {
            let allowed = CharacterSet(charactersIn: "0123456789+-/(). ")
            if phone.unicodeScalars.contains(where: { !allowed.contains($0) }) {
                fail(.phone, "may hold only digits, spaces and + - / ( ) .")
            } else if phone.filter(\.isNumber).count < 3 {
                fail(.phone, "needs at least 3 digits")
            }
        }
        if !country.isEmpty && !(country.count == 2 && country.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            fail(.country, "must be a two-letter country code, like DE, AT or CH")
        }
        if !postalCode.isEmpty, let digits = ["DE": 5, "AT": 4, "CH": 4][country],
           !(postalCode.count == digits && postalCode.allSatisfy(\.isASCIIDigit)) {
            fail(.postalCode, "must be \(digits) digits in \(country)")
        }
        if Int(paymentTerms).map({ !(0...365).contains($0) }) ?? true {
            fail(.paymentTerms, "must be a number of days from 0 to 365")
        }
        if !vatID.isEmpty, let problem = VATID.problem(vatID) {
            fail(.vatID, problem)
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    /// local@domain.tld, without spaces; deliberately lenient beyond that, as
    /// real addresses are more varied than any strict pattern.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
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
