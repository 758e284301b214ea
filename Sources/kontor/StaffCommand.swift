import ArgumentParser
import Foundation
import KontorAccess
import KontorModel

/// `kontor staff`: the staff list from the shell, for setting up a server
/// before anyone has opened the UI. Acts as the account that runs it, so only
/// an admin's account can add people or change roles.
struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List staff, add them, change roles, deactivate or reactivate them.",
        subcommands: [List.self, Add.self, SetRole.self, Deactivate.self, Activate.self, Keys.self],
        defaultSubcommand: List.self
    )

    static func session(_ options: DatabaseOptions) throws -> Session {
        let database = try options.open(defaultName: "kontor.sqlite", for: Identity.actor())
        do { return try database.session(for: Identity.actor()) } catch { throw KontorFailure("\(error)") }
    }

    static func member(_ session: Session, _ username: String) throws -> StaffMember {
        guard let member = try session.staffDirectory.find(username: username) else {
            throw KontorFailure("no member of staff has the account '\(username)'; `kontor staff` lists them")
        }
        return member
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Include deactivated staff.") var all = false

        func run() throws {
            let session = try Staff.session(database)
            for m in try session.staffDirectory.all(includeInactive: all) {
                let state = m.active ? "" : "  (deactivated)"
                say("\(m.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(m.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(m.fullName)\(state)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an operating-system account to the staff.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The account's user name, as they log in.") var username: String
        @Option(help: "Full name.") var name: String
        @Option(help: "front, back, manager or admin.") var role: String = "front"
        @Option(help: "Job title.") var title: String = ""
        @Option(help: "Department.") var department: String = ""
        @Option(help: ArgumentHelp("Their SSH public key file (- for standard input), on a server set up with kontor setup.", valueName: "file"))
        var key: String?

        func run() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be front, back, manager or admin, got '\(role)'") }
            let publicKey = try key.map { try StaffKeyFiles.read($0) }
            let fingerprint = try publicKey.map { key in try Staff.fingerprint(key) }
            let session = try Staff.session(database)
            do {
                let member = try session.staffDirectory.add(StaffFields(username: username, fullName: name, title: title, department: department), role: role)
                if let publicKey, let fingerprint { try session.staffDirectory.addKey(publicKey, fingerprint: fingerprint, for: username) }
                try StaffKeyFiles.sync(session, try database.serverConfig())
                say("added \(member.username) (\(member.fullName)) as \(member.role.displayName)\(fingerprint.map { ", key \($0)" } ?? "")")
            } catch { throw KontorFailure("\(error)") }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change someone's role.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: "front, back, manager or admin.") var role: String

        func run() throws {
            guard let newRole = Role(rawValue: role) else { throw ValidationError("role must be front, back, manager or admin, got '\(role)'") }
            let session = try Staff.session(database)
            do {
                let member = try Staff.member(session, username)
                try session.staffDirectory.setRole(id: member.id, newRole, expectedVersion: member.version)
                say("\(username) is now \(newRole.displayName)")
            } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure("\(error)") }
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop an account from using Kontor (its history stays).")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() throws { try Staff.setActive(database, username, false) }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a deactivated account use Kontor again.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() throws { try Staff.setActive(database, username, true) }
    }

    static func setActive(_ options: DatabaseOptions, _ username: String, _ active: Bool) throws {
        let session = try session(options)
        do {
            let member = try Staff.member(session, username)
            try session.staffDirectory.setActive(id: member.id, active, expectedVersion: member.version)
            // A deactivated person's keys leave authorized_keys at once.
            try StaffKeyFiles.sync(session, try options.serverConfig())
            say("\(username) \(active ? "can use Kontor again" : "is deactivated")")
        } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure("\(error)") }
    }

    static func fingerprint(_ key: PublicKey) throws -> String {
        do { return try KeyFingerprint.of(key) } catch { throw KontorFailure("\(error)") }
    }

    /// `kontor staff key add|remove|list`: the SSH keys that let staff in.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key", abstract: "Add, remove or list the SSH keys that let staff in.",
            subcommands: [AddKey.self, RemoveKey.self, ListKeys.self, SyncKeys.self], defaultSubcommand: ListKeys.self)
    }

    struct AddKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an SSH public key for a member of staff.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: "The public key file (- for standard input).") var file: String

        func run() throws {
            let key = try StaffKeyFiles.read(file)
            let fingerprint = try Staff.fingerprint(key)
            let session = try Staff.session(database)
            do {
                try session.staffDirectory.addKey(key, fingerprint: fingerprint, for: username)
                try StaffKeyFiles.sync(session, try database.serverConfig())
                say("added key \(fingerprint) for \(username)")
            } catch { throw KontorFailure("\(error)") }
        }
    }

    struct RemoveKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a member of staff's key (by fingerprint), or all their keys.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: "The key's fingerprint (SHA256:…) as `kontor staff key list` shows it; all their keys when left out.")
        var fingerprint: String?

        func run() throws {
            let session = try Staff.session(database)
            do {
                let removed = try session.staffDirectory.removeKeys(of: username, fingerprint: fingerprint)
                guard removed > 0 else { throw KontorFailure("\(username) has no such key; kontor staff key list \(username) shows theirs") }
                try StaffKeyFiles.sync(session, try database.serverConfig())
                say("removed \(removed) key\(removed == 1 ? "" : "s") of \(username)")
            } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure("\(error)") }
        }
    }

    struct SyncKeys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync", abstract: "Write authorized_keys from the staff list again (what kontor doctor asks for when they differ; admins).")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let session = try Staff.session(database)
            do {
                try session.require(.manageStaff)
                guard let server = try database.serverConfig() else { throw KontorFailure("no server configuration: there is no authorized_keys to write") }
                try StaffKeyFiles.sync(session, server)
                say("wrote \(server.authorizedKeysPath()) from the staff list")
            } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure("\(error)") }
        }
    }

    struct ListKeys: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the keys (of one member of staff).")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String?

        func run() throws {
            let session = try Staff.session(database)
            do {
                for key in try session.staffDirectory.keys(of: username) {
                    say("\(key.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(key.fingerprint)  \(key.key.type) \(key.key.comment)\(key.active ? "" : "  (deactivated: not in authorized_keys)")")
                }
            } catch { throw KontorFailure("\(error)") }
        }
    }
}
