import Foundation
import KontorCSV
import Testing
@testable import KontorModel

/// The import's reading thread: rows come in file order across its
/// batches, each prepared as given, and an import that stops early stops
/// the reader instead of leaving it waiting.
@Suite("Row feed")
struct RowFeedTests {
    static func file(rows: Int) -> [UInt8] {
        var text = "Firma;Ort\r\n"
        for i in 0..<rows { text += "Firma \(i);Ort \(i % 7)\r\n" }
        return Array(text.utf8)
    }

    static func feed(rows: Int, prepare: (@Sendable (inout ImportRow) -> Void)?) throws -> RowFeed {
        let reader = CSVReader(bytes: file(rows: rows), dialect: .excel)
        let header = try #require(reader.next())
        let mapping = try ColumnMapping(kind: .customers, headers: header.fields, overrides: [])
        return RowFeed(reader: reader, mapping: mapping, decimalComma: true, prepare: prepare)
    }

    @Test func rowsComeInFileOrderEachPrepared() throws {
        let count = RowFeed.batchSize * (RowFeed.depth + 3) + 17
        let feed = try Self.feed(rows: count) { row in row.prepared = row.text("name").uppercased() }
        var lines: [Int] = []
        while let row = feed.next() {
            #expect(row.prepared as? String == "FIRMA \(lines.count)")
            #expect(row.text("city") == "Ort \(lines.count % 7)")
            lines.append(row.record.line)
        }
        #expect(lines == Array(2..<(count + 2)))
        #expect(feed.bytesRead == feed.totalBytes)
        #expect(feed.next() == nil)
    }

    @Test(.timeLimit(.minutes(1))) func stoppingEarlyLetsTheReaderGo() throws {
        let feed = try Self.feed(rows: RowFeed.batchSize * (RowFeed.depth + 10), prepare: nil)
        for _ in 0..<3 { _ = try #require(feed.next()) }
        feed.stop()
        // The rows already read ahead are still handed out; then none.
        var rest = 0
        while feed.next() != nil { rest += 1 }
        #expect(rest < RowFeed.batchSize * (RowFeed.depth + 2))
    }
}
