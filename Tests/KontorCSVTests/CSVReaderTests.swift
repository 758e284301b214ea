import Foundation
import Testing
@testable import KontorCSV

@Suite("CSV reading")
struct CSVReaderTests {
    func read(_ name: String, encoding: TextEncoding? = nil) throws -> (CSVDialect, [CSVRecord]) {
        let path = Fixtures.path(name)
        let dialect = CSVDialect.detect(sample: try CSVReader.sample(path: path), encoding: encoding)
        let reader = try CSVReader(path: path, dialect: dialect)
        var records: [CSVRecord] = []
        while let record = reader.next() { records.append(record) }
        return (dialect, records)
    }

    @Test func excelUTF8WithBOMSemicolonsCRLFAndLineBreaksInCells() throws {
        let (dialect, records) = try read("customers-excel-utf8.csv")
        #expect(dialect.separator == UInt8(ascii: ";"))
        #expect(dialect.encoding == .utf8 && dialect.hasByteOrderMark && dialect.lineEnd == "\r\n")
        #expect(records[0].fields.first == "Firma")     // the BOM is not part of the first header
        #expect(records[1].fields[8] == "Liefert nur\ndienstags")
        #expect(records[1].fields[3] == "01067")
        #expect(records[2].fields[0] == "Bäckerei \"Zum Korn\"")
        #expect(records[2].line == 4)                    // the record before it took two lines
        // The ';;;;;;;;' row is skipped; Paris is on line 6.
        #expect(records.count == 5 && records[3].line == 6 && records[3].fields[0] == "Café Olé SARL")
        #expect(records.allSatisfy { $0.problems.isEmpty && $0.fields.count == 9 })
    }

    @Test func windows1252IsDetectedAndDecoded() throws {
        let (dialect, records) = try read("customers-excel-ansi.csv")
        #expect(dialect.encoding == .windows1252)
        #expect(records[1].fields[0] == "Gärtnerei Größer")
        #expect(records[2].fields[0] == "Brauhaus „Zum Hirsch“ e.K.")
        #expect(records[3].fields[0] == "Maître Crêpe – Bretagne")
        #expect(records[3].fields[1] == "5 quai Œuvre")
    }

    @Test func forcingUTF8OnAWindowsFileReportsTheBadBytesPerCell() throws {
        let (_, records) = try read("customers-excel-ansi.csv", encoding: .utf8)
        #expect(records[1].problems.contains(.invalidBytes(field: 0, encoding: .utf8)))
        #expect(records[0].problems.isEmpty == false) // "Straße" in the header
    }

    @Test func libreOfficeCommaLFWithCRLFInsideAQuotedCell() throws {
        let (dialect, records) = try read("customers-libreoffice.csv")
        #expect(dialect.separator == UInt8(ascii: ",") && !dialect.hasByteOrderMark && dialect.lineEnd == "\n")
        #expect(records[1].fields[0] == "Nordlicht Handel, GmbH")
        #expect(records[1].fields[2] == "Hafenstraße 9\nHinterhaus")
        #expect(records[2].line == 4 && records[2].fields[4] == "Tromsø")
    }

    @Test func tabs() throws {
        let (dialect, records) = try read("customers-tab.tsv")
        #expect(dialect.separator == UInt8(ascii: "\t"))
        #expect(records[1].fields == ["Tabula GmbH", "Bonn", "DE"])
    }

    @Test func malformedRecordsSayWhatAndWhere() throws {
        let (_, records) = try read("products-malformed.csv")
        let byLine = Dictionary(records.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byLine[3]?.fields.count == 4)
        #expect(byLine[4]?.fields.count == 7)
        #expect(byLine[13]?.problems == [.invalidBytes(field: 1, encoding: .utf8)])
        #expect(byLine[14] == nil && byLine[15] == nil)      // blank lines skipped
        #expect(byLine[16]?.problems == [.textAfterClosingQuote(field: 1)])
        #expect(byLine[17]?.problems == [.unterminatedQuote(startLine: 17)])
        #expect(records.last?.line == 17)                    // line 18 went into the open quote
        #expect(String(decoding: byLine[12]!.raw, as: UTF8.self) == "BAD-11;\u{1b}[31mRot\u{1b}[0m;;1,00;1;0")
    }

    @Test func oneRecordAtATimeFromChunks() throws {
        // A record that straddles the reader's 64 KiB chunks reads whole.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "x", count: 70_000)
        let text = "a;b\r\n\"\(long)\r\nmore\";2\r\nlast;3\r\n"
        let path = folder.appendingPathComponent("big.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, dialect: .excel)
        #expect(reader.next()?.fields == ["a", "b"])
        let big = reader.next()
        #expect(big?.fields == ["\(long)\nmore", "2"])
        let last = reader.next()
        #expect(last?.fields == ["last", "3"] && last?.line == 4)
        #expect(reader.next() == nil)
        #expect(reader.bytesRead == text.utf8.count)
    }
}
