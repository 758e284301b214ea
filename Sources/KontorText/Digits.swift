extension Character {
    /// 0 to 9 alone: a digit with a combining mark ("0̮") is none, though
    /// it sorts between "0" and "9" and `isNumber` says yes — and `Int("0̮")`
    /// is nil, so a parser that trusted either trapped (found by fuzzing).
    /// One rule for every parser: amounts, dates, postcodes, imported cells.
    public var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
