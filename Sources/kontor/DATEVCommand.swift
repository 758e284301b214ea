import ArgumentParser
import Foundation
import KontorLocale
import KontorCSV
import KontorModel
import KontorUI
import KontorText

/// `kontor datev`: the books for the tax advisor in DATEV's format, the
/// debtors' master data, and the open items as of a day.
struct DATEV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datev",
        abstract: tr("The books for the tax advisor: DATEV bookings, debtors, open items."),
        discussion: tr("Set the consultant and client number first (the tax advisor gives them): kontor settings --set datev-consultant=NUMBER --set datev-client=NUMBER; datev-chart (SKR03 or SKR04), datev-fiscal-year-start (MM-DD) and datev-account-length (4 to 8) as the advisor keeps them."),
        subcommands: [DATEVExport.self, DATEVDebtors.self, DATEVOpenItems.self]
    )

    /// Where a file goes: `--out`, standard output for `-`, else exports/ beside the database.
    static func write(_ out: String?, name: String, session: Session, _ body: (String) throws -> DATEVExportResult) throws {
        do {
            if out == "-" {
                let result = try StandardOutput.through("\(name).csv", body)
                FileHandle.standardError.write(Data(Self.summary(result, path: nil).utf8))
                return
            }
            let path = try out.map { ($0 as NSString).expandingTildeInPath } ?? ExportFiles.defaultPath(named: name, in: session.database.filesFolder)
            print(Self.summary(try body(path), path: path), terminator: "")
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }

    static func summary(_ result: DATEVExportResult, path: String?) -> String {
        let given = result.newDebtors == 0 ? "" : Wording.count(result.newDebtors, one: ", {0} new debtor account", other: ", {0} new debtor accounts")
        return Wording.count(result.records, one: "{0} record", other: "{0} records") + given + (path.map { " → \($0)" } ?? "") + "\n"
    }
}

struct DATEVExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("Write a DATEV Buchungsstapel (EXTF) of a period: invoices, credit notes, payments, refunds, Skonto."),
        discussion: tr("Invoices and credit notes by their issue date, one line per VAT group onto the revenue account of its category and rate; payments, refunds and Skonto by the day they were paid, against the bank (cash against the cash box) and the Skonto accounts; every line against the customer's debtor account, given the first time and kept. Windows-1252, ';', decimal comma, as DATEV reads it. A period lies within one calendar and one fiscal year.")
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(tr("The first day, e.g. 2026-01-01."), valueName: "date")) var from: String
    @Option(help: ArgumentHelp(tr("The last day, e.g. 2026-12-31."), valueName: "date")) var to: String
    @Option(help: ArgumentHelp(tr("The file to write (- for standard output); default exports/ beside the database."), valueName: "file")) var out: String?

    func run() throws {
        let session = try Staff.session(database)
        // As every date Kontor reads: 01.12.2026, 1.12.26 or 2026-12-01; what is none is the model's to refuse.
        let from = CalendarDate.typed(self.from) ?? self.from, to = CalendarDate.typed(self.to) ?? self.to
        try DATEV.write(out, name: "EXTF_Buchungsstapel_\(from.filter(\.isNumber))_\(to.filter(\.isNumber))", session: session) { path in
            try session.exportDATEVBookings(from: from, to: to, path: path)
        }
    }
}

struct DATEVDebtors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debtors",
        abstract: tr("Write the debtors' master data for DATEV (EXTF Debitoren/Kreditoren): account, name, address, VAT id."),
        discussion: tr("Every customer with an issued invoice or credit note; those without a debtor account get one, kept from then on.")
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(tr("The file to write (- for standard output); default exports/ beside the database."), valueName: "file")) var out: String?

    func run() throws {
        let session = try Staff.session(database)
        try DATEV.write(out, name: "EXTF_Debitoren", session: session) { path in try session.exportDATEVDebtors(path: path) }
    }
}

struct DATEVOpenItems: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open-items",
        abstract: tr("The open items (OP-Liste) as of a day, on the screen or as CSV."),
        discussion: tr("Every invoice and credit note issued by then with something open that day: to be paid, or owed back to the customer (negative). As of today the items add up to the customers' balances.")
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(tr("The day, e.g. 2026-12-31; today unless given."), valueName: "date")) var date: String?
    @Option(help: ArgumentHelp(tr("Write a CSV file instead (- for standard output)."), valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp(tr("excel (;, UTF-8 with BOM, decimal comma) or rfc (RFC 4180)."), valueName: "dialect")) var dialect = "excel"

    func validate() throws {
        guard ["excel", "rfc"].contains(dialect) else { throw ValidationError(tr("--dialect must be excel or rfc, got '{0}'", VisibleText.clean(dialect))) }
    }

    func run() throws {
        let session = try Staff.session(database)
        let day = date.map { CalendarDate.typed($0) ?? $0 } ?? CalendarDate.today()
        do {
            try session.require(.writeBackOffice)
            if let csv {
                let csvDialect: CSVDialect = dialect == "rfc" ? .rfc4180 : .excel
                if csv == "-" {
                    let list = try StandardOutput.through("open-items.csv") { path in
                        try session.exportOpenItems(asOf: day, dialect: csvDialect, to: path)
                    }
                    FileHandle.standardError.write(Data((tr("{0} open items, {1} EUR", list.items.count, Money.format(cents: list.totalCents)) + "\n").utf8))
                    return
                }
                let path = (csv as NSString).expandingTildeInPath
                let list = try session.exportOpenItems(asOf: day, dialect: csvDialect, to: path)
                print(tr("{0} open items, {1} EUR → {2}", list.items.count, Money.format(cents: list.totalCents), path))
                return
            }
            print(Self.table(try session.database.invoices.openItems(asOf: day)))
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }

    /// The list as lines for a terminal, every name through `VisibleText`.
    static func table(_ list: OpenItemList) -> String {
        var lines = [tr("Open items as of {0}", CalendarDate.german(list.asOf))]
        for item in list.items {
            // Padded by terminal cells, not characters: 北京 takes four.
            let name = TextWidth.fit(VisibleText.clean(item.customerName), to: 28)
            let overdue = item.daysOverdue(on: list.asOf)
            lines.append([name,
                          item.number.padding(toLength: 20, withPad: " ", startingAt: 0),
                          CalendarDate.german(item.issueDate), item.dueDate.map(CalendarDate.german) ?? "          ",
                          String(repeating: " ", count: max(0, 13 - Money.format(cents: item.openCents).count)) + Money.format(cents: item.openCents),
                          overdue > 0 ? Wording.count(overdue, one: "{0} day overdue", other: "{0} days overdue") : ""].joined(separator: "  "))
        }
        lines.append(Wording.count(list.items.count, one: "{0} open item, total {1} EUR", other: "{0} open items, total {1} EUR", [Money.format(cents: list.totalCents)]))
        return lines.joined(separator: "\n")
    }
}
