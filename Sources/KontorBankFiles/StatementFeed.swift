import Foundation
import KontorCSV

/// The entries of statement files, read on a thread of their own while the
/// import matches and books the ones before them.
///
/// Reading a statement of ten thousand entries is a tenth of importing it,
/// and depends on the file alone; matching and booking depend on the
/// entries before. So one thread reads and hands the entries over in
/// batches, in file order, each with the statement it is on, and after a
/// statement's last entry the whole statement, for the balance check. A
/// file that cannot be read hands over what came before the fault, then
/// the error: the import, one transaction, books nothing. The batches in
/// flight are bounded, and when the import stops early the reader is told
/// to stop too.
public final class StatementFeed: @unchecked Sendable {
    /// What a statement is known by while its entries come.
    public struct Header: Sendable {
        public var id: String
        /// The account's IBAN; in camt.053 it comes before the entries.
        public var account: String
        /// See `BankStatement.listsNotedEntries`.
        public var listsNotedEntries = false

        public init(id: String, account: String, listsNotedEntries: Bool = false) {
            self.id = id
            self.account = account
            self.listsNotedEntries = listsNotedEntries
        }
    }

    public enum Item: Sendable {
        case entry(BankEntry, on: Header)
        /// A statement read to its end, with all its entries.
        case statementEnd(BankStatement)
    }

    /// Items per batch: one lock handover per batch, not per entry.
    static let batchSize = 256
    /// Batches read ahead at most.
    static let depth = 4

    private let batches = ReadAhead<[Item]>(depth: depth)
    private var current: [Item] = []
    private var position = 0

    /// The statements already read (by the tests, or a caller that has
    /// them): handed out as they are, no thread.
    public init(statements: [BankStatement]) {
        for statement in statements {
            let header = Header(id: statement.id, account: statement.account, listsNotedEntries: statement.listsNotedEntries)
            current += statement.entries.map { .entry($0, on: header) }
            current.append(.statementEnd(statement))
        }
        batches.finish()
    }

    /// Starts reading the files (camt.053 XML, zips of them, a bank's CSV
    /// export; `-` standard input) on a thread of its own. A document that
    /// cannot be read fails with its name and line (`BankFileError`).
    public init(paths: [String]) {
        let batches = batches
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            let take = { (item: Item) -> Bool in
                batch.append(item)
                guard batch.count == Self.batchSize else { return true }
                defer { batch.removeAll(keepingCapacity: true) }
                return batches.hand(batch)
            }
            do {
                reading: for path in paths {
                    for (name, data) in try StatementFiles.documents(at: path) {
                        _ = try StatementFiles.statements(in: data, name: name, each: take)
                        if batches.isStopped { break reading }
                    }
                }
                if !batch.isEmpty { _ = batches.hand(batch) }
                batches.finish()
            } catch {
                if !batch.isEmpty { _ = batches.hand(batch) }
                batches.finish(error)
            }
        }
        thread.name = "kontor bank statement reader"
        thread.start()
    }

    /// The next item in file order; nil after the last. Throws what the
    /// reading failed with, once everything read before it is handed out.
    public func next() throws -> Item? {
        if position == current.count {
            guard let batch = try batches.next() else { return nil }
            current = batch
            position = 0
        }
        defer { position += 1 }
        return current[position]
    }

    /// The import needs no more: the reader stops at its next handover.
    public func stop() { batches.stop() }
}
