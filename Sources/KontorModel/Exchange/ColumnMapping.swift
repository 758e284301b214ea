import KontorLocale
import Foundation
import KontorText

/// Which column of a file fills which field: found by the headers German and
/// English spreadsheets use, overridden by `--map 'Spalte=field'`.
public struct ColumnMapping: Sendable {
    /// The file's header cells, as read.
    public let headers: [String]
    /// What is imported.
    let kind: ImportKind
    /// Field name → column index.
    public private(set) var columns: [String: Int] = [:]
    /// The mapped columns in file order, with the field each fills: what
    /// every row walks, sorted once here rather than for each row.
    public private(set) var ordered: [(field: String, index: Int)] = []

    /// A header as compared: case, accents, blanks and punctuation ignored
    /// ("E-Mail" = "email", "Straße" = "strasse").
    static func normalized(_ header: String) -> String {
        String(TextFolding.fold(header).unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Maps `headers` for `kind`, then applies `overrides` ("Spalte=field",
    /// or "Spalte=" to ignore a column). Throws when an override names a
    /// column or field that is not there, when two columns would fill one
    /// field, or when a required field has no column.
    public init(kind: ImportKind, headers: [String], overrides: [String], generated: Set<String> = []) throws {
        self.headers = headers
        let fields = kind.fields
        self.kind = kind
        var byHeader: [String: String] = [:]
        for field in fields {
            for header in field.headers where byHeader[Self.normalized(header)] == nil { byHeader[Self.normalized(header)] = field.name }
            byHeader[Self.normalized(field.name)] = byHeader[Self.normalized(field.name)] ?? field.name
        }
        var chosen: [Int: String] = [:]
        for (index, header) in headers.enumerated() {
            if let field = byHeader[Self.normalized(header)] { chosen[index] = field }
        }
        for override in overrides {
            guard let equals = override.lastIndex(of: "=") else {
                throw ImportError.badMap(override, tr("expected 'Column=field'"))
            }
            let column = String(override[..<equals]).trimmingCharacters(in: .whitespaces)
            let field = String(override[override.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard let index = headers.firstIndex(where: { $0 == column }) ?? headers.firstIndex(where: { Self.normalized($0) == Self.normalized(column) }) else {
                throw ImportError.badMap(override, tr("the file has no column '{0}'; its columns are {1}", VisibleText.clean(column), headers.map { VisibleText.clean($0) }.joined(separator: ", ")))
            }
            if field.isEmpty { chosen[index] = nil; continue }
            guard let target = Self.field(named: field, in: fields) else {
                throw ImportError.badMap(override, tr("no field '{0}' for {1}; fields are {2}", VisibleText.clean(field), kind.displayName,
                                                      fields.map { kind.gloss($0.name) }.joined(separator: ", ")))
            }
            // The override wins over a column found by its header.
            for (other, name) in chosen where name == target.name && other != index { chosen[other] = nil }
            chosen[index] = target.name
        }
        for (index, field) in chosen.sorted(by: { $0.key < $1.key }) {
            if let earlier = columns[field] {
                throw ImportError.ambiguous(field: field, first: headers[earlier], second: headers[index])
            }
            columns[field] = index
        }
        ordered = columns.map { (field: $0.key, index: $0.value) }.sorted { $0.index < $1.index }
        for field in fields where field.required && columns[field.name] == nil && !generated.contains(field.name)
            && !field.standIns.contains(where: { columns[$0] != nil }) {
            throw ImportError.missingColumn(field: field.name, headers: field.headers)
        }
    }

    /// The field `--map` names: by its name ("postal-code"), by what it
    /// holds in either language ("Postal code", "PLZ") or by a header that
    /// would fill it ("PLZ").
    static func field(named typed: String, in fields: [ImportField]) -> ImportField? {
        let wanted = normalized(typed)
        return fields.first { normalized($0.name) == wanted }
            ?? fields.first { normalized($0.label) == wanted || normalized($0.what) == wanted }
            ?? fields.first { $0.headers.contains { normalized($0) == wanted } }
    }

    public func column(of field: String) -> Int? { columns[field] }

    /// The header of the column that fills `field`, for messages.
    public func header(of field: String) -> String? { columns[field].map { headers[$0] } }

    /// "header → field" for every column, in file order, "(ignored)" for the rest.
    /// The field is named as `--map` names it, with what it holds in the
    /// person's words where those differ ("Zusatz → house-number (Hausnummer)").
    public var lines: [String] {
        let byColumn = Dictionary(uniqueKeysWithValues: columns.map { ($0.value, $0.key) })
        return headers.enumerated().map { index, header in
            "\(VisibleText.clean(header).isEmpty ? tr("(column {0})", index + 1) : VisibleText.clean(header)) → \(byColumn[index].map(kind.gloss) ?? tr("(ignored)"))"
        }
    }
}

/// Why an import cannot start at all. Problems of single rows are reported
/// per row instead (`ImportProblem`).
public enum ImportError: Error, Equatable, CustomStringConvertible {
    case emptyFile(String)
    case badMap(String, String)
    case ambiguous(field: String, first: String, second: String)
    case missingColumn(field: String, headers: [String])
    case unknownKey(String, [String])
    case keyNotMapped(String)
    case cannotWriteRejects(String)

    public var description: String {
        switch self {
        case let .emptyFile(path): return tr("{0} holds no header line: the first line must name the columns", path)
        case let .badMap(map, why): return "--map '\(VisibleText.clean(map))': \(why)"
        case let .ambiguous(field, first, second):
            return tr("both '{0}' and '{1}' would fill {2}; choose one with --map '{3}=' to ignore the other", VisibleText.clean(first), VisibleText.clean(second), field, VisibleText.clean(second))
        case let .missingColumn(field, headers):
            return tr("no column for {0} (looked for {1}, …): call the column {2} in the file's first line, or map it on the command line with --map 'Column={2}'", field, headers.prefix(4).joined(separator: ", "), field)
        case let .unknownKey(key, keys): return tr("--key {0}: keys are {1}", VisibleText.clean(key), keys.joined(separator: ", "))
        case let .keyNotMapped(key): return tr("--key {0}: the file has no column for {1}", key, key)
        case let .cannotWriteRejects(path): return tr("cannot write the reject file {0}", path)
        }
    }
}
