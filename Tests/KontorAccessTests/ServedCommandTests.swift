import KontorAccess
import Testing

/// What a key may ask for over SSH, read strictly.
@Suite("Commands run through an SSH key")
struct ServedCommandTests {
    @Test func wordsAndQuotedWordsAreRead() throws {
        #expect(try ServedCommand.parse("staff list") == ["staff", "list"])
        #expect(try ServedCommand.parse("  print   2026-00042 ") == ["print", "2026-00042"])
        #expect(try ServedCommand.parse("settings --set 'name=Müller & Söhne GmbH'") == ["settings", "--set", "name=Müller & Söhne GmbH"])
        #expect(try ServedCommand.parse("staff add anna --name \"Anna Schäfer\"") == ["staff", "add", "anna", "--name", "Anna Schäfer"])
        #expect(try ServedCommand.parse("export customers") == ["export", "customers"])
        #expect(try ServedCommand.parse("staff key add anna -") == ["staff", "key", "add", "anna", "-"])
        #expect(try ServedCommand.parse("settings --set tax-number=12/345/67890") == ["settings", "--set", "tax-number=12/345/67890"])
        #expect(try ServedCommand.parse("dunning run --dry-run --date 2026-12-20") == ["dunning", "run", "--dry-run", "--date", "2026-12-20"])
        #expect(try ServedCommand.parse("dunning fee Mahnung-00012 --amount 5,00") == ["dunning", "fee", "Mahnung-00012", "--amount", "5,00"])
    }

    @Test(arguments: [
        ("bash", "not a Kontor command"),
        ("", "no command given"),
        ("sftp-server", "not a Kontor command"),
        ("/usr/lib/openssh/sftp-server", "not a Kontor command"),
        ("staff list; cat /etc/shadow", "';' is not allowed"),
        ("staff list | nc x 1", "'|' is not allowed"),
        ("print $(id)", "'$' is not allowed"),
        ("print `id`", "'`' is not allowed"),
        ("print ../../kontor.sqlite > x", "'>' is not allowed"),
        ("staff list --db /srv/kontor/other.sqlite", "--db is not available"),
        ("staff list --db=/tmp/x", "--db is not available"),
        ("settings --config /tmp/evil.conf", "--config is not available"),
        ("print 'unclosed", "a quote is not closed"),
        ("print \u{1B}]0;x\u{07}", "contains a control character"),
        ("keys --write README.md", "not a Kontor command"),
        ("dunning run --out /srv/kontor", "--out is not available"),
        ("dunning run --out=/tmp/x", "--out is not available"),
        ("serve admin", "not a Kontor command"),
        ("staff key add anna /etc/shadow", "a file on the server cannot be named"),
        ("staff add anna --name Anna --key /srv/kontor/kontor.sqlite", "a file on the server cannot be named"),
        ("staff add anna --name Anna --key=/etc/passwd", "a file on the server cannot be named"),
    ])
    func refused(_ command: String, _ reason: String) {
        #expect {
            try ServedCommand.parse(command)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func aVeryLongCommandIsRefused() {
        #expect(throws: AccessError.self) { try ServedCommand.parse("print " + String(repeating: "9", count: 5000)) }
    }
}
