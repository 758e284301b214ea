/// A record's number as a person types it into a filter or the palette:
/// `42`, or `#42`, where the `#` says "this number and nothing else" (not
/// the words and phone numbers that start with 42).
public struct TypedNumber: Equatable, Sendable {
    public var value: Int64
    /// Typed with `#`.
    public var isMarked: Bool

    /// nil unless the word is digits alone, after one optional `#`, and fits.
    public init?(_ word: some StringProtocol) {
        let marked = word.first == "#"
        let digits = marked ? word.dropFirst() : word[...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits) else { return nil }
        self.value = value
        isMarked = marked
    }
}
