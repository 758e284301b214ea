import KontorLocale
/// One record of a CSV file: its cells, the line it starts on, and the bytes
/// it was read from (for a reject file that shows the row as it was).
public struct CSVRecord: Sendable {
    /// The cells, decoded. A cell whose bytes are invalid for the encoding
    /// holds them repaired (U+FFFD), and `problems` says which.
    public var fields: [String]
    /// The line (1-based) the record starts on; a quoted cell may carry it over several.
    public var line: Int
    /// The line it ends on: `line` unless a quoted cell carried it over
    /// line breaks (a quote never closed takes the next lines with it).
    public var lastLine: Int
    /// The record's bytes as read, without its final line break.
    public var raw: [UInt8]
    /// What is wrong with the record as text, before any meaning is given to it.
    public var problems: [CSVProblem]

    public init(fields: [String], line: Int, lastLine: Int? = nil, raw: [UInt8] = [], problems: [CSVProblem] = []) {
        self.fields = fields
        self.line = line
        self.lastLine = lastLine ?? line
        self.raw = raw
        self.problems = problems
    }

    /// Whether every cell is empty or blanks only: a line Excel writes as
    /// `;;;;` for an empty row, or an empty line. Such records are skipped.
    public var isBlank: Bool {
        fields.allSatisfy { $0.allSatisfy(\.isWhitespace) }
    }
}

/// What can be wrong with a record as CSV text.
public enum CSVProblem: Equatable, Sendable, CustomStringConvertible {
    /// A quoted cell that never ends: the file ends inside it. `startLine` is
    /// where its opening quote stands, the only useful place to look.
    case unterminatedQuote(startLine: Int)
    /// `"abc"x`: text after a cell's closing quote (0-based cell index).
    case textAfterClosingQuote(field: Int)
    /// Bytes that are not valid in the encoding the file is read in.
    case invalidBytes(field: Int, encoding: TextEncoding)

    public var description: String {
        switch self {
        case let .unterminatedQuote(line):
            return tr("a quoted cell opened on line {0} is never closed: the quote runs to the end of the file", line)
        case .textAfterClosingQuote:
            return tr("text after a closing quote (a quote inside a cell must be doubled: \"\")")
        case let .invalidBytes(_, encoding):
            return encoding == .utf8
                ? tr("bytes that are not valid UTF-8 (if the file comes from older Excel, try --encoding windows-1252)")
                : tr("bytes that are not valid Windows-1252 (try --encoding utf-8)")
        }
    }

    /// Whether the record's bytes hold quotes that do not pair up, so that
    /// written out again as they were they would open a cell that runs on.
    public var unpairsQuotes: Bool {
        switch self {
        case .unterminatedQuote, .textAfterClosingQuote: return true
        case .invalidBytes: return false
        }
    }

    /// The cell the problem is in, if it is one cell's.
    public var field: Int? {
        switch self {
        case .unterminatedQuote: return nil
        case let .textAfterClosingQuote(field), let .invalidBytes(field, _): return field
        }
    }
}
