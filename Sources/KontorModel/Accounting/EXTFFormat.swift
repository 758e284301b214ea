import Foundation
import KontorCSV
import KontorText

/// The DATEV-Format (EXTF) as DATEV reads it, header version 700: a first
/// line saying what the file is and whose books it belongs to, a line of
/// column names, then one line per record; `;` between fields, text in
/// quotes, amounts positive with a decimal comma and no grouping, dates
/// without separators, Windows-1252, CRLF (`CSVDialect.datev`).
enum EXTF {
    /// The header's version of the format (Versionsnummer).
    static let headerVersion = 700

    /// What the header says a file holds (Formatkategorie, Formatname, Formatversion).
    struct Kind {
        var category: Int
        var name: String
        var version: Int

        static let bookings = Kind(category: 21, name: "Buchungsstapel", version: 13)
        static let debtors = Kind(category: 16, name: "Debitoren/Kreditoren", version: 5)
    }

    /// The 31 fields of the first line. `period` only for bookings.
    static func header(_ kind: Kind, settings: DATEVSettings, fiscalYearStart: String, period: (from: String, to: String)?,
                       label: String, exportedBy: String, created: Date) -> [CSVCell] {
        let number = { (value: Int?) in CSVCell.number(value.map(String.init) ?? "") }
        return [
            .quoted("EXTF"), number(headerVersion), number(kind.category), .quoted(kind.name), number(kind.version),
            .number(timestamp(created)), .number(""),
            .quoted("KO"),                                            // Herkunft: Kontor (DATEV writes its own on import)
            .quoted(DATEVText.field(exportedBy, max: 25)), .quoted(""),
            number(settings.consultant), number(settings.client),
            .number(compact(fiscalYearStart)), number(settings.accountLength),
            .number(period.map { compact($0.from) } ?? ""), .number(period.map { compact($0.to) } ?? ""),
            .quoted(DATEVText.field(label, max: 30)), .quoted(""),  // Bezeichnung, Diktatkürzel
            number(period == nil ? nil : 1),                          // Buchungstyp: 1 Finanzbuchführung
            number(period == nil ? nil : 0),                          // Rechnungslegungszweck: 0 unabhängig
            number(period == nil ? nil : 0),                          // Festschreibung: 0, so the advisor can still correct
            .quoted(period == nil ? "" : "EUR"),
            .number(""), .quoted(""), .number(""), .number(""),       // reserved, Derivatskennzeichen, reserved
            .quoted(settings.chart.code),                             // Sachkontenrahmen
            .number(""), .number(""), .quoted(""), .quoted(""),       // Branchenlösung, reserved, reserved, Anwendungsinformation
        ]
    }

    /// Cents as DATEV reads an amount: "1234,56", never negative, no grouping.
    static func amount(_ cents: Int) -> String {
        let magnitude = abs(cents)
        return "\(magnitude / 100)," + String(format: "%02d", magnitude % 100)
    }

    /// "2026-11-02" → "0211" (Belegdatum: the year is the batch's).
    static func dayMonth(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])\(parts[1])" : ""
    }

    /// "2026-11-02" → "02112026" (Fälligkeit, Leistungsdatum).
    static func dayMonthYear(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])\(parts[1])\(parts[0])" : ""
    }

    /// "2026-11-02" → "20261102" (the header's dates).
    static func compact(_ iso: String) -> String { iso.replacingOccurrences(of: "-", with: "") }

    /// When the file was made, to the millisecond, local time: "20261102153012345".
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMddHHmmssSSS"
        return formatter.string(from: date)
    }
}

/// Text as a DATEV field takes it: on one line (DATEV refuses line breaks
/// and tabs in a field), shown safely (`VisibleText`), trimmed, in the
/// letters Windows-1252 holds, and cut to the field's length (counted
/// after the transliteration, which makes a Chinese name longer).
enum DATEVText {
    private static let mayBreak: Set<UInt8> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE2]

    static func field(_ text: String, max: Int) -> String {
        // Line breaks and tabs, and the lead bytes of Unicode's own line breaks (NEL, U+2028, U+2029).
        let breaks = text.utf8.contains(where: Self.mayBreak.contains)
        let oneLine = breaks ? text.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined() : text
        let clean = TextEncoding.windows1252.written(VisibleText.clean(oneLine)).trimmingCharacters(in: .whitespaces)
        return clean.count > max ? String(clean.prefix(max)).trimmingCharacters(in: .whitespaces) : clean
    }

    /// Belegfeld 1 holds letters, digits and `$ & % * + - /` only, at most 36.
    static func document(_ text: String) -> String {
        let allowed = Set("$&%*+-/")
        return String(text.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }.suffix(36))
    }
}
