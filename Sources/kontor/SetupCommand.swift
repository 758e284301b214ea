import ArgumentParser
import Foundation
import KontorLocale
import KontorAccess
import KontorModel

/// `kontor setup`: makes the configured database on a shared server, with
/// the first admin named explicitly (never whoever opens it first), their
/// key, and the authorized_keys file. Run as the service account.
struct Setup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Create the server's database (as the service account) with its first admin and their SSH key.")
    )

    @Option(name: .long, help: ArgumentHelp(tr("The server's configuration file."), valueName: "path"))
    var config: String = ServerConfig.standardPath
    @Option(help: ArgumentHelp(tr("The first admin's name on the staff list (their login name)."))) var admin: String
    @Option(help: ArgumentHelp(tr("The first admin's full name."))) var name: String
    @Option(help: ArgumentHelp(tr("The first admin's SSH public key file (- for standard input)."), valueName: "file"))
    var key: String?

    func run() throws {
        let server: ServerConfig
        do {
            guard let loaded = try ServerConfig.load(config) else { throw AccessError(tr("no configuration file at {0}", config)) }
            server = loaded
            guard let service = getpwnam(server.serviceAccount) else {
                throw AccessError(tr("the service account '{0}' does not exist: create it first (useradd --system …)", server.serviceAccount))
            }
            guard geteuid() == service.pointee.pw_uid else {
                throw AccessError(tr("run this as the service account, so that it owns the database: sudo -u {0} kontor setup …", server.serviceAccount))
            }
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
        umask(0o077)
        let path = server.database
        let folder = (path as NSString).deletingLastPathComponent
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
            throw KontorFailure(tr("{0} exists already; setup makes a new database only (kontor staff adds people to it)", path))
        }
        // All or nothing: a setup that fails halfway leaves no database,
        // which would refuse the next try as "exists already".
        var created = false
        do {
            // The key first: a key ssh-keygen refuses stops setup before anything is made.
            let publicKey = try key.map { try StaffKeyFiles.read($0) }
            let fingerprint = try publicKey.map { try KeyFingerprint.of($0) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try? FileManager.default.removeItem(atPath: path) // an empty file left by someone
            created = true
            let database = try KontorDatabase(path: path)
            let session = try database.session(for: Actor(username: admin))
            try session.staffDirectory.update(id: session.staff.id, StaffFields(username: admin, fullName: name), expectedVersion: session.staff.version)
            if let publicKey, let fingerprint {
                try session.staffDirectory.addKey(publicKey, fingerprint: fingerprint, for: admin)
            }
            try StaffKeyFiles.sync(session, server)
            say(tr("created {0} with {1} ({2}) as its admin", path, admin, name) + (publicKey == nil ? "" : tr(", and their key in {0}", server.authorizedKeysPath())))
        } catch {
            if created {
                for suffix in ["", "-wal", "-shm", "-presence"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            if let failure = error as? KontorFailure { throw failure }
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}

/// Reading key files and keeping authorized_keys in step.
enum StaffKeyFiles {
    /// The one key in `file`; refused when it holds several (say which
    /// to use: a second key was dropped without a word).
    static func read(_ file: String) throws -> PublicKey {
        let keys = try readAll(file)
        guard keys.count == 1 else {
            throw KontorFailure(tr("{0} holds {1} keys; give one key at a time (kontor staff key add USER FILE adds each)", file, keys.count))
        }
        return keys[0]
    }

    /// Every key in `file`, one per line (blank lines and # comments left out).
    static func readAll(_ file: String) throws -> [PublicKey] {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw KontorFailure(tr("cannot read the key file {0}", file)) }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw KontorFailure(tr("{0}: no key in it", file)) }
        return try lines.enumerated().map { index, line in
            do { return try PublicKey(line: line) } catch { throw KontorFailure("\(file):\(index + 1): \(error)") }
        }
    }

    /// Rewrites the authorized_keys of a configured server from the staff
    /// list; nothing on a personal installation.
    static func sync(_ session: Session, _ server: ServerConfig?) throws {
        try session.require(.manageStaff)
        try sync(session.database, server)
    }

    /// The same for the database's own change hook (`accessChanged`).
    static func sync(_ database: KontorDatabase, _ server: ServerConfig?) throws {
        guard let server else { return }
        let command = server.command ?? executablePath()
        try AuthorizedKeys.write(try database.staffKeysForServer(), to: server.authorizedKeysPath(), command: command,
                                 config: server.path == ServerConfig.standardPath ? nil : server.path)
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
