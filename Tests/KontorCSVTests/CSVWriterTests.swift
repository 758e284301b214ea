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

    /// An export stopped half-way (Ctrl-C, a full disk) leaves no file that
    /// looks whole: the file is at its name only once it is closed.
    @Test func aFileIsAtItsNameOnlyOnceItIsWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/kunden.csv"
        try Data("alt\n".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try CSVWriter(path: path, dialect: .rfc4180)
        for i in 0..<20_000 { try writer.write([.text("Kunde \(i)"), "Köln"]) }
        try writer.flush()
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "alt\n", "the old file stays until the new one is whole")
        try writer.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["kunden.csv"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count > 200_000)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)

        let stopped = try CSVWriter(path: folder + "/neu.csv", dialect: .rfc4180)
        try stopped.write(["halb"])
        try stopped.flush()
        #expect(!FileManager.default.fileExists(atPath: folder + "/neu.csv"))
        stopped.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["kunden.csv"])
    }

    /// A file given by a link, or a pipe (as /dev/stdout or /dev/null are
    /// devices), is written where it is: never replaced by a plain file,
    /// never removed when the export fails.
    @Test func aLinkOrAPipeIsWrittenInPlaceAndKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/target.csv", link = folder + "/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let writer = try CSVWriter(path: link, dialect: .rfc4180)
        try writer.write(["a", "b"])
        try writer.close()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: target)), as: UTF8.self) == "a,b\r\n")

        let pipe = folder + "/pipe"
        #expect(mkfifo(pipe, 0o600) == 0)
        // The reader keeps the pipe open while the writer opens it.
        let reader = Thread { _ = try? Data(contentsOf: URL(fileURLWithPath: pipe)) }
        reader.start()
        let piped = try CSVWriter(path: pipe, dialect: .rfc4180)
        #expect(!piped.isRegularFile)
        try piped.write(["x"])
        piped.discard()
        var info = stat()
        #expect(lstat(pipe, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe is still a pipe")
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

    /// A postcode's leading zero, an EAN's digits and a text like a date
    /// stay as written when Excel opens the file: its text formula ="…".
    /// Numbers Kontor formats, and text a spreadsheet keeps, are left alone;
    /// a program's dialect never gets the formula.
    @Test func excelKeepsLeadingZerosLongDigitsAndDayMonthAsText() throws {
        let cells: [CSVCell] = ["01067", "4006381333931", "1.2", "24/12/2026", "0", "12345", "2026-00042", "DE123456788", .number("0,50")]
        let bytes = try written(.excel, [cells])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self)
                == "\"=\"\"01067\"\"\";\"=\"\"4006381333931\"\"\";\"=\"\"1.2\"\"\";\"=\"\"24/12/2026\"\"\";0;12345;2026-00042;DE123456788;0,50\r\n")
        #expect(String(decoding: try written(.rfc4180, [["01067", "4006381333931"]]), as: UTF8.self) == "01067,4006381333931\r\n")
        #expect(!CSVWriter.spreadsheetWouldConvert("") && !CSVWriter.spreadsheetWouldConvert("１２") && !CSVWriter.spreadsheetWouldConvert("Hauptstr. 1"))
    }

    /// The day-or-month test is a scan by hand; it says what the pattern
    /// `[0-9]{1,2}[./-][0-9]{1,2}([./-][0-9]{2,4})?` says of every text
    /// made of digits, separators and a letter, up to seven characters.
    @Test func aDayIsRecognisedAsThePatternSaysForEveryShortText() {
        let alphabet = ["1", "2", ".", "/", "-", "x"]
        let pattern = /[0-9]{1,2}[.\/-][0-9]{1,2}([.\/-][0-9]{2,4})?/
        var texts = [""], longest = [""]
        for _ in 0..<7 {
            longest = longest.flatMap { text in alphabet.map { text + $0 } }
            texts += longest
        }
        let wrong = texts.filter { CSVWriter.looksLikeADay($0) != ($0.wholeMatch(of: pattern) != nil) }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test func whatIsWrittenReadsBack() throws {
        let rows: [[String]] = [["a", "b;c", "d\"e"], ["", " lead", "x\r\ny"]]
        let bytes = try written(.excel, rows.map { $0.map(CSVCell.text) })
        let reader = CSVReader(bytes: bytes, dialect: .excel)
        #expect(reader.next()?.fields == rows[0])
        #expect(reader.next()?.fields == ["", " lead", "x\ny"])
    }
}

@Suite("CSV writing for DATEV")
struct DATEVDialectTests {
    @Test func windows1252HoldsWesternLettersAndFoldsOrMarksTheRest() {
        #expect(TextEncoding.windows1252.encode("Müller € „x“") == [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0x80, 0x20, 0x84, 0x78, 0x93])
        // ő (Hungarian) has no byte of its own: its letter without the accent; ı (Turkish) its Latin
        // letter; Chinese, Japanese and Korean in Latin letters, a run at a time, not as "???".
        #expect(TextEncoding.windows1252.encode("Erdős 中") == Array("Erdos zhong".utf8))
        #expect(TextEncoding.windows1252.encode("Yılmaz B.V.") == Array("Yilmaz B.V.".utf8))
        #expect(TextEncoding.windows1252.encode("北京华通 Müller") == Array("bei jing hua tong M".utf8) + [0xFC] + Array("ller".utf8))
        #expect(TextEncoding.windows1252.encode("서울상사") == Array("seoulsangsa".utf8))
        // A letter written with a combining accent is one byte.
        #expect(TextEncoding.windows1252.encode("u\u{0308}") == [0xFC])
    }

    @Test func quotedCellsAreAlwaysQuotedAndNeverNeutralised() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("d-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVWriter(path: path, dialect: .datev)
        try writer.write([.quoted("EXTF"), .number("700"), .quoted("-Rabatt \"x\""), .quoted(""), .text("Köln")])
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == Array("\"EXTF\";700;\"-Rabatt \"\"x\"\"\";\"\";K".utf8) + [0xF6] + Array("ln\r\n".utf8))
    }
}

/// A path that is no CSV file says what it is instead.
@Suite("CSV files that are not")
struct CSVFileErrorTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-err-\(UUID().uuidString)")

    @Test func aWorkbookAFolderAndAMissingFileSayWhatTheyAre() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let xlsx = folder.appendingPathComponent("Kunden.xlsx").path
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array("[Content_Types].xml".utf8)).write(to: URL(fileURLWithPath: xlsx))
        let xls = folder.appendingPathComponent("alt.xls").path
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: URL(fileURLWithPath: xls))
        for path in [xlsx, xls] {
            #expect(throws: CSVFileError.self) { try CSVReader.sample(path: path) }
            do { _ = try CSVReader.sample(path: path) } catch { #expect("\(error)".contains("not CSV: save it as “CSV UTF-8”"), "\(error)") }
        }
        // A program's own file (here the first bytes of an ELF binary), and a sheet saved as UTF-16 without its mark.
        let binary = folder.appendingPathComponent("kontor").path
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]).write(to: URL(fileURLWithPath: binary))
        let utf16 = folder.appendingPathComponent("ohne-bom.csv").path
        try Data("Name;Ort\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: utf16))
        for path in [binary, utf16] {
            #expect { _ = try CSVReader.sample(path: path) } throws: { "\($0)".contains("is no text file (it holds NUL bytes") }
        }
        #expect { _ = try CSVReader.sample(path: folder.path) } throws: { "\($0)" == "\(folder.path) is a folder: name a file in it" }
        #expect { _ = try CSVReader.sample(path: folder.appendingPathComponent("nix.csv").path) } throws: { "\($0)".hasSuffix("does not exist") }
        #expect { _ = try CSVWriter(path: folder.path, dialect: .excel) } throws: { "\($0)".contains("is a folder") }
        #expect { _ = try CSVWriter(path: folder.appendingPathComponent("gibt/es/nicht.csv").path, dialect: .excel) } throws: {
            "\($0)".contains("the folder \(folder.path)/gibt/es does not exist")
        }
    }
}

/// A file from an old Mac ends its lines with a carriage return alone.
@Suite("CSV with CR line ends")
struct CSVCarriageReturnTests {
    @Test func aCarriageReturnAloneIsSaidAndReadAsTheLineEnd() {
        let bytes = Array("Firma;Ort\rMüller GmbH;Köln\rSchulz KG;Bonn\r".utf8)
        let dialect = CSVDialect.detect(sample: bytes)
        #expect(dialect.lineEnd == "\r" && dialect.summary.contains("CR line ends"), "\(dialect.summary)")
        let reader = CSVReader(bytes: bytes, dialect: dialect)
        #expect(reader.next()?.fields == ["Firma", "Ort"])
        #expect(reader.next()?.fields == ["Müller GmbH", "Köln"])
        #expect(reader.next()?.fields == ["Schulz KG", "Bonn"])
    }
}
