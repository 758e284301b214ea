import Foundation

/// Demo databases made once per test process, one per scale, and copied for
/// each test that asks for one.
///
/// `kontor demo --seed-only` takes seconds in a debug build, and nearly every
/// end-to-end test starts from a demo business; seeding it afresh for each
/// test cost most of the suite's time. A copy of the file takes
/// milliseconds and gives each test a database of its own to write to, so
/// the tests stay as isolated as before. The seeder is deterministic, so a
/// copy holds exactly what a fresh seeding would.
actor DemoTemplates {
    static let shared = DemoTemplates()

    /// The folder the templates live in, removed when the test process exits.
    static let folder: String = {
        var base = FileManager.default.temporaryDirectory.path
        if base.count > 40 { base = "/tmp" }
        if base.hasSuffix("/") { base.removeLast() }
        let path = "\(base)/kontor-e2e-templates-\(getpid())"
        atexit { try? FileManager.default.removeItem(atPath: DemoTemplates.folder) }
        return path
    }()

    /// One seeding per scale; tests that ask while it runs wait for the same one.
    private var seedings: [Int: Task<String, Error>] = [:]

    /// The path of a seeded demo database of `scale` customers. Read-only by
    /// convention: copy it (`copy(scale:to:)`), never open it for writing.
    func template(scale: Int) async throws -> String {
        if let seeding = seedings[scale] { return try await seeding.value }
        let seeding = Task { try await Self.seed(scale: scale) }
        seedings[scale] = seeding
        return try await seeding.value
    }

    /// Copies the template of `scale` customers to `destination`.
    func copy(scale: Int, to destination: String) async throws {
        let source = try await template(scale: scale)
        let fm = FileManager.default
        for suffix in ["", "-wal"] where fm.fileExists(atPath: source + suffix) {
            try fm.copyItem(atPath: source + suffix, toPath: destination + suffix)
        }
    }

    private static func seed(scale: Int) async throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let home = "\(folder)/home-\(scale)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let db = "\(folder)/demo-\(scale).sqlite"
        let result = try await Processes.run(try KontorBinary.path(), ["demo", "--db", db, "--seed-only", "--scale", "\(scale)"],
                                             environment: Processes.baseEnvironment(home: home), directory: home)
        guard result.status == 0 else {
            throw E2EError("kontor demo --seed-only failed with status \(result.status): \(result.err)")
        }
        return db
    }
}
