import ArgumentParser
import Foundation
import KontorLocale
import KontorApp
import KontorModel

/// `kontor mail …`: the outbox from the command line — deliver what is
/// due (for cron), list it, send an invoice, try a message again.
struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Outgoing mail: send what is due, list the outbox, send invoices."),
        discussion: tr("Every message Kontor sends is first written to the outbox; the terminal sessions deliver it in the background through the sendmail command of the mail settings. `kontor mail send-queued` does the same from cron, e.g. every minute: * * * * * kontor mail send-queued --quiet"),
        subcommands: [SendQueued.self, Outbox.self, SendInvoice.self, Retry.self]
    )

    /// `kontor mail send-queued`: one pass over the messages due now.
    struct SendQueued: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-queued",
            abstract: tr("Hand every message that is due to sendmail (for cron); exit 1 if any failed.")
        )
        @OptionGroup var database: DatabaseOptions
        @Flag(name: .long, help: ArgumentHelp(tr("Say nothing when nothing was due.")))
        var quiet = false

        func run() throws {
            // Whoever may open the file may deliver its outbox: on a server
            // that is the service account, which cron runs as.
            let db = try database.open(defaultName: "kontor.sqlite")
            let report: MailDelivery.Report
            do {
                report = try MailDelivery(database: db, actor: Identity.actor().username).sendDue()
            } catch {
                throw KontorFailure(ErrorText.describe(error))
            }
            for entry in report.sent { say(tr("sent #{0} to {1}: {2}", entry.id, entry.recipients, entry.subject)) }
            for entry in report.retrying {
                say(tr("not yet sent #{0} to {1}, next try {2}: {3}", entry.id, entry.recipients, entry.nextAttemptAt, entry.lastError))
            }
            for entry in report.failed { say(tr("FAILED #{0} to {1}, given up: {2}", entry.id, entry.recipients, entry.lastError)) }
            if report.isEmpty, !quiet { say(tr("nothing due")) }
            if !report.retrying.isEmpty || !report.failed.isEmpty { throw ExitCode(1) }
        }
    }

    /// `kontor mail outbox`: the newest messages and where they stand.
    struct Outbox: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the outbox, newest first."))
        @OptionGroup var database: DatabaseOptions
        @Option(name: .long, help: ArgumentHelp(tr("Only queued, sent or failed messages."), valueName: "state"))
        var state: String?
        @Option(name: .long, help: ArgumentHelp(tr("How many to list.")))
        var limit = 50

        func validate() throws {
            if let state, MailState(rawValue: state) == nil { throw ValidationError(tr("--state expects queued, sent or failed, got '{0}'", state)) }
        }

        func run() throws {
            let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
            do {
                _ = try db.session(for: Identity.actor())
                let entries = try db.mail.page(state: state.flatMap(MailState.init(rawValue:)), limit: limit)
                if entries.isEmpty { say(tr("the outbox is empty")) }
                for entry in entries {
                    // The document by its number, as people name it.
                    let document = try entry.invoiceID.flatMap { try db.invoices.find(id: $0)?.number }
                    let about = entry.ticketID.map { tr("ticket #{0}", $0) } ?? document ?? ""
                    say("#\(entry.id)  \(entry.createdAt)  \(entry.kind.label)  \(about)  \(entry.recipients)  \(entry.subject)")
                    say("    \(MailWording.report(entry.report))")
                }
            } catch {
                throw KontorFailure(ErrorText.describe(error))
            }
        }
    }

    /// `kontor mail invoice NUMBER`: an invoice or credit note to the customer.
    struct SendInvoice: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invoice",
            abstract: tr("Send issued invoices or credit notes to the customer's billing address, with the PDF and the XRechnung attached.")
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(tr("Invoice or credit note numbers."), valueName: "number"))
        var numbers: [String]
        @Flag(name: .long, help: ArgumentHelp(tr("Send the PDF alone when the e-invoice cannot be made (a consumer, say).")))
        var pdfOnly = false

        func validate() throws {
            if numbers.isEmpty { throw ValidationError(tr("name at least one invoice number, like 2026-00042")) }
        }

        func run() throws {
            let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
            do {
                let session = try db.session(for: Identity.actor())
                // Every message is made before any is queued: a wrong number sends nothing.
                var prepared: [(InvoiceMailPlan, [OutgoingAttachment])] = []
                for number in numbers {
                    guard let invoice = try db.invoices.find(number: number) else {
                        throw KontorFailure(tr("there is no invoice or credit note numbered '{0}'", number))
                    }
                    let plan = try db.invoices.mailPlan(for: invoice.id)
                    let files = try InvoiceMailing.files(for: invoice.id, plan: plan, from: db.invoices)
                    if let problem = files.eInvoiceProblem, !pdfOnly {
                        throw KontorFailure(tr("{0}: the e-invoice cannot be made ({1}); fix that, or send the PDF alone with --pdf-only", plan.number, problem))
                    }
                    prepared.append((plan, files.attachments))
                }
                for (plan, attachments) in prepared {
                    let entry = try db.invoices.enqueueMail(plan.invoiceID, attachments: attachments, by: session)
                    say(tr("queued #{0}: {1} to {2} with {3}", entry.id, plan.number, entry.recipients, attachments.map(\.fileName).joined(separator: ", ")))
                }
            } catch let failure as KontorFailure {
                throw failure
            } catch {
                throw KontorFailure(ErrorText.describe(error))
            }
        }
    }

    /// `kontor mail retry ID`: a message given up on, queued again.
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Send a failed or waiting message at the next send, after the mail system was repaired."))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(tr("The message's number in the outbox list."), valueName: "id"))
        var ids: [Int64]

        func run() throws {
            let db = try database.open(defaultName: "kontor.sqlite", for: Identity.actor())
            do {
                let session = try db.session(for: Identity.actor())
                for id in ids {
                    let entry = try db.mail.retry(id: id, by: session)
                    say(tr("due now #{0} to {1}", entry.id, entry.recipients))
                }
            } catch {
                throw KontorFailure(ErrorText.describe(error))
            }
        }
    }
}
