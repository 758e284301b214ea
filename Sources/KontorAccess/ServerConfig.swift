import Foundation

/// Where a server's Kontor keeps its database and who may come in: read
/// from `/etc/kontor/kontor.conf` (or the file `--config` names), never
/// from an environment variable that a login shell may or may not set.
///
/// ```
/// # /etc/kontor/kontor.conf
/// database = /srv/kontor/kontor.sqlite
/// service_account = kontor
/// sendmail = /usr/sbin/sendmail -t -i
/// ```
public struct ServerConfig: Equatable, Sendable {
    public static let standardPath = "/etc/kontor/kontor.conf"

    /// The file this was read from.
    public var path: String
    /// The shared database: only the service account can open it.
    public var database: String
    /// The account that owns the database folder and runs `kontor serve`.
    public var serviceAccount: String
    /// The `authorized_keys` file Kontor keeps in step with the staff list;
    /// the service account's `~/.ssh/authorized_keys` unless set.
    public var authorizedKeys: String?
    /// The program the keys' forced command runs; this binary unless set.
    public var command: String?
    /// The command every message goes out through: the server's, not the
    /// database's mail settings. An admin of Kontor is not the server's
    /// administrator, and a command set from inside Kontor would run any
    /// program as the service account, the one account that may write the
    /// database and the audit log past Kontor's rules.
    public var sendmail: String = ServerConfig.defaultSendmail
    public static let defaultSendmail = "/usr/sbin/sendmail -t -i"

    /// Reads the configuration at `path`; nil when there is no such file
    /// (a personal installation), an error naming the line when it is wrong.
    public static func load(_ path: String = standardPath) throws -> ServerConfig? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AccessError("\(path): cannot be read as UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> ServerConfig {
        var values: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw AccessError("\(path):\(index + 1): expected key = value, got '\(line)'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard ["database", "service_account", "authorized_keys", "command", "sendmail"].contains(key) else {
                throw AccessError("\(path):\(index + 1): unknown key '\(key)'; keys are database, service_account, authorized_keys, command, sendmail")
            }
            if key != "service_account", !value.hasPrefix("/") {
                throw AccessError("\(path):\(index + 1): \(key) must be an absolute path, got '\(value)'")
            }
            values[key] = value
        }
        guard let database = values["database"] else { throw AccessError("\(path): no 'database = /path/to/kontor.sqlite' line") }
        var config = ServerConfig(path: path, database: database, serviceAccount: values["service_account"] ?? "kontor",
                                  authorizedKeys: values["authorized_keys"], command: values["command"])
        if let sendmail = values["sendmail"] { config.sendmail = sendmail }
        return config
    }

    /// The authorized_keys file: as configured, else the service account's.
    public func authorizedKeysPath() -> String {
        if let authorizedKeys { return authorizedKeys }
        let home = getpwnam(serviceAccount).map { String(cString: $0.pointee.pw_dir) } ?? NSHomeDirectory()
        return "\(home)/.ssh/authorized_keys"
    }
}

/// A refusal phrased for people, from the access layer.
public struct AccessError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
