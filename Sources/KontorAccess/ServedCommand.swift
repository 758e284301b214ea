import KontorLocale
/// What someone who came in by SSH key asked for (`SSH_ORIGINAL_COMMAND`,
/// as in `ssh kontor@server export customers`), read strictly: words and
/// quoted words only, no shell and nothing a shell would expand, one of
/// Kontor's own commands, on Kontor's own database, with output to the
/// caller. Anything else is refused in one line.
public enum ServedCommand {
    /// The commands a key may run, with what each is for.
    public static let allowed: [(name: String, help: String)] = [
        ("staff", "staff list (admins: add, role, deactivate, activate, key)"),
        ("settings", "the company settings (admins: --set key=value)"),
        ("print", "an invoice or credit note as text, or as PDF: print 2026-00042 --pdf > rechnung.pdf"),
        ("check", "look for damage in the database"),
        ("backup", "a checked copy beside the database, on the server (admins)"),
        ("doctor", "check the installation: database, modes, keys, terminal, SQLite, disk, last backup (admins)"),
        ("whoami", "the member of staff this key belongs to"),
        ("export", "a list as CSV on standard output: export customers > kunden.csv"),
        ("import", "a CSV file from standard input: import products < artikel.csv"),
        ("einvoice", "XRechnung e-invoices of issued invoices"),
        ("datev", "the books for the tax advisor on standard output: datev export --from 2026-01-01 --to 2026-01-31 > EXTF_Buchungsstapel.csv"),
        ("bank", "bank statements from standard input: bank import < auszug.xml (camt.053, a zip of them, or CSV); bank waiting"),
        ("dunning", "dunning runs: dunning run --dry-run lists; dunning run sends (letters into your files, see files; --mail queues them too); dunning fee Mahnung-00012"),
        ("mail", "outgoing mail: mail outbox, mail invoice 2026-00042 (with PDF and XRechnung), mail retry ID"),
        ("help", "what a command takes: help settings, help staff add"),
        ("files", "the files you made on the server (prints, exports, letters): files lists them; files get invoices/2026-00042.pdf > 2026-00042.pdf"),
    ]

    /// Options that would reach outside Kontor's database and the caller's
    /// terminal.
    static let refusedOptions = ["--db", "--config", "--out", "--write"]

    /// Characters a shell would act on: refused outside quotes, so nobody
    /// mistakes this for a shell.
    static let shellCharacters = Set("$`;|&<>(){}*?[]~!\\#")

    public static let maxLength = 4096

    /// The words of `command`, checked; an error saying what is wrong.
    public static func parse(_ command: String) throws -> [String] {
        guard command.utf8.count <= maxLength else { throw AccessError(tr("the command is longer than {0} bytes", maxLength)) }
        if let reason = VisibleTextRule.forbiddenReason(command) { throw AccessError("the command \(reason)") }
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for ch in command {
            if let open = quote {
                if ch == open { quote = nil } else { current.append(ch) }
                continue
            }
            switch ch {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'", "\"":
                quote = ch
                inWord = true
            default:
                if shellCharacters.contains(ch) {
                    throw AccessError(tr("'{0}' is not allowed here: no shell runs these commands (quote it if it is part of a value)", String(ch)))
                }
                current.append(ch)
                inWord = true
            }
        }
        if quote != nil { throw AccessError(tr("a quote is not closed")) }
        if inWord { words.append(current) }
        // "--lang de" may stand anywhere, as on the command line; the command is the first other word.
        var named = words[...]
        while let first = named.first, first == "--lang" || first.hasPrefix("--lang=") { named = named.dropFirst(first == "--lang" ? 2 : 1) }
        guard let name = named.first else { throw AccessError(tr("no command given; {0}", usage())) }
        guard allowed.contains(where: { $0.name == name }) else {
            throw AccessError(tr("'{0}' is not a Kontor command this key may run; {1}", VisibleTextRule.shown(name), usage()))
        }
        for word in words {
            let option = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if refusedOptions.contains(option) {
                throw AccessError(tr("{0} is not available here: commands work on Kontor's own database and write to your terminal", option))
            }
        }
        try refuseServerFiles(words)
        return words
    }

    /// A key file named over SSH would be read on the server, as the
    /// service account: files come on standard input (`-`) only.
    static func refuseServerFiles(_ words: [String]) throws {
        let refusal = AccessError(tr("a file on the server cannot be named here: send it on standard input (-), as in ssh … staff key add anna - < anna.pub"))
        for (index, word) in words.enumerated() {
            if word == "--key", index + 1 < words.count, words[index + 1] != "-" { throw refusal }
            if word.hasPrefix("--key="), word != "--key=-" { throw refusal }
        }
        if words.starts(with: ["staff", "key", "add"]), words.count >= 5, words[4] != "-" { throw refusal }
    }

    public static func usage() -> String {
        tr("commands: {0}", allowed.map(\.name).joined(separator: ", "))
    }
}
