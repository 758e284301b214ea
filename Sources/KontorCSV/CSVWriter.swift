import Foundation

/// A cell to write: text from the data, or a number Kontor formatted itself.
public enum CSVCell: Sendable, ExpressibleByStringLiteral {
    /// Anything from the data. Neutralised if a spreadsheet would take it
    /// for a formula.
    case text(String)
    /// A number as Kontor wrote it ("-12,50"): written as is, so that a
    /// negative amount stays a number in the spreadsheet.
    case number(String)
    /// Text always in quotes and written exactly as given, never
    /// neutralised: for files a program reads by its format (DATEV's
    /// quotes every text field), where a leading apostrophe would end up
    /// in the books.
    case quoted(String)

    public init(stringLiteral value: String) { self = .text(value) }
}

/// Writes CSV records in a dialect, buffered, to a file.
///
/// Cells that a spreadsheet would run as a formula — text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return — are written with a
/// leading apostrophe and quoted, as OWASP recommends for CSV injection. The
/// stored data is not changed; only the exported text is. Numbers Kontor
/// formats itself are `CSVCell.number` and stay numbers.
public final class CSVWriter {
    public let dialect: CSVDialect
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private let quote = UInt8(ascii: "\"")

    /// Whether the writer writes into a regular file (not a device such as
    /// /dev/stdout or /dev/null, nor a pipe): only such a file is given
    /// `permissions`, and only such a file is removed by `discard()`.
    public let isRegularFile: Bool
    private let path: String
    /// Where a new or plain file is written until `close()` puts it at
    /// `path`: an export stopped half-way (Ctrl-C, a full disk) leaves no
    /// file that looks whole. Nil when writing straight into `path`.
    private let partial: String?

    /// Creates (or replaces) `path` and writes the byte order mark if the
    /// dialect has one. `permissions` are the file's mode bits.
    ///
    /// A new file, or a plain one, is written beside it and renamed into
    /// place by `close()`. Anything else — a device such as /dev/null or
    /// /dev/stdout, a pipe, a link — is written into where it is: a rename
    /// over it would put a plain file in its place (for a device, for the
    /// whole system), which is what `FileManager.createFile` did.
    public init(path: String, dialect: CSVDialect, permissions: Int = 0o640) throws {
        self.dialect = dialect
        self.path = path
        var existing = stat()
        let replaceable = lstat(path, &existing) != 0 ? errno == ENOENT : (existing.st_mode & S_IFMT) == S_IFREG
        let name = (path as NSString).lastPathComponent
        partial = replaceable ? ((path as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent(".\(name).partial-\(getpid())") : nil
        let target = partial ?? path
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else { throw CSVFileError.unwritable(path, code: errno) }
        var info = stat()
        isRegularFile = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        // An existing file keeps its mode on open; set it either way.
        if isRegularFile { fchmod(descriptor, mode_t(permissions)) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        if dialect.hasByteOrderMark { pending += TextEncoding.byteOrderMark }
    }

    /// After a failure: closes the writer and removes what it wrote, when
    /// that is a file (a device or pipe is left as it is).
    public func discard() {
        try? handle.close()
        if let partial { unlink(partial) } else if isRegularFile { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Appends one record.
    public func write(_ cells: [CSVCell]) throws {
        var first = true
        for cell in cells {
            if !first { pending.append(dialect.separator) }
            first = false
            switch cell {
            case let .text(text) where dialect.keepsTextAsText && Self.spreadsheetWouldConvert(text):
                append("=\"\(text)\"", forceQuotes: true)
            case let .text(text): append(Self.neutralised(text), forceQuotes: Self.isFormulaLike(text))
            case let .number(text): append(text, forceQuotes: false)
            case let .quoted(text): append(text, forceQuotes: true)
            }
        }
        pending += Array(dialect.lineEnd.utf8)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes exactly as given, then a line end: a record as it was read.
    public func writeRaw(_ bytes: [UInt8], extraCells: [CSVCell]) throws {
        pending += bytes
        for cell in extraCells {
            pending.append(dialect.separator)
            if case let .text(text) = cell { append(Self.neutralised(text), forceQuotes: Self.isFormulaLike(text)) }
            if case let .number(text) = cell { append(text, forceQuotes: false) }
            if case let .quoted(text) = cell { append(text, forceQuotes: true) }
        }
        pending += Array(dialect.lineEnd.utf8)
        if pending.count >= 1 << 16 { try flush() }
    }

    public func flush() throws {
        guard !pending.isEmpty else { return }
        do { try handle.write(contentsOf: pending) } catch { throw CSVFileError.unwritable(path, code: CSVFileError.posixCode(error)) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        do {
            try flush()
            try handle.close()
        } catch {
            discard()
            throw error
        }
        if let partial, rename(partial, path) != 0 {
            let code = errno
            unlink(partial)
            throw CSVFileError.unwritable(path, code: code)
        }
    }

    private func append(_ text: String, forceQuotes: Bool) {
        // Most cells of a wide format (DATEV's 125 columns) are empty.
        if text.isEmpty {
            if forceQuotes { pending += [quote, quote] }
            return
        }
        let bytes = encoded(text)
        let needsQuotes = forceQuotes || bytes.contains { $0 == dialect.separator || $0 == quote || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == 0x20 || bytes.last == 0x20
        if !needsQuotes { pending += bytes; return }
        pending.append(quote)
        for byte in bytes {
            if byte == quote { pending.append(quote) }
            pending.append(byte)
        }
        pending.append(quote)
    }

    private func encoded(_ text: String) -> [UInt8] {
        // UTF-8 (the excel dialect marks it with a BOM), or Windows-1252
        // for the programs that read only that (DATEV).
        dialect.encoding.encode(text)
    }

    /// Whether a spreadsheet would read the text as a formula (or a DDE call).
    public static func isFormulaLike(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }

    /// Whether a spreadsheet would read the text as a number or a date and
    /// lose part of it: digits with a leading zero (a postcode "01067", a
    /// customer number "007"), more digits than it keeps exactly or shows
    /// whole (an EAN, an IBAN's digits: from 12 on Excel shows "4,00638E+12"
    /// and saves it so), or a day and month ("1.2", "3/4", "12-5").
    public static func spreadsheetWouldConvert(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first else { return false }
        if scalars.allSatisfy({ $0.properties.numericType == .decimal && $0.isASCII }) {
            return (first == "0" && scalars.count > 1) || scalars.count >= 12
        }
        return looksLikeADay(text)
    }

    /// Whether `text` is a day or month as a spreadsheet reads one: one or
    /// two digits, a separator (. / -), one or two digits, and maybe a
    /// separator and two to four more ("1.2", "01/02/26", "3-4-2026").
    /// Scanned by hand: a Regex literal is parsed again at each call, which
    /// made a million customers' export take minutes.
    static func looksLikeADay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ range: ClosedRange<Int>) -> Bool {
            let start = index
            while index < bytes.count, index - start < range.upperBound, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start >= range.lowerBound
        }
        func separator() -> Bool {
            guard index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-")].contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard digits(1...2), separator(), digits(1...2) else { return false }
        if index == bytes.count { return true }
        return separator() && digits(2...4) && index == bytes.count
    }

    /// The text as exported: with a leading apostrophe if it looks like a formula.
    public static func neutralised(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }
}
