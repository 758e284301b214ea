import Foundation
import KontorModel

/// What a load test puts into the database before its sessions start.
enum LoadSetup {
    /// The staff accounts `loadtest-01` … acting in the sessions, added as
    /// managers (both sides of the office, so every save of the mix is
    /// allowed) unless a previous run added them.
    static func staff(count: Int, by admin: Session) throws -> [String] {
        try (1...count).map { i in
            let username = String(format: "loadtest-%02d", i)
            if let member = try admin.staffDirectory.find(username: username) {
                guard member.active else { throw KontorFailure("staff account \(username) is deactivated; use a fresh copy of the database") }
            } else {
                try admin.staffDirectory.add(StaffFields(username: username, fullName: String(format: "Lasttest %02d", i), department: "Lasttest"),
                                             role: .manager)
            }
            return username
        }
    }

    /// A customer per session whose notes hold its counter, starting at 0:
    /// a copy of the first customer's data (so that invoices to it can be
    /// issued) under a name of its own.
    static func counters(count: Int, by admin: Session) throws -> [Int64] {
        let database = admin.database
        guard let first = try database.customers.page(CustomerQuery(), after: nil, limit: 1).first,
              let template = try database.customers.find(id: first.id) else { throw KontorFailure("the database has no customer to copy") }
        let run = Int(Date().timeIntervalSince1970)
        return try (1...count).map { i in
            var fields = template.fields
            fields.name = "Lasttest Zähler \(run)-\(i)"
            fields.notes = "0"
            return try database.customers.create(fields, by: admin).id
        }
    }

    /// A folder of its own for the workers' records, removed at the end.
    static func temporaryFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/kontor-loadtest-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw KontorFailure("cannot create a temporary folder") }
        return String(cString: made)
    }
}
