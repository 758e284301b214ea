import Foundation
import KontorModel
import Testing

/// The books for the tax advisor through the built binary, on the demo
/// business: refused until the advisor's numbers are set, then written as
/// DATEV reads them, the same again on standard output with the same
/// debtor accounts, the debtors without a byte that would act on a
/// terminal, and the open items adding up to what is still to be paid.
@Suite("DATEV on the command line")
struct DATEVEndToEndTests {
    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// 123456 → "1.234,56", as Kontor prints amounts.
    static func euros(_ cents: Int) -> String {
        let digits = String(abs(cents) / 100)
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(ch)
        }
        return (cents < 0 ? "-" : "") + grouped + "," + String(format: "%02d", abs(cents) % 100)
    }

    @Test func theBooksGoOutAsDATEVReadsThemAndTheAccountsStay() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let kontor = try KontorBinary.path()
        let env = workspace.environment
        let today = Self.today(), from = String(today.prefix(4)) + "-01-01"
        let file = workspace.file("EXTF_Buchungsstapel.csv")

        var run = try await Processes.run(kontor, ["datev", "export", "--db", db, "--from", from, "--to", today, "--out", file], environment: env)
        #expect(run.status != 0 && run.err.contains("consultant number"), "\(run.err)")
        run = try await Processes.run(kontor, ["settings", "--db", db, "--set", "datev-consultant=1234567", "--set", "datev-client=10001"],
                                      environment: env)
        #expect(run.status == 0 && run.out.contains("datev-consultant      1234567"), "\(run.out)\(run.err)")
        try await workspace.sqlite(db, """
            UPDATE customers SET name = CAST(X'1B5D303B7469746C6507' AS TEXT) || 'Payload GmbH'
            WHERE id = (SELECT customer_id FROM invoices WHERE issue_date IS NOT NULL ORDER BY id LIMIT 1);
            """)

        run = try await Processes.run(kontor, ["datev", "export", "--db", db, "--from", from, "--to", today, "--out", file], environment: env)
        #expect(run.status == 0, "\(run.err)")
        let written = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(written.starts(with: Data("\"EXTF\";700;21;\"Buchungsstapel\";13;".utf8)))
        let lines = String(decoding: written, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(run.out.hasPrefix("\(lines.count - 2) records, "), "\(run.out)")
        let debtors = Int(try await workspace.sqlite(db, "SELECT count(*) FROM datev_debtors;").trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(debtors > 0 && run.out.contains("\(debtors) new debtor accounts"), "\(run.out)")

        // Again, to standard output: no new accounts, the same lines but the header's time of creation.
        run = try await Processes.run(kontor, ["datev", "export", "--db", db, "--from", from, "--to", today, "--out", "-"], environment: env)
        #expect(run.status == 0 && !run.err.contains("new debtor"), "\(run.err)")
        let again = String(decoding: run.stdout, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(Array(again.dropFirst()) == Array(lines.dropFirst()))
        // The period as German offices write dates, as the refusal of a wrong one shows them.
        run = try await Processes.run(kontor, ["datev", "export", "--db", db, "--from", CalendarDate.german(from), "--to", CalendarDate.german(today),
                                               "--out", "-"], environment: env)
        #expect(run.status == 0, "\(run.err)")
        #expect(Array(String(decoding: run.stdout, as: UTF8.self).components(separatedBy: "\r\n").dropLast().dropFirst()) == Array(lines.dropFirst()))
        run = try await Processes.run(kontor, ["datev", "open-items", "--db", db, "--date", CalendarDate.german(today)], environment: env)
        #expect(run.status == 0, "\(run.err)")

        // The advisor keeps 19 % revenue on 8401: set, listed, and the export books onto it instead of 8400.
        run = try await Processes.run(kontor, ["settings", "--db", db, "--set", "datev-account-revenue19=8401"], environment: env)
        #expect(run.status == 0 && run.out.contains("datev-account-revenue19               8401 (set: revenue 19 % VAT)"), "\(run.out)\(run.err)")
        #expect(run.out.contains("datev-account-bank                    1200 (SKR03:"), "\(run.out)")
        run = try await Processes.run(kontor, ["datev", "export", "--db", db, "--from", from, "--to", today, "--out", "-"], environment: env)
        let moved = String(decoding: run.stdout, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(run.status == 0 && moved.count == lines.count, "\(run.err)")
        #expect(moved.contains { $0.contains(";8401;") } && !moved.contains { $0.contains(";8400;") })
        run = try await Processes.run(kontor, ["settings", "--db", db, "--set", "datev-account-revenue19=84010"], environment: env)
        #expect(run.status != 0 && run.err.contains("DATEV account revenue19: must be an account of 4 digits"), "\(run.err)")
        run = try await Processes.run(kontor, ["settings", "--db", db, "--set", "datev-account-revenue19="], environment: env)
        #expect(run.status == 0 && run.out.contains("datev-account-revenue19               8400 (SKR03:"), "\(run.out)\(run.err)")

        run = try await Processes.run(kontor, ["datev", "debtors", "--db", db, "--out", "-"], environment: env)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.stdout.starts(with: Data("\"EXTF\";700;16;\"Debitoren/Kreditoren\";5;".utf8)))
        #expect(!run.stdout.contains(0x1B) && String(decoding: run.stdout, as: UTF8.self).contains("Payload GmbH"))

        // A customer with a name in Chinese characters, as the demo has some.
        _ = try await workspace.sqlite(db, """
            UPDATE customers SET name = '北京华通科技有限公司' WHERE id = (SELECT customer_id FROM invoices WHERE status = 'issued' ORDER BY id LIMIT 1);
            """)
        run = try await Processes.run(kontor, ["datev", "open-items", "--db", db], environment: env)
        #expect(run.status == 0, "\(run.err)")
        #expect(!run.stdout.contains(0x1B))
        let open = Int(try await workspace.sqlite(db, "SELECT sum(gross_cents - paid_cents) FROM invoices WHERE status <> 'draft';")
            .trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(run.out.contains("total \(Self.euros(open)) EUR"), "\(run.out.suffix(300))")
        // The numbers stand in one column on a terminal, after Latin and CJK names alike.
        func cells(_ text: Substring) -> Int {
            text.unicodeScalars.reduce(0) { width, scalar in
                let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                    || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
                return width + (wide ? 2 : 1)
            }
        }
        let columns = run.out.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /(CN-)?[0-9]{4}-[0-9]{5}/).map { (cells(line[..<$0.range.lowerBound]), line) }
        }
        #expect(columns.contains { $0.1.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }, "the demo has CJK names")
        #expect(Set(columns.map(\.0)) == [30], "\(columns.filter { $0.0 != 30 }.prefix(3))")
    }
}
