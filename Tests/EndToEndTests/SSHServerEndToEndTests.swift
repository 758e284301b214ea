import Foundation
import KontorModel
import TestSupport
import Testing

/// The deployment as README gives it, against a real OpenSSH server on
/// 127.0.0.1: a service account owns the database, staff come in by key
/// (forced to `kontor serve USER`), and nothing else gets through.
///
/// Needs root (it creates an account and runs sshd) and OpenSSH's server;
/// `.ci/run` installs it. Elsewhere the test is reported as skipped.
@Suite("Deployment over a real SSH server", .serialized)
struct SSHServerEndToEndTests {
    static let canRun = geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd")

    /// One server for the test: the account, its files, sshd and the keys;
    /// all of it removed by `tearDown`, whatever happened.
    final class Server {
        let workspace: Workspace
        let account = "ktest" + UUID().uuidString.prefix(6).lowercased()
        var port = 0
        var kontor: String { workspace.file("bin/kontor") }
        var config: String { workspace.file("etc/kontor.conf") }
        var database: String { workspace.file("srv/kontor.sqlite") }
        var created = false

        init() throws { workspace = try Workspace() }

        func run(_ executable: String, _ arguments: [String], stdin: String = "/dev/null", directory: String? = nil) async throws -> ProcessResult {
            try await Processes.run(executable, arguments, environment: workspace.environment, stdin: stdin, directory: directory ?? workspace.path)
        }

        @discardableResult
        func must(_ executable: String, _ arguments: [String], stdin: String = "/dev/null", directory: String? = nil) async throws -> ProcessResult {
            let result = try await run(executable, arguments, stdin: stdin, directory: directory)
            guard result.status == 0 else {
                throw E2EError("\(executable) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.err)\(result.out)")
            }
            return result
        }

        /// The administrator's steps from README, in a folder of the test.
        func setUp() async throws {
            let fm = FileManager.default
            for folder in ["bin", "etc", "keys", "sshd", "home"] {
                try fm.createDirectory(atPath: workspace.file(folder), withIntermediateDirectories: true)
            }
            try fm.copyItem(atPath: try KontorBinary.path(), toPath: kontor)
            try await must("/usr/sbin/useradd", ["--system", "--home-dir", workspace.file("home/\(account)"), "--create-home",
                                                 "--shell", "/bin/sh", account])
            created = true
            // No password, but not locked either: sshd refuses a locked
            // account even with a good key.
            try await must("/usr/sbin/usermod", ["-p", "*", account])
            // The database folder: the service account's alone.
            try await must("/usr/bin/install", ["-d", "-o", account, "-g", account, "-m", "0700", workspace.file("srv")])
            try """
                database = \(database)
                service_account = \(account)
                command = \(kontor)
                sendmail = /usr/bin/msmtp -t
                """.write(toFile: config, atomically: true, encoding: .utf8)
            for person in ["chef", "anna"] {
                try await must("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(person)@laptop", "-f", workspace.file("keys/\(person)")])
            }
            // Run from a folder the service account may not enter, as `sudo -u kontor` from an admin's home is.
            let closed = workspace.file("closed")
            try fm.createDirectory(atPath: closed, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try await must("/usr/sbin/runuser", ["-u", account, "--", kontor, "setup", "--config", config,
                                                 "--admin", "chef", "--name", "Chef Admin", "--key", "-"],
                           stdin: workspace.file("keys/chef.pub"), directory: closed)
            try await startSSHD()
        }

        func startSSHD() async throws {
            try await must("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", workspace.file("sshd/host_key")])
            let dropIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("deploy/sshd_config.d/kontor.conf")
            let rules = try String(contentsOf: dropIn, encoding: .utf8).replacingOccurrences(of: "Match User kontor", with: "Match User \(account)")
            try rules.write(toFile: workspace.file("sshd/kontor.conf"), atomically: true, encoding: .utf8)
            port = try Self.freePort()
            try """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(workspace.file("sshd/host_key"))
                PidFile \(workspace.file("sshd/sshd.pid"))
                AuthorizedKeysFile .ssh/authorized_keys
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes yes
                AllowUsers \(account)
                LogLevel VERBOSE
                Include \(workspace.file("sshd/kontor.conf"))
                """.write(toFile: workspace.file("sshd/sshd_config"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
            // sshd goes into the background by itself, as tmux does: started
            // the way the tmux tests start their server (see runStartingDaemon).
            let started = try await Processes.runStartingDaemon("/usr/sbin/sshd", ["-f", workspace.file("sshd/sshd_config"), "-E", workspace.file("sshd/log")],
                                                                environment: workspace.environment)
            guard started.status == 0 else { throw E2EError("sshd did not start (\(started.status)): \(started.err)\(log)") }
            try await waitUntil("sshd listening on 127.0.0.1:\(port)", details: { self.log }) { Self.accepts(port: self.port) }
        }

        var log: String { (try? String(contentsOfFile: workspace.file("sshd/log"), encoding: .utf8)) ?? "" }

        /// `ssh` as `person` with their key, running `command` (none: a terminal).
        func sshArguments(_ person: String, tty: Bool = false) -> [String] {
            ["-i", workspace.file("keys/\(person)"), "-p", "\(port)", "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR"]
                + (tty ? ["-tt"] : []) + ["\(account)@127.0.0.1"]
        }

        func ssh(_ person: String, _ command: String, stdin: String = "/dev/null") async throws -> ProcessResult {
            return try await run("/usr/bin/ssh", sshArguments(person) + [command], stdin: stdin)
        }

        func tearDown() async {
            if let pid = (try? String(contentsOfFile: workspace.file("sshd/sshd.pid"), encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                kill(pid, SIGTERM)
            }
            // Sessions of the account still running (a kontor that did not end).
            _ = try? await run("/usr/bin/pkill", ["-KILL", "-u", account])
            if created { _ = try? await run("/usr/sbin/userdel", ["-r", "-f", account]) }
        }

        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw E2EError("no free port on 127.0.0.1") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        static func accepts(port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }
    }

    /// An invoice 60 days old for a new customer, issued through the model
    /// on the server's database as its admin; the database's files stay the
    /// service account's. Returns its number.
    func seedOverdueInvoice(_ server: Server) async throws -> String {
        let number: String
        do {
            let database = try KontorDatabase(path: server.database)
            let chef = try database.session(for: Actor(username: "chef"))
            var settings = try chef.settings()
            settings.completeForInvoices()
            try chef.saveSettings(settings)
            let customer = try database.customers.create(CustomerFields(name: "Säumig & Co. KG", street: "Hafenstraße 3", postalCode: "20457",
                                                                        city: "Hamburg", country: "DE"), by: chef)
            let draft = try database.invoices.createDraft(customerID: customer.id, lines: [
                InvoiceLineInput(description: "Beratung", quantity: 2, unit: "h", unitPriceCents: 10_000),
            ], by: chef)
            let issueDay = try #require(CalendarDate.adding(days: -60, to: CalendarDate.today()))
            number = try #require(try database.invoices.issue(draft.id, issueDate: issueDay, expectedVersion: draft.version, by: chef).number)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: server.workspace.file("srv")) {
            try await server.must("/bin/chown", ["-R", "\(server.account):\(server.account)", server.workspace.file("srv/\(name)")])
        }
        return number
    }

    /// A person's own choice of language, as `:language` in the screens
    /// keeps it; the database's files stay the service account's.
    func setLanguage(_ server: Server, of person: String, to code: String) async throws {
        do {
            let database = try KontorDatabase(path: server.database)
            try database.session(for: Actor(username: person)).setPreference(.language, to: code)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: server.workspace.file("srv")) {
            try await server.must("/bin/chown", ["-R", "\(server.account):\(server.account)", server.workspace.file("srv/\(name)")])
        }
    }

    @Test(.enabled(if: canRun, "needs root and /usr/sbin/sshd (apt-get install openssh-server)"))
    func staffComeInByKeyAndNothingElseGetsThrough() async throws {
        let server = try Server()
        do {
            try await server.setUp()
            try await checkTheDoor(server)
        } catch {
            await server.tearDown()
            Issue.record("\(error)\nsshd log:\n\(server.log.suffix(3000))")
            return
        }
        await server.tearDown()
    }

    func checkTheDoor(_ server: Server) async throws {
        // The admin adds a colleague with their key, over SSH.
        let added = try await server.ssh("chef", "staff add anna --name 'Anna Front' --role front --key -",
                                         stdin: server.workspace.file("keys/anna.pub"))
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out.contains("added anna (Anna Front) as Front office, key SHA256:"), "\(added.out)")

        // What a command takes, over the key; a value whose quotes the caller's shell took is refused with the way to quote it.
        let help = try await server.ssh("chef", "help settings")
        #expect(help.status == 0 && help.out.contains("--set"), "\(help.out)\(help.err)")
        let unquoted = try await server.ssh("chef", "staff add bernd --name Bernd Beispiel --role front")
        #expect(unquoted.status != 0 && unquoted.err.contains("quote the whole command"), "\(unquoted.out)\(unquoted.err)")

        // The key says who someone is.
        let whoami = try await server.ssh("anna", "whoami")
        #expect(whoami.out.trimmingCharacters(in: .whitespacesAndNewlines) == "anna (Anna Front), Front office", "\(whoami.out)\(whoami.err)")
        let list = try await server.ssh("anna", "staff list")
        #expect(list.status == 0 && list.out.contains("Chef Admin") && list.out.contains("Anna Front"), "\(list.out)\(list.err)")

        // Data in and out through the key: a CSV file on standard input, a list on standard output.
        try "Firma;PLZ;Ort;Land\r\nMüller Feinkost GmbH;50667;Köln;Deutschland\r\n".write(toFile: server.workspace.file("kunden.csv"), atomically: true, encoding: .utf8)
        let imported = try await server.ssh("anna", "import customers", stdin: server.workspace.file("kunden.csv"))
        #expect(imported.status == 0, "\(imported.out)\(imported.err)")
        let exported = try await server.ssh("chef", "export customers")
        #expect(exported.status == 0, "\(exported.err)")
        #expect(exported.out.contains("Müller Feinkost GmbH") && exported.out.contains("Köln"), "\(exported.out)")

        // A bank statement on standard input; a path on the server is refused.
        try CAMTFixture(version: .v08).xml([.init(id: "2026-11-SSH", openingCents: 0, entries: [
            .init(reference: "SSH-1", credit: true, date: "2026-11-20",
                  transactions: [CAMTFixture.Transaction(amountCents: 1_234, name: "Unbekannt & Co.", unstructured: ["Spende"])]),
        ])]).write(toFile: server.workspace.file("auszug.xml"), atomically: true, encoding: .utf8)
        let statement = try await server.ssh("chef", "bank import --dry-run", stdin: server.workspace.file("auszug.xml"))
        #expect(statement.status == 0 && statement.out.contains("Dry run: 1 statement, 1 entry") && statement.out.contains("Would leave 1 unmatched:"),
                "\(statement.out)\(statement.err)")
        let named = try await server.ssh("chef", "bank import \(server.database)")
        #expect(named.status != 0 && named.err.contains("reads the statement from standard input"), "\(named.out)\(named.err)")

        // A dunning run: the admin's key lists the proposal; a front-office key may not send one.
        let overdue = try await seedOverdueInvoice(server)
        let dunning = try await server.ssh("chef", "dunning run --dry-run")
        #expect(dunning.status == 0 && dunning.out.contains("1 letter(s), 1 invoice(s)") && dunning.out.contains("Säumig & Co. KG · payment reminder"),
                "\(dunning.out)\(dunning.err)")
        #expect(dunning.out.contains("\(overdue) due") && dunning.out.contains("Nothing was sent (dry run)."), "\(dunning.out)")
        let annasRun = try await server.ssh("anna", "dunning run")
        #expect(annasRun.status != 0 && annasRun.err.contains("anna (Front office) may not change invoices"), "\(annasRun.out)\(annasRun.err)")
        #expect(!FileManager.default.fileExists(atPath: server.workspace.file("srv/dunning")), "a refused run made the letters' folder")
        let elsewhere = try await server.ssh("chef", "dunning run --out /tmp")
        #expect(elsewhere.status != 0 && elsewhere.err.contains("--out is not available"), "\(elsewhere.out)\(elsewhere.err)")

        // Nothing but Kontor's own commands, and an admin's only for admins.
        for (command, refusal) in [("bash", "not a Kontor command"), ("cat /etc/passwd", "not a Kontor command"),
                                   ("staff list; id", "';' is not allowed"),
                                   ("staff list --db /tmp/other.sqlite", "--db is not available"),
                                   ("staff add mallory --name Mallory --role admin", "anna (Front office) may not add staff")] {
            let result = try await server.ssh("anna", command)
            #expect(result.status != 0, "\(command) was run: \(result.out)")
            #expect(result.err.contains(refusal), "\(command): \(result.err)")
        }
        let forward = try await server.run("/usr/bin/ssh", server.sshArguments("anna") + ["-W", "127.0.0.1:\(server.port)"])
        #expect(forward.status != 0, "port forwarding got through")

        // Only the service account can read the database.
        let attributes = try FileManager.default.attributesOfItem(atPath: server.database)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(attributes[.ownerAccountName] as? String == server.account)
        let folder = try FileManager.default.attributesOfItem(atPath: server.workspace.file("srv"))
        #expect(folder[.posixPermissions] as? Int == 0o700)

        // The admin's doctor finds nothing wrong once a backup was taken; a front-office key may not run it.
        let backup = try await server.ssh("chef", "backup")
        #expect(backup.status == 0, "\(backup.out)\(backup.err)")
        let doctor = try await server.ssh("chef", "doctor")
        #expect(doctor.status == 0, "\(doctor.out)\(doctor.err)")
        #expect(doctor.out.contains("ok  mail goes out through /usr/bin/msmtp"), "\(doctor.out)")
        #expect(doctor.out.contains("ok  authorized_keys: 2 keys, as the staff list says"), "\(doctor.out)")
        #expect(doctor.out.contains("ok  journal mode WAL") && doctor.out.contains("ok  last backup"), "\(doctor.out)")
        let annasDoctor = try await server.ssh("anna", "doctor")
        #expect(annasDoctor.status != 0 && annasDoctor.err.contains("anna (Front office) may not"), "\(annasDoctor.out)\(annasDoctor.err)")

        // What the admin's dunning run writes lands in his own files, which his key fetches; anna sees none of them.
        let sent = try await server.ssh("chef", "dunning run")
        #expect(sent.status == 0 && sent.out.contains("dunning/Mahnung-00001.pdf") && sent.out.contains("fetch: ssh … files get dunning/"),
                "\(sent.out)\(sent.err)")
        #expect(FileManager.default.fileExists(atPath: server.workspace.file("srv/files/chef/dunning/Mahnung-00001.pdf")))
        let listed = try await server.ssh("chef", "files")
        #expect(listed.status == 0 && listed.out.contains("dunning/Mahnung-00001.pdf") && listed.out.contains("dunning/Mahnung-00001.txt"),
                "\(listed.out)\(listed.err)")
        let fetched = try await server.ssh("chef", "files get dunning/Mahnung-00001.pdf")
        #expect(fetched.status == 0 && fetched.out.hasPrefix("%PDF-"), "\(fetched.err)")
        let annasFiles = try await server.ssh("anna", "files")
        #expect(annasFiles.status == 0 && annasFiles.out.contains("No files yet"), "\(annasFiles.out)\(annasFiles.err)")
        // German over the key: asked for with --lang, or chosen once in the screens.
        let german = try await server.ssh("anna", "files --lang de")
        #expect(german.status == 0 && german.out.contains("Noch keine Dateien"), "\(german.out)\(german.err)")
        try await setLanguage(server, of: "anna", to: "de")
        let chosen = try await server.ssh("anna", "files get nix.pdf")
        #expect(chosen.status != 0 && chosen.err.contains("unter Ihren Dateien gibt es keine Datei 'nix.pdf'"), "\(chosen.err)")
        try await setLanguage(server, of: "anna", to: "en")
        let across = try await server.ssh("anna", "files get ../chef/dunning/Mahnung-00001.pdf")
        #expect(across.status != 0 && across.err.contains("leads out of your files") && !across.out.contains("%PDF"), "\(across.out)\(across.err)")
        let escape = try await server.ssh("anna", "files get ../../kontor.sqlite")
        #expect(escape.status != 0 && escape.err.contains("leads out of your files"), "\(escape.out)\(escape.err)")

        // Two people at once in the screens, each named in the header.
        let chef = try await TmuxSession(workspace: server.workspace, width: 100, height: 30,
                                         command: (["/usr/bin/ssh"] + server.sshArguments("chef", tty: true)).map(Processes.shellQuoted).joined(separator: " "))
        let anna = try await TmuxSession(workspace: server.workspace, width: 100, height: 30,
                                         command: (["/usr/bin/ssh"] + server.sshArguments("anna", tty: true)).map(Processes.shellQuoted).joined(separator: " "))
        // The header's right end names the person the key belongs to.
        func header(_ screen: Screen) -> String { screen.line(containing: "1 Customers")?.text ?? "" }
        try await chef.waitFor("chef's header", timeout: .seconds(20)) { header($0).contains(" chef") }
        try await anna.waitFor("anna's header", timeout: .seconds(20)) { header($0).contains(" anna") }

        // Each sees the other: in the same customer, and on the Staff screen.
        try await anna.press("1")
        try await anna.press("Enter")
        try await chef.press("1")
        try await chef.press("Enter")
        try await chef.waitFor("chef to see anna in the same customer", timeout: .seconds(5)) { $0.text.contains("Anna Front is viewing") }
        try await chef.press("6")
        try await chef.waitFor("anna among those connected", timeout: .seconds(5)) { screen in
            screen.text.contains("Connected now (2)") && screen.line(containing: "Anna Front (anna)")?.text.contains("Customers › Müller Feinkost GmbH") == true
        }

        // Printed on the screen over SSH: into chef's own files, and the message says how to fetch it.
        try await chef.press("4")
        try await chef.waitFor("the invoice list", timeout: .seconds(5)) { $0.text.contains(overdue) }
        try await chef.press("Enter")
        try await chef.press("p")
        try await chef.waitFor("the print's fetch command", timeout: .seconds(10)) { screen in
            screen.text.contains("Printed to invoices/\(overdue).txt and \(overdue).pdf · fetch: ssh … files get")
                && screen.text.contains("invoices/\(overdue).pdf > \(overdue).pdf")
        }
        // Ctrl-Z has no shell to go back to under the key's forced command: said, not silently ignored.
        try await chef.press("C-z")
        try await chef.waitFor("the word on Ctrl-Z", timeout: .seconds(5)) { $0.text.contains("Ctrl-Z has no shell to return to here") }
        let printed = try await server.ssh("chef", "files get invoices/\(overdue).pdf")
        #expect(printed.status == 0 && printed.out.hasPrefix("%PDF-"), "\(printed.err)")

        // A deactivated colleague's key stops working and their open session ends.
        let deactivated = try await server.ssh("chef", "staff deactivate anna")
        #expect(deactivated.status == 0, "\(deactivated.err)")
        try await anna.waitFor("anna's session to end", timeout: .seconds(15)) { !header($0).contains(" anna") }
        let refused = try await server.ssh("anna", "whoami")
        #expect(refused.status != 0)
        let keys = try String(contentsOfFile: server.workspace.file("home/\(server.account)/.ssh/authorized_keys"), encoding: .utf8)
        #expect(!keys.contains("anna@laptop") && keys.contains("chef@laptop"))

        // kill -9 of a client ends its kontor within seconds.
        try await chef.press("2")
        chef.kill()
        try await waitUntil("chef's kontor to end after its ssh client was killed", timeout: .seconds(10)) {
            try await server.run("/usr/bin/pgrep", ["-u", server.account, "-f", "serve chef"]).status != 0
        }
        let check = try await server.run("/usr/sbin/runuser", ["-u", server.account, "--", server.kontor, "check", "--config", server.config])
        #expect(check.status == 0, "\(check.out)\(check.err)")
        // The nightly backup as README has it: cron runs it as the service
        // account, which is on no staff list but owns the file.
        // Without its configuration, the service account is told to name it, and no second database appears in its home.
        let unnamed = try await server.run("/usr/sbin/runuser", ["-u", server.account, "--", server.kontor, "staff", "list"])
        #expect(unnamed.status != 0 && unnamed.err.contains("add --config FILE"), "\(unnamed.out)\(unnamed.err)")
        #expect(!FileManager.default.fileExists(atPath: server.workspace.file("home/\(server.account)/.local/share/kontor/kontor.sqlite")))
        let nightly = try await server.run("/usr/sbin/runuser", ["-u", server.account, "--", server.kontor, "backup", "--config", server.config])
        #expect(nightly.status == 0 && nightly.out.contains("integrity checked"), "\(nightly.out)\(nightly.err)")
        anna.kill()
    }
}

