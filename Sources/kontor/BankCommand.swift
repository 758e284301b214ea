import ArgumentParser
import Foundation
import KontorLocale
import KontorBankFiles
import KontorModel
import KontorText

/// `kontor bank import FILE...`: the bank's camt.053 statements (or a zip of
/// them) matched to invoices: sure matches booked, unsure ones proposed,
/// the rest listed. Importing the same statement again books nothing twice.
struct Bank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Bank statements in: camt.053 matched to invoices."),
        subcommands: [BankImport.self, BankWaiting.self]
    )
}

struct BankImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr("Import camt.053 bank statements (XML, or a zip of them) and book the payments they carry."),
        discussion: tr("Each credit is matched to open invoices by the number in its remittance information (\"RE 2026 42\", \"Rg.-Nr. 2026-00042\"), else by the payer and the exact amount; Skonto is taken when the invoice offers it and the money came in time. Each debit that pays back what a credit note owes is booked as its refund. Sure matches are booked, unsure ones proposed, the rest listed; the bank's entry reference keeps a statement from being booked twice. A statement whose balances do not add up, or a malformed file, is refused whole.")
    )

    @Argument(help: ArgumentHelp(tr("camt.053 files (.xml), zip files of them, or a bank's CSV export; - for standard input."))) var files: [String]
    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(tr("Match everything and book nothing."))) var dryRun = false

    func run() throws {
        // Read on a thread of its own while the entries before are matched and booked.
        let feed = StatementFeed(paths: files.map { $0 == "-" ? $0 : ($0 as NSString).expandingTildeInPath })
        defer { feed.stop() }
        let session = try Staff.session(database)
        let report: BankImportReport
        do {
            report = try session.database.bank.importStatements(from: feed, dryRun: dryRun, by: session)
        } catch {
            throw KontorFailure(VisibleText.clean(ErrorText.describe(error)))
        }
        print(Self.describe(report))
    }

    static func describe(_ report: BankImportReport) -> String {
        func line(_ l: BankImportReport.Line) -> String {
            let who = l.entry.counterpartyName.isEmpty ? "" : " \(l.entry.counterpartyName)"
            let what = l.entry.remittance.isEmpty ? "" : " “\(l.entry.remittance.prefix(60))”"
            let to = l.documents.isEmpty ? "" : " → \(l.documents.joined(separator: ", "))"
            return VisibleText.clean("  \(CalendarDate.german(l.entry.bookingDate)) \(Money.format(cents: l.entry.amountCents))\(who)\(what)\(to) · \(l.note)")
        }
        var lines = [(report.dryRun ? tr("Dry run: {0}", report.counted) : report.counted)
                     + (report.alreadyImported > 0 ? tr(", {0} imported before and left alone", report.alreadyImported) : "")]
        lines += report.warnings
        // A dry run says what it would do, as the screen's does.
        let money = (Money.format(cents: report.bookedInCents), Money.format(cents: report.bookedOutCents))
        lines.append(report.dryRun ? tr("Would book {0}: in {1}, out {2}", report.booked.count, money.0, money.1)
                                   : tr("Booked: {0} (in {1}, out {2})", report.booked.count, money.0, money.1))
        lines += report.booked.map(line)
        lines.append(report.dryRun ? tr("Would propose {0}, for review:", report.proposed.count) : tr("Proposed, for review: {0}", report.proposed.count))
        lines += report.proposed.map(line)
        lines.append(report.dryRun ? tr("Would leave {0} unmatched:", report.unmatched.count) : tr("Unmatched: {0}", report.unmatched.count))
        lines += report.unmatched.map(line)
        if report.dryRun { lines.append(tr("Nothing was booked (dry run).")) }
        return lines.joined(separator: "\n")
    }
}

/// `kontor bank waiting`: the entries still waiting for a person.
struct BankWaiting: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "waiting", abstract: tr("List the proposed and unmatched bank entries."))
    @OptionGroup var database: DatabaseOptions
    @Flag(name: .long, help: ArgumentHelp(tr("List the entries set aside instead (the review's a; u there brings one back)."))) var setAside = false

    func run() throws {
        let session = try Staff.session(database)
        let entries = try session.database.bank.waitingEntries(setAside: setAside)
        if entries.isEmpty { say(setAside ? tr("No bank entry was set aside") : tr("No bank entry waits for review")) }
        for entry in entries {
            let proposal = entry.proposals.map { " → \($0.number) \(Money.format(cents: abs($0.amountCents)))" }.joined(separator: ",")
            let state = entry.state == "proposed" ? tr("proposed") : entry.state == "skipped" ? tr("was set aside") : tr("unmatched")
            let width = (setAside ? [tr("was set aside")] : [tr("proposed"), tr("unmatched")]).map(\.count).max()!
            print(VisibleText.clean("\(state.padding(toLength: width, withPad: " ", startingAt: 0)) \(CalendarDate.german(entry.bookingDate)) \(Money.format(cents: entry.amountCents)) "
                                    + "\(entry.counterparty) “\(entry.remittance.prefix(60))”\(proposal) · \(entry.note)"))
        }
    }
}
