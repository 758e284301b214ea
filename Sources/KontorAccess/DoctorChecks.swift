import Foundation
import KontorModel

extension Doctor {
    /// How an administrator runs Kontor as the service account here, for
    /// the fixes a finding names: `sudo -u kontor kontor backup`, or with
    /// this server's account, program and configuration file.
    public struct Invocation: Sendable {
        public var account: String
        public var program: String
        /// The configuration file, when not the standard one.
        public var config: String?

        public init(account: String = "kontor", program: String = "kontor", config: String? = nil) {
            self.account = account
            self.program = program
            self.config = config
        }

        /// "sudo -u kontor kontor backup", with `--config FILE` when it is another.
        public func line(_ words: String) -> String {
            "sudo -u \(account) \(program) \(words)" + (config.map { " --config \($0)" } ?? "")
        }
    }

    // MARK: The database and its files

    /// The database file is there and holds something: a missing or empty
    /// file at the configured path is what a mistyped path looks like.
    public static func databaseFile(_ path: String) -> DoctorFinding {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .problem("database \(path): \(String(cString: strerror(errno)))",
                            fix: "check database = in the configuration, or create it with kontor setup")
        }
        guard info.st_size > 0 else {
            return .problem("database \(path) is empty", fix: "restore a backup over it, or remove it and run kontor setup")
        }
        return .ok("database \(path) (\(size(Int64(info.st_size))))")
    }

    /// The database folder and every file Kontor keeps in it (the database,
    /// its `-wal` and `-shm`, the presence file, the backups) belong to
    /// `owner` and to nobody else: folders 0700, files 0600.
    public static func ownership(database path: String, owner: String) -> [DoctorFinding] {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let backups = KontorDatabase.backupFolder(ofDatabase: path)
        var items = [(folder, true)]
        items += ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(name) }.sorted()
            .map { ((folder as NSString).appendingPathComponent($0), false) }
        if FileManager.default.fileExists(atPath: backups) {
            items.append((backups, true))
            items += ((try? FileManager.default.contentsOfDirectory(atPath: backups)) ?? []).sorted()
                .map { ((backups as NSString).appendingPathComponent($0), false) }
        }
        var problems: [DoctorFinding] = []
        for (item, isFolder) in items {
            var info = stat()
            guard lstat(item, &info) == 0 else { continue }
            let account = accountName(info.st_uid)
            let open = info.st_mode & 0o077
            let fix = "chown -R \(owner): \(folder) && chmod 700 \(folder) && chmod 600 \(folder)/\(name)*"
            if account != owner {
                problems.append(.problem("\(item) belongs to \(account), not \(owner)", fix: fix))
            } else if open != 0 {
                problems.append(.problem("\(item) has mode \(octal(info.st_mode)): others can \(open & 0o022 != 0 ? "write" : "read") it (\(isFolder ? "0700" : "0600") wanted)",
                                         fix: fix))
            }
        }
        guard problems.isEmpty else { return problems }
        return [.ok("\(folder) and its \(items.count - 1) files: owner \(owner), nobody else can open them")]
    }

    // MARK: Who may come in

    /// The Kontor block of `authorized_keys` holds exactly the keys of the
    /// active staff, each forced to `kontor serve` as its owner; the file
    /// is the service account's alone, as sshd's StrictModes demands.
    public static func authorizedKeys(path: String, keys: [StaffKey], command: String, config: String?,
                                      runAs: Invocation = Invocation()) -> DoctorFinding {
        let fix = runAs.line("staff key sync") + " (writes the file from the staff list)"
        let actual = (try? String(contentsOfFile: path, encoding: .utf8))
        let expected = AuthorizedKeys.render(existing: actual ?? "", keys: keys, command: command, config: config)
        let wanted = block(expected)
        guard let actual else {
            if wanted.isEmpty { return .ok("authorized_keys \(path): none yet, and no staff key to list") }
            return .problem("authorized_keys \(path) is missing; \(wanted.count) staff keys should be in it", fix: fix)
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o022 != 0 {
            return .problem("authorized_keys \(path) has mode \(octal(info.st_mode)): sshd ignores a file others can write",
                            fix: "chmod 600 \(path)")
        }
        // A key outside Kontor's block with no forced command is a shell as
        // the service account: past every rule, straight to the database.
        let open = outsideBlock(actual).filter { !$0.contains("command=") }.map(servedUser)
        if !open.isEmpty {
            return .problem("authorized_keys \(path) lets \(open.joined(separator: ", ")) in with a shell as the service account, outside Kontor's keys (no command=)",
                            fix: "remove those lines, or give each restrict,command=\"…\"; staff come in with kontor staff key add")
        }
        let present = block(actual)
        guard present != wanted else { return .ok("authorized_keys: \(wanted.count) keys, as the staff list says") }
        let missing = Set(wanted).subtracting(present).map(servedUser).sorted()
        let extra = Set(present).subtracting(wanted).map(servedUser).sorted()
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing for \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { parts.append("not on the staff list: \(extra.joined(separator: ", "))") }
        if parts.isEmpty { parts.append("in another order") }
        return .problem("authorized_keys \(path) is not in step with the staff list (\(parts.joined(separator: "; ")))", fix: fix)
    }

    /// The lines between Kontor's markers.
    private static func block(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").map(String.init)
        guard let begin = lines.firstIndex(of: AuthorizedKeys.begin) else { return [] }
        return Array(lines[(begin + 1)...].prefix { $0 != AuthorizedKeys.end })
    }

    /// The key lines before and after Kontor's markers (not comments, not blank).
    private static func outsideBlock(_ text: String) -> [String] {
        var inBlock = false
        var outside: [String] = []
        for line in text.split(separator: "\n").map(String.init) {
            if line == AuthorizedKeys.begin { inBlock = true; continue }
            if line == AuthorizedKeys.end { inBlock = false; continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inBlock, !trimmed.isEmpty, !trimmed.hasPrefix("#") { outside.append(trimmed) }
        }
        return outside
    }

    /// Who a line lets in: the USER of its `serve USER`, or the key's comment.
    private static func servedUser(_ line: String) -> String {
        if let range = line.range(of: " serve ") {
            return String(line[range.upperBound...].prefix { $0 != " " && $0 != "\"" })
        }
        return String(line.split(separator: " ").last ?? "?")
    }

    // MARK: The session's terminal

    /// TERM names a terminal this machine has a description of; without
    /// one ncurses cannot draw (or draws for the wrong terminal).
    public static func terminalType(_ environment: [String: String], inTerminal: Bool,
                                    terminfo: [String] = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"]) -> DoctorFinding {
        guard inTerminal else { return .ok("TERM not checked: not run in a terminal (ssh -t … doctor checks the screens' terminal)") }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else {
            return .problem("TERM is \(term.isEmpty ? "not set" : "dumb"): the screens cannot be drawn", fix: "connect with ssh -t, or export TERM=xterm-256color")
        }
        let folders = (environment["TERMINFO"].map { [$0] } ?? []) + (environment["HOME"].map { ["\($0)/.terminfo"] } ?? []) + terminfo
        let known = folders.contains { folder in
            [String(term.prefix(1)), String(format: "%02x", term.utf8.first ?? 0)].contains { FileManager.default.fileExists(atPath: "\(folder)/\($0)/\(term)") }
        }
        guard known else {
            return .problem("TERM=\(term) is unknown on this server (no terminfo entry)",
                            fix: "install its terminfo (apt install ncurses-term), or connect with TERM=xterm-256color")
        }
        return .ok("TERM=\(term)")
    }

    /// A UTF-8 locale, so that umlauts and box lines are drawn as such.
    public static func locale(_ environment: [String: String]) -> DoctorFinding {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let upper = locale.uppercased()
        guard upper.contains("UTF-8") || upper.contains("UTF8") else {
            return .problem("locale \(locale.isEmpty ? "not set" : locale) is not UTF-8: umlauts would not show",
                            fix: "export LANG=C.UTF-8 (over SSH: AcceptEnv LANG LC_* in sshd, or kontor serve sets C.UTF-8 itself)")
        }
        return .ok("locale \(locale)")
    }

    /// At least 80×24, what every screen is laid out for.
    public static func terminalSize(columns: Int?, rows: Int?) -> DoctorFinding {
        guard let columns, let rows else { return .ok("terminal size not checked: not run in a terminal") }
        guard columns >= minimumColumns, rows >= minimumRows else {
            return .problem("terminal is \(columns)×\(rows), smaller than \(minimumColumns)×\(minimumRows)",
                            fix: "make the window larger (or the font smaller)")
        }
        return .ok("terminal \(columns)×\(rows)")
    }

    // MARK: The storage engine and the disk

    /// A SQLite recent enough, with full-text search, the file in WAL mode.
    public static func engine(_ facts: StorageFacts, runAs: Invocation = Invocation()) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        if !facts.engineIsRecentEnough {
            findings.append(.problem("SQLite \(facts.engineVersion) is older than \(StorageFacts.oldestEngine)", fix: "install a newer libsqlite3 (Debian 11 or later has one)"))
        } else if !facts.fullTextSearch {
            findings.append(.problem("SQLite \(facts.engineVersion) has no full-text search (FTS5)", fix: "install a libsqlite3 built with FTS5, as Debian's is"))
        } else {
            findings.append(.ok("SQLite \(facts.engineVersion) with full-text search"))
        }
        if facts.journalMode.lowercased() == "wal" {
            findings.append(.ok("journal mode WAL: people read while one saves"))
        } else {
            findings.append(.problem("journal mode is \(facts.journalMode), not WAL: a save would keep everyone else waiting",
                                     fix: "sudo -u \(runAs.account) sqlite3 DATABASE 'PRAGMA journal_mode=WAL' while nobody is in"))
        }
        return findings
    }

    /// Room beside the database: for it to grow, and for a backup (a copy
    /// the size of the database) to be written there.
    public static func freeSpace(folder: String, databaseBytes: Int64, freeBytes: Int64? = nil) -> DoctorFinding {
        var free = freeBytes
        if free == nil {
            var info = statvfs()
            if statvfs(folder, &info) == 0 { free = Int64(info.f_bavail) * Int64(info.f_frsize) }
        }
        guard let free else { return .problem("free space in \(folder) cannot be read: \(String(cString: strerror(errno)))", fix: "check that the folder exists") }
        let needed = max(minimumFreeBytes, 2 * databaseBytes)
        guard free >= needed else {
            return .problem("only \(size(free)) free beside the database (\(size(databaseBytes))); a backup needs its size again",
                            fix: "free at least \(size(needed)) on that disk, or move the database (database = in the configuration)")
        }
        return .ok("\(size(free)) free beside the database (\(size(databaseBytes)))")
    }

    /// A backup taken within the last day (`kontor backup` notes each one).
    public static func lastBackup(database path: String, now: Date = Date(), runAs: Invocation = Invocation()) -> DoctorFinding {
        let fix = runAs.line("backup") + ", and daily from the service account's crontab (README: Where the data lives)"
        guard let last = KontorDatabase.lastBackup(ofDatabase: path) else {
            return .problem("no backup found in \(KontorDatabase.backupFolder(ofDatabase: path))", fix: fix)
        }
        // The note outlives the copy it names: a copy removed since is no backup.
        guard FileManager.default.fileExists(atPath: last.copy) else {
            return .problem("the last backup noted, \(last.copy), is no longer there", fix: fix)
        }
        let since = now.timeIntervalSince(last.at)
        guard since <= backupMaxAge else {
            return .problem("the last backup is \(age(since)) old (\(last.copy))", fix: fix)
        }
        return .ok("last backup \(age(since)) ago (\(last.copy))")
    }
}
