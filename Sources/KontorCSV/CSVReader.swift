import Foundation
import KontorLocale

/// Reads a CSV file one record at a time, holding one chunk of the file and
/// one record in memory however large the file is.
///
/// Takes what spreadsheets write: any of the separators, CRLF, LF or CR line
/// ends, quoted cells with separators, line breaks and doubled quotes
/// inside, a UTF-8 byte order mark. It works on bytes (the separators, quote
/// and line ends are ASCII in both encodings it reads) and decodes each cell
/// once, so that a bad byte is reported for its cell and line rather than
/// ending the read.
///
/// Written for Kontor rather than taken from a library: see DECISIONS.md
/// (neither library available reports the line an unterminated quote
/// started on, and one of them holds the whole file).
public final class CSVReader {
    public let dialect: CSVDialect
    /// Bytes consumed so far, for a progress bar.
    public private(set) var bytesRead = 0
    /// The file's size, when reading a file (for UTF-16, the size it has
    /// as UTF-8 if it is mostly Latin letters, as business data is).
    public private(set) var totalBytes: Int

    private let handle: FileHandle?
    /// Set for a UTF-16 file, whose chunks are read as UTF-8.
    private var utf16: UTF16Input?
    private var buffer: [UInt8]
    private var position = 0
    private var atEnd = false
    private var line = 1
    private static let chunkSize = 1 << 16

    private let quote = UInt8(ascii: "\"")
    private let cr = UInt8(ascii: "\r")
    private let lf = UInt8(ascii: "\n")

    /// Opens `path` for reading in `dialect` (see `CSVDialect.detect`).
    public init(path: String, dialect: CSVDialect) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVFileError.unreadable(path)
        }
        self.handle = handle
        self.dialect = dialect
        totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        buffer = []
        refill()
        skipByteOrderMark()
        skipSeparatorLine()
    }

    /// Reads bytes already in memory (for tests and small inputs).
    public init(bytes: [UInt8], dialect: CSVDialect) {
        handle = nil
        self.dialect = dialect
        totalBytes = bytes.count
        buffer = bytes
        atEnd = true
        if let littleEndian = UTF16Input.byteOrder(of: bytes) {
            var input = UTF16Input(littleEndian: littleEndian)
            buffer = input.utf8(Array(bytes.dropFirst(2)), last: true)
        }
        skipByteOrderMark()
        skipSeparatorLine()
    }

    deinit { try? handle?.close() }

    /// Whether the file at `path` is UTF-16 by its byte order mark.
    public static func isUTF16(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return UTF16Input.byteOrder(of: [UInt8]((try? handle.read(upToCount: 2)) ?? Data())) != nil
    }

    /// The first bytes of a file, for `CSVDialect.detect`.
    public static func sample(path: String, count: Int = 1 << 16) throws -> [UInt8] {
        // (A folder opens for reading here and reads as nothing.)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { throw CSVFileError.unreadable(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVFileError.unreadable(path)
        }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: count)) ?? Data())
        // A workbook saved as it is, not as CSV: said, rather than read as text.
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw CSVFileError(path: path, reason: tr("is a spreadsheet workbook (.xlsx, .xls or .ods), not CSV: save it as “CSV UTF-8” in Excel or as “Text CSV” in LibreOffice, then import that file"))
        }
        // A UTF-16 file's start as the UTF-8 it is read as.
        guard let littleEndian = UTF16Input.byteOrder(of: bytes) else {
            // Text holds no NUL byte; a program's own file (or UTF-16
            // without its byte order mark) does, and would only be read
            // as columns of garbage.
            if bytes.contains(0) {
                throw CSVFileError(path: path, reason: tr("is no text file (it holds NUL bytes: a program's own format, or UTF-16 without a byte order mark): save it as “CSV UTF-8”, then import that file"))
            }
            return bytes
        }
        var input = UTF16Input(littleEndian: littleEndian)
        return input.utf8(Array(bytes.dropFirst(2)), last: false)
    }

    private func skipByteOrderMark() {
        if buffer.starts(with: TextEncoding.byteOrderMark) { position = 3; bytesRead = 3 }
    }

    /// Excel's `sep=;` line names the separator (`CSVDialect.detect`) and is no record.
    private func skipSeparatorLine() {
        guard dialect.separatorLine else { return }
        while let byte = nextByte() {
            if byte == lf { break }
            if byte == cr { if peekByte() == lf { _ = nextByte() }; break }
        }
        line += 1
    }

    private func refill() {
        guard let handle, !atEnd else { return }
        var chunk = [UInt8]((try? handle.read(upToCount: Self.chunkSize)) ?? Data())
        if totalBytes > 0, bytesRead == 0, utf16 == nil, buffer.isEmpty, let littleEndian = UTF16Input.byteOrder(of: chunk) {
            utf16 = UTF16Input(littleEndian: littleEndian)
            chunk.removeFirst(2)
            totalBytes = (totalBytes - 2) / 2
        }
        if chunk.isEmpty && utf16 == nil { atEnd = true; buffer = []; position = 0; return }
        if utf16 != nil {
            let last = chunk.count < Self.chunkSize - 2
            buffer = utf16!.utf8(chunk, last: last)
            if last { atEnd = true }
            position = 0
            if buffer.isEmpty && !last { refill() }
            return
        }
        buffer = chunk
        position = 0
    }

    @inline(__always)
    private func nextByte() -> UInt8? {
        if position >= buffer.count {
            if atEnd { return nil }
            refill()
            if position >= buffer.count { return nil }
        }
        let byte = buffer[position]
        position += 1
        bytesRead += 1
        return byte
    }

    @inline(__always)
    private func peekByte() -> UInt8? {
        if position >= buffer.count {
            if atEnd { return nil }
            refill()
            if position >= buffer.count { return nil }
        }
        return buffer[position]
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The next record that is not blank, or nil at the end of the file.
    public func next() -> CSVRecord? {
        while let record = nextRecord() {
            if !record.isBlank || !record.problems.isEmpty { return record }
        }
        return nil
    }

    /// The next record, blank or not.
    private func nextRecord() -> CSVRecord? {
        guard peekByte() != nil else { return nil }
        let startLine = line
        var raw: [UInt8] = []
        var cells: [[UInt8]] = []
        var cell: [UInt8] = []
        var problems: [CSVProblem] = []
        var state = State.fieldStart
        var quoteLine = line
        // The line the record ends on (a quoted cell may carry it over breaks).
        var lastLine = line
        let separator = dialect.separator

        func endCell() {
            cells.append(cell)
            cell.removeAll(keepingCapacity: true)
        }

        reading: while true {
            guard let byte = nextByte() else {
                if state == .quoted { problems.append(.unterminatedQuote(startLine: quoteLine)) }
                // A file ending in a line break (inside the open quote) ends on the line before.
                lastLine = raw.last == lf || raw.last == cr ? max(startLine, line - 1) : line
                endCell()
                break reading
            }
            // A line break outside quotes ends the record; CRLF is one break.
            if (byte == lf || byte == cr) && state != .quoted {
                if byte == cr, peekByte() == lf { _ = nextByte() }
                lastLine = line
                line += 1
                endCell()
                break reading
            }
            raw.append(byte)
            switch state {
            case .fieldStart:
                if byte == quote { state = .quoted; quoteLine = line }
                else if byte == separator { endCell() }
                else { cell.append(byte); state = .unquoted }
            case .unquoted:
                // A quote inside an unquoted cell is taken literally, as Excel does.
                if byte == separator { endCell(); state = .fieldStart } else { cell.append(byte) }
            case .quoted:
                if byte == quote { state = .quoteInQuoted }
                else if byte == cr {
                    // A line break inside a cell is kept as one "\n".
                    line += 1
                    if peekByte() == lf { raw.append(nextByte()!) }
                    cell.append(lf)
                } else {
                    if byte == lf { line += 1 }
                    cell.append(byte)
                }
            case .quoteInQuoted:
                if byte == quote { cell.append(quote); state = .quoted }
                else if byte == separator { endCell(); state = .fieldStart }
                else {
                    let index = cells.count
                    if !problems.contains(.textAfterClosingQuote(field: index)) { problems.append(.textAfterClosingQuote(field: index)) }
                    cell.append(byte)
                    state = .unquoted
                }
            }
        }

        var fields: [String] = []
        fields.reserveCapacity(cells.count)
        for (index, bytes) in cells.enumerated() {
            if let text = dialect.encoding.decode(bytes) {
                fields.append(text)
            } else {
                fields.append(String(decoding: bytes, as: UTF8.self))
                problems.append(.invalidBytes(field: index, encoding: dialect.encoding))
            }
        }
        return CSVRecord(fields: fields, line: startLine, lastLine: lastLine, raw: raw, problems: problems)
    }
}

/// A file that cannot be read at all.
public struct CSVFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path) \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A path no file can be written to: a folder, in a folder that is
    /// not there, or not writable.
    /// `code`: the POSIX error the system gave, when known.
    static func unwritable(_ path: String, code: Int32 = 0) -> CSVFileError {
        switch code {
        case ENOSPC, EDQUOT: return CSVFileError(path: path, reason: tr("cannot be written: the disk is full"))
        case EROFS: return CSVFileError(path: path, reason: tr("cannot be written: the disk is read-only"))
        case ENOTDIR: return CSVFileError(path: path, reason: tr("cannot be written: a file of that name is in the way where a folder is needed"))
        default: break
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return CSVFileError(path: path, reason: tr("is a folder: name a file in it"))
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            return CSVFileError(path: path, reason: tr("cannot be written: the folder {0} does not exist", parent))
        }
        return CSVFileError(path: path, reason: tr("cannot be written (permissions?)"))
    }

    /// The POSIX error under an error from writing a file (Foundation's own
    /// for a full disk included); 0 when there is none.
    public static func posixCode(_ error: any Error) -> Int32 {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return error.domain == NSCocoaErrorDomain && error.code == NSFileWriteOutOfSpaceError ? ENOSPC : 0
    }

    /// A path that opens no file: missing, a folder, or not readable.
    static func unreadable(_ path: String) -> CSVFileError {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return CSVFileError(path: path, reason: tr("does not exist")) }
        return CSVFileError(path: path, reason: isFolder.boolValue ? tr("is a folder: name a file in it") : tr("cannot be read (permissions?)"))
    }
}
