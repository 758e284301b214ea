import KontorLocale
import KontorCSV
import KontorText

/// One thing wrong with one row, or worth knowing about it: where, in which
/// column, what. The value is shown through `VisibleText`, so nothing from
/// the file acts on the terminal that shows the message.
public struct ImportProblem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String?
    public var message: String

    /// `file:line: column: what is wrong`
    public var description: String {
        "\(VisibleText.clean(file)):\(line): \(column.map { "\(VisibleText.clean($0)): " } ?? "")\(message)"
    }

    /// A value from the file as a message may show it: made visible, and cut
    /// after 40 characters.
    public static func shown(_ value: String) -> String {
        let clean = VisibleText.clean(value)
        return "'\(clean.count > 40 ? String(clean.prefix(40)) + "…" : clean)'"
    }
}

/// What an import did, or in a dry run, would do.
public struct ImportReport: Sendable {
    public var kind: ImportKind
    public var file: String
    public var dryRun: Bool
    /// How the file was read: separator, encoding, line ends.
    public var dialect: String
    /// "header → field" for every column.
    public var mapping: [String]
    /// The key existing records are matched by.
    public var key: String
    /// Things the mapping does beyond columns (an SKU made from the name).
    public var notes: [String] = []

    /// Records read, blank lines not counted.
    public var read = 0
    public var created = 0
    public var updated = 0
    /// Already there (matched by the key) and left as they are.
    public var skipped = 0
    /// Of `skipped`: the rows `--update` found saying what the record
    /// says already, so that nothing was there to change.
    public var unchanged = 0
    public var rejected = 0
    /// Whether anything was written: false for a dry run, and for a run
    /// with rejected rows and no `--skip-bad`.
    public var committed = false
    /// Where the rejected rows went (`--skip-bad`).
    public var rejectFile: String?

    /// The first problems, in file order (at most `ImportReport.problemLimit`).
    public var problems: [ImportProblem] = []
    public var problemCount = 0
    /// Possible duplicates of new customers, as the model's check finds them.
    public var notices: [ImportProblem] = []
    public var noticeCount = 0
    /// Notices that a new record looks like one there already.
    public var duplicateCount = 0

    public static let problemLimit = 1000

    mutating func add(problem: ImportProblem) {
        problemCount += 1
        if problems.count < Self.problemLimit { problems.append(problem) }
    }

    /// A word about a row that was not refused; `duplicate` when it says
    /// a new record looks like one there already (counted in `summary`).
    mutating func add(notice: ImportProblem, duplicate: Bool = true) {
        noticeCount += 1
        if duplicate { duplicateCount += 1 }
        if notices.count < Self.problemLimit { notices.append(notice) }
    }

    /// One line: "93 read: 90 new, 0 updated, 0 already there, 3 rejected — nothing written".
    public var summary: String {
        var text: String
        if unchanged > 0 {
            // With --update: rows that said what the record says were not skipped, only unchanged.
            text = dryRun
                ? tr("{0} read: {1} would be new, {2} would be updated, {3} unchanged, {4} already there (skipped), {5} rejected",
                     read, created, updated, unchanged, skipped - unchanged, rejected)
                : tr("{0} read: {1} new, {2} updated, {3} unchanged, {4} already there (skipped), {5} rejected",
                     read, created, updated, unchanged, skipped - unchanged, rejected)
        } else {
            text = dryRun
                ? tr("{0} read: {1} would be new, {2} would be updated, {3} already there (skipped), {4} rejected", read, created, updated, skipped, rejected)
                : tr("{0} read: {1} new, {2} updated, {3} already there (skipped), {4} rejected", read, created, updated, skipped, rejected)
        }
        // Rows already there are counted as such, not as possible duplicates.
        if duplicateCount > 0 { text += Wording.count(duplicateCount, one: ", {0} possible duplicate", other: ", {0} possible duplicates") }
        if dryRun { text += tr(" — dry run, nothing written") }
        else if !committed { text += tr(" — nothing written: fix the rows or use --skip-bad") }
        else if let rejectFile { text += tr(" — rejected rows in {0}", rejectFile) }
        return text
    }
}

/// How far an import has come, for a progress bar.
public struct ImportProgress: Sendable {
    public var bytesRead: Int
    public var totalBytes: Int
    public var records: Int
}

/// What to import and how.
public struct ImportOptions: Sendable {
    public var kind: ImportKind
    public var path: String
    public var dryRun: Bool
    public var skipBad: Bool
    public var update: Bool
    public var key: String?
    public var map: [String]
    public var encoding: TextEncoding?

    public init(kind: ImportKind, path: String, dryRun: Bool = false, skipBad: Bool = false, update: Bool = false,
                key: String? = nil, map: [String] = [], encoding: TextEncoding? = nil) {
        self.kind = kind
        self.path = path
        self.dryRun = dryRun
        self.skipBad = skipBad
        self.update = update
        self.key = key
        self.map = map
        self.encoding = encoding
    }
}
