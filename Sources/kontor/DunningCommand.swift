import ArgumentParser
import Foundation
import KontorLocale
import KontorModel
import KontorPDF
import KontorText

/// `kontor dunning run`: the dunning run (Mahnlauf) of a day — what it
/// proposes, what it leaves out and why — and, unless `--dry-run`, the
/// letters sent: recorded per invoice and written as text and PDF.
struct Dunning: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Dunning runs: payment reminders and dunning notices for overdue invoices."),
        subcommands: [DunningRunCommand.self, DunningFeeCommand.self]
    )
}

struct DunningRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: tr("Propose the next dunning level for every overdue invoice and send the letters."),
        discussion: tr("Every issued invoice past its due date is proposed at the level its age has reached under the settings (dunning-days), one level above its last letter at most and not within dunning-wait days of it; a customer's invoices go into one letter, with the level's fee and default interest under §288 BGB (the base rate plus 9 points for businesses, 5 for consumers). Disputed invoices and customers on a payment plan are left out. Each letter is written as Mahnung-NNNNN.txt and .pdf into --out (default: a dunning folder beside the database) and recorded; --dry-run only lists.")
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: ArgumentHelp(tr("The day of the run (default today): letters are dated it."), valueName: "date"))
    var date: String?
    @Flag(name: .long, help: ArgumentHelp(tr("Also mail each letter with its PDF to the customer's billing address, where there is one (through the outbox).")))
    var mail = false
    @Flag(name: .long, help: ArgumentHelp(tr("List the proposals; send nothing.")))
    var dryRun = false
    @Option(name: .long, help: ArgumentHelp(tr("The folder the letters are written into."), valueName: "dir"))
    var out: String?
    @Option(name: .long, help: ArgumentHelp(tr("An invoice number to leave out of this run (repeatable)."), valueName: "number"))
    var exclude: [String] = []

    func run() throws {
        let day: String
        if let date {
            guard let typed = CalendarDate.typed(date) else { throw ValidationError(tr("--date expects a day like 2026-12-05, got '{0}'", date)) }
            // Letters dated ahead may be written to be posted on their day;
            // mailed now, they would arrive before their date.
            guard !mail || dryRun || typed <= CalendarDate.today() else {
                throw ValidationError(tr("--date {0} is after today: a letter is mailed on the day it is dated; leave out --mail to write the letters for posting",
                                         CalendarDate.german(typed)))
            }
            day = typed
        } else {
            day = CalendarDate.today()
        }
        let session = try Staff.session(database)
        do {
            // Refused before anything is listed or a folder made, in the model's words.
            if !dryRun { try session.require(.writeBackOffice) }
            // One run at a time: refused at once, not after listing thousands of letters.
            if !dryRun, let holder = session.dunningRunUnderWay() {
                throw KontorFailure(ErrorText.sending(holder, askedBy: session.username), code: KontorFailure.busy)
            }
            let run = try session.database.dunningRun(on: day)
            var excluded: Set<Int64> = []
            for number in exclude {
                guard let invoice = try session.database.invoices.find(number: number) else {
                    throw KontorFailure(tr("there is no invoice numbered '{0}'", number))
                }
                excluded.insert(invoice.id)
            }
            say(Self.describe(run, excluded: excluded))
            if dryRun {
                say(tr("Nothing was sent (dry run)."))
                return
            }
            guard run.letters.contains(where: { $0.excluding(excluded) != nil }) else {
                say(tr("No letters to send."))
                return
            }
            let folder = out.map { ($0 as NSString).expandingTildeInPath }
                ?? MadeFilesFolder.dunning.path(in: session.database.filesFolder)
            // Thousands of letters take minutes (a PDF each): a bar on a terminal shows how far.
            let total = run.letters.filter { $0.excluding(excluded) != nil }.count
            let bar = ProgressBar()
            let interruption = Interruption()
            let sent: (letters: [DunningLetter], paths: [String], mailed: [Int64])
            do {
                interruption.begin()
                defer {
                    interruption.end()
                    bar.finish()
                }
                sent = try DunningLetterFiles.send(run, excluding: excluded, by: session, to: folder, mail: mail, progress: {
                    bar.update(Double($0) / Double(max(1, total)), tr("{0} of {1} letters sent", Wording.grouped($0), Wording.grouped(total)))
                }, stop: { interruption.isRaised })
            }
            say(tr("Sent {0} letter(s), {1} invoice(s):", Wording.grouped(sent.letters.count), Wording.grouped(sent.letters.reduce(0) { $0 + $1.notices.count })))
            if mail {
                say(tr("Mailed {0} of them with their PDF (queued; kontor mail outbox shows them); {1} go by post only (no e-mail address)",
                       sent.mailed.count, sent.letters.count - sent.mailed.count))
            }
            for path in sent.paths { say("  \(session.database.shownPath(path))") }
            if let fetch = sent.paths.last.flatMap(session.database.fetchCommand) { say(tr("fetch: {0}", fetch)) }
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }

    /// The run as a list: each letter with its invoices, then what was left out.
    static func describe(_ run: DunningRun, excluded: Set<Int64> = []) -> String {
        var lines = [tr("Dunning run of {0}: {1} letter(s), {2} invoice(s); {3} overdue invoice(s) left out", CalendarDate.german(run.date), run.letters.count, run.noticeCount, run.skipped.count)]
        if run.terms.baseRateMayBeStale(on: run.date) {
            lines.append(tr("Note: the base rate ({0} since {1}) may have changed since; check it and set base-rate", DunningTerms.percent(run.terms.baseRateBP), CalendarDate.german(run.terms.baseRateFrom)))
        }
        for letter in run.letters {
            let kept = letter.excluding(excluded)
            let head = kept == nil ? "  " + tr("(excluded)") + " " : "  "
            let shown = kept ?? letter
            lines.append(head + tr("{0} · {1} · open {2} + interest {3} ({4}) + fee {5}", letter.customerName, shown.level.displayName, Money.format(cents: shown.openCents),
                                     Money.format(cents: shown.interestCents), DunningTerms.percent(letter.interestRateBP), Money.format(cents: shown.feeCents))
                         + (letter.earlierFeesCents > 0 ? tr(" + earlier fees {0}", Money.format(cents: letter.earlierFeesCents)) : "")
                         + tr(" = {0}, pay by {1}", Money.format(cents: shown.totalCents), CalendarDate.german(shown.payBy)))
            for notice in letter.notices {
                let mark = excluded.contains(notice.invoiceID) ? tr("(excluded)") + " " : ""
                lines.append("      " + mark + tr("{0} due {1}, {2} days: open {3}, interest {4} → {5}", notice.number, CalendarDate.german(notice.dueDate), notice.daysOverdue, Money.format(cents: notice.openCents),
                                                Money.format(cents: notice.interestCents), notice.level.displayName))
            }
        }
        if !run.skipped.isEmpty { lines.append(tr("Left out:")) }
        for skipped in run.skipped {
            lines.append("  " + tr("{0} {1}, open {2}: {3}", skipped.number, skipped.customerName, Money.format(cents: skipped.openCents), skipped.reason))
        }
        return lines.map(VisibleText.clean).joined(separator: "\n")
    }
}

/// `kontor dunning fee Mahnung-00012`: money received for a letter's fee,
/// or the fee let go (`--waive`). Without `--amount`, whatever is open.
struct DunningFeeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fee",
        abstract: tr("Record a dunning fee as paid, or waive it."),
        discussion: tr("The fee is named by the letter that charged it (Mahnung-00012); a fee is never paid beyond what is open on it.")
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(tr("The letter that charged the fee."), valueName: "letter")) var letter: String
    @Option(name: .long, help: ArgumentHelp(tr("The amount (default: all that is open)."), valueName: "amount")) var amount: String?
    @Option(name: .long, help: ArgumentHelp(tr("The day it was paid (default today)."), valueName: "date")) var date: String?
    @Flag(name: .long, help: ArgumentHelp(tr("Let the fee go: nothing was paid."))) var waive = false

    func run() throws {
        let cents = try amount.map { text -> Int in
            guard let cents = Money.parse(text), cents > 0 else { throw ValidationError(tr("--amount expects an amount like 5,00, got '{0}'", text)) }
            return cents
        }
        let day = try date.map { text -> String in
            guard let day = CalendarDate.typed(text) else { throw ValidationError(tr("--date expects a day like 2026-12-05, got '{0}'", text)) }
            return day
        } ?? CalendarDate.today()
        let session = try Staff.session(database)
        do {
            guard let fee = try session.database.dunning.fee(ofLetter: letter) else {
                throw KontorFailure(tr("no dunning fee was charged by '{0}'", letter))
            }
            guard fee.openCents > 0 else { throw KontorFailure(tr("the fee of {0} is settled already", fee.reference)) }
            let settled = try session.settleDunningFee(fee.id, cents: cents ?? fee.openCents, as: waive ? .waiver : .payment, on: day)
            say(waive ? tr("{0}: fee {1}, waived {2}, open {3}", settled.reference, Money.format(cents: settled.amountCents), Money.format(cents: cents ?? fee.openCents), Money.format(cents: settled.openCents))
                     : tr("{0}: fee {1}, paid {2}, open {3}", settled.reference, Money.format(cents: settled.amountCents), Money.format(cents: cents ?? fee.openCents), Money.format(cents: settled.openCents)))
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
