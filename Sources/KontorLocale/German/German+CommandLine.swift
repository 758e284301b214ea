extension German {
    /// The command line: `kontor`'s commands, their help, what they print
    /// and why they refuse.
    static let commandLine: [String: String] = [:]
}
