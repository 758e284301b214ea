import Foundation
import Testing

/// Escape sequences, direction controls and invisible characters stored in
/// the data (by an import, another tool or plain sqlite3) never reach the
/// terminal through the command line, and are refused when typed there.
@Suite("Payloads and the command line")
struct CommandLinePayloadTests {
    /// The payload set: OSC 0/2/52, CSI 2J, SGR, C1 CSI, direction
    /// overrides and marks, zero-width characters, NUL, invalid UTF-8 and
    /// a 10 kB string, as SQL expressions (bytes where text cannot say them).
    static let payloads: [String] = [
        "X'1B5D303B7469746C6507'", "X'1B5D323B7469746C651B5C'", "X'1B5D35323B633B6147567362473839070A'",
        "X'1B5B324A'", "X'1B5B33316D7265641B5B306D'", "X'C29B33316D'", "X'E280AE6770672E657865'",
        "X'D89C61D89C'", "X'E2808F72746CE2808F'", "X'E2808BE2808BEFBBBF41E281A0'", "X'4E554C00414641'",
        "X'FFFE80C0414243'", "printf('%.10000c', 'x')",
    ]

    /// Bytes that would act on a terminal, or hide or turn text, if printed.
    static let forbidden: [[UInt8]] = [
        [0x1B], [0x07], [0x00], [0xC2, 0x9B], [0xE2, 0x80, 0xAE], [0xD8, 0x9C], [0xE2, 0x80, 0x8F],
        [0xE2, 0x80, 0x8B], [0xEF, 0xBB, 0xBF], [0xE2, 0x81, 0xA0],
    ]

    static func leaks(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        return forbidden.compactMap { needle in
            guard bytes.count >= needle.count else { return nil }
            for start in 0...(bytes.count - needle.count) where Array(bytes[start..<start + needle.count]) == needle {
                return needle.map { String(format: "%02X", $0) }.joined(separator: " ")
            }
            return nil
        }
    }

    @Test func staffAndSettingsPrintThePayloadsHarmlessly() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let kontor = try KontorBinary.path()
        var sql = ""
        for (index, payload) in Self.payloads.enumerated() {
            sql += """
                INSERT INTO staff (username, full_name, title, department, role, created_at, updated_at, updated_by)
                VALUES ('payload\(index)', CAST(\(payload) AS TEXT), CAST(\(payload) AS TEXT), 'x', 'front',
                        '2026-12-05T00:00:00Z', '2026-12-05T00:00:00Z', 'sqlite3');

                """
        }
        sql += "UPDATE settings SET value = CAST(\(Self.payloads[0]) AS TEXT) || CAST(\(Self.payloads[6]) AS TEXT) WHERE key = 'company.name';"
        sql += "UPDATE settings SET value = CAST(\(Self.payloads[2]) AS TEXT) || CAST(\(Self.payloads[9]) AS TEXT) WHERE key = 'company.bank';"
        try await workspace.sqlite(db, sql)

        let staff = try await Processes.run(kontor, ["staff", "--db", db], environment: workspace.environment)
        #expect(staff.status == 0, "\(staff.err)")
        #expect(staff.out.contains("payload12"))
        #expect(Self.leaks(staff.stdout + staff.stderr).isEmpty, "leaked: \(Self.leaks(staff.stdout + staff.stderr))")
        let settings = try await Processes.run(kontor, ["settings", "--db", db], environment: workspace.environment)
        #expect(settings.status == 0, "\(settings.err)")
        #expect(settings.out.contains("␛]0;title␇"), "\(settings.out)")
        #expect(Self.leaks(settings.stdout + settings.stderr).isEmpty, "leaked: \(Self.leaks(settings.stdout + settings.stderr))")
    }

    @Test func typedPayloadsAreRefusedAndTheRefusalIsHarmlessToo() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase()
        let kontor = try KontorBinary.path()
        let before = try await workspace.sqlite(db, "SELECT count(*) FROM staff; SELECT value FROM settings WHERE key = 'company.name';")
        for arguments in [["staff", "add", "xanna", "--name", "\u{FEFF}Anna", "--role", "front"],
                          ["staff", "add", "xevil", "--name", "\u{1B}]0;pwned\u{07}", "--role", "front"],
                          ["settings", "--set", "name=Demo\u{200B} GmbH"],
                          ["settings", "--set", "bank=\u{1B}]52;c;aGVsbG8=\u{07}"],
                          ["settings", "--set", "\u{1B}[2J=1"]] {
            let result = try await Processes.run(kontor, arguments + ["--db", db], environment: workspace.environment)
            #expect(result.status != 0, "\(arguments) was accepted")
            #expect(result.err.contains("contains") || result.err.contains("unknown setting"), "\(result.err)")
            #expect(Self.leaks(result.stdout + result.stderr).isEmpty, "\(arguments) leaked \(Self.leaks(result.stdout + result.stderr))")
        }
        #expect(try await workspace.sqlite(db, "SELECT count(*) FROM staff; SELECT value FROM settings WHERE key = 'company.name';") == before)
    }
}
