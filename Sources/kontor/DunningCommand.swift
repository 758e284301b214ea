import ArgumentParser
import Foundation
import KontorModel
import KontorPDF
import KontorText

/// `kontor dunning run`: the dunning run (Mahnlauf) of a day — what it
/// proposes, what it leaves out and why — and, unless `--dry-run`, the
/// letters sent: recorded per invoice and written as text and PDF.
struct Dunning: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dunning runs: payment reminders and dunning notices for overdue invoices.",
        subcommands: [DunningRunCommand.self, DunningFeeCommand.self]
    )
}

struct DunningRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Propose the next dunning level for every overdue invoice and send the letters.",
        discussion: """
            Every issued invoice past its due date is proposed at the level its age has reached under the settings \
            (dunning-days), one level above its last letter at most and not within dunning-wait days of it; a \
            customer's invoices go into one letter, with the level's fee and default interest under §288 BGB \
            (the base rate plus 9 points for businesses, 5 for consumers). Disputed invoices and customers on a \
            payment plan are left out. Each letter is written as Mahnung-NNNNN.txt and .pdf into --out \
            (default: a dunning folder beside the database) and recorded; --dry-run only lists.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: ArgumentHelp("The day of the run (default today): letters are dated it.", valueName: "date"))
    var date: String?
    @Flag(name: .long, help: "Also mail each letter with its PDF to the customer's billing address, where there is one (through the outbox).")
    var mail = false
    @Flag(name: .long, help: "List the proposals; send nothing.")
    var dryRun = false
    @Option(name: .long, help: ArgumentHelp("The folder the letters are written into.", valueName: "dir"))
    var out: String?
    @Option(name: .long, help: ArgumentHelp("An invoice number to leave out of this run (repeatable).", valueName: "number"))
    var exclude: [String] = []

    func run() throws {
        let day: String
        if let date {
            guard let typed = CalendarDate.typed(date) else { throw ValidationError("--date expects a day like 2026-12-05, got '\(date)'") }
            day = typed
        } else {
            day = CalendarDate.today()
        }
        let session = try Staff.session(database)
        do {
            // Refused before anything is listed or a folder made, in the model's words.
            if !dryRun { try session.require(.writeBackOffice) }
            let run = try session.database.dunningRun(on: day)
            var excluded: Set<Int64> = []
            for number in exclude {
                guard let invoice = try session.database.invoices.find(number: number) else {
                    throw KontorFailure("there is no invoice numbered '\(number)'")
                }
                excluded.insert(invoice.id)
            }
            say(Self.describe(run, excluded: excluded))
            if dryRun {
                say("Nothing was sent (dry run).")
                return
            }
            guard run.letters.contains(where: { $0.excluding(excluded) != nil }) else {
                say("No letters to send.")
                return
            }
            let folder = out.map { ($0 as NSString).expandingTildeInPath }
                ?? URL(fileURLWithPath: database.path(defaultName: "kontor.sqlite")).deletingLastPathComponent().appendingPathComponent("dunning").path
            let sent = try DunningLetterFiles.send(run, excluding: excluded, by: session, to: folder, mail: mail)
            say("Sent \(sent.letters.count) letter(s), \(sent.letters.reduce(0) { $0 + $1.notices.count }) invoice(s):")
            if mail {
                say("Mailed \(sent.mailed.count) of them with their PDF (queued; kontor mail outbox shows them); "
                    + "\(sent.letters.count - sent.mailed.count) go by post only (no e-mail address)")
            }
            for path in sent.paths { say("  \(path)") }
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure("\(error)")
        }
    }

    /// The run as a list: each letter with its invoices, then what was left out.
    static func describe(_ run: DunningRun, excluded: Set<Int64> = []) -> String {
        var lines = ["Dunning run of \(run.date): \(run.letters.count) letter(s), \(run.noticeCount) invoice(s); \(run.skipped.count) overdue invoice(s) left out"]
        if run.terms.baseRateMayBeStale(on: run.date) {
            lines.append("Note: the base rate (\(DunningTerms.percent(run.terms.baseRateBP)) since \(run.terms.baseRateFrom)) may have changed since; check it and set base-rate")
        }
        for letter in run.letters {
            let kept = letter.excluding(excluded)
            let head = kept == nil ? "  (excluded) " : "  "
            let shown = kept ?? letter
            lines.append("\(head)\(letter.customerName) · \(shown.level.displayName) · open \(Money.format(cents: shown.openCents)) + interest \(Money.format(cents: shown.interestCents)) (\(DunningTerms.percent(letter.interestRateBP))) + fee \(Money.format(cents: shown.feeCents))"
                         + (letter.earlierFeesCents > 0 ? " + earlier fees \(Money.format(cents: letter.earlierFeesCents))" : "")
                         + " = \(Money.format(cents: shown.totalCents)), pay by \(shown.payBy)")
            for notice in letter.notices {
                let mark = excluded.contains(notice.invoiceID) ? "(excluded) " : ""
                lines.append("      \(mark)\(notice.number) due \(notice.dueDate), \(notice.daysOverdue) days: open \(Money.format(cents: notice.openCents)), interest \(Money.format(cents: notice.interestCents)) → \(notice.level.displayName)")
            }
        }
        if !run.skipped.isEmpty { lines.append("Left out:") }
        for skipped in run.skipped {
            lines.append("  \(skipped.number) \(skipped.customerName), open \(Money.format(cents: skipped.openCents)): \(skipped.reason)")
        }
        return lines.map(VisibleText.clean).joined(separator: "\n")
    }
}

/// `kontor dunning fee Mahnung-00012`: money received for a letter's fee,
/// or the fee let go (`--waive`). Without `--amount`, whatever is open.
struct DunningFeeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fee",
        abstract: "Record a dunning fee as paid, or waive it.",
        discussion: "The fee is named by the letter that charged it (Mahnung-00012); a fee is never paid beyond what is open on it."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The letter that charged the fee.", valueName: "letter")) var letter: String
    @Option(name: .long, help: ArgumentHelp("The amount (default: all that is open).", valueName: "amount")) var amount: String?
    @Option(name: .long, help: ArgumentHelp("The day it was paid (default today).", valueName: "date")) var date: String?
    @Flag(name: .long, help: "Let the fee go: nothing was paid.") var waive = false

    func run() throws {
        let cents = try amount.map { text -> Int in
            guard let cents = Money.parse(text), cents > 0 else { throw ValidationError("--amount expects an amount like 5,00, got '\(text)'") }
            return cents
        }
        let day = try date.map { text -> String in
            guard let day = CalendarDate.typed(text) else { throw ValidationError("--date expects a day like 2026-12-05, got '\(text)'") }
            return day
        } ?? CalendarDate.today()
        let session = try Staff.session(database)
        do {
            guard let fee = try session.database.dunning.fee(ofLetter: letter) else {
                throw KontorFailure("no dunning fee was charged by '\(letter)'")
            }
            guard fee.openCents > 0 else { throw KontorFailure("the fee of \(fee.reference) is settled already") }
            let settled = try session.settleDunningFee(fee.id, cents: cents ?? fee.openCents, as: waive ? .waiver : .payment, on: day)
            say("\(settled.reference): fee \(Money.format(cents: settled.amountCents)), \(waive ? "waived" : "paid") \(Money.format(cents: cents ?? fee.openCents)), open \(Money.format(cents: settled.openCents))")
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure("\(error)")
        }
    }
}
