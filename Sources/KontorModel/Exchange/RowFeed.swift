import KontorLocale
import Foundation
import KontorCSV

/// The rows of a file, read and prepared on a thread of their own while the
/// import writes the ones before them.
///
/// Reading a record, trimming its cells, and for customers checking the
/// fields and working out their search columns depend on the row alone;
/// only the lookups and the writes depend on the rows before it. So one
/// thread reads and prepares rows in batches, a few batches ahead, and
/// the import's transaction takes them in file order: the same rows, each
/// prepared exactly as it would have been in place, on a second core. The
/// batches in flight are bounded, so memory still does not grow with the
/// file; when the import stops early (a thrown error) the reader is told
/// to stop too.
final class RowFeed: @unchecked Sendable {
    /// A batch of prepared rows and how far into the file its last one ends.
    private struct Batch {
        var rows: [ImportRow]
        var bytesRead: Int
    }

    /// Rows per batch: one lock handover per batch, not per row.
    static let batchSize = 128
    /// Batches read ahead at most: enough to keep both threads busy, few
    /// enough that the rows in flight stay a megabyte or two.
    static let depth = 2

    private let batches = ReadAhead<Batch>(depth: depth)
    /// The current batch's rows not yet handed out, the next one last: a
    /// row is moved out (`popLast`), not copied and released again later.
    private var current: [ImportRow] = []
    /// How far into the file the rows handed out so far reach.
    private(set) var bytesRead = 0
    let totalBytes: Int

    /// Starts reading `reader`'s records after the header on a thread of
    /// its own, each as an `ImportRow` given to `prepare` there.
    init(reader: CSVReader, mapping: ColumnMapping, decimalComma: Bool,
         prepare: (@Sendable (inout ImportRow) -> Void)?) {
        totalBytes = reader.totalBytes
        let source = UncheckedReader(reader: reader)
        let batches = batches
        // The rows' problems are worded in the language of the import's
        // task, which a thread of its own does not inherit.
        let language = Language.current
        let thread = Thread { Language.$scoped.withValue(language) {
            var batch: [ImportRow] = []
            batch.reserveCapacity(Self.batchSize)
            while let record = source.reader.next() {
                var row = ImportRow(record: record, mapping: mapping, decimalComma: decimalComma)
                // What the import checks first, of a record that reads
                // whole with a cell per column: here, off its thread.
                if record.problems.isEmpty && record.fields.count == mapping.headers.count { row.rejectControlCharacters() }
                prepare?(&row)
                batch.append(row)
                if batch.count == Self.batchSize {
                    guard batches.hand(Batch(rows: batch, bytesRead: source.reader.bytesRead)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = batches.hand(Batch(rows: batch, bytesRead: source.reader.bytesRead)) }
            batches.finish()
        } }
        thread.name = "kontor import reader"
        thread.start()
    }

    /// The next row in file order; nil after the last.
    func next() -> ImportRow? {
        if current.isEmpty {
            // The reading thread never fails: a record's problems travel with its row.
            guard var batch = (try? batches.next()) ?? nil else { return nil }
            bytesRead = batch.bytesRead
            swap(&current, &batch.rows)
            current.reverse()
        }
        return current.popLast()
    }

    /// Tells the reading thread to stop (the import ended early).
    func stop() { batches.stop() }
}

/// The reader, handed to the reading thread, which alone uses it from then on.
private struct UncheckedReader: @unchecked Sendable {
    let reader: CSVReader
}
