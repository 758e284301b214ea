import Foundation

/// Who is asking, when Kontor runs as its service account: named by the
/// SSH key's forced command (`kontor serve anna`), or by sudo for offices
/// that keep personal accounts (`sudo -u kontor kontor serve`), and then
/// only when the process really runs under sudo as the service account.
public enum Caller {
    /// The member of staff `kontor serve` acts for.
    /// - Parameters:
    ///   - named: the user the forced command names, if any.
    ///   - config: the server's configuration (its service account).
    ///   - environment: the process's environment (SUDO_USER, SUDO_UID).
    ///   - effectiveUID: the process's effective user id.
    public static func resolve(named: String?, config: ServerConfig, environment: [String: String],
                               effectiveUID: uid_t = geteuid()) throws -> String {
        guard let service = getpwnam(config.serviceAccount) else {
            throw AccessError("the service account '\(config.serviceAccount)' (\(config.path)) does not exist on this server")
        }
        guard effectiveUID == service.pointee.pw_uid else {
            throw AccessError("kontor serve runs as the service account '\(config.serviceAccount)' only; ask an administrator how to come in (an SSH key, or sudo)")
        }
        if let named { return named }
        guard let user = environment["SUDO_USER"], !user.isEmpty, environment["SUDO_UID"] != nil,
              user != config.serviceAccount else {
            throw AccessError("kontor serve needs the member of staff: from the key's forced command (kontor serve USER) or from sudo (sudo -u \(config.serviceAccount) kontor serve)")
        }
        return user
    }
}
