import ArgumentParser
import Foundation
import KontorLocale
import KontorAccess
import KontorModel

/// `kontor doctor`: what an administrator checks before blaming Kontor —
/// the database, who owns it, the keys, this session's terminal, SQLite,
/// the disk and the last backup; one line each, with the fix.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Check the installation: database, owner and modes, keys, terminal, SQLite, disk, last backup (admins)."),
        discussion: tr("One line per check: \"ok  …\" or \"!!  problem — fix: …\". Exit status 0 when all is well, 1 when a problem was found.")
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let server = try database.serverConfig()
        // Over SSH the report shows where everything lives: admins only.
        if Identity.config != nil {
            do { try Staff.session(database).require(.maintain) } catch { throw KontorFailure(ErrorText.describe(error)) }
        }
        let path = database.path(defaultName: "kontor.sqlite")
        let environment = ProcessInfo.processInfo.environment
        var findings: [DoctorFinding] = []
        // The fixes name this server's account, program and configuration file.
        let runAs = server.map { KontorAccess.Doctor.Invocation(account: $0.serviceAccount, program: $0.command ?? StaffKeyFiles.executablePath(),
                                                                config: $0.path == ServerConfig.standardPath ? nil : $0.path) }
            ?? KontorAccess.Doctor.Invocation(account: Actor.current().username)
        let file = KontorAccess.Doctor.databaseFile(path)
        findings.append(file)
        let owner = server?.serviceAccount ?? Actor.current().username
        findings += KontorAccess.Doctor.ownership(database: path, owner: owner)
        if file.ok {
            findings += keys(path: path, server: server, runAs: runAs)
            do {
                findings += KontorAccess.Doctor.engine(try KontorDatabase.storageFacts(path: path), runAs: runAs)
            } catch {
                findings.append(.problem(tr("SQLite cannot read {0}: {1}", path, error), fix: tr("kontor check --db {0} says what is wrong", path)))
            }
        }
        let terminal = isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1
        findings.append(KontorAccess.Doctor.terminalType(environment, inTerminal: terminal))
        findings.append(KontorAccess.Doctor.locale(environment))
        let size = terminal ? terminalSize() : nil
        findings.append(KontorAccess.Doctor.terminalSize(columns: size?.columns, rows: size?.rows))
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64) ?? 0
        findings.append(KontorAccess.Doctor.freeSpace(folder: (path as NSString).deletingLastPathComponent, databaseBytes: bytes))
        findings.append(KontorAccess.Doctor.lastBackup(database: path, runAs: runAs))
        findings.append(mail(server: server))
        for finding in findings { say(finding.line) }
        let problems = findings.filter { !$0.ok }.count
        guard problems == 0 else {
            say(Wording.count(problems, one: "{0} problem found", other: "{0} problems found"))
            throw ExitCode(1)
        }
    }

    /// The keys check, as an admin of the database: the staff list is
    /// read as the caller, who must be an admin (the keys are theirs to see),
    /// or the account that owns the database (the service account itself).
    private func keys(path: String, server: ServerConfig?, runAs: KontorAccess.Doctor.Invocation) -> [DoctorFinding] {
        do {
            let keys: [StaffKey]
            if Identity.ownsDatabase(at: path) {
                keys = try database.open(defaultName: "kontor.sqlite").staffKeysForServer()
            } else {
                let session = try Staff.session(database)
                try session.require(.maintain)
                keys = try session.staffDirectory.keys()
            }
            guard let server else { return [.ok(tr("authorized_keys not checked: no server configuration (a personal installation)"))] }
            return [KontorAccess.Doctor.authorizedKeys(path: server.authorizedKeysPath(), keys: keys,
                                                       command: server.command ?? StaffKeyFiles.executablePath(),
                                                       config: server.path == ServerConfig.standardPath ? nil : server.path, runAs: runAs)]
        } catch {
            return [.problem(tr("the staff list cannot be read as {0}: {1}", Identity.actor().username, error),
                             fix: tr("run doctor as an admin: {0}", runAs.line("doctor")))]
        }
    }

    /// Whether the sendmail command mail goes out through is there: the
    /// server's configuration's, else the mail settings'.
    private func mail(server: ServerConfig?) -> DoctorFinding {
        let command = server?.sendmail ?? (try? database.open(defaultName: "kontor.sqlite").sendmailCommand()) ?? "/usr/sbin/sendmail -t -i"
        if let program = Sendmail.program(of: command) { return .ok(tr("mail goes out through {0}", program)) }
        return .problem(tr("mail cannot go out: '{0}' is not there", command),
                        fix: server == nil ? tr("install msmtp-mta or postfix, or set another sendmail command in the mail settings (@ on Invoices)")
                                           : tr("install msmtp-mta or postfix, or set sendmail = … in {0}", server!.path))
    }

    private func terminalSize() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
