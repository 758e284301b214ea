import KontorLocale
import Foundation
import KontorCSV

/// One record of the file read through the mapping: the fields by name,
/// values parsed strictly, and every problem noted with its column.
struct ImportRow: Sendable {
    let record: CSVRecord
    let mapping: ColumnMapping
    let decimalComma: Bool
    /// (header of the column, or nil for the row; message)
    private(set) var issues: [(column: String?, message: String)] = []
    /// Each mapped cell as `text` gives it, by column, worked out once:
    /// a field is read by its check, its value and its messages.
    private let texts: [String]
    /// What the kind's importer worked out from this row alone, on the
    /// reading thread, before the row's turn came (`RowFeed`); nil when
    /// it works everything out in turn.
    var prepared: (any Sendable)?
    /// Whether `rejectControlCharacters` has looked at the row already
    /// (on the reading thread): it depends on the row alone.
    private var controlsChecked = false

    init(record: CSVRecord, mapping: ColumnMapping, decimalComma: Bool) {
        self.record = record
        self.mapping = mapping
        self.decimalComma = decimalComma
        var texts = Array(repeating: "", count: record.fields.count)
        for (field, index) in mapping.ordered where index < record.fields.count {
            texts[index] = Self.text(of: record.fields[index], multiline: Self.multiline.contains(field))
        }
        self.texts = texts
    }

    func has(_ field: String) -> Bool { mapping.column(of: field) != nil }

    /// Fields that keep line breaks; in any other, the lines of a cell
    /// (a two-line address from a spreadsheet) are joined with ", ".
    static let multiline: Set<String> = ["notes"]

    /// The cell of `field`, blanks around it trimmed; "" when no column fills it.
    func text(_ field: String) -> String {
        guard let index = mapping.column(of: field), index < record.fields.count else { return "" }
        return texts[index]
    }

    /// A cell as a field's value: blanks around it trimmed, the lines of a
    /// single-line field joined, an export's guarding apostrophe dropped.
    static func text(of raw: String, multiline: Bool) -> String {
        var cell = raw
        // Kontor's Excel export writes a postcode or an EAN as the text
        // formula ="01067" (`CSVDialect.keepsTextAsText`); a file read
        // without a spreadsheet in between still holds it so.
        if cell.utf8.first == UInt8(ascii: "="), cell.hasPrefix("=\""), cell.hasSuffix("\""), cell.count >= 3,
           !cell.dropFirst(2).dropLast().contains("\"") {
            cell = String(cell.dropFirst(2).dropLast())
        }
        // Kontor's export writes "'=…", "'+49 …" so that a spreadsheet does
        // not run them; reading them back drops that apostrophe again.
        if cell.utf8.first == UInt8(ascii: "'"), cell.hasPrefix("'"), let second = cell.unicodeScalars.dropFirst().first,
           CSVWriter.isFormulaLike(String(second)) {
            cell.removeFirst()
        }
        // Without a line feed byte there is no line break to look for.
        if !multiline && cell.utf8.contains(0x0A) && cell.contains("\n") {
            return cell.split(separator: "\n").map { TextFolding.trimmed(String($0)) }.filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return TextFolding.trimmed(cell)
    }

    /// Takes on the problems a prepared copy of this row noted (its
    /// `issues`), as if they had been noted here: the row had none yet.
    mutating func adopt(issues noted: [(column: String?, message: String)]) {
        issues = noted
    }

    mutating func fail(_ field: String?, _ message: String) {
        issues.append((field.flatMap { mapping.header(of: $0) } ?? field, message))
    }

    mutating func failValue(_ field: String, _ message: String) {
        fail(field, "\(ImportProblem.shown(text(field))) \(message)")
    }

    /// A number in units of 10^-scale; nil when empty or invalid (noted).
    mutating func number(_ field: String, scale: Int) -> Int64? {
        let value = text(field)
        guard !value.isEmpty else { return nil }
        switch CellNumber.parse(value, scale: scale, decimalComma: decimalComma) {
        case let .success(number): return number
        case let .failure(problem): failValue(field, problem.description); return nil
        }
    }

    /// A whole number that fits an Int, for quantities and days.
    mutating func integer(_ field: String) -> Int? {
        guard let value = number(field, scale: 0) else { return nil }
        guard let int = Int(exactly: value), int <= Int(Int32.max) else { failValue(field, tr("is too large")); return nil }
        return int
    }

    /// Yes or no in the words spreadsheets use; nil when empty or unclear (noted).
    mutating func flag(_ field: String) -> Bool? {
        let value = text(field).lowercased()
        if value.isEmpty { return nil }
        if ["1", "ja", "j", "yes", "y", "true", "wahr", "x"].contains(value) { return true }
        if ["0", "nein", "n", "no", "false", "falsch", "-"].contains(value) { return false }
        failValue(field, tr("must be yes or no (ja/nein, 1/0)"))
        return nil
    }

    /// A country code from a code or a name.
    mutating func country(_ field: String) -> String {
        let value = text(field)
        if value.isEmpty { return "" }
        guard let code = Countries.code(for: value) else {
            failValue(field, tr("is not a country Kontor knows: write its name (Deutschland, Germany) or its code (DE)"))
            return value
        }
        return code
    }

    /// Notes every mapped cell holding a control character (an escape
    /// sequence, a bell): data nobody typed on purpose, refused here for
    /// every field, as the customer form refuses it. Line breaks are fine
    /// (see `text`), tabs only in `multiline` fields.
    mutating func rejectControlCharacters() {
        guard !controlsChecked else { return }
        controlsChecked = true
        for (field, index) in mapping.ordered where index < record.fields.count {
            // Controls (category Cc) are U+0000–001F and U+007F–009F: in
            // UTF-8 a byte below 0x20, 0x7F, or 0xC2 leading U+0080–009F.
            // A cell without those bytes (but for allowed line breaks and
            // tabs) holds none, and is not looked at scalar by scalar.
            let multiline = Self.multiline.contains(field)
            guard record.fields[index].utf8.contains(where: { $0 == 0x7F || $0 == 0xC2 || ($0 < 0x20 && $0 != 0x0A && !(multiline && $0 == 0x09)) })
            else { continue }
            let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t"] : ["\n"]
            if let bad = record.fields[index].unicodeScalars.first(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
                failValue(field, tr("contains a control character (U+{0})", String(format: "%04X", bad.value)))
            }
        }
    }

    /// The model's verdict on the fields, each issue on the column it names.
    mutating func add(_ failure: ValidationFailure, fieldFor: (String) -> String) {
        for issue in failure.issues {
            let field = fieldFor(issue.field)
            let value = text(field)
            fail(field, value.isEmpty ? issue.message : "\(ImportProblem.shown(value)) \(issue.message)")
        }
    }
}
