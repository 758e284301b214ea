import Foundation
import Testing

/// A fresh temporary folder for one test: its databases, its HOME, its
/// XDG_DATA_HOME and its tmux sockets. Removed when the test lets go of it.
final class Workspace {
    let path: String

    init() throws {
        // Under /tmp when the system's temporary folder is long (macOS): tmux
        // sockets live in here too, and a socket path may hold ~100 bytes at most.
        var base = FileManager.default.temporaryDirectory.path
        if base.count > 40 { base = "/tmp" }
        if base.hasSuffix("/") { base.removeLast() }
        let name = "kontor-e2e-" + UUID().uuidString.prefix(8).lowercased()
        path = "\(base)/\(name)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the workspace.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// The environment every program started by a test gets.
    var environment: [String: String] {
        var env = Processes.baseEnvironment(home: path)
        env["TMUX_TMPDIR"] = path
        return env
    }

    /// A demo database of its own for this test, and its path: a copy of the
    /// one `kontor demo --seed-only` made for the whole test run (see `DemoTemplates`).
    func demoDatabase(scale: Int = 300, name: String = "demo.sqlite") async throws -> String {
        let db = file(name)
        try await DemoTemplates.shared.copy(scale: scale, to: db)
        return db
    }

    /// Runs sqlite3 on a database and returns its standard output.
    @discardableResult
    func sqlite(_ db: String, _ sql: String) async throws -> String {
        let result = try await Processes.run(try Processes.which("sqlite3"), ["-batch", "-cmd", ".timeout 5000", db, sql],
                                             environment: environment, directory: path)
        guard result.status == 0 else {
            throw E2EError("sqlite3 \(db) \"\(sql)\" failed with status \(result.status): \(result.err)")
        }
        return result.out
    }

    /// Removes the folder, retrying for a moment if something still writes into it.
    deinit {
        let fm = FileManager.default
        let deadline = Date().addingTimeInterval(3)
        while true {
            do {
                try fm.removeItem(atPath: path)
                return
            } catch {
                // A kontor still shutting down may write its -wal/-shm files
                // after the folder was emptied: try again shortly.
                if Date() > deadline || !fm.fileExists(atPath: path) { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }
}
