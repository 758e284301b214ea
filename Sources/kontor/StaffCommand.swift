import ArgumentParser
import Foundation
import KontorModel

/// `kontor staff`: the staff list from the shell, for setting up a server
/// before anyone has opened the UI. Acts as the account that runs it, so only
/// an admin's account can add people or change roles.
struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List staff, add them, change roles, deactivate or reactivate them.",
        subcommands: [List.self, Add.self, SetRole.self, Deactivate.self, Activate.self],
        defaultSubcommand: List.self
    )

    static func session(_ options: DatabaseOptions) throws -> Session {
        let database = try options.open(defaultName: "kontor.sqlite", for: Actor.current())
        do { return try database.session(for: Actor.current()) } catch { throw KontorFailure("\(error)") }
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

        func run() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be front, back, manager or admin, got '\(role)'") }
            let session = try Staff.session(database)
            do {
                let member = try session.staffDirectory.add(StaffFields(username: username, fullName: name, title: title, department: department), role: role)
                say("added \(member.username) (\(member.fullName)) as \(member.role.displayName)")
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
            say("\(username) \(active ? "can use Kontor again" : "is deactivated")")
        } catch let failure as KontorFailure { throw failure } catch { throw KontorFailure("\(error)") }
    }
}
