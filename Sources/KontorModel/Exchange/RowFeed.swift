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

    private let condition = NSCondition()
    private var ready: [Batch] = []
    private var readerDone = false
    private var stopped = false
    private var current: [ImportRow] = []
    private var position = 0
    /// How far into the file the rows handed out so far reach.
    private(set) var bytesRead = 0
    let totalBytes: Int

    /// Starts reading `reader`'s records after the header on a thread of
    /// its own, each as an `ImportRow` given to `prepare` there.
    init(reader: CSVReader, mapping: ColumnMapping, decimalComma: Bool,
         prepare: (@Sendable (inout ImportRow) -> Void)?) {
        totalBytes = reader.totalBytes
        let source = UncheckedReader(reader: reader)
        let thread = Thread { [self] in
            var batch: [ImportRow] = []
            batch.reserveCapacity(Self.batchSize)
            while let record = source.reader.next() {
                var row = ImportRow(record: record, mapping: mapping, decimalComma: decimalComma)
                prepare?(&row)
                batch.append(row)
                if batch.count == Self.batchSize {
                    guard hand(Batch(rows: batch, bytesRead: source.reader.bytesRead)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            _ = hand(Batch(rows: batch, bytesRead: source.reader.bytesRead))
            condition.lock()
            readerDone = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "kontor import reader"
        thread.start()
    }

    /// Passes a batch to the import, waiting while it has enough; false
    /// when the import has stopped.
    private func hand(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= Self.depth && !stopped { condition.wait() }
        if stopped { return false }
        if !batch.rows.isEmpty { ready.append(batch) }
        condition.broadcast()
        return true
    }

    /// The next row in file order; nil after the last.
    func next() -> ImportRow? {
        if position == current.count {
            condition.lock()
            while ready.isEmpty && !readerDone && !stopped { condition.wait() }
            guard !ready.isEmpty else {
                condition.unlock()
                return nil
            }
            let batch = ready.removeFirst()
            condition.broadcast()
            condition.unlock()
            current = batch.rows
            position = 0
            bytesRead = batch.bytesRead
        }
        defer { position += 1 }
        return current[position]
    }

    /// Tells the reading thread to stop (the import ended early).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The reader, handed to the reading thread, which alone uses it from then on.
private struct UncheckedReader: @unchecked Sendable {
    let reader: CSVReader
}
