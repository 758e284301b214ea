import KontorLocale
import Foundation
import GRDB
import KontorCSV

/// What an export wrote.
public struct DATEVExportResult: Equatable, Sendable {
    public var path: String
    /// Booking lines (bookings export) or debtors (master data export).
    public var records: Int
    /// Customers who got their debtor account with this export.
    public var newDebtors: Int
}

extension Session {
    /// Writes the books of `from`…`to` (ISO days) as a DATEV Buchungsstapel
    /// (EXTF 700, category 21, version 13) to `path`: issued invoices and
    /// credit notes per VAT group onto the revenue accounts of the chart,
    /// payments and refunds against the bank (cash against the cash box),
    /// Skonto onto the Skonto accounts, every line against the customer's
    /// debtor account. Customers without a debtor account get one, kept
    /// from then on. Back office, managers and admins.
    ///
    /// DATEV takes a batch within one calendar year and one fiscal year (a
    /// booking's date carries no year), so a period crossing either is
    /// refused, as is a company without consultant and client number. It
    /// runs in one transaction: the debtor numbers are given only when the
    /// file is written whole.
    @discardableResult
    public func exportDATEVBookings(from: String, to: String, path: String, created: Date = Date()) throws -> DATEVExportResult {
        try write(.writeBackOffice) { db in
            let settings = try CompanySettings.read(db)
            if let missing = settings.datev.missing { throw KontorError.rule(missing) }
            let fiscalYear = try DATEVPeriod.fiscalYearStart(from: from, to: to, start: settings.datev.fiscalYearStart)
            let context = BookingContext(from: from, to: to, accounts: BookingAccounts(settings.datev), smallBusiness: settings.smallBusiness)
            let entries = try BookingSources.entries(db, context)
            let known = try Int.fetchOne(db, sql: "SELECT count(*) FROM datev_debtors") ?? 0
            let debtors = try DebtorNumbers.accounts(db, for: Set(entries.map(\.customerID)), accountLength: settings.datev.accountLength, session: self)
            let added = (try Int.fetchOne(db, sql: "SELECT count(*) FROM datev_debtors") ?? 0) - known

            let writer = try Self.openWriter(path: path, dialect: .datev)
            do {
                try writer.write(EXTF.header(.bookings, settings: settings.datev, fiscalYearStart: fiscalYear, period: (from, to),
                                             label: "Kontor \(EXTF.compact(from))-\(EXTF.compact(to))", exportedBy: username, created: created))
                try writer.write(EXTFColumns.bookings.map { .text($0) })
                for entry in entries {
                    try writer.write(Self.bookingLine(entry, debtor: debtors[entry.customerID]!, settings: settings.datev))
                }
                try writer.close()
            } catch {
                writer.discard()
                throw error
            }
            return DATEVExportResult(path: path, records: entries.count, newDebtors: added)
        }
    }

    /// One line of the Buchungsstapel: the customer's account in Konto,
    /// Soll when the movement charges them, Haben when it credits them.
    static func bookingLine(_ entry: DebtorEntry, debtor: Int, settings: DATEVSettings) -> [CSVCell] {
        var cells = [CSVCell](repeating: .number(""), count: EXTFColumns.bookings.count)
        func set(_ column: String, _ cell: CSVCell) { cells[EXTFColumns.bookingPositions[column]!] = cell }
        set("Umsatz (ohne Soll/Haben-Kz)", .number(EXTF.amount(entry.debtorCents)))
        set("Soll/Haben-Kennzeichen", .quoted(entry.debtorCents > 0 ? "S" : "H"))
        set("WKZ Umsatz", .quoted("EUR"))
        set("Konto", .number(String(debtor)))
        set("Gegenkonto (ohne BU-Schlüssel)", .number(String(entry.contraAccount)))
        set("BU-Schlüssel", .quoted(""))
        set("Belegdatum", .number(EXTF.dayMonth(entry.date)))
        set("Belegfeld 1", .quoted(DATEVText.document(entry.document)))
        set("Belegfeld 2", .quoted(DATEVText.field(entry.reference, max: 12)))
        set("Buchungstext", .quoted(DATEVText.field(entry.text, max: 60)))
        set("Festschreibung", .number("0"))
        if let due = entry.dueDate { set("Fälligkeit", .number(EXTF.dayMonthYear(due))) }
        if let supplied = entry.supplyDate { set("Leistungsdatum", .number(EXTF.dayMonthYear(supplied))) }
        return cells
    }
}

/// The period of a batch as DATEV takes it.
enum DATEVPeriod {
    /// The first day of the fiscal year `from`…`to` lies in, ISO; throws
    /// when the period is not one, or crosses a calendar or fiscal year.
    static func fiscalYearStart(from: String, to: String, start: MonthDay) throws -> String {
        guard CalendarDate.isValid(from), CalendarDate.isValid(to) else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "period", message: tr("must be two dates like 2026-01-01 and 2026-12-31"))]))
        }
        guard from <= to else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "period", message: tr("ends ({0}) before it starts ({1})", to, from))]))
        }
        guard from.prefix(4) == to.prefix(4) else {
            throw KontorError.rule(tr("a DATEV batch lies within one calendar year (its dates carry no year): export {0}…{1}-12-31 and {2}-01-01…{3} apart", from, from.prefix(4), to.prefix(4), to))
        }
        let year = Int(from.prefix(4))!
        func day(_ year: Int) -> String { String(format: "%04d", year) + "-" + start.text }
        let fiscalStart = day(year) <= from ? day(year) : day(year - 1)
        let nextStart = day(Int(fiscalStart.prefix(4))! + 1)
        guard to < nextStart else {
            throw KontorError.rule(tr("a DATEV batch lies within one fiscal year, and {0}…{1} crosses the one starting {2}: export the two parts apart", from, to, nextStart))
        }
        return fiscalStart
    }
}
