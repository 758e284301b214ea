import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is doing something: the operating-system account running the process.
/// Over SSH that is the account the person logged in with, so nobody can act
/// under another name.
public struct Actor: Equatable, Sendable {
    public var username: String

    public init(username: String) { self.username = username }

    /// The account of the running process, from the password database rather
    /// than `$USER`, which the user can set to anything.
    public static func current() -> Actor {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name {
            return Actor(username: String(cString: name))
        }
        return Actor(username: "uid\(geteuid())")
    }
}
