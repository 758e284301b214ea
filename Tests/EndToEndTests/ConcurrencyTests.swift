import Foundation
import Testing

/// Several `kontor` processes writing to one database at once, as on a busy
/// server: no lost update, no "database is locked" reaching anyone, invoice
/// numbers gapless.
@Suite("Many writers at once (processes)", .timeLimit(.minutes(2)))
struct ConcurrencyTests {
    @Test func invoiceNumbersStayGaplessAndNoUpdateIsLost() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase(scale: 20)
        try await workspace.sqlite(db, """
            UPDATE settings SET value = 'DE123456788' WHERE key = 'company.vat_id';
            UPDATE customers SET notes = '0' WHERE id = 1;
            """)
        let existing = Int(try await workspace.sqlite(db, "SELECT count(*) FROM invoices WHERE number LIKE strftime('%Y', 'now') || '-%'")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let workers = 4, invoices = 15, increments = 15
        let environment = workspace.environment, folder = workspace.path
        let results = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    try await Processes.run(kontor, ["stress", "--db", db, "--customer", "1", "--invoices", "\(invoices)", "--increments", "\(increments)"],
                                            environment: environment, directory: folder)
                }
            }
            var all: [ProcessResult] = []
            for try await result in group { all.append(result) }
            return all
        }
        var numbers: [String] = []
        for result in results {
            #expect(result.status == 0, "a writer failed: \(result.err)")
            #expect(!result.err.lowercased().contains("locked"), "a writer saw a lock: \(result.err)")
            if let line = result.out.split(separator: "\n").first(where: { $0.hasPrefix("numbers: ") }) {
                numbers += line.dropFirst("numbers: ".count).split(separator: " ").map(String.init)
            }
        }
        #expect(numbers.count == workers * invoices)
        #expect(Set(numbers).count == numbers.count, "a number was given twice")
        let sequence = numbers.compactMap { Int($0.split(separator: "-").last ?? "") }.sorted()
        #expect(sequence == Array((existing + 1)...(existing + workers * invoices)), "numbers are not gapless: \(sequence)")
        let counter = try await workspace.sqlite(db, "SELECT notes FROM customers WHERE id = 1").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(counter == String(workers * increments), "lost updates: counter is \(counter)")
        let stored = try await workspace.sqlite(db, """
            SELECT count(*), count(DISTINCT number) FROM invoices WHERE number LIKE strftime('%Y', 'now') || '-%'
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(stored == "\(existing + workers * invoices)|\(existing + workers * invoices)")
    }
}
