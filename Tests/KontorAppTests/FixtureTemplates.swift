import Foundation

@MainActor
/// The screen tests' fixture database, built once per test run for each
/// number of filler customers and copied for every harness.
///
/// Nearly every screen test starts from the same customers; creating the
/// schema and saving them one by one through the model, test after test,
/// cost more than most tests themselves. A copy of the file takes
/// milliseconds and leaves each test a database of its own to change.
final class FixtureTemplates: @unchecked Sendable {
    static let shared = FixtureTemplates()

    /// Where the templates live; removed when the test process exits.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-screen-templates-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: FixtureTemplates.folder) }
        return url
    }()

    private let lock = NSLock()
    private var templates: [Int: String] = [:]

    /// Copies the fixture with `extraCustomers` fillers to `path`, building it
    /// first if no test has asked for it yet; tests asking meanwhile wait.
    func copy(extraCustomers: Int, to path: String) throws {
        let source = try template(extraCustomers: extraCustomers)
        let fm = FileManager.default
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try fm.copyItem(atPath: source, toPath: path)
    }

    private func template(extraCustomers: Int) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let path = templates[extraCustomers] { return path }
        let path = Self.folder.appendingPathComponent("fixture-\(extraCustomers)/kontor.sqlite").path
        try ScreenHarness.buildFixture(at: path, extraCustomers: extraCustomers)
        templates[extraCustomers] = path
        return path
    }
}
