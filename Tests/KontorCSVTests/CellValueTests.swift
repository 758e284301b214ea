import Testing
@testable import KontorCSV

@Suite("Cell values")
struct CellValueTests {
    func cents(_ text: String, comma: Bool = true) -> Result<Int64, CellNumber.Problem> {
        CellNumber.parse(text, scale: 2, decimalComma: comma)
    }

    /// Found by fuzz-csv: a digit followed by a combining mark passed as a
    /// digit, and reading its value trapped. The same bytes as the finding.
    @Test func aDigitWithACombiningMarkIsNoNumber() {
        let finding: [UInt8] = [0x42, 0x01, 0x00, 0x3B, 0x30, 0x0A, 0x2D, 0x30, 0x0A, 0x34, 0xCD, 0x82, 0x0D, 0x3B, 0x0D, 0x09, 0x3B, 0x0D]
        let reader = CSVReader(bytes: finding, dialect: CSVDialect.detect(sample: finding))
        while let record = reader.next() {
            for field in record.fields { _ = CellNumber.parse(field, scale: 2, decimalComma: true) }
        }
        #expect((try? CellNumber.parse("4\u{342}", scale: 2, decimalComma: true).get()) == nil)
        #expect((try? CellNumber.parse("12,5\u{301}", scale: 2, decimalComma: true).get()) == nil)
    }

    @Test func germanAndEnglishAmounts() {
        #expect(cents("1.234,56") == .success(123_456))
        #expect(cents("1234,56") == .success(123_456))
        #expect(cents("1234.56") == .success(123_456))
        #expect(cents("3,5") == .success(350))
        #expect(cents("12,50 €") == .success(1250))
        #expect(cents("1.500") == .success(150_000))          // a German thousands point
        // A leading 0 is never a thousands group: a point there is a decimal point.
        #expect(cents("0.050") == .success(5))
        #expect(cents("0.125") == .failure(.tooManyDecimals(allowed: 2)))
        #expect(cents("0.5") == .success(50))
        #expect(cents("18.00", comma: false) == .success(1800))
        #expect(cents("1,234.56") == .success(123_456))
    }

    @Test func refusals() {
        #expect(cents("twenty-two") == .failure(.notANumber))
        #expect(cents("21.35.1") == .failure(.misplacedGrouping))
        #expect(cents("1e999") == .failure(.notANumber))
        #expect(cents("NaN") == .failure(.notANumber))
        #expect(cents("inf") == .failure(.notANumber))
        #expect(cents("99999999999999999999") == .failure(.tooLarge))
        #expect(CellNumber.parse("9223372036854775808", scale: 0, decimalComma: true) == .failure(.tooLarge))
        #expect(CellNumber.parse("9223372036854775807", scale: 0, decimalComma: true) == .success(.max))
        #expect(cents("14,5", comma: false) == .failure(.decimalCommaInCommaFile))
        #expect(cents("1,234", comma: false) == .failure(.decimalCommaInCommaFile))
        #expect(cents("1,005") == .failure(.tooManyDecimals(allowed: 2)))
        #expect(CellNumber.parse("2,5", scale: 0, decimalComma: true) == .failure(.tooManyDecimals(allowed: 0)))
        #expect(cents("-3") == .failure(.negative))
        #expect(cents("") == .failure(.notANumber))
        #expect(cents(",") == .failure(.notANumber))
    }

    @Test func dates() {
        #expect(CellDate.parse("31.12.2026") == "2026-12-31")
        #expect(CellDate.parse("1.2.2026") == "2026-02-01")
        #expect(CellDate.parse("2026-02-28") == "2026-02-28")
        #expect(CellDate.parse("29.02.2024") == "2024-02-29")
        #expect(CellDate.parse("29.02.2026") == nil)
        #expect(CellDate.parse("2026-13-01") == nil)
        #expect(CellDate.parse("31.12.26") == nil)
    }
}
