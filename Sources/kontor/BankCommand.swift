import ArgumentParser
import Foundation
import KontorBankFiles
import KontorModel
import KontorText

/// `kontor bank import FILE...`: the bank's camt.053 statements (or a zip of
/// them) matched to invoices: sure matches booked, unsure ones proposed,
/// the rest listed. Importing the same statement again books nothing twice.
struct Bank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bank statements in: camt.053 matched to invoices.",
        subcommands: [BankImport.self, BankWaiting.self]
    )
}

struct BankImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import camt.053 bank statements (XML, or a zip of them) and book the payments they carry.",
        discussion: """
            Each credit is matched to open invoices by the number in its remittance information ("RE 2026 42", \
            "Rg.-Nr. 2026-00042"), else by the payer and the exact amount; Skonto is taken when the invoice offers it \
            and the money came in time. Each debit that pays back what a credit note owes is booked as its refund. \
            Sure matches are booked, unsure ones proposed, the rest listed; the bank's entry reference keeps a \
            statement from being booked twice. A statement whose balances do not add up, or a malformed file, \
            is refused whole.
            """
    )

    @Argument(help: "camt.053 files (.xml) or zip files of them.") var files: [String]
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Match everything and book nothing.") var dryRun = false

    func run() throws {
        var statements: [BankStatement] = []
        for file in files {
            let path = (file as NSString).expandingTildeInPath
            for (name, data) in try Self.documents(at: path) {
                do {
                    statements += try CAMT053Reader.statements(from: data)
                } catch let error as BankFileError {
                    throw KontorFailure("\(VisibleText.clean(name)):\(error.line): \(VisibleText.clean(error.element.isEmpty ? error.message : "\(error.element): \(error.message)")); nothing was booked")
                }
            }
        }
        let session = try Staff.session(database)
        let report: BankImportReport
        do {
            report = try session.database.bank.importStatements(statements, dryRun: dryRun, by: session)
        } catch {
            throw KontorFailure("\(error)")
        }
        print(Self.describe(report))
    }

    /// The XML documents in a file: the file itself, or each .xml in a zip.
    static func documents(at path: String) throws -> [(name: String, data: Data)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw KontorFailure("cannot read \(VisibleText.clean(path))") }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return [(path, data)] }
        // A zip, read with the system's unzip: the names first, then each XML file.
        let names = try unzip(["-Z1", path]).split(separator: "\n").map(String.init).filter { $0.lowercased().hasSuffix(".xml") }.sorted()
        if names.isEmpty { throw KontorFailure("\(VisibleText.clean(path)) holds no .xml statement") }
        return try names.map { name in ("\(path)/\(name)", Data(try unzip(["-p", path, name]).utf8)) }
    }

    private static func unzip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw KontorFailure("cannot run unzip to read a zip file (apt-get install unzip): \(error)") }
        let bytes = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw KontorFailure("unzip: \(VisibleText.clean(message.trimmingCharacters(in: .whitespacesAndNewlines)))") }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func describe(_ report: BankImportReport) -> String {
        func line(_ l: BankImportReport.Line) -> String {
            let who = l.entry.counterpartyName.isEmpty ? "" : " \(l.entry.counterpartyName)"
            let what = l.entry.remittance.isEmpty ? "" : " “\(l.entry.remittance.prefix(60))”"
            let to = l.documents.isEmpty ? "" : " → \(l.documents.joined(separator: ", "))"
            return VisibleText.clean("  \(l.entry.bookingDate) \(Money.format(cents: l.entry.amountCents))\(who)\(what)\(to) · \(l.note)")
        }
        var lines = ["\(report.dryRun ? "Dry run: " : "")\(report.statements) statement(s), \(report.entries) entries"
                     + (report.alreadyImported > 0 ? ", \(report.alreadyImported) imported before and left alone" : "")]
        lines.append("Booked: \(report.booked.count) (in \(Money.format(cents: report.bookedInCents)), out \(Money.format(cents: report.bookedOutCents)))")
        lines += report.booked.map(line)
        lines.append("Proposed, for review: \(report.proposed.count)")
        lines += report.proposed.map(line)
        lines.append("Unmatched: \(report.unmatched.count)")
        lines += report.unmatched.map(line)
        if report.dryRun { lines.append("Nothing was booked (dry run).") }
        return lines.joined(separator: "\n")
    }
}

/// `kontor bank waiting`: the entries still waiting for a person.
struct BankWaiting: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "waiting", abstract: "List the proposed and unmatched bank entries.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let session = try Staff.session(database)
        for entry in try session.database.bank.waiting() {
            print(VisibleText.clean("\(entry.state == "proposed" ? "proposed " : "unmatched") \(entry.date) \(Money.format(cents: entry.amountCents)) \(entry.counterparty) “\(entry.remittance.prefix(60))” · \(entry.note)"))
        }
    }
}
