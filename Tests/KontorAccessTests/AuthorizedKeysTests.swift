import Foundation
import KontorAccess
import KontorModel
import Testing

/// The service account's authorized_keys, kept in step with the staff list.
@Suite("authorized_keys")
struct AuthorizedKeysTests {
    static let anna = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRNUKAsQ8kbq0+1d3w6i6zeiE6Yq0+5Z5aUU2CPP5ds anna@laptop"

    func database() throws -> (KontorDatabase, Session, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-keys-\(UUID().uuidString)")
        let database = try KontorDatabase(path: folder.appendingPathComponent("kontor.sqlite").path)
        let admin = try database.session(for: Actor(username: "chef"))
        try admin.staffDirectory.add(StaffFields(username: "anna", fullName: "Anna Schäfer"), role: .front)
        return (database, admin, folder)
    }

    @Test func keysAreWrittenForcedToServeAndOtherLinesStay() throws {
        let (_, admin, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try PublicKey(line: Self.anna)
        try admin.staffDirectory.addKey(key, fingerprint: try KeyFingerprint.of(key), for: "anna")
        let path = folder.appendingPathComponent("ssh/authorized_keys").path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "ssh-ed25519 AAAAadminkeyadminkeyadminkeyadminkeyadminkey root@server\n".write(toFile: path, atomically: true, encoding: .utf8)
        try AuthorizedKeys.write(try admin.staffDirectory.keys(), to: path, command: "/usr/local/bin/kontor", config: nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("ssh-ed25519 AAAAadminkey"))
        #expect(text.contains("restrict,pty,command=\"/usr/local/bin/kontor serve anna\" \(Self.anna)"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // Deactivated: the key goes at the next write, the admin's line stays.
        let member = try #require(try admin.staffDirectory.find(username: "anna"))
        try admin.staffDirectory.setActive(id: member.id, false, expectedVersion: member.version)
        try AuthorizedKeys.write(try admin.staffDirectory.keys(), to: path, command: "/usr/local/bin/kontor", config: nil)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!after.contains("anna@laptop"))
        #expect(after.hasPrefix("ssh-ed25519 AAAAadminkey"))
        #expect(after.components(separatedBy: AuthorizedKeys.begin).count == 2)
    }

    @Test func oneKeyNamesOnePerson() throws {
        let (_, admin, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        try admin.staffDirectory.add(StaffFields(username: "ben", fullName: "Ben Back"), role: .back)
        let key = try PublicKey(line: Self.anna)
        try admin.staffDirectory.addKey(key, fingerprint: "SHA256:x", for: "anna")
        #expect { try admin.staffDirectory.addKey(key, fingerprint: "SHA256:x", for: "ben") } throws: { "\($0)".contains("the key of 'anna'") }
        #expect(try admin.staffDirectory.removeKeys(of: "anna") == 1)
        #expect(try admin.staffDirectory.keys().isEmpty)
    }

    /// On a server the file follows every deactivation, whichever screen
    /// or command made it: the database tells whoever opened it for the
    /// server, with the database (the session may be the one deactivated).
    @Test func aDeactivationAnywhereRewritesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("authorized_keys").path
        let database = try KontorDatabase(path: folder.appendingPathComponent("kontor.sqlite").path, accessChanged: { database in
            try AuthorizedKeys.write(try database.staffKeysForServer(), to: path, command: "/usr/local/bin/kontor", config: nil)
        })
        let admin = try database.session(for: Actor(username: "chef"))
        try admin.staffDirectory.add(StaffFields(username: "anna", fullName: "Anna Schäfer"), role: .admin)
        let key = try PublicKey(line: Self.anna)
        try admin.staffDirectory.addKey(key, fingerprint: try KeyFingerprint.of(key), for: "anna")
        let anna = try #require(try admin.staffDirectory.find(username: "anna"))
        let deactivated = try admin.staffDirectory.setActive(id: anna.id, false, expectedVersion: anna.version)
        #expect(try !String(contentsOfFile: path, encoding: .utf8).contains("anna@laptop"))
        try admin.staffDirectory.setActive(id: anna.id, true, expectedVersion: deactivated.version)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("anna@laptop"))

        // An admin deactivating themselves: committed, and their key goes too.
        let annaSession = try database.session(for: Actor(username: "anna"))
        let again = try #require(try annaSession.staffDirectory.find(username: "anna"))
        try annaSession.staffDirectory.setActive(id: again.id, false, expectedVersion: again.version)
        #expect(try !String(contentsOfFile: path, encoding: .utf8).contains("anna@laptop"))
    }

    /// Removing the last key of the last admin who has one would shut
    /// everyone out of managing staff over SSH.
    @Test func theLastAdminKeyStays() throws {
        let (_, admin, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try PublicKey(line: Self.anna)
        let member = try #require(try admin.staffDirectory.find(username: "anna"))
        try admin.staffDirectory.setRole(id: member.id, .admin, expectedVersion: member.version)
        try admin.staffDirectory.addKey(key, fingerprint: "SHA256:x", for: "anna")
        #expect { try admin.staffDirectory.removeKeys(of: "anna") } throws: { "\($0)".contains("the last key of the last active admin") }
        #expect(try admin.staffDirectory.keys().count == 1)
    }

    @Test func onlyAdminsManageKeys() throws {
        let (database, _, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let anna = try database.session(for: Actor(username: "anna"))
        #expect(throws: KontorError.self) { try anna.staffDirectory.addKey(try PublicKey(line: Self.anna), fingerprint: "SHA256:x", for: "anna") }
        #expect(throws: KontorError.self) { try anna.staffDirectory.keys() }
    }

    @Test(arguments: [
        ("command=\"/bin/sh\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRNUKAsQ8kbq0+1d3w6i6zeiE6Yq0+5Z5aUU2CPP5ds x", "starts with options"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "not an SSH public key"),
        ("ssh-ed25519", "missing or not base64"),
        ("", "the key file is empty"),
    ])
    func badKeyLinesAreRefused(_ line: String, _ reason: String) {
        #expect { _ = try PublicKey(line: line) } throws: { "\($0)".contains(reason) }
    }

    @Test func aDamagedKeyIsRefusedBySSHKeygen() throws {
        let key = try PublicKey(line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRNUKAsQ8kbq0+1d3w6i6zeiE6Yq0+5Z5aUU2CPP5dsAAAA x")
        #expect(throws: AccessError.self) { try KeyFingerprint.of(key) }
        let good = try PublicKey(line: Self.anna)
        #expect(try KeyFingerprint.of(good).hasPrefix("SHA256:"))
    }

    @Test func theConfigurationIsReadStrictly() throws {
        let config = try ServerConfig.parse("# Kontor\ndatabase = /srv/kontor/kontor.sqlite\nservice_account = kontor\n", path: "/etc/kontor/kontor.conf")
        #expect(config.database == "/srv/kontor/kontor.sqlite")
        #expect(config.sendmail == "/usr/sbin/sendmail -t -i", "a server always has its own")
        let msmtp = try ServerConfig.parse("database = /srv/k.sqlite\nsendmail = /usr/bin/msmtp -t --read-envelope-from\n", path: "k.conf")
        #expect(msmtp.sendmail == "/usr/bin/msmtp -t --read-envelope-from")
        #expect(throws: AccessError.self) { try ServerConfig.parse("database = /srv/k.sqlite\nsendmail = msmtp -t\n", path: "k.conf") }
        #expect(throws: AccessError.self) { try ServerConfig.parse("database = kontor.sqlite\n", path: "k.conf") }
        #expect(throws: AccessError.self) { try ServerConfig.parse("databse = /x\n", path: "k.conf") }
        #expect(throws: AccessError.self) { try ServerConfig.parse("service_account = kontor\n", path: "k.conf") }
    }
}
