import FuzzDriver
import FuzzSupport
import KontorCSV

/// The import's file reader fed any bytes: dialect and encoding detection,
/// records with quotes and line breaks, the cell parsers. No trap, line
/// numbers only grow, and a record's problems name a line it covers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let dialect = CSVDialect.detect(sample: Array(bytes.prefix(1 << 16)))
    let reader = CSVReader(bytes: bytes, dialect: dialect)
    var lastLine = 0
    var records = 0
    while let record = reader.next() {
        precondition(record.line > lastLine, "line numbers went backwards")
        lastLine = record.line
        records += 1
        precondition(records <= size + 1, "more records than bytes")
        for field in record.fields.prefix(8) {
            _ = CellNumber.parse(field, scale: 2, decimalComma: dialect.separator != UInt8(ascii: ","))
            _ = CellDate.parse(field)
        }
    }
    return 0
}

/// The executable's entry: libFuzzer's driver with the function above.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in data.map { fuzzCSV($0, size) } ?? 0 }
}
