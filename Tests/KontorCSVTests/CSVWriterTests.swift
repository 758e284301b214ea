import Foundation
import Testing
@testable import KontorCSV

@Suite("CSV writing")
struct CSVWriterTests {
    func written(_ dialect: CSVDialect, _ rows: [[CSVCell]]) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVWriter(path: path, dialect: dialect)
        for row in rows { try writer.write(row) }
        try writer.close()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func excelDialectHasBOMSemicolonsCRLF() throws {
        let bytes = try written(.excel, [["Name", "Ort"], ["Müller; Söhne", .number("1.234,50")], ["zwei\nZeilen", "\"q\""]])
        #expect(Array(bytes.prefix(3)) == TextEncoding.byteOrderMark)
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self)
                == "Name;Ort\r\n\"Müller; Söhne\";1.234,50\r\n\"zwei\nZeilen\";\"\"\"q\"\"\"\r\n")
    }

    @Test func formulasAreNeutralisedNumbersAreNot() throws {
        let bytes = try written(.rfc4180, [["=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "-2", .number("-2.50"), "\tx", "a-b"]])
        #expect(String(decoding: bytes, as: UTF8.self)
                == "\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'@SUM(A1)\",\"'-2\",-2.50,\"'\tx\",a-b\r\n")
    }

    @Test func whatIsWrittenReadsBack() throws {
        let rows: [[String]] = [["a", "b;c", "d\"e"], ["", " lead", "x\r\ny"]]
        let bytes = try written(.excel, rows.map { $0.map(CSVCell.text) })
        let reader = CSVReader(bytes: bytes, dialect: .excel)
        #expect(reader.next()?.fields == rows[0])
        #expect(reader.next()?.fields == ["", " lead", "x\ny"])
    }
}
