import Foundation
import GRDB
@testable import KontorBankFiles
@testable import KontorModel
import TestSupport
import Testing

/// Statements read on a thread of their own while the import books the
/// entries before: the same entries in the same order, and a fault or a
/// refusal anywhere still books nothing.
@Suite("Bank statement feed")
struct StatementFeedTests {
    typealias T = CAMTFixture.Transaction
    typealias E = CAMTFixture.Entry

    /// More entries than the reader hands over ahead of the import.
    static let many = StatementFeed.batchSize * (StatementFeed.depth + 3)

    static func statement(_ id: String, entries count: Int, paying invoice: Invoice? = nil) -> CAMTFixture.Statement {
        var entries = (1...count).map { n in
            E(reference: "\(id)-\(n)", credit: true, date: "2026-11-05", transactions: [T(amountCents: 100 + n, name: "Spender \(n)", unstructured: ["Spende \(n)"])])
        }
        if let invoice {
            entries[0] = E(reference: "\(id)-1", credit: true, date: "2026-11-05",
                           transactions: [T(amountCents: invoice.grossCents, name: "Müller GmbH", unstructured: [invoice.number!])])
        }
        return .init(id: id, openingCents: 0, entries: entries)
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theFeedHandsOverWhatTheFilesHoldInFileOrder() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = CAMTFixture(version: .v08)
        for id in ["A", "B"] {
            try fixture.xml([Self.statement(id, entries: Self.many)]).write(to: folder.appendingPathComponent("\(id).xml"), atomically: true, encoding: .utf8)
        }
        try BankStatementTests.run("/usr/bin/zip", ["-q", "statements.zip", "B.xml", "A.xml"], in: folder)
        let zip = folder.appendingPathComponent("statements.zip").path
        let read = try StatementFiles.statements(at: zip)
        // Named from the folder the command runs in, as people type it
        // (unzip itself runs in "/").
        let here = ".build/kontor-test-\(UUID().uuidString).zip"
        try FileManager.default.copyItem(atPath: zip, toPath: here)
        defer { try? FileManager.default.removeItem(atPath: here) }
        #expect(try StatementFiles.statements(at: here).map(\.id) == read.map(\.id))

        let feed = StatementFeed(paths: [zip])
        var entries: [String] = []
        var ends: [BankStatement] = []
        while let item = try feed.next() {
            switch item {
            case .entry(let entry, let statement):
                #expect(statement.account == "DE02200505501015871393")
                entries.append("\(statement.id) \(entry.reference) \(entry.amountCents)")
            case .statementEnd(let statement):
                ends.append(statement)
            }
        }
        #expect(ends == read)
        #expect(entries == read.flatMap { s in s.entries.map { "\(s.id) \($0.reference) \($0.amountCents)" } })
        #expect(entries.count == 2 * Self.many)
        #expect(try feed.next() == nil)
    }

    @Test func aFaultAfterManyEntriesBooksNothingAndNamesItsLine() throws {
        let o = try BankStatementTests.Office()
        let invoice = try o.invoice(10_000)
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var xml = CAMTFixture(version: .v02).xml([Self.statement("S", entries: Self.many, paying: invoice)])
        // The last entry's amount with a decimal comma, as no camt.053 may have it.
        let last = "\(100 + Self.many)"
        xml = xml.replacingOccurrences(of: ">\(last.dropLast(2)).\(last.suffix(2))</Amt>", with: ">\(last.dropLast(2)),\(last.suffix(2))</Amt>")
        let file = folder.appendingPathComponent("auszug.xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)

        let error = try #require(throws: KontorError.self) { try o.bank.importFiles([file.path], by: o.f.db.carol) }
        #expect("\(error)".contains("auszug.xml:") && "\(error)".contains("Ntry/Amt: not an amount") && "\(error)".hasSuffix("nothing was booked"), "\(error)")
        #expect(try o.invoice(invoice.id).paidCents == 0)
        #expect(try o.f.db.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bank_entries") } == 0)

        // The same file mended books the invoice and every entry.
        try CAMTFixture(version: .v02).xml([Self.statement("S", entries: Self.many, paying: invoice)]).write(to: file, atomically: true, encoding: .utf8)
        let report = try o.bank.importFiles([file.path], by: o.f.db.carol)
        #expect(report.entries == Self.many && report.booked.count == 1 && report.statements == 1)
        #expect(try o.invoice(invoice.id).status == .paid)
    }

    @Test func aRefusedImportStopsTheReaderAndBooksNothing() throws {
        let o = try BankStatementTests.Office()
        let invoice = try o.invoice(10_000)
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("auszug.xml")
        try CAMTFixture(version: .v08).xml([Self.statement("S", entries: Self.many * 2, paying: invoice)])
            .write(to: file, atomically: true, encoding: .utf8)
        // The front office may not book payments: refused before anything is read into the database.
        #expect(throws: KontorError.self) { try o.bank.importFiles([file.path], by: o.f.db.bob) }
        #expect(try o.invoice(invoice.id).paidCents == 0)

        // A reader told to stop while it waits for room ends: nothing is left hanging.
        let feed = StatementFeed(paths: [file.path])
        _ = try feed.next()
        feed.stop()
        var drained = 0
        while try feed.next() != nil { drained += 1 }
        #expect(drained < Self.many * 2)
    }
}
