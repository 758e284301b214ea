import Foundation
import KontorAccess
import KontorModel
import Testing

/// `kontor doctor`'s checks on real files, modes and values.
@Suite("Doctor")
struct DoctorTests {
    /// A database in a folder of its own, as `kontor setup` leaves it: 0700 and 0600.
    final class Installation {
        let folder: URL
        let database: KontorDatabase
        let admin: Session
        var path: String { database.path }
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-doctor-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            database = try KontorDatabase(path: folder.appendingPathComponent("kontor.sqlite").path)
            admin = try database.session(for: Actor(username: "chef"))
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                chmod(folder.appendingPathComponent(name).path, 0o600)
            }
        }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static let me = Actor.current().username

    @Test func aMissingOrEmptyDatabaseIsAProblem() throws {
        let install = try Installation()
        #expect(Doctor.databaseFile(install.path).ok)
        let missing = Doctor.databaseFile(install.folder.appendingPathComponent("kontr.sqlite").path)
        #expect(!missing.ok && missing.line.contains("No such file") && missing.line.contains("— fix: "))
        let empty = install.folder.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: nil)
        #expect(Doctor.databaseFile(empty).line.hasPrefix("!!  database \(empty) is empty"))
    }

    @Test func ownerAndModesOfTheFolderAndItsFiles() throws {
        let install = try Installation()
        let fine = Doctor.ownership(database: install.path, owner: Self.me)
        #expect(fine.count == 1 && fine[0].ok, "\(fine.map(\.line))")
        // The file readable by others, the folder open to the group.
        chmod(install.path, 0o644)
        chmod(install.folder.path, 0o750)
        let loose = Doctor.ownership(database: install.path, owner: Self.me)
        #expect(loose.count == 2 && loose.allSatisfy { !$0.ok }, "\(loose.map(\.line))")
        #expect(loose.contains { $0.line.contains("\(install.path) has mode 0644") && $0.fix.contains("chmod 600") })
        #expect(loose.contains { $0.line.contains("has mode 0750") })
        // Another owner than the service account.
        let foreign = Doctor.ownership(database: install.path, owner: "kontor-nobody")
        #expect(foreign.contains { $0.line.contains("belongs to \(Self.me), not kontor-nobody") })
    }

    @Test func theBackupFolderCountsToo() throws {
        let install = try Installation()
        let copy = install.folder.appendingPathComponent("backups/kontor.sqlite").path
        try install.database.backup(to: copy, by: install.admin)
        let fine = Doctor.ownership(database: install.path, owner: Self.me)
        #expect(fine.allSatisfy { $0.ok })
        chmod(copy, 0o644)
        #expect(Doctor.ownership(database: install.path, owner: Self.me).contains { $0.line.contains("\(copy) has mode 0644") })
    }

    @Test func authorizedKeysAgainstTheStaffList() throws {
        let install = try Installation()
        let staff = install.admin.staffDirectory
        try staff.add(StaffFields(username: "anna", fullName: "Anna Schäfer"), role: .front)
        let key = try PublicKey(line: AuthorizedKeysTests.anna)
        try staff.addKey(key, fingerprint: try KeyFingerprint.of(key), for: "anna")
        let path = install.folder.appendingPathComponent("ssh/authorized_keys").path
        let command = "/usr/local/bin/kontor"

        let missingFile = Doctor.authorizedKeys(path: path, keys: try staff.keys(), command: command, config: nil)
        #expect(!missingFile.ok && missingFile.text.contains("is missing; 1 staff keys"))

        try AuthorizedKeys.write(try staff.keys(), to: path, command: command, config: nil)
        #expect(Doctor.authorizedKeys(path: path, keys: try staff.keys(), command: command, config: nil).ok)

        // Anna deactivated but the file never rewritten: her key still lets her in.
        _ = try staff.setActive(id: try #require(try staff.find(username: "anna")).id, false,
                                expectedVersion: try #require(try staff.find(username: "anna")).version)
        let stale = Doctor.authorizedKeys(path: path, keys: try staff.keys(), command: command, config: nil)
        #expect(!stale.ok && stale.text.contains("not on the staff list: anna") && stale.fix.contains("kontor staff key sync"), "\(stale.line)")

        // A file others can write is ignored by sshd.
        try AuthorizedKeys.write(try staff.keys(), to: path, command: command, config: nil)
        chmod(path, 0o666)
        #expect(Doctor.authorizedKeys(path: path, keys: try staff.keys(), command: command, config: nil).line.contains("mode 0666"))
        chmod(path, 0o600)

        // A key outside Kontor's lines with no forced command: a shell as the service account.
        let file = try String(contentsOfFile: path, encoding: .utf8)
        try ("# the old admin key\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpenShellKeyOpenShellKeyOpenShellKeyOpe old@admin\n" + file)
            .write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let open = Doctor.authorizedKeys(path: path, keys: try staff.keys(), command: command, config: nil)
        #expect(!open.ok && open.text.contains("lets old@admin in with a shell as the service account"), "\(open.line)")
    }

    @Test func termAndLocaleOfTheSession() throws {
        let terminfo = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-terminfo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: terminfo) }
        try FileManager.default.createDirectory(at: terminfo.appendingPathComponent("x"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: terminfo.appendingPathComponent("x/xterm-256color").path, contents: Data([1]))
        let folders = [terminfo.path]
        #expect(Doctor.terminalType(["TERM": "xterm-256color"], inTerminal: true, terminfo: folders).ok)
        #expect(!Doctor.terminalType(["TERM": "xterm-kitty"], inTerminal: true, terminfo: folders).ok)
        #expect(Doctor.terminalType([:], inTerminal: true, terminfo: folders).line.contains("TERM is not set"))
        #expect(Doctor.terminalType(["TERM": "dumb"], inTerminal: true, terminfo: folders).line.contains("TERM is dumb"))
        #expect(Doctor.terminalType([:], inTerminal: false).ok)

        #expect(Doctor.locale(["LANG": "de_DE.UTF-8"]).ok)
        #expect(Doctor.locale(["LC_ALL": "C.utf8", "LANG": "C"]).ok)
        #expect(!Doctor.locale(["LANG": "de_DE.ISO-8859-1"]).ok)
        #expect(Doctor.locale([:]).line.contains("not set"))
    }

    @Test func terminalSize() {
        #expect(Doctor.terminalSize(columns: 80, rows: 24).ok)
        #expect(Doctor.terminalSize(columns: 79, rows: 40).line == "!!  terminal is 79×40, smaller than 80×24 — fix: make the window larger (or the font smaller)")
        #expect(Doctor.terminalSize(columns: nil, rows: nil).ok)
    }

    @Test func sqliteAndJournalModeOfTheRealFile() throws {
        let install = try Installation()
        let facts = try KontorDatabase.storageFacts(path: install.path)
        #expect(facts.journalMode == "wal" && facts.fullTextSearch && facts.engineIsRecentEnough)
        let findings = Doctor.engine(facts)
        #expect(findings.allSatisfy { $0.ok })
        #expect(!Doctor.engine(StorageFacts(engineVersion: "3.22.0", journalMode: "wal", fullTextSearch: true))[0].ok)
        #expect(!Doctor.engine(StorageFacts(engineVersion: "3.45.1", journalMode: "delete", fullTextSearch: true))[1].ok)
    }

    @Test func freeSpaceBesideTheDatabase() throws {
        let install = try Installation()
        // The real disk: a test database fits.
        #expect(Doctor.freeSpace(folder: install.folder.path, databaseBytes: 100_000).ok)
        let tight = Doctor.freeSpace(folder: install.folder.path, databaseBytes: 4_000_000_000, freeBytes: 5_000_000_000)
        #expect(!tight.ok && tight.text.contains("a backup needs its size again"), "\(tight.line)")
    }

    @Test func theAgeOfTheLastBackup() throws {
        let install = try Installation()
        let none = Doctor.lastBackup(database: install.path)
        #expect(!none.ok && none.text.hasPrefix("no backup found"))
        let copy = KontorDatabase.backupFolder(ofDatabase: install.path) + "/kontor-test.sqlite"
        try install.database.backup(to: copy, by: install.admin)
        #expect(Doctor.lastBackup(database: install.path).line.hasPrefix("ok  last backup 0 min ago (\(copy))"))
        // Two days on, without another.
        let later = Doctor.lastBackup(database: install.path, now: Date().addingTimeInterval(2 * 86_400 + 60))
        #expect(later.line.hasPrefix("!!  the last backup is 2 days old"), "\(later.line)")
        #expect(later.line.contains("sudo -u kontor kontor backup,"), "\(later.line)")
        // The fix names this server's account, program and configuration file.
        let here = Doctor.Invocation(account: "kontorux", program: "/usr/local/bin/kontor-ux1", config: "/opt/ux1/kontor.conf")
        let named = Doctor.lastBackup(database: install.path, now: Date().addingTimeInterval(2 * 86_400 + 60), runAs: here)
        #expect(named.line.contains("sudo -u kontorux /usr/local/bin/kontor-ux1 backup --config /opt/ux1/kontor.conf,"), "\(named.line)")
        // A copy elsewhere is noted beside the database all the same.
        let elsewhere = install.folder.appendingPathComponent("elsewhere/copy.sqlite").path
        try install.database.backup(to: elsewhere, by: install.admin)
        #expect(Doctor.lastBackup(database: install.path).text.contains(elsewhere))
        // The note outlives a copy removed since: that is no backup.
        try FileManager.default.removeItem(atPath: elsewhere)
        let gone = Doctor.lastBackup(database: install.path)
        #expect(!gone.ok && gone.text.contains("is no longer there"), "\(gone.line)")
    }
}
