import KontorLocale
import Foundation
import GRDB
import KontorCSV
import KontorText

/// What one row came to.
enum RowOutcome {
    case created(Int64)
    case updated(Int64)
    case unchanged
    /// Already there (matched by the key, or by `by` when the row's key
    /// cell was empty), and not to be updated.
    case skipped(Int64, by: String? = nil)
    case rejected
}

/// Turns rows of one kind into records, inside the import's transaction.
protocol RowImporter {
    /// Imports one row: finds the record by its key, then creates, updates or
    /// skips it. Problems go to `row` (and the outcome is `.rejected`);
    /// the model's refusals are thrown and put on the row by the caller.
    mutating func importRow(_ row: inout ImportRow, _ db: Database, source: String, notices: inout [String]) throws -> RowOutcome
    /// The import field a model's issue (as `FieldIssue.field` names it) is about.
    func field(forIssue name: String) -> String
    /// Whether a row is written in several steps that a late refusal could
    /// leave half done; such rows get a savepoint each. A row that checks
    /// everything before its one insert does not need one, and a savepoint
    /// costs as much as the insert (the full-text index takes part in it).
    var needsSavepoint: Bool { get }
    /// Completes what the rows left pending (a batch of search rows), in
    /// the transaction, after the last row and before it commits or rolls back.
    mutating func finish(_ db: Database) throws
}

extension RowImporter {
    var needsSavepoint: Bool { true }
    mutating func finish(_ db: Database) throws {}
}

extension Session {
    /// Imports a CSV file: every row checked, the good ones written in one
    /// transaction, signed by this session's account and checked against
    /// its role like any other write.
    ///
    /// The dry run is the same pass in the same transaction, rolled back at
    /// the end, so the real run accepts exactly what the dry run accepted
    /// (against the database as it then is). With any rejected row nothing
    /// is written unless `skipBad`, which writes the good rows and puts the
    /// bad ones, as read, with a reason column, into a reject file beside
    /// the input. The file is read one record at a time: memory does not
    /// grow with it.
    public func importFile(_ options: ImportOptions, progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
        let name = (options.path as NSString).lastPathComponent
        let sample: [UInt8]
        var dialect: CSVDialect
        let reader: CSVReader
        do {
            sample = try CSVReader.sample(path: options.path)
            dialect = CSVDialect.detect(sample: sample, encoding: options.encoding)
            dialect.readFromUTF16 = CSVReader.isUTF16(path: options.path)
            reader = try CSVReader(path: options.path, dialect: dialect)
        } catch let error as CSVFileError {
            throw KontorError.rule(error.description)
        }
        guard let header = reader.next() else { throw ImportError.emptyFile(name) }
        let generated: Set<String> = options.kind == .products ? ["sku"] : []
        let mapping = try ColumnMapping(kind: options.kind, headers: header.fields, overrides: options.map, generated: generated)
        let key = try Self.key(for: options, mapping: mapping)
        var report = ImportReport(kind: options.kind, file: name, dryRun: options.dryRun, dialect: dialect.summary,
                                  mapping: mapping.lines, key: key)
        if options.kind == .products && mapping.column(of: "sku") == nil {
            report.notes.append(tr("no SKU column: each SKU is made from the product's name (\"Grüner Tee 20\" → GRUENER-TEE-20)"))
        }
        if options.kind == .products && mapping.column(of: "vat") == nil {
            // Said, as food and books are 7 % and a whole file at 19 % is a costly surprise.
            report.notes.append(tr("no VAT column: every new product is at 19 %; a column MwSt with 7 or 19 sets it per product"))
        }
        if options.kind == .products && mapping.column(of: "stock") != nil {
            report.notes.append(tr("stock: booked as an opening receipt in the stock ledger, for new products only"))
        }
        if options.kind == .contacts && mapping.column(of: "customer") == nil && mapping.column(of: "customer-number") == nil {
            throw ImportError.missingColumn(field: "customer or customer-number", headers: ["Firma", "Kunde", "Kundennummer", "Company", "Customer"])
        }

        let rejects = RejectFile(input: options.path, header: header, dialect: dialect, enabled: options.skipBad && !options.dryRun)
        do {
            // An 8 MiB page cache for the import's transaction (2 MiB
            // otherwise): a file's new rows land all over the e-mail index
            // and the name index's narrow stand-in (the wide list index of
            // a large import is built at its end), and with the small cache
            // their pages went out to the write-ahead log again and again.
            // Fixed, so memory still does not grow with the file.
            report = try write(options.kind.permission) { db in try SQLiteSpecific.withCacheSize(db, kibibytes: Self.importCacheKiB) {
                var importer: RowImporter = try Self.importer(for: options, key: key, mapping: mapping, fileBytes: reader.totalBytes,
                                                               session: self, db: db)
                var report = report
                let feed = RowFeed(reader: reader, mapping: mapping, decimalComma: dialect.decimalComma,
                                   prepare: Self.preparer(for: options, key: key))
                defer { feed.stop() }
                // The lines that made each new record: a later line of the same
                // key is said to repeat that line, not to match a record that,
                // in a dry run, never was.
                var madeBy: [Int64: Int] = [:]
                while var row = feed.next() {
                    let record = row.record
                    report.read += 1
                    var notices: [String] = []
                    var skippedNotice: String?
                    let outcome = Self.importOne(&row, &importer, db, header: header, source: "\(name):\(record.line)", notices: &notices)
                    switch outcome {
                    case let .created(id):
                        report.created += 1
                        madeBy[id] = record.line
                    case .updated: report.updated += 1
                    case .unchanged:
                        report.skipped += 1
                        report.unchanged += 1
                    case let .skipped(id, matchedBy):
                        report.skipped += 1
                        let same = tr(matchedBy ?? key, meaning: "a key that matches a record")
                        if let line = madeBy[id] {
                            skippedNotice = tr("repeats line {0} of this file (same {1}): skipped", line, same)
                        } else {
                            skippedNotice = tr("already there as {0} {1} (same {2}): skipped; --update would change it", tr(options.kind.entity), id, same)
                        }
                    case .rejected:
                        report.rejected += 1
                        for issue in row.issues {
                            report.add(problem: ImportProblem(file: name, line: record.line, column: issue.column, message: issue.message))
                        }
                        try rejects.write(record, reason: row.issues.map { ($0.column.map { "\($0): " } ?? "") + $0.message }.joined(separator: "; "))
                    }
                    for notice in notices { report.add(notice: ImportProblem(file: name, line: record.line, column: nil, message: notice)) }
                    if let skippedNotice {
                        report.add(notice: ImportProblem(file: name, line: record.line, column: nil, message: skippedNotice), duplicate: false)
                    }
                    if report.read % 512 == 0 {
                        progress?(ImportProgress(bytesRead: feed.bytesRead, totalBytes: feed.totalBytes, records: report.read))
                    }
                }
                progress?(ImportProgress(bytesRead: feed.bytesRead, totalBytes: feed.totalBytes, records: report.read))
                try importer.finish(db)
                if options.dryRun || (report.rejected > 0 && !options.skipBad) { throw ImportRollback(report: report) }
                report.committed = true
                return report
            } }
        } catch let rollback as ImportRollback {
            rejects.discard()
            return rollback.report
        } catch {
            rejects.discard()
            throw error
        }
        report.rejectFile = try rejects.finish()
        return report
    }

    /// The page cache of an import's transaction, in KiB.
    static let importCacheKiB = 8_192

    /// One row: its CSV problems, its cell count, then the kind's import in
    /// a savepoint of its own, so a refused row leaves nothing behind.
    private static func importOne(_ row: inout ImportRow, _ importer: inout RowImporter, _ db: Database, header: CSVRecord,
                                  source: String, notices: inout [String]) -> RowOutcome {
        let record = row.record
        for problem in record.problems {
            row.fail(nil, problem.field.map { i in
                "\(i < header.fields.count ? VisibleText.clean(header.fields[i]) : tr("cell {0}", i + 1)): \(problem)"
            } ?? problem.description)
        }
        if !record.problems.isEmpty {
            // A quote opened and not closed on its line took the next lines
            // into this record: said, or those rows would vanish unnamed.
            if record.lastLine == record.line + 1 {
                row.fail(nil, tr("line {0} was read into this row, not as a row of its own: a quote left open here takes the line break with it (a quote inside a cell is written twice: \"\")", record.lastLine))
            } else if record.lastLine > record.line {
                row.fail(nil, tr("lines {0}–{1} were read into this row, not as rows of their own: a quote left open here takes the line breaks with it (a quote inside a cell is written twice: \"\")",
                                 record.line + 1, record.lastLine))
            }
            return .rejected
        }
        if record.fields.count != header.fields.count {
            row.fail(nil, record.fields.count < header.fields.count
                     ? tr("has {0} cells, the header has {1} (too few)", record.fields.count, header.fields.count)
                     : tr("has {0} cells, the header has {1} (too many)", record.fields.count, header.fields.count))
            return .rejected
        }
        row.rejectControlCharacters()
        if !row.issues.isEmpty { return .rejected }
        var outcome = RowOutcome.rejected
        do {
            if importer.needsSavepoint {
                try db.inSavepoint {
                    outcome = try importer.importRow(&row, db, source: source, notices: &notices)
                    if case .rejected = outcome { return .rollback }
                    return .commit
                }
            } else {
                outcome = try importer.importRow(&row, db, source: source, notices: &notices)
            }
        } catch let KontorError.invalid(failure) {
            row.add(failure, fieldFor: importer.field(forIssue:))
            return .rejected
        } catch let error as KontorError {
            row.fail(nil, error.description)
            return .rejected
        } catch {
            row.fail(nil, "\(error)")
            return .rejected
        }
        return outcome
    }

    /// The key to match existing records by: as asked, else the first of the
    /// kind's natural keys that the file has a column for.
    static func key(for options: ImportOptions, mapping: ColumnMapping) throws -> String {
        let kind = options.kind
        if let key = options.key {
            guard kind.keys.contains(key) else { throw ImportError.unknownKey(key, kind.keys) }
            guard mapping.column(of: kind.keyField(key)) != nil || (kind == .products && key == "sku") else {
                throw ImportError.keyNotMapped(key)
            }
            return key
        }
        // Without a column for any key: by name (customers, contacts), by the
        // SKU made from the name (products).
        return kind.keys.first { mapping.column(of: kind.keyField($0)) != nil } ?? (kind == .customers ? "name" : kind.keys[0])
    }

    /// What the kind's importer works out from a row alone, ahead of its
    /// turn, on the reading thread (`RowFeed`); nil for kinds that work
    /// everything out in turn.
    static func preparer(for options: ImportOptions, key: String) -> (@Sendable (inout ImportRow) -> Void)? {
        switch options.kind {
        case .customers: return CustomerImporter.prepare
        case .products: return ProductImporter.prepare
        case .contacts, .staff: return nil
        }
    }

    static func importer(for options: ImportOptions, key: String, mapping: ColumnMapping, fileBytes: Int, session: Session,
                         db: Database) throws -> RowImporter {
        switch options.kind {
        case .customers: return try CustomerImporter(session: session, key: key, update: options.update, fileBytes: fileBytes, db: db)
        case .contacts: return try ContactImporter(session: session, key: key, update: options.update, db: db)
        case .products: return try ProductImporter(session: session, key: key, update: options.update, db: db)
        case .staff: return StaffImporter(session: session, update: options.update)
        }
    }
}

/// Thrown to roll the import's transaction back, carrying what it found.
struct ImportRollback: Error {
    var report: ImportReport
}

/// The reject file of `--skip-bad`: beside the input, the header and each
/// rejected row as read (same separator and encoding) plus a reason column.
/// Created at the first rejected row; removed again if the import fails.
final class RejectFile {
    let path: String
    private let header: CSVRecord
    private let dialect: CSVDialect
    private let enabled: Bool
    private var writer: CSVWriter?

    init(input: String, header: CSVRecord, dialect: CSVDialect, enabled: Bool) {
        let url = URL(fileURLWithPath: input)
        let base = url.deletingPathExtension().lastPathComponent
        path = url.deletingLastPathComponent().appendingPathComponent("\(base).rejected.csv").path
        self.header = header
        self.dialect = dialect
        self.enabled = enabled
    }

    /// The reason column's header.
    private var reasonHeader: String { dialect.decimalComma ? "Grund / reason" : "reason" }

    /// Whether the file read is itself a file of rejected rows (its last
    /// column the reasons): its reasons are replaced, not added to.
    private var rereading: Bool { ["Grund / reason", "reason"].contains(header.fields.last ?? "") }

    func write(_ record: CSVRecord, reason: String) throws {
        guard enabled else { return }
        if writer == nil {
            do {
                let writer = try CSVWriter(path: path, dialect: dialect)
                try writer.writeRaw(header.raw, extraCells: rereading ? [] : [.text(reasonHeader)])
                self.writer = writer
            } catch {
                throw ImportError.cannotWriteRejects(path)
            }
        }
        let reason = CSVCell.text(VisibleText.clean(reason))
        let columns = header.fields.count - (rereading ? 1 : 0)
        if rereading {
            // The row's cells as read, the old reason (if it had one) replaced.
            // The old reason stands in the reason column; cells past the
            // header's width (a row too long) stay, after the new reason.
            let data = record.fields.count > columns ? Array(record.fields.prefix(columns)) + Array(record.fields.dropFirst(columns + 1)) : record.fields
            let cells = Array(data.prefix(columns)) + Array(repeating: "", count: max(0, columns - data.count))
            try writer?.write(cells.map(CSVCell.text) + [reason] + data.dropFirst(columns).map(CSVCell.text))
        } else if record.fields.count > columns || record.problems.contains(where: \.unpairsQuotes) {
            // A row too long, or one whose quotes do not pair up (its bytes
            // would open a cell that swallows the reason and every row after
            // it): its cells as read, quoted anew, up to the header's width,
            // the reason in its own column, then the cells past the width.
            let cells = Array(record.fields.prefix(columns)) + Array(repeating: "", count: max(0, columns - record.fields.count))
            try writer?.write(cells.map(CSVCell.text) + [reason] + record.fields.dropFirst(columns).map(CSVCell.text))
        } else {
            // The row as it was written, with empty cells up to the header's
            // width first, so the reason stands in its own column.
            try writer?.writeRaw(record.raw, extraCells: Array(repeating: .text(""), count: max(0, columns - record.fields.count)) + [reason])
        }
    }

    /// Closes the file; its path if any row was rejected.
    func finish() throws -> String? {
        guard let writer else { return nil }
        try writer.close()
        return path
    }

    func discard() {
        guard let writer else { return }
        writer.discard()
        self.writer = nil
    }
}
