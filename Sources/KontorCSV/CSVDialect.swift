import KontorLocale
/// How a CSV file is written: its separator, encoding, byte order mark and
/// line ends. Read from a file by `detect`, or chosen for writing.
public struct CSVDialect: Equatable, Sendable {
    public var separator: UInt8
    public var encoding: TextEncoding
    public var hasByteOrderMark: Bool
    /// "\r\n" or "\n".
    public var lineEnd: String
    /// Whether numbers are written (and expected) with a decimal comma.
    public var decimalComma: Bool
    /// The file starts with Excel's `sep=;` line, which names the
    /// separator and is no record (read files only).
    public var separatorLine = false
    /// The file is UTF-16 (read as the UTF-8 it is turned into): said in `summary`.
    public var readFromUTF16 = false
    /// Text a spreadsheet would turn into a number or a date ("01067", an
    /// EAN, "1.2") is written as Excel's text formula `="01067"`, so the
    /// leading zero and every digit survive opening and saving the file
    /// (written files only; the importer reads the form back).
    public var keepsTextAsText = false

    public init(separator: UInt8, encoding: TextEncoding = .utf8, hasByteOrderMark: Bool = false, lineEnd: String = "\r\n",
                decimalComma: Bool = false) {
        self.separator = separator
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.lineEnd = lineEnd
        self.decimalComma = decimalComma
    }

    /// What German Excel reads without a question: `;`, UTF-8 with BOM,
    /// CRLF, decimal comma.
    public static let excel: CSVDialect = {
        var excel = CSVDialect(separator: UInt8(ascii: ";"), hasByteOrderMark: true, lineEnd: "\r\n", decimalComma: true)
        excel.keepsTextAsText = true
        return excel
    }()
    /// What DATEV reads (its "DATEV-Format", EXTF): `;`, Windows-1252
    /// without a byte order mark, CRLF, decimal comma.
    public static let datev = CSVDialect(separator: UInt8(ascii: ";"), encoding: .windows1252, hasByteOrderMark: false,
                                         lineEnd: "\r\n", decimalComma: true)
    /// RFC 4180: `,`, CRLF, no BOM, decimal point.
    public static let rfc4180 = CSVDialect(separator: UInt8(ascii: ","), hasByteOrderMark: false, lineEnd: "\r\n", decimalComma: false)

    public var separatorName: String {
        switch separator {
        case UInt8(ascii: ";"): return tr("semicolon (;)")
        case UInt8(ascii: ","): return tr("comma (,)")
        case UInt8(ascii: "\t"): return tr("tab")
        default: return "'\(Character(Unicode.Scalar(separator)))'"
        }
    }

    /// One line for people: "semicolon (;), UTF-8 with BOM, CRLF".
    public var summary: String {
        let enc = readFromUTF16 ? "UTF-16" : encoding == .utf8 ? (hasByteOrderMark ? tr("UTF-8 with BOM") : "UTF-8") : "Windows-1252"
        return tr("{0}, {1}, {2} line ends", separatorName, enc, lineEnd == "\r\n" ? "CRLF" : lineEnd == "\r" ? "CR" : "LF")
    }

    /// The dialect of a file, from its first bytes.
    ///
    /// - Encoding: a UTF-8 byte order mark says UTF-8; bytes valid as UTF-8
    ///   are read as UTF-8, and so are bytes with more letters valid in
    ///   UTF-8 than bytes invalid in it (the bad bytes are then reported per
    ///   cell); anything else as Windows-1252 (what older Excel writes). `encoding` overrides the guess.
    /// - Separator: of `;`, tab and `,`, the one found most often outside
    ///   quotes on the first line (the header); `;` wins a tie, as German
    ///   Excel writes it.
    /// - Line ends: those of the first line. The reader takes either anywhere.
    /// - `sep=;` as the first line (what Excel writes and reads to be told
    ///   the separator) names it; the line is skipped.
    public static func detect(sample: [UInt8], encoding forced: TextEncoding? = nil, separator forcedSeparator: UInt8? = nil) -> CSVDialect {
        let bom = sample.starts(with: TextEncoding.byteOrderMark)
        var body = bom ? Array(sample.dropFirst(3)) : sample
        var named: UInt8?
        if body.count >= 5, body.prefix(4).map({ $0 | 0x20 }) == Array("sep=".utf8), body[4] != 0x0A, body[4] != 0x0D,
           body.count == 5 || body[5] == 0x0A || body[5] == 0x0D {
            named = body[4]
            body = Array(body.dropFirst(body.count > 6 && body[5] == 0x0D && body[6] == 0x0A ? 7 : 6))
        }
        let evidence = TextEncoding.utf8Evidence(body)
        let encoding = forced ?? (bom || evidence.invalid == 0 || evidence.valid >= evidence.invalid ? .utf8 : .windows1252)
        var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0, UInt8(ascii: ","): 0]
        var quoted = false
        var lineEnd = "\r\n"
        for (i, byte) in body.enumerated() {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") {
                lineEnd = i > 0 && body[i - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
                break
            }
            // A carriage return alone ends lines too (old Mac files).
            if byte == UInt8(ascii: "\r"), i + 1 < body.count, body[i + 1] != UInt8(ascii: "\n") {
                lineEnd = "\r"
                break
            }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let order: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]
        let best = forcedSeparator ?? named ?? order.max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }!
        let separator = counts[best] == 0 && forcedSeparator == nil && named == nil ? UInt8(ascii: ";") : best
        var dialect = CSVDialect(separator: separator, encoding: encoding, hasByteOrderMark: bom, lineEnd: lineEnd,
                                 decimalComma: separator != UInt8(ascii: ","))
        dialect.separatorLine = named != nil
        return dialect
    }
}
