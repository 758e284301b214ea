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

    func readFile(_ bytes: [UInt8]) throws -> (CSVDialect, [CSVRecord]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("file.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let dialect = CSVDialect.detect(sample: try CSVReader.sample(path: path))
        let reader = try CSVReader(path: path, dialect: dialect)
        var records: [CSVRecord] = []
        while let record = reader.next() { records.append(record) }
        return (dialect, records)
    }

    static func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
        (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) + text.utf16.flatMap { unit in
            littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
    }

    @Test(arguments: [true, false])
    func excelsUnicodeTextIsUTF16WithTabs(littleEndian: Bool) throws {
        // Excel's "Unicode-Text": UTF-16 with its mark, tab-separated, CRLF; umlauts, CJK and a letter beyond the BMP.
        let text = "Firma\tOrt\tNotiz\r\nMüller GmbH\tKöln\t\"zwei\r\nZeilen\"\r\n東京貿易\t東京\t𝄞 Noten\r\n"
        let (dialect, records) = try readFile(Self.utf16(text, littleEndian: littleEndian))
        #expect(dialect.separator == UInt8(ascii: "\t") && dialect.encoding == .utf8)
        var said = dialect
        said.readFromUTF16 = true
        #expect(said.summary.contains("UTF-16"))
        #expect(records.map(\.fields) == [["Firma", "Ort", "Notiz"], ["Müller GmbH", "Köln", "zwei\nZeilen"], ["東京貿易", "東京", "𝄞 Noten"]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records.allSatisfy { $0.problems.isEmpty })
    }

    @Test func aUTF16FileLargerThanAChunkReadsWholeAcrossItsSurrogatesAndOddBytes() throws {
        // 40 000 rows: chunk ends fall inside code units and between a surrogate pair's halves somewhere.
        var text = "Name;Wert\r\n"
        for i in 0..<40_000 { text += "𝄞Zeile \(i) äöü;\(i)\r\n" }
        let (_, records) = try readFile(Self.utf16(text, littleEndian: true))
        #expect(records.count == 40_001)
        #expect(records.allSatisfy { $0.problems.isEmpty && $0.fields.count == 2 })
        #expect(records.last?.fields == ["𝄞Zeile 39999 äöü", "39999"])
        #expect(records.dropFirst().enumerated().allSatisfy { $0.element.fields[0] == "𝄞Zeile \($0.offset) äöü" })
    }

    @Test func excelsSepLineNamesTheSeparatorAndIsNoRecord() throws {
        for (file, separator) in [("sep=,\r\nFirma,Ort\r\n\"Müller, GmbH\",Köln\r\n", UInt8(ascii: ",")),
                                  ("\u{FEFF}sep=;\nFirma;Ort\nMüller GmbH;Köln\n", UInt8(ascii: ";")),
                                  ("SEP=\t\r\nFirma\tOrt\r\nMüller GmbH\tKöln\r\n", UInt8(ascii: "\t"))] {
            let (dialect, records) = try readFile(Array(file.utf8))
            #expect(dialect.separator == separator && dialect.separatorLine, "\(file)")
            #expect(records.first?.fields == ["Firma", "Ort"], "\(file)")
            #expect(records.first?.line == 2, "the header is the file's second line")
            #expect(records.count == 2 && records[1].fields.count == 2)
        }
        // A first cell that merely starts so is a header like any other.
        let (dialect, records) = try readFile(Array("sep=x;y\r\n1;2\r\n".utf8))
        #expect(!dialect.separatorLine && records.first?.fields == ["sep=x", "y"])
    }
}
