import ArgumentParser
import Foundation
import KontorLocale
import KontorAccess
import KontorModel

/// `kontor staff`: the staff list from the shell, for setting up a server
/// before anyone has opened the UI. Acts as the account that runs it, so only
/// an admin's account can add people or change roles.
struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("List staff, add them, change roles, deactivate or reactivate them."),
        subcommands: [List.self, Add.self, SetRole.self, Deactivate.self, Activate.self, Keys.self],
        defaultSubcommand: List.self
    )

    static func session(_ options: DatabaseOptions, creates: Bool = false) throws -> Session {
        let database = try options.open(defaultName: "kontor.sqlite", for: Identity.actor(), creates: creates)
        do { return try database.session(for: Identity.actor()) } catch { throw KontorFailure(ErrorText.describe(error)) }
    }

    static func member(_ session: Session, _ username: String) throws -> StaffMember {
        guard let member = try session.staffDirectory.find(username: username) else {
            throw KontorFailure(tr("no member of staff has the account '{0}'; `kontor staff` lists them", username))
        }
        return member
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the staff."))
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(tr("Include deactivated staff."))) var all = false

        func run() throws {
            let session = try Staff.session(database)
            for m in try session.staffDirectory.all(includeInactive: all) {
                let state = m.active ? "" : "  " + tr("(deactivated)")
                say("\(m.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(m.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(m.fullName)\(state)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Add an operating-system account to the staff."))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(tr("The account's user name, as they log in."))) var username: String
        @Option(help: ArgumentHelp(tr("Full name."))) var name: String
        @Option(help: ArgumentHelp(tr("front, back, manager or admin."))) var role: String = "front"
        @Option(help: ArgumentHelp(tr("Job title."))) var title: String = ""
        @Option(help: ArgumentHelp(tr("Department."))) var department: String = ""
        @Option(help: ArgumentHelp(tr("Their SSH public key file (- for standard input), on a server set up with kontor setup."), valueName: "file"))
        var key: String?

        func run() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError(tr("--role must be front, back, manager or admin, got '{0}'", role)) }
            let publicKey = try key.map { try StaffKeyFiles.read($0) }
            let fingerprint = try publicKey.map { key in try Staff.fingerprint(key) }
            let session = try Staff.session(database)
            do {
                let member = try session.staffDirectory.add(StaffFields(username: username, fullName: name, title: title, department: department), role: role)
                if let publicKey, let fingerprint { try session.staffDirectory.addKey(publicKey, fingerprint: fingerprint, for: username) }
                try StaffKeyFiles.sync(session, try database.serverConfig())
                say(tr("added {0} ({1}) as {2}", member.username, member.fullName, member.role.displayName) + (fingerprint.map { tr(", key {0}", $0) } ?? ""))
            } catch { throw KontorFailure(ErrorText.describe(error)) }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: tr("Change someone's role."))
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: ArgumentHelp(tr("front, back, manager or admin."))) var role: String

        func run() throws {
            guard let newRole = Role(rawValue: role) else { throw ValidationError(tr("role must be front, back, manager or admin, got '{0}'", role)) }
            let session = try Staff.session(database)
            do {
                let member = try Staff.member(session, username)
                try session.staffDirectory.setRole(id: member.id, newRole, expectedVersion: member.version)
                say(tr("{0} is now {1}", username, newRole.displayName))
            } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure(ErrorText.describe(error)) }
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Stop an account from using Kontor (its history stays)."))
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() throws { try Staff.setActive(database, username, false) }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Let a deactivated account use Kontor again."))
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() throws { try Staff.setActive(database, username, true) }
    }

    static func setActive(_ options: DatabaseOptions, _ username: String, _ active: Bool) throws {
        let session = try session(options)
        do {
            let member = try Staff.member(session, username)
            // A deactivated person's keys leave authorized_keys at once (the
            // database's `accessChanged`, as on the screen).
            try session.staffDirectory.setActive(id: member.id, active, expectedVersion: member.version)
            say(active ? tr("{0} can use Kontor again", username) : tr("{0} is deactivated", username))
        } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure(ErrorText.describe(error)) }
    }

    static func fingerprint(_ key: PublicKey) throws -> String {
        do { return try KeyFingerprint.of(key) } catch { throw KontorFailure(ErrorText.describe(error)) }
    }

    /// `kontor staff key add|remove|list`: the SSH keys that let staff in.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key", abstract: tr("Add, remove or list the SSH keys that let staff in."),
            subcommands: [AddKey.self, RemoveKey.self, ListKeys.self, SyncKeys.self], defaultSubcommand: ListKeys.self)
    }

    struct AddKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: tr("Add an SSH public key for a member of staff."))
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: ArgumentHelp(tr("The public key file (- for standard input)."))) var file: String

        /// Every key in the file (a laptop's and a phone's, pasted together).
        func run() throws {
            let keys = try StaffKeyFiles.readAll(file)
            let fingerprints = try keys.map(Staff.fingerprint)
            let session = try Staff.session(database)
            var added: [String] = []
            var failure: (any Error)?
            for (key, fingerprint) in zip(keys, fingerprints) {
                do {
                    try session.staffDirectory.addKey(key, fingerprint: fingerprint, for: username)
                    added.append(fingerprint)
                } catch { failure = error; break }
            }
            // The file follows what was added, also when a later key was refused.
            do { try StaffKeyFiles.sync(session, try database.serverConfig()) } catch { throw KontorFailure(ErrorText.describe(error)) }
            for fingerprint in added { say(tr("added key {0} for {1}", fingerprint, username)) }
            if let failure { throw KontorFailure("\(failure)") }
        }
    }

    struct RemoveKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: tr("Remove a member of staff's key (by fingerprint), or all their keys."))
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: ArgumentHelp(tr("The key's fingerprint (SHA256:…) as `kontor staff key list` shows it; all their keys when left out.")))
        var fingerprint: String?

        func run() throws {
            let session = try Staff.session(database)
            do {
                let removed = try session.staffDirectory.removeKeys(of: username, fingerprint: fingerprint)
                guard removed > 0 else { throw KontorFailure(tr("{0} has no such key; kontor staff key list {0} shows theirs", username)) }
                try StaffKeyFiles.sync(session, try database.serverConfig())
                say(Wording.count(removed, one: "removed {0} key of {1}", other: "removed {0} keys of {1}", [username]))
            } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure(ErrorText.describe(error)) }
        }
    }

    struct SyncKeys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync", abstract: tr("Write authorized_keys from the staff list again (what kontor doctor asks for when they differ; admins)."))
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let session = try Staff.session(database)
            do {
                try session.require(.manageStaff)
                guard let server = try database.serverConfig() else { throw KontorFailure(tr("no server configuration: there is no authorized_keys to write")) }
                try StaffKeyFiles.sync(session, server)
                say(tr("wrote {0} from the staff list", server.authorizedKeysPath()))
            } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure(ErrorText.describe(error)) }
        }
    }

    struct ListKeys: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: tr("List the keys (of one member of staff)."))
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String?

        func run() throws {
            let session = try Staff.session(database)
            do {
                for key in try session.staffDirectory.keys(of: username) {
                    say("\(key.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(key.fingerprint)  \(key.key.type) \(key.key.comment)\(key.active ? "" : "  " + tr("(deactivated: not in authorized_keys)"))")
                }
            } catch { throw KontorFailure(ErrorText.describe(error)) }
        }
    }
}
