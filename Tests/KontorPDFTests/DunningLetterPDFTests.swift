import Foundation
@testable import KontorModel
import KontorPDF
import Testing
import TestSupport

/// Dunning letters written as text and PDF, read back with poppler as the
/// customer's reader would.
@Suite("Dunning letters as PDF")
struct DunningLetterPDFTests {
    @Test func aLetterIsMailedWithItsPDFWhereTheCustomerHasAnAddress() throws {
        let f = try PDFFixture()
        try f.alice.updateMailSettings { $0.queueAddresses = ["billing": "rechnung@kaffee-co.example"] }
        let withMail = try f.customer("Brüder Grimm & Söhne OHG", email: "buchhaltung@grimm.example")
        let withoutMail = try f.customer("Ohne Post GmbH", email: "")
        let a = try f.issue(withMail, [f.line(f.grinder, 2)], on: "2026-09-01", delivery: nil)
        _ = try f.issue(withoutMail, [f.line(f.coffee, 5)], on: "2026-09-01", delivery: nil)
        let run = try f.database.dunningRun(on: "2026-10-20")
        #expect(run.letters.count == 2)
        let sent = try DunningLetterFiles.send(run, by: f.alice, to: f.folder.appendingPathComponent("dunning").path, mail: true)
        #expect(sent.letters.count == 2 && sent.mailed.count == 1)
        let mailed = try #require(sent.letters.first { sent.mailed.contains($0.id) })
        #expect(mailed.customerID == withMail.id)
        let entries = try f.database.mail.entries(ofInvoice: a.id)
        #expect(entries.map(\.kind) == [.dunning] && entries.first?.recipients == "buchhaltung@grimm.example", "\(entries)")
        #expect(entries.first?.subject.hasPrefix("Zahlungserinnerung \(mailed.fileName)") == true)
        let raw = try f.database.read { db in try Data.fetchOne(db, sql: "SELECT raw FROM mail_outbox WHERE id = ?", arguments: [entries[0].id]) }
        let text = String(decoding: raw ?? Data(), as: UTF8.self)
        #expect(text.contains("Content-Type: application/pdf") && text.contains("\(mailed.fileName).pdf"), "\(text.prefix(2000))")
    }

    /// A run is sent in batches; one that fails keeps the batches before it
    /// (recorded, with their files) and leaves no file of its own behind.
    @Test func aRunStoppedPartWayKeepsWhatWasSentAndRemovesTheFailedBatchsFiles() throws {
        let f = try PDFFixture()
        let first = try f.customer("Anton Abel GmbH")
        let second = try f.customer("Berta Bauer KG")
        _ = try f.issue(first, [f.line(f.grinder, 1)], on: "2026-09-01", delivery: nil)
        _ = try f.issue(second, [f.line(f.coffee, 2)], on: "2026-09-01", delivery: nil)
        let run = try f.database.dunningRun(on: "2026-10-20")
        #expect(run.letters.map(\.customerID) == [first.id, second.id])
        let folder = f.folder.appendingPathComponent("dunning")
        // The second letter's PDF cannot be written: a folder has its name.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Mahnung-00002.pdf"), withIntermediateDirectories: true)
        var told: [Int] = []
        var stopped: DunningRunStopped?
        do {
            _ = try DunningLetterFiles.send(run, by: f.alice, to: folder.path, batchSize: 1) { told.append($0) }
        } catch let error as DunningRunStopped {
            stopped = error
        }
        #expect(stopped?.sent.map(\.fileName) == ["Mahnung-00001"])
        #expect(told == [1])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["Mahnung-00001.pdf", "Mahnung-00001.txt", "Mahnung-00002.pdf"], "the failed letter's text is gone again: \(files)")
        #expect(try f.database.dunning.letters(ofCustomer: first.id).count == 1)
        #expect(try f.database.dunning.letters(ofCustomer: second.id).isEmpty)
        #expect(try f.database.dunningRun(on: "2026-10-20").letters.map(\.customerID) == [second.id], "a run again proposes the rest")
        let said = ErrorText.describe(try #require(stopped))
        #expect(said.hasPrefix("1 letter(s) were sent; then the run stopped: ") && said.contains("Mahnung-00002.pdf is there already"), "\(said)")

        // Sent again with room for it, the rest goes out, batch by batch.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Mahnung-00002.pdf"))
        told = []
        let rest = try DunningLetterFiles.send(try f.database.dunningRun(on: "2026-10-20"), by: f.alice, to: folder.path, batchSize: 1) { told.append($0) }
        #expect(rest.letters.map(\.fileName) == ["Mahnung-00002"] && told == [1])
    }

    /// A run killed between recording a batch and naming its files (kill
    /// -9, the power) leaves them hidden; one killed before recording
    /// leaves hidden files of letters that never were. The next run in the
    /// folder names the first and removes the second, and `kontor files`
    /// never lists either as a letter sent.
    @Test func whatAKilledRunLeftIsNamedOrRemovedByTheNext() throws {
        let f = try PDFFixture()
        let first = try f.customer("Anton Abel GmbH")
        let second = try f.customer("Berta Bauer KG")
        _ = try f.issue(first, [f.line(f.grinder, 1)], on: "2026-09-01", delivery: nil)
        let folder = f.folder.appendingPathComponent("dunning")
        let one = try DunningLetterFiles.send(try f.database.dunningRun(on: "2026-10-20"), by: f.alice, to: folder.path)
        #expect(one.letters.map(\.fileName) == ["Mahnung-00001"])
        // As the killed run left them: letter 1 recorded, its files still
        // hidden; letter 2's files written, never recorded.
        for name in ["Mahnung-00001.txt", "Mahnung-00001.pdf"] {
            try FileManager.default.moveItem(at: folder.appendingPathComponent(name), to: folder.appendingPathComponent(".\(name).partial"))
        }
        try Data("never sent".utf8).write(to: folder.appendingPathComponent(".Mahnung-00002.pdf.partial"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { $0.hasPrefix(".") })

        _ = try f.issue(second, [f.line(f.coffee, 2)], on: "2026-09-01", delivery: nil)
        let two = try DunningLetterFiles.send(try f.database.dunningRun(on: "2026-10-20"), by: f.alice, to: folder.path)
        #expect(two.letters.map(\.fileName) == ["Mahnung-00002"])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["Mahnung-00001.pdf", "Mahnung-00001.txt", "Mahnung-00002.pdf", "Mahnung-00002.txt"], "\(files)")
        let pdf = try Data(contentsOf: folder.appendingPathComponent("Mahnung-00002.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)), "the new letter's own PDF, not what was left")
    }

    /// A letter's name taken already (another database's letters in the
    /// same folder): nothing is written over, and nothing is recorded.
    @Test func aFileOfTheLettersNameIsNeverWrittenOver() throws {
        let f = try PDFFixture()
        let first = try f.customer("Anton Abel GmbH")
        _ = try f.issue(first, [f.line(f.grinder, 1)], on: "2026-09-01", delivery: nil)
        let folder = f.folder.appendingPathComponent("dunning")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("another database's letter".utf8).write(to: folder.appendingPathComponent("Mahnung-00001.txt"))
        #expect {
            try DunningLetterFiles.send(try f.database.dunningRun(on: "2026-10-20"), by: f.alice, to: folder.path)
        } throws: { error in
            ErrorText.describe(error).contains("Mahnung-00001.txt is there already and is no letter of this run")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("Mahnung-00001.txt"), encoding: .utf8) == "another database's letter")
        #expect(try f.database.dunning.letters(ofCustomer: first.id).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["Mahnung-00001.txt"])
    }

    @Test func aLetterNamesEveryInvoiceItsInterestFeeAndTotal() throws {
        let f = try PDFFixture()
        let customer = try f.customer("Brüder Grimm & Söhne OHG")
        let a = try f.issue(customer, [f.line(f.grinder, 2)], on: "2026-09-01", delivery: nil)
        let b = try f.issue(customer, [f.line(f.coffee, 5)], on: "2026-09-20", delivery: nil)
        let run = try f.database.dunningRun(on: "2026-10-20")
        #expect(run.letters.count == 1 && run.letters[0].notices.map(\.invoiceID) == [a.id, b.id])
        let proposal = run.letters[0]
        let folder = f.folder.appendingPathComponent("dunning").path
        let sent = try DunningLetterFiles.send(run, by: f.alice, to: folder)
        #expect(sent.paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["Mahnung-00001.txt", "Mahnung-00001.pdf"])
        // Customers' names and debts: the owner's and their group's alone, as exports are.
        for path in sent.paths {
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o640, "\(path)")
        }
        #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o750)
        let letter = try #require(sent.letters.first)
        #expect(letter.totalCents == proposal.totalCents)

        let pdf = URL(fileURLWithPath: sent.paths[1])
        let text = try Poppler.text(pdf)
        #expect(text.contains("Zahlungserinnerung"))
        #expect(text.contains("Brüder Grimm & Söhne OHG"))
        let paragraph = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for invoice in [a, b] {
            #expect(text.contains("\(invoice.number!) vom \(CalendarDate.german(invoice.issueDate!))"))
            #expect(text.contains(CalendarDate.german(invoice.dueDate!)))
        }
        #expect(text.contains("Verzugszinsen"))
        #expect(text.contains("Zu zahlen EUR") && text.contains(Money.format(cents: letter.totalCents)))
        #expect(text.contains(Money.format(cents: letter.interestCents)) && letter.interestCents > 0)
        #expect(paragraph.contains("§ 288 Abs. 2 BGB"))
        #expect(paragraph.contains("bis zum \(CalendarDate.german(letter.payBy))"))
        #expect(text.contains("Seite 1 von 1"))
        let info = try Poppler.info(pdf)
        #expect(info["Title"] == "Zahlungserinnerung Mahnung-00001")
        #expect(info["Page size"]?.contains("595") == true)
        // The text beside it says the same.
        let plain = try String(contentsOfFile: sent.paths[0], encoding: .utf8)
        #expect(plain == letter.text && plain.contains("Zu zahlen EUR"))

        // The next level a month later carries the fee, in the table's totals.
        let later = try DunningLetterFiles.send(try f.database.dunningRun(on: "2026-11-20"), by: f.alice, to: folder)
        let second = try Poppler.text(URL(fileURLWithPath: later.paths[1]))
        #expect(second.contains("1. Mahnung") && second.contains("Mahngebühr") && second.contains("5,00"))
        #expect(second.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("Zahlungserinnerung vom 20.10.2026"))
    }

    @Test func aFolderThatCannotBeWrittenSendsNothing() throws {
        let f = try PDFFixture()
        let customer = try f.customer("Hanse Handel GmbH")
        _ = try f.issue(customer, [f.line(f.grinder, 1)], on: "2026-09-01", delivery: nil)
        // A file where the folder should be.
        let blocked = f.folder.appendingPathComponent("blocked")
        try Data("x".utf8).write(to: blocked)
        let run = try f.database.dunningRun(on: "2026-10-20")
        #expect(throws: (any Error).self) { try DunningLetterFiles.send(run, by: f.alice, to: blocked.appendingPathComponent("dunning").path) }
        #expect(try f.database.dunning.letters(ofCustomer: customer.id).isEmpty)
        #expect(try f.database.dunningRun(on: "2026-10-20").noticeCount == 1)
    }
}
